import { decodeModule } from '../../src/wasm/decoder.js';
import type { WasmModule } from '../../src/wasm/module.js';

interface WabtModule { toBinary(o: object): { buffer: Uint8Array }; destroy(): void; validate(): void }
interface Wabt {
  parseWat(name: string, text: string, features?: Record<string, boolean>): WabtModule;
  readWasm(bytes: Uint8Array, options: Record<string, boolean>): WabtModule;
}
let wabtPromise: Promise<Wabt> | undefined;

export async function wabt(): Promise<Wabt> {
  wabtPromise ??= import('wabt').then(async (m) => (await (m.default as unknown as () => Promise<Wabt>)()));
  return wabtPromise;
}

const features = { simd: true, reference_types: true, bulk_memory: true, multi_value: true, sat_float_to_int: true, sign_extension: true, mutable_globals: true };

/** Throws unless wabt reads and validates the binary module. */
export async function validateBinary(bytes: Uint8Array): Promise<void> {
  const w = await wabt();
  const mod = w.readWasm(bytes, { readDebugNames: false, ...features });
  try {
    mod.validate();
  } finally {
    mod.destroy();
  }
}

export async function watToBytes(text: string, names = false): Promise<Uint8Array> {
  const w = await wabt();
  const mod = w.parseWat('test.wat', text, features);
  try {
    mod.validate();
    return mod.toBinary({ write_debug_names: names }).buffer;
  } finally {
    mod.destroy();
  }
}

export async function watToModule(text: string, names = true): Promise<WasmModule> {
  return decodeModule(await watToBytes(text, names));
}
