// The ISA-independent pre-pass of instruction selection: per IR value, how many uses it has,
// its (last) user, how many uses need it in a register, and which values are computed by their
// only user instead of by their own instruction:
//   - conditions (compares, eqz, and, ref.is_null, func_type_is) consumed by a branch, trap_if,
//     select or eqz in the same block (compare-and-branch fusion);
//   - loads folded into an arithmetic user as a memory operand, when nothing with effects lies
//     between them (so no store, call or trap changes order relative to the load);
//   - shifts folded into an add as a scaled index;
//   - `i32.wrap_i64` read by its only user, an operation that reads just the low 32 bits of
//     its operands: the user reads the i64 value itself, and no instruction does the wrap.
// What an ISA can encode (immediates, memory operands, scaled indices) comes from FoldRules.
// Storage is reused across functions.
import { IrFunction } from '../ssa/function.js';
import { Effect, irOpInfo, Opcode } from '../ssa/opcodes.js';

export interface FoldRules {
  /** Argument k of IR instruction i (a `num` or a `store`) is encoded as an immediate. */
  immArg(ir: IrFunction, i: number, k: number): boolean;
  /** A load with Wasm code `load` may be the second operand of `num` code `user`. */
  loadFoldsInto(load: number, user: number): boolean;
  /** A `num` shift (code, constant count) may be the second operand of `num` code `user`. */
  shiftFoldsInto(shift: number, count: number | undefined, user: number): boolean;
  /** A single-use `i32.wrap_i64` may be read as its i64 operand by `num` code `user` (one that
   * reads only the low 32 bits of its operands). Absent: never. */
  wrapFoldsInto?(user: number): boolean;
  /** Integer constant of v as an int32 when it is small enough to matter to shiftFoldsInto. */
  constOf(v: number): number | undefined;
}

export const enum Fused {
  None = 0,
  Condition = 1,
  Load = 2,
  Shift = 3,
  Wrap = 4,
}

/** A folded load may move past at most this many (effect-free) instructions. */
const LOAD_FOLD_WINDOW = 16;

const I32_EQZ = 0x45, I64_EQZ = 0x50, I32_AND = 0x71, I64_AND = 0x83, I32_WRAP_I64 = 0xa7;

/** Wasm codes whose result is a condition a branch can test directly. */
export function isConditionCode(code: number): boolean {
  return (code >= 0x45 && code <= 0x66) || code === I32_AND || code === I64_AND;
}

export class UseAnalysis {
  useCount = new Int32Array(256);
  /** Per value: uses that need it in a register (not folded as an immediate or fused). */
  regUses = new Int32Array(256);
  /** Per value: its user (the last one seen; meaningful when useCount is 1). */
  user = new Int32Array(256);
  fused = new Uint8Array(256);
  /** The function has loads or stores (it needs memory 0's base). */
  usesMemory = false;

  run(ir: IrFunction, rules: FoldRules): void {
    const nv = ir.valueCount;
    if (this.useCount.length < nv) {
      const n = Math.max(nv, this.useCount.length * 2);
      this.useCount = new Int32Array(n);
      this.regUses = new Int32Array(n);
      this.user = new Int32Array(n);
      this.fused = new Uint8Array(n);
    }
    this.useCount.fill(0, 0, nv);
    this.regUses.fill(0, 0, nv);
    this.fused.fill(Fused.None, 0, nv);
    this.count(ir, rules);
    this.fuseConditions(ir);
    this.foldLoadsAndShifts(ir, rules);
    if (rules.wrapFoldsInto) this.foldWraps(ir, rules.wrapFoldsInto);
  }

  /** The i64 operand of a folded wrap (which the backend reads in its place). */
  wrapSource(ir: IrFunction, v: number): number {
    return ir.argPool[ir.instArgStart[ir.valueDef[v]!]!]!;
  }

  /**
   * After the other folds, so the wrap's operand is never itself folded into the wrap. The user
   * is in the wrap's block (the i64 value lives no longer than the wrap did), and no other operand
   * of the user is a wrap of the same value (the user's operands stay distinct registers).
   */
  private foldWraps(ir: IrFunction, foldsInto: (user: number) => boolean): void {
    for (const b of ir.layout) {
      if (ir.blockDead[b]) continue;
      for (let i = ir.blockFirst[b]!; i !== -1; i = ir.instNext[i]!) {
        if (ir.instOp[i] !== Opcode.Num || ir.instImm0[i] !== I32_WRAP_I64) continue;
        const v = ir.instResult[i]!;
        if (this.useCount[v] !== 1) continue;
        const u = this.user[v]!;
        if (ir.instBlock[u] !== b || ir.instOp[u] !== Opcode.Num || !foldsInto(ir.instImm0[u]!)) continue;
        const src = ir.argPool[ir.instArgStart[i]!]!;
        if (this.fused[src] !== Fused.None) continue;
        let clash = false;
        for (let k = ir.instArgStart[u]!, ke = k + ir.instArgCount[u]!; k < ke; k++) {
          const a = ir.argPool[k]!;
          if (a === v) continue;
          const d = ir.valueDef[a]!;
          if (d >= 0 && ir.instOp[d] === Opcode.Num && ir.instImm0[d] === I32_WRAP_I64 && ir.argPool[ir.instArgStart[d]!] === src) clash = true;
        }
        if (clash) continue;
        // src's register use by the wrap becomes the user's: its regUses stay as they are.
        this.fused[v] = Fused.Wrap;
        this.regUses[v] = 0;
      }
    }
  }

  private count(ir: IrFunction, rules: FoldRules): void {
    let memory = false;
    for (const b of ir.layout) {
      if (ir.blockDead[b]) continue;
      for (let i = ir.blockFirst[b]!; i !== -1; i = ir.instNext[i]!) {
        const op = ir.instOp[i]! as Opcode;
        if (op === Opcode.Load || op === Opcode.Store) memory = true;
        const s = ir.instArgStart[i]!, n = ir.instArgCount[i]!;
        const immCandidate = op === Opcode.Num || op === Opcode.Store;
        for (let k = 0; k < n; k++) {
          const v = ir.argPool[s + k]!;
          this.useCount[v]!++;
          this.user[v] = i;
          if (!(immCandidate && rules.immArg(ir, i, k))) this.regUses[v]!++;
        }
        const es = ir.instEdgeStart[i]!, en = ir.instEdgeCount[i]!;
        for (let e = es; e < es + en; e++) {
          for (let k = 0; k < ir.edgeArgCount[e]!; k++) {
            const v = ir.argPool[ir.edgeArgStart[e]! + k]!;
            this.useCount[v]! += 2; // an edge argument is never fused
            this.regUses[v]!++;
          }
        }
      }
    }
    this.usesMemory = memory;
  }

  /** In program order, so eqz(eqz(cmp)) chains resolve front to back. */
  private fuseConditions(ir: IrFunction): void {
    for (const b of ir.layout) {
      if (ir.blockDead[b]) continue;
      for (let i = ir.blockFirst[b]!; i !== -1; i = ir.instNext[i]!) {
        const op = ir.instOp[i]! as Opcode;
        const producer = op === Opcode.RefIsNull || op === Opcode.FuncTypeIs || (op === Opcode.Num && isConditionCode(ir.instImm0[i]!));
        if (!producer) continue;
        const v = ir.instResult[i]!;
        if (this.useCount[v] !== 1) continue;
        const u = this.user[v]!;
        if (ir.instBlock[u] !== b || ir.argPool[ir.instArgStart[u]!] !== v) continue;
        const uop = ir.instOp[u]! as Opcode;
        if (uop === Opcode.BrIf || uop === Opcode.TrapIf || uop === Opcode.Select ||
          (uop === Opcode.Num && (ir.instImm0[u] === I32_EQZ || ir.instImm0[u] === I64_EQZ))) {
          this.fused[v] = Fused.Condition;
          this.regUses[v] = 0;
        }
      }
    }
  }

  private foldLoadsAndShifts(ir: IrFunction, rules: FoldRules): void {
    for (const b of ir.layout) {
      if (ir.blockDead[b]) continue;
      for (let i = ir.blockFirst[b]!; i !== -1; i = ir.instNext[i]!) {
        const op = ir.instOp[i]! as Opcode;
        if (op !== Opcode.Load && op !== Opcode.Num) continue;
        const v = ir.instResult[i]!;
        if (this.useCount[v] !== 1) continue;
        const u = this.user[v]!;
        if (ir.instBlock[u] !== b || ir.instOp[u] !== Opcode.Num) continue;
        // A fused condition is computed where its consumer is: that is where a folded load goes.
        let at = u;
        while (this.fused[ir.instResult[at]!] === Fused.Condition) at = this.user[ir.instResult[at]!]!;
        // Fused conditions take a memory operand only as compares (a fused `and` is a test).
        if (at !== u && (op !== Opcode.Load || ir.instImm0[u] === I32_AND || ir.instImm0[u] === I64_AND)) continue;
        const s = ir.instArgStart[u]!;
        if (ir.argPool[s + 1] !== v || ir.argPool[s] === v) continue;
        const ucode = ir.instImm0[u]!;
        if (op === Opcode.Load) {
          if (!rules.loadFoldsInto(ir.instImm0[i]!, ucode)) continue;
          for (let j = ir.instNext[i]!, n = 0; j !== -1 && n < LOAD_FOLD_WINDOW; j = ir.instNext[j]!, n++) {
            if (j === at) { this.fused[v] = Fused.Load; break; }
            if (irOpInfo(ir.instOp[j]! as Opcode).effect === Effect.Effect) break;
          }
        } else if (rules.shiftFoldsInto(ir.instImm0[i]!, rules.constOf(ir.argPool[ir.instArgStart[i]! + 1]!), ucode)) {
          this.fused[v] = Fused.Shift;
        }
      }
    }
  }
}
