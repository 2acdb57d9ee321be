// Text-format modules to binary, through the `wabt` npm package (a dev dependency). Only
// `parseWat` + `toBinary` are used, never wabt's validator: invalid modules must reach the
// engine as bytes, since rejecting them is the engine's job.
import type { ModuleSource } from './script.js';

export type WatResult = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly message: string };

interface WabtModule {
  toBinary(options: Record<string, never>): { buffer: Uint8Array };
  destroy(): void;
}
interface Wabt {
  parseWat(filename: string, text: string | Uint8Array, features: Record<string, boolean>): WabtModule;
}

// The Core 2.0 feature set, enabled in wabt explicitly.
const core2Features = {
  multi_value: true, bulk_memory: true, reference_types: true, simd: true,
  sign_extension: true, sat_float_to_int: true, mutable_globals: true,
};

let wabt: Wabt | undefined;

/** Loads wabt once (it is a wasm module itself, so loading is async). */
export async function loadWabt(): Promise<void> {
  if (wabt !== undefined) return;
  const init = (await import('wabt')).default as unknown as () => Promise<Wabt>;
  wabt = await init();
}

function latin1Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** The module's binary; text forms go through wabt (call `loadWabt` first). */
export function moduleBytes(source: ModuleSource): WatResult {
  if (source.form === 'binary') return { ok: true, bytes: source.bytes };
  if (wabt === undefined) throw new Error('wabt not loaded: call loadWabt() first');
  let m: WabtModule | undefined;
  try {
    // Bytes, not a JS string: the text is one char per source byte (UTF-8 names stay exact).
    m = wabt.parseWat('module.wat', latin1Bytes(source.text), core2Features);
    return { ok: true, bytes: m.toBinary({}).buffer.slice() };
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).replace(/^parseWat failed:\s*/, '').split('\n')[0] ?? '';
    return { ok: false, message };
  } finally {
    m?.destroy();
  }
}
