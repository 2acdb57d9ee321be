// Values as engines see them ("raw") and their conversion to and from JS at the API.
//
// Raw representation, shared by every engine and by Table/Global storage:
//   i32  number, a signed 32-bit integer (`x | 0`)
//   i64  bigint, signed 64-bit (`BigInt.asIntN(64, x)`)
//   f32  number holding the 32 IEEE bits as a signed int32: NaN payloads survive, which a JS
//        number cannot guarantee for single-precision signalling NaNs
//   f64  number (moved, never computed on, so its bits survive)
//   v128 Uint8Array of 16 bytes, little-endian lanes, never aliased between owners
//   funcref  null or a WasmFunction;  externref  null or any JS value
// At the API (exports, host functions, Global.value, Table.get/set) the WebAssembly JS API
// conventions apply: i32/f32/f64 ↔ number, i64 ↔ bigint, externref ↔ any, funcref ↔ callable
// or null. v128 (not allowed by the standard JS API) is a 16-byte Uint8Array copy.
import { ValType, valTypeName } from '../wasm/types.js';
import { WasmFunction } from './func.js';

/** A value as engines store it; see the file comment for the representation per type. */
export type RawValue = unknown;

/** A new array for raw values. It holds tagged values from the start: V8 canonicalises NaN
 * bits stored into arrays that hold only doubles, which would change f64 NaN payloads. Every
 * array of raw values (arguments, results, frames, constants) is made here or by copying one. */
export function rawArray(length: number): RawValue[] {
  // Filling at least one element is what moves the array to tagged elements; an empty array
  // keeps that kind when shortened, so later pushes of doubles stay exact.
  // Literals of nulls are tagged and the cheapest to make (calls pass a few values); no length
  // store for longer ones: it is a slow path in V8.
  switch (length) {
    case 1: return [null];
    case 2: return [null, null];
    case 3: return [null, null, null];
    case 4: return [null, null, null, null];
  }
  if (length > 0) return new Array<RawValue>(length).fill(null);
  const a = new Array<RawValue>(1).fill(null);
  a.length = 0;
  return a;
}

const f32Scratch = new Float32Array(1);
const i32OfF32 = new Int32Array(f32Scratch.buffer);

/** The bits of `Math.fround(x)` as a signed int32. */
export function f32ToBits(x: number): number {
  f32Scratch[0] = x;
  return i32OfF32[0]!;
}

/** The float whose 32 bits are `bits`. */
export function f32FromBits(bits: number): number {
  i32OfF32[0] = bits;
  return f32Scratch[0]!;
}

/** The zero value of a type (what locals and new table slots start with). */
export function defaultRaw(type: ValType): RawValue {
  switch (type) {
    case ValType.I32: case ValType.F32: case ValType.F64: return 0;
    case ValType.I64: return 0n;
    case ValType.V128: return new Uint8Array(16);
    default: return null;
  }
}

/** Converts a JS value to the raw form of `type`, following ToWebAssemblyValue. */
export function toRaw(type: ValType, v: unknown): RawValue {
  switch (type) {
    case ValType.I32:
      if (typeof v === 'bigint') throw new TypeError('cannot convert a bigint to i32');
      return Number(v) | 0;
    case ValType.I64:
      if (typeof v === 'number') throw new TypeError('i64 values are bigints, got a number');
      return BigInt.asIntN(64, BigInt(v as bigint | boolean | string));
    case ValType.F32:
      if (typeof v === 'bigint') throw new TypeError('cannot convert a bigint to f32');
      return f32ToBits(Number(v));
    case ValType.F64:
      if (typeof v === 'bigint') throw new TypeError('cannot convert a bigint to f64');
      return Number(v);
    case ValType.V128: {
      if (!ArrayBuffer.isView(v) || v.byteLength !== 16) {
        throw new TypeError('v128 values are 16-byte typed arrays (Uint8Array)');
      }
      return new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + 16));
    }
    case ValType.FuncRef: {
      if (v === null) return null;
      const fn = WasmFunction.fromCallable(v);
      if (fn === undefined) throw new TypeError('a funcref must be null or an exported Wasm function');
      return fn;
    }
    case ValType.ExternRef:
      return v;
  }
  throw new TypeError(`unknown value type ${valTypeName(type)}`);
}

/** Converts a raw value of `type` to its JS form (ToJSValue). */
export function fromRaw(type: ValType, v: RawValue): unknown {
  switch (type) {
    case ValType.F32: return f32FromBits(v as number);
    case ValType.V128: return new Uint8Array(v as Uint8Array);
    case ValType.FuncRef: return v === null ? null : (v as WasmFunction).callable();
    default: return v;
  }
}

/** Parses the value-type names of the JS API ('i32', 'anyfunc', ...). */
export function valTypeFromName(name: string): ValType {
  switch (name) {
    case 'i32': return ValType.I32;
    case 'i64': return ValType.I64;
    case 'f32': return ValType.F32;
    case 'f64': return ValType.F64;
    case 'v128': return ValType.V128;
    case 'funcref': case 'anyfunc': return ValType.FuncRef;
    case 'externref': return ValType.ExternRef;
  }
  throw new TypeError(`unknown value type '${name}'`);
}
