// The interpretable form of one function: fixed-width instructions in an Int32Array over a frame
// of value slots (locals first, then one slot per operand-stack height), plus a side table of
// constants. Every operand is a slot index or an immediate, so the executor never looks
// anything up by name.
import type { ValType } from '../wasm/types.js';
import type { RawValue } from '../runtime/values.js';

/** Words per instruction: kind then up to five operands. */
export const W = 6;

export const enum K {
  Const,        // dst, constIdx
  Move,         // dst, src
  Unary,        // dst, fn, x
  Binary,       // dst, fn, x, y
  Ternary,      // dst, fn, x, y, z
  UnaryImm,     // dst, fn, x, imm          (lane extract, shifts by constant lanes...)
  BinaryImm,    // dst, fn, x, y, imm       (lane replace, shuffle mask const)
  Select,       // dst, cond, x, y
  Jump,         // target
  JumpIf,       // cond, target
  JumpIfNot,    // cond, target
  JumpTable,    // index, constIdx (Int32Array of targets, default last)
  Call,         // funcIndex, base
  CallIndirect, // typeIndex, tableIndex, base, numParams (element index in base+numParams)
  CallRef,      // funcSlot, base (the callee is non-null and type-checked already)
  FuncTypeIs,   // dst, funcSlot, typeIndex
  TrapIf,       // cond, trap kind
  Return,       // base
  GlobalGet,    // dst, global
  GlobalSet,    // global, src
  Load,         // dst, loadOp, addr, offset
  Store,        // storeOp, addr, value, offset
  Shuffle,      // dst, x, y, constIdx (16 lane indices)
  LoadLane,     // dst, bytes << 8 | lane, addr, offset, vec   (v128.loadN_lane)
  StoreLane,    // bytes << 8 | lane, addr, vec, offset         (v128.storeN_lane)
  MemorySize,   // dst
  MemoryGrow,   // dst, delta
  MemoryFill,   // dest, value, length
  MemoryCopy,   // dest, src, length
  MemoryInit,   // segment, dest, src, length
  DataDrop,     // segment
  TableGet,     // dst, table, index
  TableSet,     // table, index, value
  TableSize,    // dst, table
  TableGrow,    // dst, table, init, delta
  TableFill,    // table, index, value, length
  TableCopy,    // dstTable, srcTable, dest, src, length
  TableInit,    // segment, table, dest, src, length
  ElemDrop,     // segment
  RefNull,      // dst
  RefIsNull,    // dst, src
  RefFunc,      // dst, funcIndex
  Trap,         // trap kind
}

export interface FunctionCode {
  readonly funcIndex: number;
  readonly name: string | undefined;
  readonly code: Int32Array;
  readonly consts: readonly RawValue[];
  readonly numParams: number;
  readonly numResults: number;
  /** Types of the non-parameter locals, for their zero values. */
  readonly localTypes: readonly ValType[];
  /** Total frame slots. */
  readonly numSlots: number;
  /** Slots that hold the same value on every call (SSA constants): set once in the frame
   * template instead of by an instruction. `presetValues[k]` goes to slot `presetSlots[k]`
   * (two arrays, not pairs: a pair [slot, f64] would be a double-only array, see rawArray). */
  readonly presetSlots: readonly number[];
  readonly presetValues: readonly RawValue[];
}

/** Appends fixed-width instructions (W words: kind and five operands) to a growing code array;
 * used by both translators (from IR and from Wasm bodies). */
export class CodeWriter {
  code = new Int32Array(256);
  len = 0;
  emit(k: K, a = 0, b = 0, c = 0, d = 0, e = 0): number {
    if (this.len + W > this.code.length) {
      const next = new Int32Array(this.code.length * 2);
      next.set(this.code);
      this.code = next;
    }
    const at = this.len;
    const x = this.code;
    x[at] = k; x[at + 1] = a; x[at + 2] = b; x[at + 3] = c; x[at + 4] = d; x[at + 5] = e;
    this.len += W;
    return at;
  }
}
