// What the allocator hands back to the backend: a location for every operand and block param,
// plus edits (moves, spill stores, reloads, rematerialisations) to emit around the backend's
// unchanged instructions, grouped by where they go.
import { Location, PReg, RegClass, VReg, isSlot, locSlot, pregClass } from './operand.js';
import { RegisterInfo, pregName } from './registers.js';

export const enum EditKind {
  /** to (register) := from (register) */
  Move = 0,
  /** to (register) := from (spill slot) */
  Load = 1,
  /** to (spill slot) := from (register) */
  Store = 2,
  /** to (register) := the value of `vreg`, recomputed by re-emitting its defining instruction */
  Remat = 3,
}

/**
 * Edits are stored sorted by a key; each place an edit can go is one key:
 * - before instruction i:  key 4i+1 and 4i+2 (emit both groups, in order, right before i),
 * - block entry of b:      key 4*first(b)   (before everything else in b),
 * - block exit of b:       key 4*last(b)+3  (after the terminator's own edits, before the terminator),
 * - on edge e:             key 4*numInsts+e (the edge needs a block of its own: emit these edits
 *                          there, then jump to the target; retarget the branch of edge e to it).
 */
export class AllocResult {
  numInsts = 0;
  numEdges = 0;
  /** Per operand of the function (same indexing as MachFunction.ops): where it is. */
  operandLoc = new Int32Array(0);
  /** Per block param (same indexing as MachFunction.params): where it lives on block entry. */
  paramLoc = new Int32Array(0);

  editKind = new Int32Array(0);
  editFrom = new Int32Array(0);
  editTo = new Int32Array(0);
  editVreg = new Int32Array(0);
  /** CSR over keys: edits of key k are [editStart[k], editStart[k+1]). */
  editStart = new Int32Array(0);
  numEdits = 0;

  /** Per class: callee-saved registers the function writes (the prologue must save them). */
  calleeSavedUsed: number[] = [0, 0];
  /** Byte offset of each spill slot from the start of the spill area. */
  slotOffset = new Int32Array(0);
  numSlots = 0;
  /** Bytes of the spill area, a multiple of 16. */
  spillAreaSize = 0;

  readonly stats = { moves: 0, loads: 0, stores: 0, remats: 0, edgeBlocks: 0, slots: 0 };

  /** Edits to emit right before instruction i. */
  beforeInst(i: number): [number, number] {
    return [this.editStart[4 * i + 1]!, this.editStart[4 * i + 3]!];
  }
  /** Edits to emit at the start of a block whose first instruction is `first`. */
  blockEntry(first: number): [number, number] {
    return [this.editStart[4 * first]!, this.editStart[4 * first + 1]!];
  }
  /** Edits to emit before the terminator `last` of a block, after beforeInst(last). */
  blockExit(last: number): [number, number] {
    return [this.editStart[4 * last + 3]!, this.editStart[4 * last + 4]!];
  }
  /** Edits of edge e; non-empty means the edge needs its own block. */
  onEdge(e: number): [number, number] {
    const k = 4 * this.numInsts + e;
    return [this.editStart[k]!, this.editStart[k + 1]!];
  }
  edgeNeedsBlock(e: number): boolean {
    const [a, b] = this.onEdge(e);
    return b > a;
  }
}

export function locName(regs: RegisterInfo, loc: Location): string {
  return isSlot(loc) ? `slot${locSlot(loc)}` : pregName(regs, loc);
}

export function editToString(regs: RegisterInfo, r: AllocResult, k: number): string {
  const to = locName(regs, r.editTo[k]!);
  const v = `v${r.editVreg[k]}`;
  switch (r.editKind[k] as EditKind) {
    case EditKind.Move: return `move ${to} <- ${locName(regs, r.editFrom[k]!)} (${v})`;
    case EditKind.Load: return `load ${to} <- ${locName(regs, r.editFrom[k]!)} (${v})`;
    case EditKind.Store: return `store ${to} <- ${locName(regs, r.editFrom[k]!)} (${v})`;
    case EditKind.Remat: return `remat ${to} <- ${v}`;
  }
  return `<bad edit ${k}>`;
}

/** One line of allocation statistics, for `ZEROWASM_REGALLOC_STATS` and the benchmark. */
export function formatStats(r: AllocResult): string {
  const s = r.stats;
  return `insts=${r.numInsts} moves=${s.moves} reloads=${s.loads} spills=${s.stores} remats=${s.remats} ` +
    `edge-blocks=${s.edgeBlocks} slots=${s.slots} spill-bytes=${r.spillAreaSize}`;
}

/**
 * What the backend provides to materialise edits: a register move, a reload and a spill store of
 * a class (slot given as a byte offset into the spill area), and re-emitting a recomputable value.
 */
export interface EditEmitter {
  move(cls: RegClass, to: PReg, from: PReg): void;
  load(cls: RegClass, to: PReg, slotOffset: number): void;
  store(cls: RegClass, slotOffset: number, from: PReg): void;
  remat(vreg: VReg, to: PReg): void;
}

/** Emits the edits of one place (e.g. `r.beforeInst(i)`) through the backend's emitter. */
export function emitEdits(r: AllocResult, range: readonly [number, number], em: EditEmitter): void {
  for (let j = range[0]; j < range[1]; j++) {
    const from = r.editFrom[j]!, to = r.editTo[j]!;
    switch (r.editKind[j] as EditKind) {
      case EditKind.Move: em.move(pregClass(to), to, from); break;
      case EditKind.Load: em.load(pregClass(to), to, r.slotOffset[locSlot(from)]!); break;
      case EditKind.Store: em.store(pregClass(from), r.slotOffset[locSlot(to)]!, from); break;
      case EditKind.Remat: em.remat(r.editVreg[j]!, to); break;
    }
  }
}
