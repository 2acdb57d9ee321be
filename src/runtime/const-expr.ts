// Evaluation of constant expressions (global initialisers, segment offsets and elements).
import type { ConstExpr } from '../wasm/module.js';
import type { WasmFunction } from './func.js';
import type { Global } from './global.js';
import type { RawValue } from './values.js';

export function evalConstExpr(e: ConstExpr, globals: readonly Global[], functions: readonly WasmFunction[]): RawValue {
  switch (e.op) {
    case 'i32.const': return e.value | 0;
    case 'i64.const': return BigInt.asIntN(64, e.value);
    case 'f32.const': return e.bits | 0;
    case 'f64.const': return bitsToF64(e.bits);
    case 'v128.const': return new Uint8Array(e.bytes);
    case 'ref.null': return null;
    case 'ref.func': {
      const f = functions[e.funcIndex];
      if (f === undefined) throw new RangeError(`constant expression: function ${e.funcIndex} does not exist`);
      return f;
    }
    case 'global.get': {
      const g = globals[e.globalIndex];
      if (g === undefined) throw new RangeError(`constant expression: global ${e.globalIndex} is not initialised yet`);
      return g.raw instanceof Uint8Array ? new Uint8Array(g.raw) : g.raw;
    }
  }
}

const f64Scratch = new Float64Array(1);
const u64OfF64 = new BigUint64Array(f64Scratch.buffer);

export function bitsToF64(bits: bigint): number {
  u64OfF64[0] = BigInt.asUintN(64, bits);
  return f64Scratch[0]!;
}
