// The decoder/validator stage's entry points, used by the runtime (compile) and the public API.
import type { WasmModule } from './module.js';
import { FeaturesV2, type Features } from './features.js';
import { decodeModule } from './decoder.js';
import { validateModule } from './validate-module.js';
import { CompileError } from '../runtime/errors.js';

export { decodeModule } from './decoder.js';
export { validateModule } from './validate-module.js';
export { describeImports, describeExports, type ImportDescriptor, type ExportDescriptor, type ExternType } from './describe.js';
export { Feature, FeaturesV1, FeaturesV2, featureName, featureNames, type Features } from './features.js';
export type { WasmModule } from './module.js';

/** Module bytes as the public API accepts them (like WebAssembly.validate's BufferSource). */
export type ModuleBytes = Uint8Array | ArrayBuffer | ArrayBufferView;

/** A Uint8Array view of the bytes (no copy); TypeError for anything that is not bytes. */
export function moduleBytesOf(bytes: ModuleBytes): Uint8Array {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  if (ArrayBuffer.isView(bytes)) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  throw new TypeError(`expected module bytes (Uint8Array, ArrayBuffer or ArrayBufferView), got ${typeof bytes}`);
}

/** Decodes and validates a module. Throws CompileError (with `.offset`) if it is malformed or
 * invalid, TypeError if `bytes` is not bytes. */
export function compileModule(bytes: ModuleBytes, features: Features = FeaturesV2): WasmModule {
  const module = decodeModule(moduleBytesOf(bytes), features);
  validateModule(module, features);
  return module;
}

/** Whether `bytes` is a valid module under `features`. Only CompileError means "no": any other
 * exception is a bug in zerowasm and is rethrown. */
export function validate(bytes: ModuleBytes, features: Features = FeaturesV2): boolean {
  try {
    compileModule(bytes, features);
    return true;
  } catch (e) {
    if (e instanceof CompileError) return false;
    throw e;
  }
}
