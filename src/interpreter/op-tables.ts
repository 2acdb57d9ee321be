// Joins the per-family semantic tables (keyed by instruction name) to opcode codes, once:
// the translator maps an opcode to an index, the executor calls `unaryFns[index]`.
import { allOps } from '../wasm/opcodes.js';
import { floatBinary, floatUnary } from './ops-float.js';
import { intBinary, intUnary } from './ops-int.js';
import { loads, stores, type LoadOp, type StoreOp } from './ops-memory.js';
import { simdBinary, simdTernary, simdUnary, simdUnaryImm, simdBinaryImm } from './ops-simd.js';

export type UnaryFn = (x: unknown) => unknown;
export type BinaryFn = (x: unknown, y: unknown) => unknown;
export type TernaryFn = (x: unknown, y: unknown, z: unknown) => unknown;
export type ImmFn = (x: unknown, imm: number) => unknown;
export type BinaryImmFn = (x: unknown, y: unknown, imm: number) => unknown;

interface Family<F> {
  readonly fns: F[];
  /** opcode code → index in fns */
  readonly byCode: Map<number, number>;
}

function family<F>(...tables: Record<string, unknown>[]): Family<F> {
  const fns: F[] = [];
  const byCode = new Map<number, number>();
  for (const op of allOps) {
    for (const t of tables) {
      const fn = t[op.name];
      if (fn !== undefined) {
        byCode.set(op.code, fns.length);
        fns.push(fn as F);
      }
    }
  }
  return { fns, byCode };
}

export const unary = family<UnaryFn>(intUnary, floatUnary, simdUnary);
export const binary = family<BinaryFn>(intBinary, floatBinary, simdBinary);
export const ternary = family<TernaryFn>(simdTernary);
export const unaryImm = family<ImmFn>(simdUnaryImm);
export const binaryImm = family<BinaryImmFn>(simdBinaryImm);
export const load = family<LoadOp>(loads);
export const store = family<StoreOp>(stores);
