// The error a backend throws for code it cannot compile yet (some SIMD operations). The compiler
// engine recognises it by type and runs the module on the interpreter instead.
export class SimdUnsupportedError extends Error {
  override name = 'SimdUnsupportedError';
  /** The Wasm operation (e.g. `i64x2.gt_s`) the backend cannot compile. */
  constructor(readonly op: string) {
    super(`SIMD op ${op} not supported by the compiler yet`);
  }
}
