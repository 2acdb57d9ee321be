// Instruction selection for everything that is not `num` or control flow: constants, select,
// references, memory, globals, tables, calls and helper calls.
import { Policy, RegClass, preg } from '../../regalloc/operand.js';
import { Opcode } from '../../ssa/opcodes.js';
import { ValType } from '../../wasm/types.js';
import {
  CALLER_SAVED_FLOAT_MASK, CALLER_SAVED_INT_MASK, HELPER_ARG_REGS, Helper, amd64Registers, type CallLayout, isFloatType,
} from './abi.js';
import type { Amd64Isel } from './isel.js';
import { Gpr } from './registers.js';
import { copyOf } from './isel-num.js';
import { CallKind, MK, SelKind } from './minst.js';
import { lowerSimdLoad, lowerSimdStore, lowerVconst } from './isel-simd.js';

const CALL_CLOBBER_INT = CALLER_SAVED_INT_MASK & amd64Registers.allocatable[0]!;
const CALL_CLOBBER_FLOAT = CALLER_SAVED_FLOAT_MASK & amd64Registers.allocatable[1]!;

/** Helper id and how many leading immediates (instImm0, instImm1) it takes before the value arguments. */
const helperOf: Partial<Record<Opcode, [Helper, number, boolean]>> = {
  [Opcode.MemoryGrow]: [Helper.MemoryGrow, 0, true],
  [Opcode.MemoryCopy]: [Helper.MemoryCopy, 0, false],
  [Opcode.MemoryFill]: [Helper.MemoryFill, 0, false],
  [Opcode.MemoryInit]: [Helper.MemoryInit, 1, false],
  [Opcode.DataDrop]: [Helper.DataDrop, 1, false],
  [Opcode.TableGrow]: [Helper.TableGrow, 1, true],
  [Opcode.TableFill]: [Helper.TableFill, 1, false],
  [Opcode.TableCopy]: [Helper.TableCopy, 2, false],
  [Opcode.TableInit]: [Helper.TableInit, 2, false],
  [Opcode.ElemDrop]: [Helper.ElemDrop, 1, false],
};

export function lowerMisc(isel: Amd64Isel, i: number, op: Opcode): void {
  const { ir, mf, mi } = isel;
  const s = ir.instArgStart[i]!;
  const arg = (k: number): number => ir.argPool[s + k]!;
  const res = ir.instResult[i]!;
  const helper = helperOf[op];
  if (helper !== undefined) {
    lowerHelper(isel, i, helper[0], helper[1], helper[2]);
    return;
  }
  switch (op) {
    case Opcode.Iconst32: case Opcode.Fconst32:
      if (!isel.needsReg(res) || isel.isHoisted(res)) return;
      mf.def(isel.vr(res));
      mf.setRemat(isel.vr(res));
      mi.push(MK.Const32, ir.instImm0[i]!, op === Opcode.Fconst32 ? 1 : 0);
      break;
    case Opcode.Iconst64: case Opcode.Fconst64:
      if (!isel.needsReg(res) || isel.isHoisted(res)) return;
      mf.def(isel.vr(res));
      mf.setRemat(isel.vr(res));
      mi.push(MK.Const64, ir.instImm0[i]!, ir.instImm1[i]!, op === Opcode.Fconst64 ? 1 : 0);
      break;
    case Opcode.RefNull:
      if (!isel.needsReg(res)) return;
      mf.def(isel.vr(res));
      mf.setRemat(isel.vr(res));
      mi.push(MK.Const64, 0, 0, 0);
      break;
    case Opcode.Vconst:
      lowerVconst(isel, i);
      return;
    case Opcode.RefFunc:
      mf.def(isel.vr(res));
      mi.push(MK.RefFunc, ir.instImm0[i]!);
      break;
    case Opcode.RefIsNull: case Opcode.FuncTypeIs: {
      if (isel.isFused(res)) return;
      const [k, c, imm] = isel.producerOperands(i);
      mf.def(isel.vr(res));
      mi.push(MK.SetCC, k, c, imm);
      break;
    }
    case Opcode.Select: {
      const t = isel.type(res);
      if (arg(1) === arg(2)) {
        mf.use(isel.vr(arg(1)));
        mf.def(isel.vr(res));
        mi.push(MK.Copy, isFloatType(t) ? 1 : 0);
        break;
      }
      const [k, c, imm] = isel.condOperands(arg(0));
      const u = mf.use(isel.vr(arg(1)));
      mf.use(isel.vr(arg(2)), isFloatType(t) ? Policy.Reg : Policy.Any);
      mf.defReuse(isel.vr(res), u);
      const kind = isFloatType(t) ? SelKind.Float : t === ValType.I32 ? SelKind.Int32 : SelKind.Int64;
      mi.push(MK.Select, k, c, imm, kind);
      break;
    }
    case Opcode.Load: {
      if (isel.isFoldedLoad(res)) return;
      const code = ir.instImm0[i]!;
      if ((code >>> 12) === 0xfd) {
        lowerSimdLoad(isel, i);
        return;
      }
      mf.use(isel.vr(arg(0)));
      mf.use(isel.memoryBase());
      mf.def(isel.vr(res));
      mi.push(MK.Load, code, 0, ir.instImm1[i]!);
      break;
    }
    case Opcode.Store: {
      const code = ir.instImm0[i]!;
      if ((code >>> 12) === 0xfd) {
        lowerSimdStore(isel, i);
        return;
      }
      if (isel.storeImmArg(i, 1)) {
        mf.use(isel.vr(arg(0)));
        mf.use(isel.memoryBase());
        mi.push(MK.StoreImm, code, isel.constImm(arg(1))!, ir.instImm1[i]!);
        break;
      }
      mf.use(isel.vr(arg(0)));
      mf.use(isel.vr(arg(1)));
      mf.use(isel.memoryBase());
      mi.push(MK.Store, code, 0, ir.instImm1[i]!);
      break;
    }
    case Opcode.MemorySize:
      mf.def(isel.vr(res));
      mi.push(MK.MemorySize);
      break;
    case Opcode.GlobalGet: {
      const g = ir.instImm0[i]!;
      mf.def(isel.vr(res));
      mi.push(MK.GlobalGet, g, isel.mc.globalType(g), isel.mc.globalImported(g) ? 1 : 0);
      break;
    }
    case Opcode.GlobalSet: {
      const g = ir.instImm0[i]!;
      mf.use(isel.vr(arg(0)));
      mi.push(MK.GlobalSet, g, isel.mc.globalType(g), isel.mc.globalImported(g) ? 1 : 0);
      break;
    }
    case Opcode.TableGet:
      mf.use(isel.vr(arg(0)));
      mf.def(isel.vr(res));
      mi.push(MK.TableGet, ir.instImm0[i]!);
      break;
    case Opcode.TableSet:
      mf.use(isel.vr(arg(0)));
      mf.use(isel.vr(arg(1)));
      mi.push(MK.TableSet, ir.instImm0[i]!);
      break;
    case Opcode.TableSize:
      mf.def(isel.vr(res));
      mi.push(MK.TableSize, ir.instImm0[i]!);
      break;
    case Opcode.Call:
      lowerCall(isel, i, CallKind.Direct, ir.instImm0[i]!);
      return;
    case Opcode.CallImport:
      lowerCall(isel, i, CallKind.Import, ir.instImm0[i]!);
      return;
    case Opcode.CallRef:
      lowerCall(isel, i, CallKind.Ref, ir.instImm0[i]!);
      return;
    default:
      throw new Error(`amd64 isel: no lowering for IR op ${op as number}`);
  }
  mf.inst();
}

/** How a stack slot is read: 0 a 64-bit integer or reference, 1 a float, 2 an i32 (zero-extending 32-bit load), 3 a v128. */
export function slotKind(t: ValType): number {
  return t === ValType.V128 ? 3 : isFloatType(t) ? 1 : t === ValType.I32 ? 2 : 0;
}

function lowerCall(isel: Amd64Isel, i: number, kind: CallKind, index: number): void {
  const { ir, mf, mi, mc } = isel;
  const type = kind === CallKind.Ref ? mc.typeAt(index) : mc.funcType(index);
  const layout = isel.layoutOf(type.params, type.results);
  const first = ir.instArgStart[i]! + (kind === CallKind.Ref ? 1 : 0);
  if (kind !== CallKind.Direct) isel.needsVmSave = true;
  isel.hasCalls = true;
  isel.noteOutgoing(layout.stackBytes);
  for (let k = 0; k < type.params.length; k++) {
    const loc = layout.params[k]!;
    if (loc.reg >= 0) continue;
    mf.use(isel.vr(ir.argPool[first + k]!));
    mi.push(MK.StoreOutArg, loc.stackOffset, slotKind(type.params[k]!));
    mf.inst();
  }
  // A value passed in two registers needs a copy for the second one.
  const argVregs = isel.scratchVregs;
  argVregs.length = 0;
  for (let k = 0; k < type.params.length; k++) {
    let v = isel.vr(ir.argPool[first + k]!);
    if (layout.params[k]!.reg >= 0 && seenIn(argVregs, v, layout, k)) v = copyOf(isel, v);
    argVregs.push(v);
  }
  if (kind === CallKind.Ref) {
    let f = isel.vr(ir.argPool[ir.instArgStart[i]!]!);
    if (seenIn(argVregs, f, layout, argVregs.length)) f = copyOf(isel, f);
    mf.use(f);
  }
  for (let k = 0; k < type.params.length; k++) {
    const loc = layout.params[k]!;
    if (loc.reg >= 0) mf.useFixed(argVregs[k]!, loc.reg);
  }
  const res = ir.instResult[i]!;
  for (let k = 0; k < type.results.length; k++) {
    const loc = layout.results[k]!;
    if (loc.reg >= 0) mf.defFixed(isel.vr(res + k), loc.reg);
  }
  mi.push(MK.Call, kind, index);
  mf.inst(CALL_CLOBBER_INT, CALL_CLOBBER_FLOAT);
  for (let k = 0; k < type.results.length; k++) {
    const loc = layout.results[k]!;
    if (loc.reg >= 0) continue;
    mf.def(isel.vr(res + k));
    mi.push(MK.LoadOutResult, loc.stackOffset, slotKind(type.results[k]!));
    mf.inst();
  }
}

/** True when v is already among the first n register-passed values of `vregs`. */
function seenIn(vregs: readonly number[], v: number, layout: CallLayout, n: number): boolean {
  for (let k = 0; k < n; k++) if (vregs[k] === v && layout.params[k]!.reg >= 0) return true;
  return false;
}

function lowerHelper(isel: Amd64Isel, i: number, helper: Helper, numImm: number, hasResult: boolean): void {
  const { ir, mf, mi } = isel;
  isel.hasCalls = true;
  const s = ir.instArgStart[i]!, n = ir.instArgCount[i]!;
  if (1 + numImm + n > HELPER_ARG_REGS.length) throw new Error(`internal: helper ${helper} takes too many arguments`);
  const vregs = isel.scratchVregs;
  vregs.length = 0;
  for (let k = 0; k < n; k++) {
    let v = isel.vr(ir.argPool[s + k]!);
    if (vregs.includes(v)) v = copyOf(isel, v);
    vregs.push(v);
  }
  for (let k = 0; k < n; k++) mf.useFixed(vregs[k]!, preg(RegClass.Int, HELPER_ARG_REGS[1 + numImm + k]!));
  if (hasResult) mf.defFixed(isel.vr(ir.instResult[i]!), preg(RegClass.Int, Gpr.RAX));
  mi.push(MK.CallHelper, helper, numImm, ir.instImm0[i]!, ir.instImm1[i]!);
  mf.inst(CALL_CLOBBER_INT, CALL_CLOBBER_FLOAT);
}
