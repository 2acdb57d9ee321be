// Exact evaluation of Wasm numeric operations on constants, for constant folding.
// Returns undefined whenever folding could differ from execution: a NaN result (Wasm leaves
// arithmetic NaN bits nondeterministic, so keep the runtime's), a trapping case (division by
// zero, overflow, out-of-range truncation: the explicit trap_if stays and decides), or an
// operation not covered here (SIMD, i64→f32 double rounding).
// Values: i32 as a signed number, i64 as a bigint, f32/f64 as numbers, plus raw bits where
// needed (f32 bits u32, f64 bits bigint).

const buf = new DataView(new ArrayBuffer(8));
export const f32FromBits = (bits: number): number => { buf.setUint32(0, bits >>> 0, true); return buf.getFloat32(0, true); };
export const f32Bits = (x: number): number => { buf.setFloat32(0, x, true); return buf.getUint32(0, true); };
export const f64FromBits = (lo: number, hi: number): number => { buf.setUint32(0, lo >>> 0, true); buf.setUint32(4, hi >>> 0, true); return buf.getFloat64(0, true); };
export const f64Bits = (x: number): [number, number] => { buf.setFloat64(0, x, true); return [buf.getUint32(0, true) | 0, buf.getUint32(4, true) | 0]; };

/** A folded constant: the type's byte plus its bits (i64/f64 as lo, hi words). */
export interface Folded { readonly kind: 'i32' | 'i64' | 'f32' | 'f64'; readonly lo: number; readonly hi: number }

const i32 = (v: number): Folded => ({ kind: 'i32', lo: v | 0, hi: 0 });
const bool = (c: boolean): Folded => i32(c ? 1 : 0);
const i64 = (v: bigint): Folded => ({ kind: 'i64', lo: Number(BigInt.asIntN(32, v)), hi: Number(BigInt.asIntN(32, v >> 32n)) });
const f32 = (x: number): Folded | undefined => Number.isNaN(x) ? undefined : { kind: 'f32', lo: f32Bits(x) | 0, hi: 0 };
const f64 = (x: number): Folded | undefined => { if (Number.isNaN(x)) return undefined; const [lo, hi] = f64Bits(x); return { kind: 'f64', lo, hi }; };

/** An argument: its bits (lo, hi words). */
export interface ConstArg { readonly lo: number; readonly hi: number }
const asI64 = (a: ConstArg): bigint => (BigInt(a.hi) << 32n) | BigInt(a.lo >>> 0);
const asF32 = (a: ConstArg): number => f32FromBits(a.lo);
const asF64 = (a: ConstArg): number => f64FromBits(a.lo, a.hi);

function clz32(x: number): number { return Math.clz32(x); }
function ctz32(x: number): number { return x === 0 ? 32 : 31 - Math.clz32(x & -x); }
function popcnt32(x: number): number { let n = 0; for (x >>>= 0; x !== 0; x &= x - 1) n++; return n; }
function clz64(x: bigint): bigint { const hi = Number(x >> 32n) | 0; return BigInt(hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(Number(BigInt.asUintN(32, x)))); }
function ctz64(x: bigint): bigint { const lo = Number(BigInt.asUintN(32, x)); return BigInt(lo !== 0 ? ctz32(lo) : 32 + ctz32(Number(BigInt.asUintN(32, x >> 32n)))); }
function popcnt64(x: bigint): bigint { return BigInt(popcnt32(Number(BigInt.asUintN(32, x))) + popcnt32(Number(BigInt.asUintN(32, x >> 32n)))); }

/** Round half to even (Wasm `nearest`) on a non-NaN value. */
function nearest(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const r = Math.round(x);
  const adjusted = Math.abs(x - Math.trunc(x)) === 0.5 ? 2 * Math.round(x / 2) : r;
  return adjusted === 0 ? (x < 0 ? -0 : 0) : adjusted;
}

function i32Binary(code: number, a: number, b: number): Folded | undefined {
  const ua = a >>> 0, ub = b >>> 0;
  switch (code) {
    case 0x46: return bool(a === b);
    case 0x47: return bool(a !== b);
    case 0x48: return bool(a < b);
    case 0x49: return bool(ua < ub);
    case 0x4a: return bool(a > b);
    case 0x4b: return bool(ua > ub);
    case 0x4c: return bool(a <= b);
    case 0x4d: return bool(ua <= ub);
    case 0x4e: return bool(a >= b);
    case 0x4f: return bool(ua >= ub);
    case 0x6a: return i32(a + b);
    case 0x6b: return i32(a - b);
    case 0x6c: return i32(Math.imul(a, b));
    case 0x6d: return b === 0 || (a === -0x80000000 && b === -1) ? undefined : i32(Math.trunc(a / b));
    case 0x6e: return b === 0 ? undefined : i32(Math.trunc(ua / ub));
    case 0x6f: return b === 0 ? undefined : i32(b === -1 ? 0 : a % b);
    case 0x70: return b === 0 ? undefined : i32(ua % ub);
    case 0x71: return i32(a & b);
    case 0x72: return i32(a | b);
    case 0x73: return i32(a ^ b);
    case 0x74: return i32(a << (b & 31));
    case 0x75: return i32(a >> (b & 31));
    case 0x76: return i32(ua >>> (b & 31));
    case 0x77: { const s = b & 31; return i32((a << s) | (ua >>> ((32 - s) & 31) & (s === 0 ? 0 : -1))); }
    case 0x78: { const s = b & 31; return i32((ua >>> s) | (s === 0 ? 0 : a << (32 - s))); }
  }
  return undefined;
}

function i64Binary(code: number, a: bigint, b: bigint): Folded | undefined {
  const ua = BigInt.asUintN(64, a), ub = BigInt.asUintN(64, b);
  const s = Number(ub & 63n);
  switch (code) {
    case 0x51: return bool(a === b);
    case 0x52: return bool(a !== b);
    case 0x53: return bool(a < b);
    case 0x54: return bool(ua < ub);
    case 0x55: return bool(a > b);
    case 0x56: return bool(ua > ub);
    case 0x57: return bool(a <= b);
    case 0x58: return bool(ua <= ub);
    case 0x59: return bool(a >= b);
    case 0x5a: return bool(ua >= ub);
    case 0x7c: return i64(a + b);
    case 0x7d: return i64(a - b);
    case 0x7e: return i64(a * b);
    case 0x7f: return b === 0n || (a === -(1n << 63n) && b === -1n) ? undefined : i64(a / b);
    case 0x80: return b === 0n ? undefined : i64(ua / ub);
    case 0x81: return b === 0n ? undefined : i64(a % b);
    case 0x82: return b === 0n ? undefined : i64(ua % ub);
    case 0x83: return i64(a & b);
    case 0x84: return i64(a | b);
    case 0x85: return i64(a ^ b);
    case 0x86: return i64(a << BigInt(s));
    case 0x87: return i64(a >> BigInt(s));
    case 0x88: return i64(ua >> BigInt(s));
    case 0x89: return i64((ua << BigInt(s)) | (ua >> BigInt((64 - s) & 63)) * (s === 0 ? 0n : 1n));
    case 0x8a: return i64((ua >> BigInt(s)) | (s === 0 ? 0n : ua << BigInt(64 - s)));
  }
  return undefined;
}

function floatCompare(code: number, x: number, y: number): Folded | undefined {
  switch (code) {
    case 0x5b: case 0x61: return bool(x === y);
    case 0x5c: case 0x62: return bool(x !== y);
    case 0x5d: case 0x63: return bool(x < y);
    case 0x5e: case 0x64: return bool(x > y);
    case 0x5f: case 0x65: return bool(x <= y);
    case 0x60: case 0x66: return bool(x >= y);
  }
  return undefined;
}

function floatArith(code: number, x: number, y: number): number {
  switch (code) {
    case 0: return x + y;
    case 1: return x - y;
    case 2: return x * y;
    case 3: return x / y;
    case 4: return Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.min(x, y);
    case 5: return Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.max(x, y);
  }
  return NaN;
}

function floatUnary(code: number, x: number): number {
  switch (code) {
    case 2: return Math.ceil(x);
    case 3: return Math.floor(x);
    case 4: return Math.trunc(x);
    case 5: return nearest(x);
    case 6: return Math.sqrt(x);
  }
  return NaN;
}

/** Saturating / checked float→int truncation; undefined when a checked one is out of range. */
function truncate(x: number, bits: 32 | 64, signed: boolean, saturate: boolean): Folded | undefined {
  if (Number.isNaN(x)) return saturate ? (bits === 32 ? i32(0) : i64(0n)) : undefined;
  const t = Math.trunc(x);
  const min = signed ? -(2 ** (bits - 1)) : 0;
  const maxExcl = signed ? 2 ** (bits - 1) : 2 ** bits;
  let v: number | bigint;
  if (t < min) { if (!saturate) return undefined; v = min; } else if (t >= maxExcl) { if (!saturate) return undefined; v = bits === 32 ? maxExcl - 1 : BigInt(maxExcl) - 1n; } else v = t;
  return bits === 32 ? i32(Number(v)) : i64(BigInt(v));
}

const sext = (v: bigint, bits: number): bigint => BigInt.asIntN(bits, v);

/** Folds Wasm numeric op `code` on constant arguments, or returns undefined. */
export function foldNumeric(code: number, args: readonly ConstArg[]): Folded | undefined {
  const a = args[0]!;
  const b = args[1];
  if (code >= 0x46 && code <= 0x4f || code >= 0x6a && code <= 0x78) return b && i32Binary(code, a.lo, b.lo);
  if (code >= 0x51 && code <= 0x5a || code >= 0x7c && code <= 0x8a) return b && i64Binary(code, asI64(a), asI64(b));
  if (code >= 0x5b && code <= 0x60) return b && floatCompare(code, asF32(a), asF32(b));
  if (code >= 0x61 && code <= 0x66) return b && floatCompare(code, asF64(a), asF64(b));
  switch (code) {
    case 0x45: return bool(a.lo === 0);
    case 0x50: return bool(a.lo === 0 && a.hi === 0);
    case 0x67: return i32(clz32(a.lo));
    case 0x68: return i32(ctz32(a.lo));
    case 0x69: return i32(popcnt32(a.lo));
    case 0x79: return i64(clz64(asI64(a)));
    case 0x7a: return i64(ctz64(asI64(a)));
    case 0x7b: return i64(popcnt64(asI64(a)));
    // sign-bit operations are exact on bits, NaN payload included
    case 0x8b: return { kind: 'f32', lo: a.lo & 0x7fffffff, hi: 0 };
    case 0x8c: return { kind: 'f32', lo: a.lo ^ -0x80000000, hi: 0 };
    case 0x98: return b && { kind: 'f32', lo: (a.lo & 0x7fffffff) | (b.lo & -0x80000000), hi: 0 };
    case 0x99: return { kind: 'f64', lo: a.lo, hi: a.hi & 0x7fffffff };
    case 0x9a: return { kind: 'f64', lo: a.lo, hi: a.hi ^ -0x80000000 };
    case 0xa6: return b && { kind: 'f64', lo: a.lo, hi: (a.hi & 0x7fffffff) | (b.hi & -0x80000000) };
    case 0xa7: return i32(a.lo);
    case 0xa8: return truncate(asF32(a), 32, true, false);
    case 0xa9: return truncate(asF32(a), 32, false, false);
    case 0xaa: return truncate(asF64(a), 32, true, false);
    case 0xab: return truncate(asF64(a), 32, false, false);
    case 0xac: return i64(BigInt(a.lo));
    case 0xad: return i64(BigInt(a.lo >>> 0));
    case 0xae: return truncate(asF32(a), 64, true, false);
    case 0xaf: return truncate(asF32(a), 64, false, false);
    case 0xb0: return truncate(asF64(a), 64, true, false);
    case 0xb1: return truncate(asF64(a), 64, false, false);
    case 0xb2: return f32(Math.fround(a.lo));
    case 0xb3: return f32(Math.fround(a.lo >>> 0));
    case 0xb6: return f32(Math.fround(asF64(a)));
    case 0xb7: return f64(a.lo);
    case 0xb8: return f64(a.lo >>> 0);
    case 0xb9: return f64(Number(asI64(a)));
    case 0xba: return f64(Number(BigInt.asUintN(64, asI64(a))));
    case 0xbb: return f64(asF32(a));
    case 0xbc: return i32(a.lo);
    case 0xbd: return { kind: 'i64', lo: a.lo, hi: a.hi };
    case 0xbe: return { kind: 'f32', lo: a.lo, hi: 0 };
    case 0xbf: return { kind: 'f64', lo: a.lo, hi: a.hi };
    case 0xc0: return i32((a.lo << 24) >> 24);
    case 0xc1: return i32((a.lo << 16) >> 16);
    case 0xc2: return i64(sext(asI64(a), 8));
    case 0xc3: return i64(sext(asI64(a), 16));
    case 0xc4: return i64(sext(asI64(a), 32));
    case 0xfc000: return truncate(asF32(a), 32, true, true);
    case 0xfc001: return truncate(asF32(a), 32, false, true);
    case 0xfc002: return truncate(asF64(a), 32, true, true);
    case 0xfc003: return truncate(asF64(a), 32, false, true);
    case 0xfc004: return truncate(asF32(a), 64, true, true);
    case 0xfc005: return truncate(asF32(a), 64, false, true);
    case 0xfc006: return truncate(asF64(a), 64, true, true);
    case 0xfc007: return truncate(asF64(a), 64, false, true);
  }
  if (code >= 0x8d && code <= 0x91) return f32(Math.fround(floatUnary(code - 0x8b, asF32(a))));
  if (code >= 0x92 && code <= 0x97) return b && f32(Math.fround(floatArith(code - 0x92, asF32(a), asF32(b))));
  if (code >= 0x9b && code <= 0x9f) return f64(floatUnary(code - 0x99, asF64(a)));
  if (code >= 0xa0 && code <= 0xa5) return b && f64(floatArith(code - 0xa0, asF64(a), asF64(b)));
  return undefined;
}
