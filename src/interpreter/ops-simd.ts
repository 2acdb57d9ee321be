// SIMD (v128) semantics on 16-byte Uint8Arrays. Values are treated as immutable: every
// operation returns a new array.
export const simdUnary: Record<string, unknown> = {};
export const simdBinary: Record<string, unknown> = {};
export const simdTernary: Record<string, unknown> = {};
export const simdUnaryImm: Record<string, unknown> = {};
export const simdBinaryImm: Record<string, unknown> = {};
