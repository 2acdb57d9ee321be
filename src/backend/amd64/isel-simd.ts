// Instruction selection for v128: constants, SIMD loads and stores, and the `num` SIMD operations
// of the table in simd-ops.ts (operand shapes there). Anything not in the table throws
// SimdUnsupportedError naming the operation, so the module runs on the interpreter.
import { RegClass } from '../../regalloc/operand.js';
import type { IrFunction } from '../../ssa/function.js';
import { opInfo } from '../../wasm/opcodes.js';
import { SimdUnsupportedError } from '../unsupported.js';
import type { Amd64Isel } from './isel.js';
import { MK } from './minst.js';
import { simdOp, VShape } from './simd-ops.js';

const SIMD = 0xfd000;

/** Sub-opcodes of the SIMD shifts (their count may be an immediate). */
const SHIFTS = new Set([107, 108, 109, 139, 140, 141, 171, 172, 173, 203, 204, 205]);

/** Name of a Wasm operation for messages. */
function opName(code: number): string {
  return opInfo(code)?.name ?? `0x${code.toString(16)}`;
}

/** True when the count of SIMD shift `code` is the integer constant v (emitted as an immediate). */
export function simdShiftImm(isel: Amd64Isel, code: number, v: number): boolean {
  if ((code & ~0xfff) !== SIMD || !SHIFTS.has(code & 0xfff)) return false;
  return isel.constImm(v) !== undefined;
}

/** The 16 bytes of v128.const instruction i as four little-endian 32-bit words. */
export function vconstWords(ir: IrFunction, i: number): number[] {
  const b = ir.constPool[ir.instImm0[i]!]!;
  const w = new DataView(b.buffer, b.byteOffset, 16);
  return [w.getInt32(0, true), w.getInt32(4, true), w.getInt32(8, true), w.getInt32(12, true)];
}

/** v128.const (rematerialisable; non-trivial ones were defined at entry by the isel's hoisting). */
export function lowerVconst(isel: Amd64Isel, i: number): void {
  const { ir, mf, mi } = isel;
  const res = ir.instResult[i]!;
  if (!isel.needsReg(res) || isel.isHoisted(res)) return;
  const w = vconstWords(ir, i);
  const r = isel.vr(res);
  mf.def(r);
  mf.setRemat(r);
  mi.push(MK.VConst, w[0]!, w[1]!, w[2]!, w[3]!);
  mf.inst();
}

// Memory codes (sub-opcodes): 0..10 loads, 11 store, 84..87 load lane, 88..91 store lane, 92/93 load zero.
const isLoadLane = (sub: number): boolean => sub >= 84 && sub <= 87;

export function lowerSimdLoad(isel: Amd64Isel, i: number): void {
  const { ir, mf, mi } = isel;
  const code = ir.instImm0[i]!;
  const sub = code & 0xfff;
  const s = ir.instArgStart[i]!;
  mf.use(isel.vr(ir.argPool[s]!));
  mf.use(isel.memoryBase());
  if (isLoadLane(sub)) {
    const u = mf.use(isel.vr(ir.argPool[s + 1]!));
    mf.defReuse(isel.vr(ir.instResult[i]!), u);
  } else {
    mf.def(isel.vr(ir.instResult[i]!));
  }
  mi.push(MK.VLoad, code, ir.instImm2[i]!, ir.instImm1[i]!);
  mf.inst();
}

export function lowerSimdStore(isel: Amd64Isel, i: number): void {
  const { ir, mf, mi } = isel;
  const s = ir.instArgStart[i]!;
  mf.use(isel.vr(ir.argPool[s]!));
  mf.use(isel.vr(ir.argPool[s + 1]!));
  mf.use(isel.memoryBase());
  mi.push(MK.VStore, ir.instImm0[i]!, ir.instImm2[i]!, ir.instImm1[i]!);
  mf.inst();
}

/** A SIMD `num` operation: operands by the table's shape; a = code, b = lane / count / -1, c = shuffle mask index. */
export function lowerSimdNum(isel: Amd64Isel, i: number): void {
  const { ir, mf, mi } = isel;
  const code = ir.instImm0[i]!;
  const row = simdOp(code & 0xfff);
  if (row === undefined) throw new SimdUnsupportedError(opName(code));
  const s = ir.instArgStart[i]!;
  const arg = (k: number): number => ir.argPool[s + k]!;
  const res = isel.vr(ir.instResult[i]!);
  let imm = ir.instImm1[i]!;
  let shape = row.shape;
  if (shape === VShape.Shift) {
    const count = isel.constImm(arg(1));
    if (count !== undefined) {
      // The ops take the count modulo the lane width (8..64 bits, all dividing 256) and read a
      // negative imm as "count in a register": a constant count must be made non-negative here
      // (i32x4.shr_s by -64 shifts by 0, not by a register nobody set).
      imm = count & 255;
      shape = VShape.Un;
    } else {
      imm = -1;
    }
  }
  switch (shape) {
    case VShape.Bin: case VShape.BinRev: case VShape.Shift: {
      const [a, b] = shape === VShape.BinRev ? [arg(1), arg(0)] : [arg(0), arg(1)];
      const u = mf.use(isel.vr(a));
      mf.use(isel.vr(b));
      mf.defReuse(res, u);
      break;
    }
    case VShape.BinNew:
      mf.use(isel.vr(arg(0)));
      mf.use(isel.vr(arg(1)));
      mf.earlyDef(res);
      break;
    case VShape.Un: {
      const u = mf.use(isel.vr(arg(0)));
      mf.defReuse(res, u);
      break;
    }
    case VShape.UnNew:
      mf.use(isel.vr(arg(0)));
      mf.earlyDef(res);
      break;
    case VShape.ToInt: case VShape.FromInt: case VShape.FromFloat:
      mf.use(isel.vr(arg(0)));
      mf.def(res);
      break;
    case VShape.Replace: {
      const u = mf.use(isel.vr(arg(0)));
      mf.use(isel.vr(arg(1)));
      mf.defReuse(res, u);
      break;
    }
    case VShape.Ternary:
      mf.use(isel.vr(arg(0)));
      mf.use(isel.vr(arg(1)));
      mf.use(isel.vr(arg(2)));
      mf.earlyDef(res);
      break;
  }
  for (let t = 0; t < row.temps; t++) mf.earlyDef(isel.newVReg(RegClass.Float, true));
  mi.push(MK.Simd, code, imm, ir.instImm1[i]!, shape);
  mf.inst();
}

/** The operand positions of each shape: [x, y, z, d] (-1: absent). */
export const shapeOperands: Record<VShape, readonly [number, number, number, number]> = {
  [VShape.Bin]: [0, 1, -1, 2],
  [VShape.BinRev]: [0, 1, -1, 2],
  [VShape.BinNew]: [0, 1, -1, 2],
  [VShape.Un]: [0, -1, -1, 1],
  [VShape.UnNew]: [0, -1, -1, 1],
  [VShape.ToInt]: [0, -1, -1, 1],
  [VShape.FromInt]: [0, -1, -1, 1],
  [VShape.FromFloat]: [0, -1, -1, 1],
  [VShape.Replace]: [0, 1, -1, 2],
  [VShape.Ternary]: [0, 1, 2, 3],
  [VShape.Shift]: [0, 1, -1, 2],
};
