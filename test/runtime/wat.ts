// Test helper: WebAssembly text → bytes through the `wabt` dev dependency, with Core 2.0
// features and the name section (so traps can name functions).
interface WabtModule {
  toBinary(options: { write_debug_names?: boolean }): { buffer: Uint8Array };
  destroy(): void;
}
interface Wabt {
  parseWat(filename: string, text: string, features: Record<string, boolean>): WabtModule;
}

let wabt: Wabt | undefined;

export async function loadWat(): Promise<void> {
  if (wabt !== undefined) return;
  const init = (await import('wabt')).default as unknown as () => Promise<Wabt>;
  wabt = await init();
}

export function wat(text: string): Uint8Array {
  if (wabt === undefined) throw new Error('call loadWat() in a before() hook first');
  const m = wabt.parseWat('test.wat', text, {
    multi_value: true, bulk_memory: true, reference_types: true, simd: true,
    sign_extension: true, sat_float_to_int: true, mutable_globals: true,
  });
  try {
    return m.toBinary({ write_debug_names: true }).buffer;
  } finally {
    m.destroy();
  }
}
