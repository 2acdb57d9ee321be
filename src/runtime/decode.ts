// The runtime's entry to the decoder and validator (src/wasm).
import { compileModule } from '../wasm/index.js';
import type { WasmModule } from '../wasm/module.js';

/** Decodes and validates; throws CompileError with the byte offset. */
export function decodeAndValidate(bytes: Uint8Array): WasmModule {
  return compileModule(bytes);
}
