// SIMD (v128) semantics on 16-byte Uint8Arrays, built from lane-wise generators over typed-array
// views. Values are immutable: every operation returns a new array. f32 lanes are handled as
// their int32 bits through the scalar f32 functions (so NaN payloads and sign operations behave
// exactly like scalar code); f64 lanes go through Float64Array, which keeps bits.
import { floatBinary, floatUnary } from './ops-float.js';

/** A typed-array view of one lane shape, indexed generically (the generators are shape-agnostic). */
type Lanes = { [i: number]: unknown; readonly length: number };
type Ctor = { new(buffer: ArrayBufferLike, byteOffset?: number, length?: number): Lanes; readonly BYTES_PER_ELEMENT: number };
type V = Uint8Array;
type Fn1 = (a: never) => unknown;
type Fn2 = (a: never, b: never) => unknown;

const I8 = Int8Array as Ctor, U8 = Uint8Array as Ctor, I16 = Int16Array as Ctor, U16 = Uint16Array as Ctor;
const I32 = Int32Array as Ctor, U32 = Uint32Array as Ctor, F64 = Float64Array as Ctor;
const I64 = BigInt64Array as Ctor, U64 = BigUint64Array as Ctor;

function view(C: Ctor, v: V): Lanes {
  const own = v.byteOffset % 8 === 0 ? v : v.slice();
  return new C(own.buffer, own.byteOffset, 16 / C.BYTES_PER_ELEMENT);
}

function fresh(C: Ctor): [V, Lanes] {
  const out = new Uint8Array(16);
  return [out, new C(out.buffer)];
}

function map1(In: Ctor, Out: Ctor, fn: (a: never, i: number) => unknown): (x: V) => V {
  return (x) => {
    const a = view(In, x);
    const [out, o] = fresh(Out);
    for (let i = 0; i < o.length; i++) o[i] = fn(a[i] as never, i);
    return out;
  };
}

function map2(In: Ctor, Out: Ctor, fn: Fn2): (x: V, y: V) => V {
  return (x, y) => {
    const a = view(In, x), b = view(In, y);
    const [out, o] = fresh(Out);
    for (let i = 0; i < o.length; i++) o[i] = fn(a[i] as never, b[i] as never);
    return out;
  };
}

/** Lanes of `In`, results into `Out` lanes 0..n-1 (n = input lanes used), the rest zero. */
function narrowOrWiden(In: Ctor, Out: Ctor, from: number, count: number, fn: Fn1): (x: V) => V {
  return (x) => {
    const a = view(In, x);
    const [out, o] = fresh(Out);
    for (let i = 0; i < count; i++) o[i] = fn(a[from + i] as never);
    return out;
  };
}

const clamp = (lo: number, hi: number) => (v: number): number => (v < lo ? lo : v > hi ? hi : v);
const cmp = (c: boolean): number => (c ? -1 : 0);
const cmp64 = (c: boolean): bigint => (c ? -1n : 0n);
const id = (x: never): unknown => x;

export const simdUnary: Record<string, unknown> = {
  'i8x16.splat': (x: number) => { const [o, l] = fresh(I8); (l as Int8Array).fill(x); return o; },
  'i16x8.splat': (x: number) => { const [o, l] = fresh(I16); (l as Int16Array).fill(x); return o; },
  'i32x4.splat': (x: number) => { const [o, l] = fresh(I32); (l as Int32Array).fill(x); return o; },
  'f32x4.splat': (x: number) => { const [o, l] = fresh(I32); (l as Int32Array).fill(x); return o; },
  'i64x2.splat': (x: bigint) => { const [o, l] = fresh(I64); (l as BigInt64Array).fill(x); return o; },
  'f64x2.splat': (x: number) => { const [o, l] = fresh(F64); (l as Float64Array).fill(x); return o; },
  'v128.not': map1(I32, I32, (a: number) => ~a),
  'v128.any_true': (x: V) => (x.some((b) => b !== 0) ? 1 : 0),
  'i8x16.abs': map1(I8, I8, (a: number) => Math.abs(a)),
  'i8x16.neg': map1(I8, I8, (a: number) => -a),
  'i8x16.popcnt': map1(U8, U8, (a: number) => { let n = 0; for (let v = a; v; v &= v - 1) n++; return n; }),
  'i16x8.abs': map1(I16, I16, (a: number) => Math.abs(a)),
  'i16x8.neg': map1(I16, I16, (a: number) => -a),
  'i32x4.abs': map1(I32, I32, (a: number) => Math.abs(a)),
  'i32x4.neg': map1(I32, I32, (a: number) => -a),
  'i64x2.abs': map1(I64, I64, (a: bigint) => (a < 0n ? -a : a)),
  'i64x2.neg': map1(I64, I64, (a: bigint) => -a),
  'i16x8.extadd_pairwise_i8x16_s': pairwise(I8, I16),
  'i16x8.extadd_pairwise_i8x16_u': pairwise(U8, I16),
  'i32x4.extadd_pairwise_i16x8_s': pairwise(I16, I32),
  'i32x4.extadd_pairwise_i16x8_u': pairwise(U16, I32),
  'i16x8.extend_low_i8x16_s': narrowOrWiden(I8, I16, 0, 8, id),
  'i16x8.extend_high_i8x16_s': narrowOrWiden(I8, I16, 8, 8, id),
  'i16x8.extend_low_i8x16_u': narrowOrWiden(U8, I16, 0, 8, id),
  'i16x8.extend_high_i8x16_u': narrowOrWiden(U8, I16, 8, 8, id),
  'i32x4.extend_low_i16x8_s': narrowOrWiden(I16, I32, 0, 4, id),
  'i32x4.extend_high_i16x8_s': narrowOrWiden(I16, I32, 4, 4, id),
  'i32x4.extend_low_i16x8_u': narrowOrWiden(U16, I32, 0, 4, id),
  'i32x4.extend_high_i16x8_u': narrowOrWiden(U16, I32, 4, 4, id),
  'i64x2.extend_low_i32x4_s': narrowOrWiden(I32, I64, 0, 2, (a: number) => BigInt(a)),
  'i64x2.extend_high_i32x4_s': narrowOrWiden(I32, I64, 2, 2, (a: number) => BigInt(a)),
  'i64x2.extend_low_i32x4_u': narrowOrWiden(U32, I64, 0, 2, (a: number) => BigInt(a)),
  'i64x2.extend_high_i32x4_u': narrowOrWiden(U32, I64, 2, 2, (a: number) => BigInt(a)),
  'i8x16.all_true': allTrue(U8), 'i16x8.all_true': allTrue(U16), 'i32x4.all_true': allTrue(U32), 'i64x2.all_true': allTrue(U64),
  'i8x16.bitmask': bitmask(I8), 'i16x8.bitmask': bitmask(I16), 'i32x4.bitmask': bitmask(I32), 'i64x2.bitmask': bitmask(I64),
  'i32x4.trunc_sat_f32x4_s': map1(I32, I32, floatUnary['i32.trunc_sat_f32_s']!),
  'i32x4.trunc_sat_f32x4_u': map1(I32, I32, floatUnary['i32.trunc_sat_f32_u']!),
  'f32x4.convert_i32x4_s': map1(I32, I32, floatUnary['f32.convert_i32_s']!),
  'f32x4.convert_i32x4_u': map1(I32, I32, floatUnary['f32.convert_i32_u']!),
  'i32x4.trunc_sat_f64x2_s_zero': narrowOrWiden(F64, I32, 0, 2, floatUnary['i32.trunc_sat_f64_s']!),
  'i32x4.trunc_sat_f64x2_u_zero': narrowOrWiden(F64, I32, 0, 2, floatUnary['i32.trunc_sat_f64_u']!),
  'f64x2.convert_low_i32x4_s': narrowOrWiden(I32, F64, 0, 2, floatUnary['f64.convert_i32_s']!),
  'f64x2.convert_low_i32x4_u': narrowOrWiden(I32, F64, 0, 2, floatUnary['f64.convert_i32_u']!),
  'f32x4.demote_f64x2_zero': narrowOrWiden(F64, I32, 0, 2, floatUnary['f32.demote_f64']!),
  'f64x2.promote_low_f32x4': narrowOrWiden(I32, F64, 0, 2, floatUnary['f64.promote_f32']!),
};
for (const op of ['abs', 'neg', 'sqrt', 'ceil', 'floor', 'trunc', 'nearest']) {
  simdUnary[`f32x4.${op}`] = map1(I32, I32, floatUnary[`f32.${op}`]!);
  simdUnary[`f64x2.${op}`] = map1(F64, F64, floatUnary[`f64.${op}`]!);
}

function pairwise(In: Ctor, Out: Ctor): (x: V) => V {
  return (x) => {
    const a = view(In, x);
    const [out, o] = fresh(Out);
    for (let i = 0; i < o.length; i++) o[i] = (a[2 * i] as number) + (a[2 * i + 1] as number);
    return out;
  };
}

function allTrue(C: Ctor): (x: V) => number {
  return (x) => { const a = view(C, x); for (let i = 0; i < a.length; i++) if (a[i] == 0) return 0; return 1; };
}

function bitmask(C: Ctor): (x: V) => number {
  return (x) => { const a = view(C, x); let m = 0; for (let i = 0; i < a.length; i++) if ((a[i] as number) < 0) m |= 1 << i; return m; };
}

function narrow(In: Ctor, Out: Ctor, sat: (v: number) => number): (x: V, y: V) => V {
  return (x, y) => {
    const a = view(In, x), b = view(In, y);
    const [out, o] = fresh(Out);
    const n = a.length;
    for (let i = 0; i < n; i++) { o[i] = sat(a[i] as number); o[n + i] = sat(b[i] as number); }
    return out;
  };
}

function extmul(In: Ctor, Out: Ctor, from: number, big: boolean): (x: V, y: V) => V {
  return (x, y) => {
    const a = view(In, x), b = view(In, y);
    const [out, o] = fresh(Out);
    for (let i = 0; i < o.length; i++) {
      const p = (a[from + i] as number) * (b[from + i] as number);
      o[i] = big ? BigInt(p) : p;
    }
    return out;
  };
}

function shift(C: Ctor, bits: number, fn: (a: never, s: number) => unknown): (x: V, s: number) => V {
  return (x, s) => {
    const a = view(C, x);
    const [out, o] = fresh(C);
    const k = s & (bits - 1);
    for (let i = 0; i < o.length; i++) o[i] = fn(a[i] as never, k);
    return out;
  };
}

const f32b = (name: string): Fn2 => floatBinary[`f32.${name}`]!;
const f64b = (name: string): Fn2 => floatBinary[`f64.${name}`]!;

export const simdBinary: Record<string, unknown> = {
  'v128.and': map2(I32, I32, (a: number, b: number) => a & b),
  'v128.andnot': map2(I32, I32, (a: number, b: number) => a & ~b),
  'v128.or': map2(I32, I32, (a: number, b: number) => a | b),
  'v128.xor': map2(I32, I32, (a: number, b: number) => a ^ b),
  'i8x16.swizzle': (x: V, y: V) => { const out = new Uint8Array(16); for (let i = 0; i < 16; i++) out[i] = y[i]! < 16 ? x[y[i]!]! : 0; return out; },
  'i8x16.narrow_i16x8_s': narrow(I16, I8, clamp(-128, 127)),
  'i8x16.narrow_i16x8_u': narrow(I16, U8, clamp(0, 255)),
  'i16x8.narrow_i32x4_s': narrow(I32, I16, clamp(-32768, 32767)),
  'i16x8.narrow_i32x4_u': narrow(I32, U16, clamp(0, 65535)),
  'i8x16.shl': shift(I8, 8, (a: number, s) => a << s),
  'i8x16.shr_s': shift(I8, 8, (a: number, s) => a >> s),
  'i8x16.shr_u': shift(U8, 8, (a: number, s) => a >>> s),
  'i16x8.shl': shift(I16, 16, (a: number, s) => a << s),
  'i16x8.shr_s': shift(I16, 16, (a: number, s) => a >> s),
  'i16x8.shr_u': shift(U16, 16, (a: number, s) => a >>> s),
  'i32x4.shl': shift(I32, 32, (a: number, s) => a << s),
  'i32x4.shr_s': shift(I32, 32, (a: number, s) => a >> s),
  'i32x4.shr_u': shift(U32, 32, (a: number, s) => a >>> s),
  'i64x2.shl': shift(I64, 64, (a: bigint, s) => a << BigInt(s)),
  'i64x2.shr_s': shift(I64, 64, (a: bigint, s) => a >> BigInt(s)),
  'i64x2.shr_u': shift(U64, 64, (a: bigint, s) => a >> BigInt(s)),
  'i16x8.q15mulr_sat_s': map2(I16, I16, (a: number, b: number) => clamp(-32768, 32767)((a * b + 0x4000) >> 15)),
  'i32x4.dot_i16x8_s': (x: V, y: V) => {
    const a = view(I16, x), b = view(I16, y);
    const [out, o] = fresh(I32);
    for (let i = 0; i < 4; i++) o[i] = (a[2 * i] as number) * (b[2 * i] as number) + (a[2 * i + 1] as number) * (b[2 * i + 1] as number);
    return out;
  },
  'i16x8.extmul_low_i8x16_s': extmul(I8, I16, 0, false), 'i16x8.extmul_high_i8x16_s': extmul(I8, I16, 8, false),
  'i16x8.extmul_low_i8x16_u': extmul(U8, I16, 0, false), 'i16x8.extmul_high_i8x16_u': extmul(U8, I16, 8, false),
  'i32x4.extmul_low_i16x8_s': extmul(I16, I32, 0, false), 'i32x4.extmul_high_i16x8_s': extmul(I16, I32, 4, false),
  'i32x4.extmul_low_i16x8_u': extmul(U16, I32, 0, false), 'i32x4.extmul_high_i16x8_u': extmul(U16, I32, 4, false),
  'i64x2.extmul_low_i32x4_s': (x: V, y: V) => big2(I32, x, y, 0), 'i64x2.extmul_high_i32x4_s': (x: V, y: V) => big2(I32, x, y, 2),
  'i64x2.extmul_low_i32x4_u': (x: V, y: V) => big2(U32, x, y, 0), 'i64x2.extmul_high_i32x4_u': (x: V, y: V) => big2(U32, x, y, 2),
  'i64x2.add': map2(I64, I64, (a: bigint, b: bigint) => a + b),
  'i64x2.sub': map2(I64, I64, (a: bigint, b: bigint) => a - b),
  'i64x2.mul': map2(I64, I64, (a: bigint, b: bigint) => a * b),
  'i64x2.eq': map2(I64, I64, (a: bigint, b: bigint) => cmp64(a === b)),
  'i64x2.ne': map2(I64, I64, (a: bigint, b: bigint) => cmp64(a !== b)),
  'i64x2.lt_s': map2(I64, I64, (a: bigint, b: bigint) => cmp64(a < b)),
  'i64x2.gt_s': map2(I64, I64, (a: bigint, b: bigint) => cmp64(a > b)),
  'i64x2.le_s': map2(I64, I64, (a: bigint, b: bigint) => cmp64(a <= b)),
  'i64x2.ge_s': map2(I64, I64, (a: bigint, b: bigint) => cmp64(a >= b)),
};

function big2(C: Ctor, x: V, y: V, from: number): V {
  const a = view(C, x), b = view(C, y);
  const [out, o] = fresh(I64);
  for (let i = 0; i < 2; i++) o[i] = BigInt(a[from + i] as number) * BigInt(b[from + i] as number);
  return out;
}

// Integer lane arithmetic and comparisons for the 8/16/32-bit shapes.
const intShapes: [string, Ctor, Ctor, number, number, number][] = [
  ['i8x16', I8, U8, -128, 127, 255],
  ['i16x8', I16, U16, -32768, 32767, 65535],
  ['i32x4', I32, U32, -0x80000000, 0x7fffffff, 0xffffffff],
];
for (const [s, S, U, min, max, umax] of intShapes) {
  simdBinary[`${s}.add`] = map2(S, S, (a: number, b: number) => a + b);
  simdBinary[`${s}.sub`] = map2(S, S, (a: number, b: number) => a - b);
  if (s !== 'i8x16') simdBinary[`${s}.mul`] = map2(S, S, (a: number, b: number) => Math.imul(a, b));
  simdBinary[`${s}.min_s`] = map2(S, S, (a: number, b: number) => Math.min(a, b));
  simdBinary[`${s}.max_s`] = map2(S, S, (a: number, b: number) => Math.max(a, b));
  simdBinary[`${s}.min_u`] = map2(U, U, (a: number, b: number) => Math.min(a, b));
  simdBinary[`${s}.max_u`] = map2(U, U, (a: number, b: number) => Math.max(a, b));
  if (s !== 'i32x4') {
    simdBinary[`${s}.add_sat_s`] = map2(S, S, (a: number, b: number) => clamp(min, max)(a + b));
    simdBinary[`${s}.sub_sat_s`] = map2(S, S, (a: number, b: number) => clamp(min, max)(a - b));
    simdBinary[`${s}.add_sat_u`] = map2(U, U, (a: number, b: number) => clamp(0, umax)(a + b));
    simdBinary[`${s}.sub_sat_u`] = map2(U, U, (a: number, b: number) => clamp(0, umax)(a - b));
    simdBinary[`${s}.avgr_u`] = map2(U, U, (a: number, b: number) => (a + b + 1) >>> 1);
  }
  simdBinary[`${s}.eq`] = map2(S, S, (a: number, b: number) => cmp(a === b));
  simdBinary[`${s}.ne`] = map2(S, S, (a: number, b: number) => cmp(a !== b));
  for (const [sfx, C] of [['s', S], ['u', U]] as const) {
    simdBinary[`${s}.lt_${sfx}`] = map2(C, S, (a: number, b: number) => cmp(a < b));
    simdBinary[`${s}.gt_${sfx}`] = map2(C, S, (a: number, b: number) => cmp(a > b));
    simdBinary[`${s}.le_${sfx}`] = map2(C, S, (a: number, b: number) => cmp(a <= b));
    simdBinary[`${s}.ge_${sfx}`] = map2(C, S, (a: number, b: number) => cmp(a >= b));
  }
}

// Float lanes reuse the scalar semantics (f32 as bits).
for (const op of ['add', 'sub', 'mul', 'div', 'min', 'max']) {
  simdBinary[`f32x4.${op}`] = map2(I32, I32, f32b(op));
  simdBinary[`f64x2.${op}`] = map2(F64, F64, f64b(op));
}
for (const op of ['eq', 'ne', 'lt', 'gt', 'le', 'ge']) {
  const f = f32b(op), g = f64b(op);
  simdBinary[`f32x4.${op}`] = map2(I32, I32, (a: never, b: never) => -(f(a, b) as number));
  simdBinary[`f64x2.${op}`] = map2(F64, I64, (a: never, b: never) => -BigInt(g(a, b) as number));
}
// pmin/pmax return an operand unchanged (b < a ? b : a), so they copy bits.
const f32lt = f32b('lt'), f64lt = f64b('lt');
simdBinary['f32x4.pmin'] = map2(I32, I32, (a: never, b: never) => (f32lt(b, a) ? b : a));
simdBinary['f32x4.pmax'] = map2(I32, I32, (a: never, b: never) => (f32lt(a, b) ? b : a));
simdBinary['f64x2.pmin'] = map2(F64, F64, (a: never, b: never) => (f64lt(b, a) ? b : a));
simdBinary['f64x2.pmax'] = map2(F64, F64, (a: never, b: never) => (f64lt(a, b) ? b : a));

export const simdTernary: Record<string, unknown> = {
  'v128.bitselect': (x: V, y: V, m: V) => {
    const a = view(I32, x), b = view(I32, y), c = view(I32, m);
    const [out, o] = fresh(I32);
    for (let i = 0; i < 4; i++) o[i] = ((a[i] as number) & (c[i] as number)) | ((b[i] as number) & ~(c[i] as number));
    return out;
  },
};

function extract(C: Ctor): (x: V, lane: number) => unknown {
  return (x, lane) => view(C, x)[lane];
}

function replace(C: Ctor): (x: V, v: unknown, lane: number) => V {
  return (x, v, lane) => {
    const out = x.slice();
    new C(out.buffer)[lane] = v;
    return out;
  };
}

export const simdUnaryImm: Record<string, unknown> = {
  'i8x16.extract_lane_s': extract(I8), 'i8x16.extract_lane_u': extract(U8),
  'i16x8.extract_lane_s': extract(I16), 'i16x8.extract_lane_u': extract(U16),
  'i32x4.extract_lane': extract(I32), 'i64x2.extract_lane': extract(I64),
  'f32x4.extract_lane': extract(I32), 'f64x2.extract_lane': extract(F64),
};

export const simdBinaryImm: Record<string, unknown> = {
  'i8x16.replace_lane': replace(I8), 'i16x8.replace_lane': replace(I16), 'i32x4.replace_lane': replace(I32),
  'i64x2.replace_lane': replace(I64), 'f32x4.replace_lane': replace(I32), 'f64x2.replace_lane': replace(F64),
};

/** i8x16.shuffle: the lane indices are a constant v128 (the executor passes it as the immediate's
 * constant). */
export function shuffle(x: V, y: V, lanes: V): V {
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) { const l = lanes[i]!; out[i] = l < 16 ? x[l]! : y[l - 16]!; }
  return out;
}
