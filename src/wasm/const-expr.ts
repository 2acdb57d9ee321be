// Constant expressions (global initializers, segment offsets and element initializers). Core 2.0
// allows exactly one constant-producing instruction followed by `end`.
import { ValType, type RefType } from './types.js';
import type { ConstExpr, WasmModule } from './module.js';
import { Feature, featureName, type Features } from './features.js';
import type { Reader } from './reader.js';
import { CompileError } from '../runtime/errors.js';

const OP_END = 0x0b;

function requireFeature(r: Reader, features: Features, feature: number, offset: number): void {
  if ((features & feature) === 0) r.fail(`feature ${featureName(feature)} is disabled`, offset);
}

/** Reads a reference type byte (funcref or externref). */
export function readRefType(r: Reader, features: Features): RefType {
  const at = r.pos;
  const b = r.u8();
  if (b === ValType.FuncRef) return ValType.FuncRef;
  if (b === ValType.ExternRef) {
    requireFeature(r, features, Feature.ReferenceTypes, at);
    return ValType.ExternRef;
  }
  return r.fail(`malformed reference type 0x${b.toString(16)}`, at);
}

function isConstOpcode(b: number): boolean {
  return b === 0x41 || b === 0x42 || b === 0x43 || b === 0x44 || b === 0x23 || b === 0xd0 ||
    b === 0xd2 || b === 0xfd;
}

export function readConstExpr(r: Reader, features: Features): ConstExpr {
  const at = r.pos;
  const op = r.u8();
  let expr: ConstExpr;
  switch (op) {
    case 0x41: expr = { op: 'i32.const', value: r.s32() }; break;
    case 0x42: expr = { op: 'i64.const', value: r.s64() }; break;
    case 0x43: expr = { op: 'f32.const', bits: r.u32Fixed() }; break;
    case 0x44: expr = { op: 'f64.const', bits: r.u64Fixed() }; break;
    case 0x23: expr = { op: 'global.get', globalIndex: r.u32() }; break;
    case 0xd0:
      requireFeature(r, features, Feature.ReferenceTypes, at);
      expr = { op: 'ref.null', type: readRefType(r, features) };
      break;
    case 0xd2:
      requireFeature(r, features, Feature.ReferenceTypes, at);
      expr = { op: 'ref.func', funcIndex: r.u32() };
      break;
    case 0xfd: {
      requireFeature(r, features, Feature.Simd, at);
      const sub = r.u32();
      if (sub !== 12) return r.fail('constant expression required', at);
      expr = { op: 'v128.const', bytes: r.bytesView(16).slice() };
      break;
    }
    case OP_END: return r.fail('type mismatch: constant expression is empty', at);
    default: return r.fail('constant expression required', at);
  }
  const endAt = r.pos;
  const next = r.u8();
  if (next !== OP_END) {
    r.fail(isConstOpcode(next) ? 'type mismatch: constant expression leaves more than one value'
      : 'constant expression required', endAt);
  }
  return expr;
}

/** The type a constant expression produces, checked against the module's index spaces.
 * `numGlobals` is how many globals it may read (only imported ones for global initializers). */
export function constExprType(module: WasmModule, expr: ConstExpr, numGlobals: number, offset: number): ValType {
  switch (expr.op) {
    case 'i32.const': return ValType.I32;
    case 'i64.const': return ValType.I64;
    case 'f32.const': return ValType.F32;
    case 'f64.const': return ValType.F64;
    case 'v128.const': return ValType.V128;
    case 'ref.null': return expr.type;
    case 'ref.func':
      if (expr.funcIndex >= module.funcTypeIndices.length) {
        throw new CompileError(`unknown function ${expr.funcIndex}`, offset);
      }
      return ValType.FuncRef;
    case 'global.get': {
      const g = expr.globalIndex < numGlobals ? module.allGlobals[expr.globalIndex] : undefined;
      if (g === undefined) throw new CompileError(`unknown global ${expr.globalIndex}`, offset);
      if (g.mutable) throw new CompileError('constant expression required: global.get of a mutable global', offset);
      return g.valType;
    }
  }
}
