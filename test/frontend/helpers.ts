import { decodeModule } from '../../src/wasm/decoder.js';
import type { WasmModule } from '../../src/wasm/module.js';

interface WabtModule { toBinary(o: object): { buffer: Uint8Array }; destroy(): void; validate(): void }
interface Wabt { parseWat(name: string, text: string, features?: Record<string, boolean>): WabtModule }
let wabtPromise: Promise<Wabt> | undefined;

export async function wabt(): Promise<Wabt> {
  wabtPromise ??= import('wabt').then(async (m) => (await (m.default as unknown as () => Promise<Wabt>)()));
  return wabtPromise;
}

export async function watToBytes(text: string): Promise<Uint8Array> {
  const w = await wabt();
  const mod = w.parseWat('test.wat', text, { simd: true, reference_types: true, bulk_memory: true, multi_value: true, sat_float_to_int: true, sign_extension: true, mutable_globals: true });
  try {
    mod.validate();
    return mod.toBinary({}).buffer;
  } finally {
    mod.destroy();
  }
}

export async function watToModule(text: string): Promise<WasmModule> {
  return decodeModule(await watToBytes(text));
}
