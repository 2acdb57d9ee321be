// Integer instruction semantics, as pure functions on raw values (i32: int32 number,
// i64: signed 64-bit bigint), keyed by instruction name.
import { TrapKind } from '../runtime/trap.js';
import { trap } from './trap.js';

type N = number;
type B = bigint;
const b = (c: boolean): number => (c ? 1 : 0);
const u = (x: N): N => x >>> 0;
const U = (x: B): B => BigInt.asUintN(64, x);
const S = (x: B): B => BigInt.asIntN(64, x);
const MIN64 = -(1n << 63n);

function ctz32(x: N): N {
  return x === 0 ? 32 : 31 - Math.clz32(x & -x);
}

function popcnt32(x: N): N {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

const lo = (x: B): N => Number(BigInt.asIntN(32, x));
const hi = (x: B): N => Number(BigInt.asIntN(32, x >> 32n));

export const intUnary: Record<string, (x: never) => unknown> = {
  'i32.eqz': (x: N) => b(x === 0),
  'i32.clz': (x: N) => Math.clz32(x),
  'i32.ctz': (x: N) => ctz32(x),
  'i32.popcnt': (x: N) => popcnt32(x),
  'i32.extend8_s': (x: N) => (x << 24) >> 24,
  'i32.extend16_s': (x: N) => (x << 16) >> 16,
  'i64.eqz': (x: B) => b(x === 0n),
  'i64.clz': (x: B) => BigInt(hi(x) === 0 ? 32 + Math.clz32(lo(x)) : Math.clz32(hi(x))),
  'i64.ctz': (x: B) => BigInt(lo(x) === 0 ? 32 + ctz32(hi(x)) : ctz32(lo(x))),
  'i64.popcnt': (x: B) => BigInt(popcnt32(lo(x)) + popcnt32(hi(x))),
  'i64.extend8_s': (x: B) => BigInt.asIntN(8, x),
  'i64.extend16_s': (x: B) => BigInt.asIntN(16, x),
  'i64.extend32_s': (x: B) => BigInt.asIntN(32, x),
  'i32.wrap_i64': (x: B) => lo(x),
  'i64.extend_i32_s': (x: N) => BigInt(x),
  'i64.extend_i32_u': (x: N) => BigInt(x >>> 0),
};

function divS32(x: N, y: N): N {
  if (y === 0) trap(TrapKind.IntegerDivideByZero);
  if (x === -0x80000000 && y === -1) trap(TrapKind.IntegerOverflow);
  return (x / y) | 0;
}

function divS64(x: B, y: B): B {
  if (y === 0n) trap(TrapKind.IntegerDivideByZero);
  if (x === MIN64 && y === -1n) trap(TrapKind.IntegerOverflow);
  return x / y;
}

function nonZero32(y: N): N {
  if (y === 0) trap(TrapKind.IntegerDivideByZero);
  return y;
}

function nonZero64(y: B): B {
  if (y === 0n) trap(TrapKind.IntegerDivideByZero);
  return y;
}

export const intBinary: Record<string, (x: never, y: never) => unknown> = {
  'i32.eq': (x: N, y: N) => b(x === y),
  'i32.ne': (x: N, y: N) => b(x !== y),
  'i32.lt_s': (x: N, y: N) => b(x < y),
  'i32.lt_u': (x: N, y: N) => b(u(x) < u(y)),
  'i32.gt_s': (x: N, y: N) => b(x > y),
  'i32.gt_u': (x: N, y: N) => b(u(x) > u(y)),
  'i32.le_s': (x: N, y: N) => b(x <= y),
  'i32.le_u': (x: N, y: N) => b(u(x) <= u(y)),
  'i32.ge_s': (x: N, y: N) => b(x >= y),
  'i32.ge_u': (x: N, y: N) => b(u(x) >= u(y)),
  'i32.add': (x: N, y: N) => (x + y) | 0,
  'i32.sub': (x: N, y: N) => (x - y) | 0,
  'i32.mul': (x: N, y: N) => Math.imul(x, y),
  'i32.div_s': divS32,
  'i32.div_u': (x: N, y: N) => (u(x) / u(nonZero32(y))) | 0,
  'i32.rem_s': (x: N, y: N) => (x % nonZero32(y)) | 0,
  'i32.rem_u': (x: N, y: N) => (u(x) % u(nonZero32(y))) | 0,
  'i32.and': (x: N, y: N) => x & y,
  'i32.or': (x: N, y: N) => x | y,
  'i32.xor': (x: N, y: N) => x ^ y,
  'i32.shl': (x: N, y: N) => x << y,
  'i32.shr_s': (x: N, y: N) => x >> y,
  'i32.shr_u': (x: N, y: N) => (x >>> y) | 0,
  'i32.rotl': (x: N, y: N) => (x << (y & 31)) | (x >>> ((32 - (y & 31)) & 31)),
  'i32.rotr': (x: N, y: N) => (x >>> (y & 31)) | (x << ((32 - (y & 31)) & 31)),
  'i64.eq': (x: B, y: B) => b(x === y),
  'i64.ne': (x: B, y: B) => b(x !== y),
  'i64.lt_s': (x: B, y: B) => b(x < y),
  'i64.lt_u': (x: B, y: B) => b(U(x) < U(y)),
  'i64.gt_s': (x: B, y: B) => b(x > y),
  'i64.gt_u': (x: B, y: B) => b(U(x) > U(y)),
  'i64.le_s': (x: B, y: B) => b(x <= y),
  'i64.le_u': (x: B, y: B) => b(U(x) <= U(y)),
  'i64.ge_s': (x: B, y: B) => b(x >= y),
  'i64.ge_u': (x: B, y: B) => b(U(x) >= U(y)),
  'i64.add': (x: B, y: B) => S(x + y),
  'i64.sub': (x: B, y: B) => S(x - y),
  'i64.mul': (x: B, y: B) => S(x * y),
  'i64.div_s': divS64,
  'i64.div_u': (x: B, y: B) => S(U(x) / U(nonZero64(y))),
  'i64.rem_s': (x: B, y: B) => x % nonZero64(y),
  'i64.rem_u': (x: B, y: B) => S(U(x) % U(nonZero64(y))),
  'i64.and': (x: B, y: B) => x & y,
  'i64.or': (x: B, y: B) => x | y,
  'i64.xor': (x: B, y: B) => x ^ y,
  'i64.shl': (x: B, y: B) => S(x << (y & 63n)),
  'i64.shr_s': (x: B, y: B) => x >> (y & 63n),
  'i64.shr_u': (x: B, y: B) => S(U(x) >> (y & 63n)),
  'i64.rotl': (x: B, y: B) => { const k = y & 63n; return S((U(x) << k) | (U(x) >> ((64n - k) & 63n))); },
  'i64.rotr': (x: B, y: B) => { const k = y & 63n; return S((U(x) >> k) | (U(x) << ((64n - k) & 63n))); },
};
