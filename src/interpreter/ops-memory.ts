// Memory access semantics: each load/store is a byte width plus a DataView accessor. The
// executor checks bounds (effective address + width <= byte length) before calling these.
import type { RawValue } from '../runtime/values.js';

export interface LoadOp {
  readonly width: number;
  readonly read: (v: DataView, ea: number) => RawValue;
}

export interface StoreOp {
  readonly width: number;
  readonly write: (v: DataView, ea: number, x: never) => void;
}

type N = number;
type B = bigint;

export const loads: Record<string, LoadOp> = {
  'i32.load': { width: 4, read: (v, a) => v.getInt32(a, true) },
  'i64.load': { width: 8, read: (v, a) => v.getBigInt64(a, true) },
  'f32.load': { width: 4, read: (v, a) => v.getInt32(a, true) },
  'f64.load': { width: 8, read: (v, a) => v.getFloat64(a, true) },
  'i32.load8_s': { width: 1, read: (v, a) => v.getInt8(a) },
  'i32.load8_u': { width: 1, read: (v, a) => v.getUint8(a) },
  'i32.load16_s': { width: 2, read: (v, a) => v.getInt16(a, true) },
  'i32.load16_u': { width: 2, read: (v, a) => v.getUint16(a, true) },
  'i64.load8_s': { width: 1, read: (v, a) => BigInt(v.getInt8(a)) },
  'i64.load8_u': { width: 1, read: (v, a) => BigInt(v.getUint8(a)) },
  'i64.load16_s': { width: 2, read: (v, a) => BigInt(v.getInt16(a, true)) },
  'i64.load16_u': { width: 2, read: (v, a) => BigInt(v.getUint16(a, true)) },
  'i64.load32_s': { width: 4, read: (v, a) => BigInt(v.getInt32(a, true)) },
  'i64.load32_u': { width: 4, read: (v, a) => BigInt(v.getUint32(a, true)) },
  'v128.load': { width: 16, read: (v, a) => new Uint8Array(v.buffer.slice(a, a + 16)) },
};

/** v128 loads that widen `n` lanes of `C` into lanes twice as wide. */
function widen(width: number, read: (v: DataView, a: number) => number | bigint, Out: { new(b: ArrayBuffer): { [i: number]: unknown } }, n: number): LoadOp {
  return {
    width,
    read: (v, a) => {
      const out = new Uint8Array(16);
      const o = new Out(out.buffer);
      const step = width / n;
      for (let i = 0; i < n; i++) o[i] = read(v, a + i * step);
      return out;
    },
  };
}

function splat(width: number): LoadOp {
  return {
    width,
    read: (v, a) => {
      const out = new Uint8Array(16);
      for (let i = 0; i < 16; i++) out[i] = v.getUint8(a + (i % width));
      return out;
    },
  };
}

function zeroExtended(width: number): LoadOp {
  return { width, read: (v, a) => { const out = new Uint8Array(16); out.set(new Uint8Array(v.buffer, a, width)); return out; } };
}

loads['v128.load8x8_s'] = widen(8, (v, a) => v.getInt8(a), Int16Array, 8);
loads['v128.load8x8_u'] = widen(8, (v, a) => v.getUint8(a), Int16Array, 8);
loads['v128.load16x4_s'] = widen(8, (v, a) => v.getInt16(a, true), Int32Array, 4);
loads['v128.load16x4_u'] = widen(8, (v, a) => v.getUint16(a, true), Int32Array, 4);
loads['v128.load32x2_s'] = widen(8, (v, a) => BigInt(v.getInt32(a, true)), BigInt64Array, 2);
loads['v128.load32x2_u'] = widen(8, (v, a) => BigInt(v.getUint32(a, true)), BigInt64Array, 2);
loads['v128.load8_splat'] = splat(1);
loads['v128.load16_splat'] = splat(2);
loads['v128.load32_splat'] = splat(4);
loads['v128.load64_splat'] = splat(8);
loads['v128.load32_zero'] = zeroExtended(4);
loads['v128.load64_zero'] = zeroExtended(8);

export const stores: Record<string, StoreOp> = {
  'i32.store': { width: 4, write: (v, a, x: N) => v.setInt32(a, x, true) },
  'i64.store': { width: 8, write: (v, a, x: B) => v.setBigInt64(a, x, true) },
  'f32.store': { width: 4, write: (v, a, x: N) => v.setInt32(a, x, true) },
  'f64.store': { width: 8, write: (v, a, x: N) => v.setFloat64(a, x, true) },
  'i32.store8': { width: 1, write: (v, a, x: N) => v.setInt8(a, x) },
  'i32.store16': { width: 2, write: (v, a, x: N) => v.setInt16(a, x, true) },
  'i64.store8': { width: 1, write: (v, a, x: B) => v.setInt8(a, Number(BigInt.asIntN(8, x))) },
  'i64.store16': { width: 2, write: (v, a, x: B) => v.setInt16(a, Number(BigInt.asIntN(16, x)), true) },
  'i64.store32': { width: 4, write: (v, a, x: B) => v.setInt32(a, Number(BigInt.asIntN(32, x)), true) },
  'v128.store': { width: 16, write: (v, a, x: Uint8Array) => new Uint8Array(v.buffer).set(x, a) },
};
