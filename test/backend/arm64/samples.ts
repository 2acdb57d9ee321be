// Operand samples for the encoder cross-check: for each operand kind a spread of values (limits,
// zero, the zero register and sp, every condition, every extend), chosen so that objdump prints
// the form under test rather than a preferred alias of it.
import type { Form } from '../../../src/backend/arm64/form-table.js';
import type { Operand } from '../../../src/backend/arm64/encoder.js';
import { elementBits, isRegisterKind, K, type OperandSpec } from '../../../src/backend/arm64/operands.js';
import { Extend, SP, v, ZR } from '../../../src/backend/arm64/registers.js';

/** Hardware numbers tried for registers; 31 becomes zr or sp depending on the operand. */
const pool = [0, 1, 2, 9, 16, 17, 29, 30, 31];
/** Aliases can turn into other aliases when a register is 31 (CMP vs NEGS, CINC vs CSET...). */
const aliasPool = pool.slice(0, -1);

const bitmasks: Record<number, bigint[]> = {
  32: [0xffn, 1n, 0x80000000n, 0xfffffffen, 0x55555555n, 0x0ff00ff0n, 0x7ffffffen, -16n],
  64: [0xffn, 0xffff0000ffff0000n, 0x5555555555555555n, 0x8000000000000001n, 0x7ffffffffffffffen, 0xfffffffffffffffen, 0xfffffff0n, -2n],
};
const fpImms = [1, -2, 0.125, 31, 1.5, -0.1875, 0.5, 3.875];

export interface Labels { back: number; forward: number }

function register(f: Form, o: OperandSpec, position: number, j: number): number {
  const regs = f.alias ? aliasPool : pool;
  const n = o.samples ? o.samples[j % o.samples.length]! : regs[(j + position * 2) % regs.length]!;
  if (n === SP) return n;
  if (o.k === K.WSP || o.k === K.XSP) return n === ZR ? SP : n;
  if (o.k >= K.S && o.k <= K.VList) return v(n);
  return n;
}

/** The sample tuples of a non-register operand (each tuple is that operand's encoder arguments). */
function values(f: Form, o: OperandSpec, labels: Labels): Operand[][] {
  const w = f.width;
  // Bases never coincide with the data registers of the same case (writeback forbids it).
  const base = (j: number) => [3, 28, 5, SP, 4][j % 5]!;
  if (o.samples) return o.samples.map((s) => [s]);
  switch (o.k) {
    case K.UImm: {
      const max = 2 ** o.bits - 1;
      return [0, 1, max, max >> 1, 5 & max].map((q) => [q * o.scale]);
    }
    case K.Lsl12: return [[0], [12]];
    case K.Bitmask: return bitmasks[w]!.map((b) => [b]);
    case K.MovShift: return (w === 64 ? [0, 16, 32, 48] : [0, 16]).map((s) => [s]);
    case K.Cond: case K.CondSuffix: return [...Array(16).keys()].map((c) => [c]);
    case K.CondInv: return [...Array(14).keys()].map((c) => [c]);
    case K.FpImm: return fpImms.map((x) => [x]);
    case K.FpZero: case K.VZero: return [[]];
    case K.VShl: return [0, 1, elementBits(o.arr) - 1].map((x) => [x]);
    case K.VShr: return [1, 3, elementBits(o.arr)].map((x) => [x]);
    case K.ByteMask: return [[0n], [0xff00ff00ff00ff00n], [-1n], [0xffn]];
    case K.MemBase: return [[3], [SP], [28]];
    case K.VListLane: {
      const lanes = 16 / (elementBits(o.arr) / 8);
      return [[v(3), 0], [v(30), lanes - 1], [v(17), lanes >> 1], [v(9), lanes >> 2]];
    }
    case K.VLane: {
      const lanes = 16 / (elementBits(o.arr) / 8);
      return [[v(3), 0], [v(30), lanes - 1], [v(17), lanes >> 1]];
    }
    case K.TestBit: return (w === 64 ? [0, 31, 32, 63] : [0, 5, 31]).map((b) => [b]);
    case K.LslImm: return [1, 5, w - 1].map((s) => [s]);
    case K.ShrImm: return [0, 1, 7, w - 1].map((s) => [s]);
    case K.Label26: case K.Label19: case K.Label14: case K.Label21: return [[labels.back], [labels.forward]];
    case K.Shift: return [[0, 0], [0, 3], [1, w - 1], [2, 7], [3, 1], [1, 0]].filter(([t]) => t! <= o.max);
    case K.Bfx: return [[3, 5], [1, w - 2], [0, 1]];
    case K.Bfiz: return [[4, 8], [1, w - 3], [w - 2, 1]];
    case K.MemUOff: return [0, 1, 4095, 8].map((q, j) => [base(j), q * o.scale]);
    case K.MemSOff: case K.MemPre: case K.MemPost: return [-256, 255, 0, -8, 16].map((d, j) => [base(j), d]);
    case K.PairOff: case K.PairPre: case K.PairPost: return [-64, 63, 0, 2, -1].map((q, j) => [base(j), q * o.scale]);
    case K.ExtReg: return [...Array(8).keys()].map((opt) => [[3, 17, 31, 0][opt % 4]!, opt, opt % 5]);
    case K.MemReg: {
      const opts = [Extend.UXTW, Extend.UXTX, Extend.SXTW, Extend.SXTX];
      return [...Array(8).keys()].map((j) => [base(j), [2, 17, 31, 5][j % 4]!, opts[j % 4]!, j >> 2]);
    }
    default: throw new Error(`no samples for operand kind ${o.k} of ${f.name}`);
  }
}

/** Operand lists for `f`: enough cases that every sample of every operand is used at least once. */
export function casesFor(f: Form, labels: Labels): Operand[][] {
  const lists = f.operands.map((o) => (isRegisterKind(o.k) ? null : values(f, o, labels)));
  const count = Math.max(pool.length, ...lists.map((l) => l?.length ?? 0));
  const cases: Operand[][] = [];
  for (let j = 0; j < count; j++) {
    const ops: Operand[] = [];
    let position = 0;
    f.operands.forEach((o, p) => {
      const list = lists[p];
      if (list === null || list === undefined) ops.push(register(f, o, position++, j));
      else ops.push(...list[j % list.length]!);
    });
    cases.push(ops);
  }
  return cases;
}
