// Explicit trap checks emitted before Wasm instructions that can trap, so that the IR op itself
// never traps (see docs/ssa.md, "Trap lowering"). Integer bounds are exact float constants.
import { TrapKind } from '../runtime/trap.js';
import type { IrBuilder } from '../ssa/builder.js';

const I32_EQZ = 0x45, I32_EQ = 0x46, I32_AND = 0x71, I32_GE_U = 0x4f;
const I64_EQZ = 0x50, I64_EQ = 0x51;
const F32_NE = 0x5c, F32_LT = 0x5d, F32_GT = 0x5e, F32_GE = 0x60;
const F64_NE = 0x62, F64_LT = 0x63, F64_GT = 0x64, F64_GE = 0x66;

const I32_DIV_S = 0x6d, I32_REM_U = 0x70, I64_DIV_S = 0x7f, I64_REM_U = 0x82;

/** True for the integer division and remainder opcodes. */
export function isIntDivision(code: number): boolean {
  return (code >= I32_DIV_S && code <= I32_REM_U) || (code >= I64_DIV_S && code <= I64_REM_U);
}

/** Division by zero, and for div_s the MIN / -1 overflow. */
export function guardDivision(b: IrBuilder, code: number, lhs: number, rhs: number): void {
  const is64 = code >= I64_DIV_S;
  b.trapIf(b.num(is64 ? I64_EQZ : I32_EQZ, rhs), TrapKind.IntegerDivideByZero);
  if (code !== I32_DIV_S && code !== I64_DIV_S) return;
  const min = is64 ? b.iconst64(-(1n << 63n)) : b.iconst32(-0x80000000);
  const minusOne = is64 ? b.iconst64(-1n) : b.iconst32(-1);
  const eq = is64 ? I64_EQ : I32_EQ;
  b.trapIf(b.num(I32_AND, b.num(eq, lhs, min), b.num(eq, rhs, minusOne)), TrapKind.IntegerOverflow);
}

// Trapping float→int truncations: code -> [source is f64, lower bound inclusive, lower bits, upper bits].
// The value is in range iff lower <(=) x < upper. Bits are f32 patterns or f64 [lo, hi] words.
interface TruncBounds { readonly f64: boolean; readonly lowInclusive: boolean; readonly low: readonly number[]; readonly high: readonly number[] }
const truncBounds = new Map<number, TruncBounds>([
  [0xa8, { f64: false, lowInclusive: true, low: [0xcf000000], high: [0x4f000000] }],         // i32.trunc_f32_s: [-2^31, 2^31)
  [0xa9, { f64: false, lowInclusive: false, low: [0xbf800000], high: [0x4f800000] }],        // i32.trunc_f32_u: (-1, 2^32)
  [0xaa, { f64: true, lowInclusive: false, low: [0x00200000, 0xc1e00000], high: [0, 0x41e00000] }], // i32.trunc_f64_s: (-2^31-1, 2^31)
  [0xab, { f64: true, lowInclusive: false, low: [0, 0xbff00000], high: [0, 0x41f00000] }],   // i32.trunc_f64_u: (-1, 2^32)
  [0xae, { f64: false, lowInclusive: true, low: [0xdf000000], high: [0x5f000000] }],         // i64.trunc_f32_s: [-2^63, 2^63)
  [0xaf, { f64: false, lowInclusive: false, low: [0xbf800000], high: [0x5f800000] }],        // i64.trunc_f32_u: (-1, 2^64)
  [0xb0, { f64: true, lowInclusive: true, low: [0, 0xc3e00000], high: [0, 0x43e00000] }],    // i64.trunc_f64_s: [-2^63, 2^63)
  [0xb1, { f64: true, lowInclusive: false, low: [0, 0xbff00000], high: [0, 0x43f00000] }],   // i64.trunc_f64_u: (-1, 2^64)
]);

export function isTrappingTrunc(code: number): boolean {
  return truncBounds.has(code);
}

/** NaN → invalid conversion; out of range → integer overflow. */
export function guardTrunc(b: IrBuilder, code: number, x: number): void {
  const t = truncBounds.get(code)!;
  const c = (bits: readonly number[]): number => t.f64 ? b.fconst64Parts(bits[0]!, bits[1]!) : b.fconst32Bits(bits[0]!);
  b.trapIf(b.num(t.f64 ? F64_NE : F32_NE, x, x), TrapKind.InvalidConversionToInteger);
  const lowOk = b.num(t.f64 ? (t.lowInclusive ? F64_GE : F64_GT) : (t.lowInclusive ? F32_GE : F32_GT), x, c(t.low));
  const highOk = b.num(t.f64 ? F64_LT : F32_LT, x, c(t.high));
  b.trapIf(b.num(I32_EQZ, b.num(I32_AND, lowOk, highOk)), TrapKind.IntegerOverflow);
}

/** Traps with `kind` unless index < size (unsigned). */
export function guardIndex(b: IrBuilder, index: number, size: number, kind: TrapKind): void {
  b.trapIf(b.num(I32_GE_U, index, size), kind);
}
