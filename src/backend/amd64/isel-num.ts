// Instruction selection for `num` (the pure Wasm numeric operations), driven by one table from
// Wasm code to a lowering shape. Integer immediates, lea for adds, two-address ALU forms,
// shifts with the count in cl, division with fixed rax/rdx, and the float families.
import { Policy, RegClass, preg } from '../../regalloc/operand.js';
import { Gpr } from './registers.js';
import type { Amd64Isel } from './isel.js';
import { AluOp, MK, ShiftOp } from './minst.js';
import { lowerSimdNum, simdShiftImm } from './isel-simd.js';

/** Integer unary operations (MK.Unary, operand `a`). */
export const enum UnOp {
  Clz32, Clz64, Ctz32, Ctz64, Popcnt32, Popcnt64,
  /** mov r32, r32: i32.wrap_i64 and i64.extend_i32_u (zero-extends). */
  Mov32,
  Ext8s32, Ext16s32, Ext8s64, Ext16s64, Ext32s64,
  /** Bit moves between register files. */
  F32ToI32, F64ToI64, I32ToF32, I64ToF64,
}

/** Float operations (MK.Float, operand `a`); their operand shapes are in `floatShape`. */
export const enum FOp {
  Add32, Sub32, Mul32, Div32, Add64, Sub64, Mul64, Div64,
  Min32, Max32, Min64, Max64,
  Sqrt32, Sqrt64, Ceil32, Floor32, Trunc32, Nearest32, Ceil64, Floor64, Trunc64, Nearest64,
  Abs32, Neg32, Abs64, Neg64, Copysign32, Copysign64,
  Demote, Promote,
  /** int → float */
  CvtI32S_F32, CvtI32U_F32, CvtI64S_F32, CvtI64U_F32, CvtI32S_F64, CvtI32U_F64, CvtI64S_F64, CvtI64U_F64,
  /** float → int, range already checked by the IR (trapping truncations) */
  TruncF32_I32S, TruncF32_I32U, TruncF64_I32S, TruncF64_I32U, TruncF32_I64S, TruncF32_I64U, TruncF64_I64S, TruncF64_I64U,
  /** float → int, saturating (no trap) */
  SatF32_I32S, SatF32_I32U, SatF64_I32S, SatF64_I32U, SatF32_I64S, SatF32_I64U, SatF64_I64S, SatF64_I64U,
}

const enum Shape {
  /** u x (Reg), u y (Any), d reuse x */
  Bin,
  /** u x (Reg), u y (Reg), d reuse x */
  BinReg,
  /** u x (Any), d (Reg) */
  Un,
  /** u x (Reg), d reuse x */
  UnReuse,
  /** u x (Reg), e tmp (Int), d (Reg) */
  UnTmp,
  /** u x (Reg), d (Reg) */
  UnReg,
}

const floatShapeOf = (op: FOp): Shape => {
  if (op <= FOp.Div64) return Shape.Bin;
  if (op <= FOp.Max64) return Shape.BinReg;
  if (op <= FOp.Nearest64) return Shape.Un;
  if (op <= FOp.Neg64) return Shape.UnReuse;
  if (op <= FOp.Copysign64) return Shape.BinReg;
  if (op === FOp.CvtI64U_F32 || op === FOp.CvtI64U_F64) return Shape.UnTmp;
  if (op >= FOp.TruncF32_I64U && op !== FOp.TruncF64_I64S) return Shape.UnReg;
  return Shape.Un;
};

const enum L { Alu, Add, Sub, Mul, Div, Shift, Unary, Float, Cond }

interface Row { readonly l: L; readonly a: number; readonly w64: boolean }

const rows: (Row | undefined)[] = [];
const misc: (Row | undefined)[] = [];
function put(code: number, l: L, a: number, w64 = false): void {
  const row = { l, a, w64 };
  if (code >= 0xfc000) misc[code & 0xfff] = row; else rows[code] = row;
}
// Compares and eqz: conditions (isel.producerOperands).
for (let c = 0x45; c <= 0x66; c++) put(c, L.Cond, 0);
for (const [base, w64] of [[0x6a, false], [0x7c, true]] as const) {
  put(base, L.Add, 0, w64);
  put(base + 1, L.Sub, 0, w64);
  put(base + 2, L.Mul, 0, w64);
  for (let k = 0; k < 4; k++) put(base + 3 + k, L.Div, k, w64); // div_s div_u rem_s rem_u
  put(base + 7, L.Alu, AluOp.And, w64);
  put(base + 8, L.Alu, AluOp.Or, w64);
  put(base + 9, L.Alu, AluOp.Xor, w64);
  put(base + 10, L.Shift, ShiftOp.Shl, w64);
  put(base + 11, L.Shift, ShiftOp.Sar, w64);
  put(base + 12, L.Shift, ShiftOp.Shr, w64);
  put(base + 13, L.Shift, ShiftOp.Rol, w64);
  put(base + 14, L.Shift, ShiftOp.Ror, w64);
}
put(0x67, L.Unary, UnOp.Clz32); put(0x68, L.Unary, UnOp.Ctz32); put(0x69, L.Unary, UnOp.Popcnt32);
put(0x79, L.Unary, UnOp.Clz64); put(0x7a, L.Unary, UnOp.Ctz64); put(0x7b, L.Unary, UnOp.Popcnt64);
const f32ops = [FOp.Abs32, FOp.Neg32, FOp.Ceil32, FOp.Floor32, FOp.Trunc32, FOp.Nearest32, FOp.Sqrt32, FOp.Add32, FOp.Sub32, FOp.Mul32, FOp.Div32, FOp.Min32, FOp.Max32, FOp.Copysign32];
const f64ops = [FOp.Abs64, FOp.Neg64, FOp.Ceil64, FOp.Floor64, FOp.Trunc64, FOp.Nearest64, FOp.Sqrt64, FOp.Add64, FOp.Sub64, FOp.Mul64, FOp.Div64, FOp.Min64, FOp.Max64, FOp.Copysign64];
f32ops.forEach((op, k) => put(0x8b + k, L.Float, op));
f64ops.forEach((op, k) => put(0x99 + k, L.Float, op));
put(0xa7, L.Unary, UnOp.Mov32);
[FOp.TruncF32_I32S, FOp.TruncF32_I32U, FOp.TruncF64_I32S, FOp.TruncF64_I32U].forEach((op, k) => put(0xa8 + k, L.Float, op));
put(0xac, L.Unary, UnOp.Ext32s64);
put(0xad, L.Unary, UnOp.Mov32);
[FOp.TruncF32_I64S, FOp.TruncF32_I64U, FOp.TruncF64_I64S, FOp.TruncF64_I64U].forEach((op, k) => put(0xae + k, L.Float, op));
[FOp.CvtI32S_F32, FOp.CvtI32U_F32, FOp.CvtI64S_F32, FOp.CvtI64U_F32, FOp.Demote,
  FOp.CvtI32S_F64, FOp.CvtI32U_F64, FOp.CvtI64S_F64, FOp.CvtI64U_F64, FOp.Promote].forEach((op, k) => put(0xb2 + k, L.Float, op));
put(0xbc, L.Unary, UnOp.F32ToI32); put(0xbd, L.Unary, UnOp.F64ToI64);
put(0xbe, L.Unary, UnOp.I32ToF32); put(0xbf, L.Unary, UnOp.I64ToF64);
put(0xc0, L.Unary, UnOp.Ext8s32); put(0xc1, L.Unary, UnOp.Ext16s32);
put(0xc2, L.Unary, UnOp.Ext8s64); put(0xc3, L.Unary, UnOp.Ext16s64); put(0xc4, L.Unary, UnOp.Ext32s64);
[FOp.SatF32_I32S, FOp.SatF32_I32U, FOp.SatF64_I32S, FOp.SatF64_I32U,
  FOp.SatF32_I64S, FOp.SatF32_I64U, FOp.SatF64_I64S, FOp.SatF64_I64U].forEach((op, k) => put(0xfc000 + k, L.Float, op));

/** Loads that can be a memory operand: full-width i32, i64, f32, f64. */
export function loadFoldable(code: number): boolean {
  return code >= 0x28 && code <= 0x2b;
}

/** Operations whose second operand may be memory: integer add/sub/and/or/xor/mul, float add/sub/mul/div. */
export function memOperandUser(code: number): boolean {
  const row = rowOf(code);
  if (row === undefined) return false;
  if (row.l === L.Add || row.l === L.Sub || row.l === L.Alu || row.l === L.Mul) return true;
  return row.l === L.Float && row.a <= FOp.Div64;
}

function rowOf(code: number): Row | undefined {
  return code >= 0xfc000 ? misc[code & 0xfff] : rows[code];
}

/** True when argument k of num instruction i is used as an immediate (no register needed). */
export function numImmArg(isel: Amd64Isel, i: number, k: number): boolean {
  if (k !== 1) return false;
  const code = isel.ir.instImm0[i]!;
  const row = rowOf(code);
  const v = isel.ir.argPool[isel.ir.instArgStart[i]! + 1]!;
  if (row === undefined) return simdShiftImm(isel, code, v);
  const imm = isel.constImm(v);
  if (row.l === L.Shift) return isConst(isel, v);
  if (imm === undefined) return false;
  if (row.l === L.Cond) return (code >= 0x46 && code <= 0x4f) || (code >= 0x51 && code <= 0x5a);
  return row.l === L.Alu || row.l === L.Add || row.l === L.Sub || row.l === L.Mul;
}

function isConst(isel: Amd64Isel, v: number): boolean {
  const d = isel.defInst(v);
  if (d < 0) return false;
  const op = isel.ir.instOp[d]!;
  return op === 0 /* Iconst32 */ || op === 1 /* Iconst64 */;
}

export function lowerNum(isel: Amd64Isel, i: number): void {
  const { ir, mf, mi } = isel;
  const code = ir.instImm0[i]!;
  const row = rowOf(code);
  if (row === undefined) {
    if ((code >>> 12) === 0xfd) {
      lowerSimdNum(isel, i);
      return;
    }
    throw new Error(`amd64 isel: no lowering for Wasm operation 0x${code.toString(16)}`);
  }
  const s = ir.instArgStart[i]!;
  let x = ir.argPool[s]!;
  let y = ir.instArgCount[i]! > 1 ? ir.argPool[s + 1]! : -1;
  const res = ir.instResult[i]!;
  const w = row.w64 ? 1 : 0;
  switch (row.l) {
    case L.Cond: {
      if (isel.isFused(res)) return;
      const [k, c, imm] = isel.producerOperands(i);
      mf.def(isel.vr(res));
      mi.push(MK.SetCC, k, c, imm);
      break;
    }
    case L.Add: case L.Sub: case L.Alu: case L.Mul: {
      if (isel.isFused(res)) return; // an `and` computed as a test by its consumer
      if (isel.isFoldedLoad(y)) {
        lowerMemOperand(isel, i, x, y, res, row.l === L.Mul ? MemOp.Imul : MemOp.Alu, row.l === L.Add ? AluOp.Add : row.l === L.Sub ? AluOp.Sub : row.a, w);
        return;
      }
      if (row.l === L.Add && isel.isFoldedShift(y)) {
        const sh = isel.defInst(y);
        const count = isel.constImm(ir.argPool[ir.instArgStart[sh]! + 1]!)!;
        mf.use(isel.vr(x));
        mf.use(isel.vr(ir.argPool[ir.instArgStart[sh]!]!));
        mf.def(isel.vr(res));
        mi.push(MK.LeaRR, count, w);
        break;
      }
      const imm = numImmArg(isel, i, 1) ? isel.constImm(y)! : undefined;
      if (row.l === L.Add || (row.l === L.Sub && imm !== undefined && imm !== -0x80000000)) {
        mf.use(isel.vr(x));
        if (imm !== undefined) {
          mf.def(isel.vr(res));
          mi.push(MK.LeaRI, 0, w, row.l === L.Sub ? -imm : imm);
        } else {
          mf.use(isel.vr(y));
          mf.def(isel.vr(res));
          mi.push(MK.LeaRR, 0, w);
        }
        break;
      }
      const aluOp = row.l === L.Sub ? AluOp.Sub : row.a;
      // Commutative two-address forms overwrite their first operand: make it the one that
      // dies here when only the second does, so the allocator needs no copy.
      if (imm === undefined && row.l !== L.Sub && preferSwap(isel, x, y)) [x, y] = [y, x];
      if (row.l === L.Mul) {
        if (imm !== undefined) {
          mf.use(isel.vr(x), Policy.Any);
          mf.def(isel.vr(res));
          mi.push(MK.ImulRI, 0, w, imm);
        } else {
          const u = mf.use(isel.vr(x));
          mf.use(isel.vr(y), Policy.Any);
          mf.defReuse(isel.vr(res), u);
          mi.push(MK.Imul, 0, w);
        }
        break;
      }
      const u = mf.use(isel.vr(x));
      if (imm !== undefined) {
        mf.defReuse(isel.vr(res), u);
        mi.push(MK.AluRI, aluOp, w, imm);
      } else {
        mf.use(isel.vr(y), x === y ? Policy.Reg : Policy.Any);
        mf.defReuse(isel.vr(res), u);
        mi.push(MK.AluRR, aluOp, w);
      }
      break;
    }
    case L.Div: {
      const rax = preg(RegClass.Int, Gpr.RAX), rdx = preg(RegClass.Int, Gpr.RDX);
      const isRem = row.a >= 2;
      const signed = (row.a & 1) === 0;
      let yv = isel.vr(y);
      if (x === y) yv = copyOf(isel, yv);
      mf.useFixed(isel.vr(x), rax);
      mf.use(yv);
      if (isRem) {
        mf.earlyDef(isel.vr(res), Policy.Fixed, rdx);
        mi.push(MK.Div, signed ? 1 : 0, w, 1);
        mf.inst(1 << Gpr.RAX);
        return;
      }
      mf.earlyDef(isel.newVReg(RegClass.Int), Policy.Fixed, rdx);
      mf.defFixed(isel.vr(res), rax);
      mi.push(MK.Div, signed ? 1 : 0, w, 0);
      break;
    }
    case L.Shift: {
      if (isel.isFoldedShift(res)) return;
      if (isConst(isel, y)) {
        const u = mf.use(isel.vr(x));
        mf.defReuse(isel.vr(res), u);
        const d = isel.defInst(y);
        mi.push(MK.ShiftRI, row.a, w, ir.instImm0[d]! & (row.w64 ? 63 : 31));
        break;
      }
      const xv = isel.vr(x);
      const countV = x === y ? copyOf(isel, isel.vr(y)) : isel.vr(y);
      const u = mf.use(xv);
      mf.useFixed(countV, preg(RegClass.Int, Gpr.RCX));
      mf.defReuse(isel.vr(res), u);
      mi.push(MK.Shift, row.a, w);
      break;
    }
    case L.Unary: {
      if (isel.isFoldedWrap(res)) return;
      mf.use(isel.vr(x));
      mf.def(isel.vr(res));
      const needsTmp = (row.a === UnOp.Popcnt32 || row.a === UnOp.Popcnt64) && !isel.opts.cpu.popcnt;
      if (needsTmp) mf.earlyDef(isel.newVReg(RegClass.Int));
      mi.push(MK.Unary, row.a);
      break;
    }
    case L.Float: {
      const op = row.a as FOp;
      if (floatShapeOf(op) === Shape.Bin && isel.isFoldedLoad(y)) {
        lowerMemOperand(isel, i, x, y, res, MemOp.Float, op, w);
        return;
      }
      switch (floatShapeOf(op)) {
        case Shape.Bin: {
          const commutative = op === FOp.Add32 || op === FOp.Add64 || op === FOp.Mul32 || op === FOp.Mul64;
          if (commutative && preferSwap(isel, x, y)) [x, y] = [y, x];
          const u = mf.use(isel.vr(x));
          mf.use(isel.vr(y), x === y ? Policy.Reg : Policy.Any);
          mf.defReuse(isel.vr(res), u);
          break;
        }
        case Shape.BinReg: {
          const yv = x === y ? copyOf(isel, isel.vr(y)) : isel.vr(y);
          const u = mf.use(isel.vr(x));
          mf.use(yv);
          mf.defReuse(isel.vr(res), u);
          break;
        }
        case Shape.Un:
          mf.use(isel.vr(x), Policy.Any);
          mf.def(isel.vr(res));
          break;
        case Shape.UnReuse: {
          const u = mf.use(isel.vr(x));
          mf.defReuse(isel.vr(res), u);
          break;
        }
        case Shape.UnTmp:
          mf.use(isel.vr(x));
          mf.earlyDef(isel.newVReg(RegClass.Int));
          mf.def(isel.vr(res));
          break;
        case Shape.UnReg:
          mf.use(isel.vr(x));
          mf.def(isel.vr(res));
          break;
      }
      mi.push(MK.Float, op);
      break;
    }
  }
  mf.inst();
}

/** True when y is used only here but x has other uses (so y's register may be overwritten). */
function preferSwap(isel: Amd64Isel, x: number, y: number): boolean {
  return isel.useCountOf(y) === 1 && isel.useCountOf(x) > 1;
}

export const enum MemOp { Alu = 0, Imul = 1, Float = 2 }

/** d = x op [membase + addr + offset] for a folded single-use load y. */
function lowerMemOperand(isel: Amd64Isel, i: number, x: number, y: number, res: number, kind: MemOp, op: number, w: number): void {
  const { ir, mf, mi } = isel;
  const load = isel.defInst(y);
  const u = mf.use(isel.vr(x));
  mf.use(isel.vr(ir.argPool[ir.instArgStart[load]!]!));
  mf.use(isel.memoryBase());
  mf.defReuse(isel.vr(res), u);
  // a: kind << 8 | operation, b: 64-bit, c: offset, d: the load's Wasm code.
  mi.push(MK.MemOperand, (kind << 8) | op, w, ir.instImm1[load]!, ir.instImm0[load]!);
  mf.inst();
  void i;
}

/** A fresh copy of vreg v (for an instruction that needs one value in two constrained places). */
export function copyOf(isel: Amd64Isel, v: number): number {
  const { mf, mi } = isel;
  const cls = mf.vregClass.data[v]! as RegClass;
  const t = isel.newVReg(cls, isel.isWide(v));
  // The copy is its own instruction, emitted before the one being built: park that one's operands.
  const pending = mf.ops.length - mf.opStart.data[mf.opStart.length - 1]!;
  if (pending !== 0) throw new Error('internal: copyOf must be called before adding operands');
  mf.use(v);
  mf.def(t);
  mi.push(MK.Copy, cls === RegClass.Float ? 1 : 0);
  mf.inst();
  return t;
}
