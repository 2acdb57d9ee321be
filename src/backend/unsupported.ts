// The error a backend throws for code it cannot compile yet (SIMD for now). The compiler engine
// recognises it by type and runs the module on the interpreter instead.
export class SimdUnsupportedError extends Error {
  override name = 'SimdUnsupportedError';
  constructor() {
    super('SIMD not supported by the compiler yet');
  }
}
