// The ISA-independent pre-pass of instruction selection: per IR value, how many uses it has,
// its (last) user, how many uses need it in a register, and which values are computed by their
// only user instead of by their own instruction:
//   - conditions (compares, eqz, and, ref.is_null, func_type_is) consumed by a branch, trap_if,
//     select or eqz in the same block (compare-and-branch fusion);
//   - loads folded into an arithmetic user as a memory operand, when nothing with effects lies
//     between them (so no store, call or trap changes order relative to the load);
//   - shifts folded into an add as a scaled index.
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
  /** Integer constant of v as an int32 when it is small enough to matter to shiftFoldsInto. */
  constOf(v: number): number | undefined;
}

export const enum Fused {
  None = 0,
  Condition = 1,
  Load = 2,
  Shift = 3,
}

/** A folded load may move past at most this many (effect-free) instructions. */
const LOAD_FOLD_WINDOW = 16;

const I32_EQZ = 0x45, I64_EQZ = 0x50, I32_AND = 0x71, I64_AND = 0x83;

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
