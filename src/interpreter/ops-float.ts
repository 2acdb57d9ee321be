// Float instruction semantics and numeric conversions on raw values (f32: its bits as an int32,
// f64: number). Sign operations (neg, abs, copysign) work on bits so NaN payloads survive;
// arithmetic may return any NaN with the quiet bit set, which JS arithmetic does.
import { TrapKind } from '../runtime/trap.js';
import { f32FromBits as f, f32ToBits as F } from '../runtime/values.js';
import { trap } from './trap.js';

type N = number;
type B = bigint;
const b = (c: boolean): number => (c ? 1 : 0);

const f64s = new Float64Array(1);
const f64w = new Int32Array(f64s.buffer); // [low word, high word] on little-endian hosts
const f64q = new BigInt64Array(f64s.buffer);

function f64Sign(x: N, sign: number /* 0 clear, 1 set, 2 flip */): N {
  f64s[0] = x;
  const h = f64w[1]!;
  f64w[1] = sign === 0 ? h & 0x7fffffff : sign === 1 ? h | 0x80000000 : h ^ 0x80000000;
  return f64s[0]!;
}

/** Rounding functions return a NaN operand as is; Wasm wants it quiet (an arithmetic NaN). */
function quietF64(x: N): N {
  f64s[0] = x;
  f64w[1] = f64w[1]! | 0x00080000;
  return f64s[0]!;
}

function rounding(fn: (x: N) => N): (x: N) => N {
  return (x) => (x !== x ? quietF64(x) : fn(x));
}

function f64SignBit(x: N): number {
  f64s[0] = x;
  return f64w[1]! >>> 31;
}

/** Round to nearest, ties to even. */
function nearest(x: N): N {
  if (!Number.isFinite(x) || x === 0) return x;
  const r = Math.round(x);
  const adjusted = Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  // Keep the sign of zero: nearest(-0.4) is -0.
  return adjusted === 0 ? (x < 0 ? -0 : 0) : adjusted;
}

function fmin(x: N, y: N): N { return Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.min(x, y); }
function fmax(x: N, y: N): N { return Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.max(x, y); }

/** An i64 (as unsigned when `unsigned`) to the nearest f32, without rounding twice: values
 * beyond 2^53 are shortened to 53 bits with a sticky low bit before the f64 step. */
function i64ToF32(x: B, unsigned: boolean): N {
  let v = unsigned ? BigInt.asUintN(64, x) : x;
  const neg = v < 0n;
  if (neg) v = -v;
  if (v < (1n << 53n)) return Math.fround(neg ? -Number(v) : Number(v));
  const len = v.toString(2).length;
  const shift = BigInt(len - 53);
  const sticky = (v & ((1n << shift) - 1n)) !== 0n ? 1n : 0n;
  const m = Number((v >> shift) | sticky);
  const r = Math.fround(m * 2 ** Number(shift));
  return neg ? -r : r;
}

function truncChecked(x: N, lo: N, hi: N): N {
  if (Number.isNaN(x)) trap(TrapKind.InvalidConversionToInteger);
  if (!(x > lo && x < hi)) trap(TrapKind.IntegerOverflow);
  return Math.trunc(x);
}

function truncSat(x: N, lo: N, hi: N): N {
  if (Number.isNaN(x)) return 0;
  if (x <= lo) return lo + 1;
  if (x >= hi) return hi - 1;
  return Math.trunc(x);
}

const TWO63 = 2 ** 63;
const TWO64 = 2 ** 64;

function truncSat64(x: N, unsigned: boolean): B {
  if (Number.isNaN(x)) return 0n;
  if (unsigned) {
    if (x <= 0) return 0n;
    if (x >= TWO64) return -1n;
    return BigInt.asIntN(64, BigInt(Math.trunc(x)));
  }
  if (x <= -TWO63) return -(1n << 63n);
  if (x >= TWO63) return (1n << 63n) - 1n;
  return BigInt(Math.trunc(x));
}

export const floatUnary: Record<string, (x: never) => unknown> = {
  'f32.abs': (x: N) => x & 0x7fffffff,
  'f32.neg': (x: N) => x ^ -0x80000000,
  'f32.ceil': (x: N) => F(Math.ceil(f(x))),
  'f32.floor': (x: N) => F(Math.floor(f(x))),
  'f32.trunc': (x: N) => F(Math.trunc(f(x))),
  'f32.nearest': (x: N) => F(nearest(f(x))),
  'f32.sqrt': (x: N) => F(Math.sqrt(f(x))),
  'f64.abs': (x: N) => f64Sign(x, 0),
  'f64.neg': (x: N) => f64Sign(x, 2),
  'f64.ceil': rounding(Math.ceil),
  'f64.floor': rounding(Math.floor),
  'f64.trunc': rounding(Math.trunc),
  'f64.nearest': rounding(nearest),
  'f64.sqrt': Math.sqrt,

  'i32.trunc_f32_s': (x: N) => truncChecked(f(x), -2147483649, 2147483648) | 0,
  'i32.trunc_f32_u': (x: N) => truncChecked(f(x), -1, 4294967296) | 0,
  'i32.trunc_f64_s': (x: N) => truncChecked(x, -2147483649, 2147483648) | 0,
  'i32.trunc_f64_u': (x: N) => truncChecked(x, -1, 4294967296) | 0,
  'i64.trunc_f32_s': (x: N) => BigInt(truncChecked(f(x), -TWO63 - 1025, TWO63)),
  'i64.trunc_f32_u': (x: N) => BigInt.asIntN(64, BigInt(truncChecked(f(x), -1, TWO64))),
  'i64.trunc_f64_s': (x: N) => BigInt(truncChecked(x, -TWO63 - 1025, TWO63)),
  'i64.trunc_f64_u': (x: N) => BigInt.asIntN(64, BigInt(truncChecked(x, -1, TWO64))),
  'i32.trunc_sat_f32_s': (x: N) => truncSat(f(x), -2147483649, 2147483648) | 0,
  'i32.trunc_sat_f32_u': (x: N) => truncSat(f(x), -1, 4294967296) | 0,
  'i32.trunc_sat_f64_s': (x: N) => truncSat(x, -2147483649, 2147483648) | 0,
  'i32.trunc_sat_f64_u': (x: N) => truncSat(x, -1, 4294967296) | 0,
  'i64.trunc_sat_f32_s': (x: N) => truncSat64(f(x), false),
  'i64.trunc_sat_f32_u': (x: N) => truncSat64(f(x), true),
  'i64.trunc_sat_f64_s': (x: N) => truncSat64(x, false),
  'i64.trunc_sat_f64_u': (x: N) => truncSat64(x, true),

  'f32.convert_i32_s': (x: N) => F(x),
  'f32.convert_i32_u': (x: N) => F(x >>> 0),
  'f32.convert_i64_s': (x: B) => F(i64ToF32(x, false)),
  'f32.convert_i64_u': (x: B) => F(i64ToF32(x, true)),
  'f32.demote_f64': (x: N) => F(x),
  'f64.convert_i32_s': (x: N) => x,
  'f64.convert_i32_u': (x: N) => x >>> 0,
  'f64.convert_i64_s': (x: B) => Number(x),
  'f64.convert_i64_u': (x: B) => Number(BigInt.asUintN(64, x)),
  'f64.promote_f32': (x: N) => f(x),
  'i32.reinterpret_f32': (x: N) => x,
  'f32.reinterpret_i32': (x: N) => x,
  'i64.reinterpret_f64': (x: N) => { f64s[0] = x; return f64q[0]!; },
  'f64.reinterpret_i64': (x: B) => { f64q[0] = x; return f64s[0]!; },
};

export const floatBinary: Record<string, (x: never, y: never) => unknown> = {
  'f32.eq': (x: N, y: N) => b(f(x) === f(y)),
  'f32.ne': (x: N, y: N) => b(f(x) !== f(y)),
  'f32.lt': (x: N, y: N) => b(f(x) < f(y)),
  'f32.gt': (x: N, y: N) => b(f(x) > f(y)),
  'f32.le': (x: N, y: N) => b(f(x) <= f(y)),
  'f32.ge': (x: N, y: N) => b(f(x) >= f(y)),
  'f32.add': (x: N, y: N) => F(f(x) + f(y)),
  'f32.sub': (x: N, y: N) => F(f(x) - f(y)),
  'f32.mul': (x: N, y: N) => F(f(x) * f(y)),
  'f32.div': (x: N, y: N) => F(f(x) / f(y)),
  'f32.min': (x: N, y: N) => F(fmin(f(x), f(y))),
  'f32.max': (x: N, y: N) => F(fmax(f(x), f(y))),
  'f32.copysign': (x: N, y: N) => (x & 0x7fffffff) | (y & -0x80000000),
  'f64.eq': (x: N, y: N) => b(x === y),
  'f64.ne': (x: N, y: N) => b(x !== y),
  'f64.lt': (x: N, y: N) => b(x < y),
  'f64.gt': (x: N, y: N) => b(x > y),
  'f64.le': (x: N, y: N) => b(x <= y),
  'f64.ge': (x: N, y: N) => b(x >= y),
  'f64.add': (x: N, y: N) => x + y,
  'f64.sub': (x: N, y: N) => x - y,
  'f64.mul': (x: N, y: N) => x * y,
  'f64.div': (x: N, y: N) => x / y,
  'f64.min': fmin,
  'f64.max': fmax,
  'f64.copysign': (x: N, y: N) => f64Sign(x, f64SignBit(y)),
};
