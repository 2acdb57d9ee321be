// Spill-slot sharing: values whose live hulls (first..last linear position where live) do not
// overlap share a slot. A value's slot is written at its def and read while it is live, so
// disjoint hulls never disturb each other. Greedy interval colouring in order of hull start.
import { MachFunction } from './function.js';
import { IntBuf, ensureInt32 } from './intbuf.js';
import { Liveness } from './liveness.js';
import { V, VFlag, V_SHIFT, V_STRIDE } from './vreg-state.js';

/** Buffers kept between functions. */
const scratch = {
  count: new Int32Array(0),
  sorted: new Int32Array(0),
  slotEnd: new IntBuf(64),
  byClass: [new IntBuf(32), new IntBuf(32)],
};

/**
 * Sets each vreg record's V.Slot (-1 if it needs none) from its NeedsSlot flag and its live hull
 * (Liveness.hullStart/hullEnd), and
 * appends each new slot's class to slotClass.
 */
export function assignSlots(f: MachFunction, vs: Int32Array, live: Liveness, slotClass: IntBuf): void {
  const nv = f.numVregs;
  const hullStart = live.hullStart, hullEnd = live.hullEnd;
  const positions = 2 * f.numInsts + 2;
  // Counting sort of the spilled vregs by hull start.
  const count = scratch.count = ensureInt32(scratch.count, positions + 1);
  count.fill(0, 0, positions + 1);
  let n = 0;
  for (let v = 0, b = 0; v < nv; v++, b += V_STRIDE) {
    vs[b + V.Slot] = -1;
    const flags = vs[b + V.Flags]!;
    if ((flags & VFlag.NeedsSlot) === 0) continue;
    // A block-local constant is not in the live sets: its hull still has to be completed.
    if (flags & VFlag.BlockLocal) live.rematHull(f, v);
    count[hullStart[v]! + 1]!++;
    n++;
  }
  for (let p = 0; p < positions; p++) count[p + 1]! += count[p]!;
  const sorted = scratch.sorted = ensureInt32(scratch.sorted, n);
  for (let v = 0, b = 0; v < nv; v++, b += V_STRIDE) {
    if (vs[b + V.Flags]! & VFlag.NeedsSlot) sorted[count[hullStart[v]!]!++] = v;
  }

  const slotEnd = scratch.slotEnd;
  const byClass = scratch.byClass;
  slotEnd.clear();
  byClass[0]!.clear();
  byClass[1]!.clear();
  for (let j = 0; j < n; j++) {
    const v = sorted[j]!;
    const b = v << V_SHIFT;
    const c = vs[b + V.Flags]! & VFlag.Float;
    const start = hullStart[v]!;
    const list = byClass[c]!;
    let slot = -1;
    for (let k = 0; k < list.length; k++) {
      const s = list.data[k]!;
      if (slotEnd.data[s]! < start) { slot = s; break; }
    }
    if (slot < 0) {
      slot = slotClass.length;
      slotClass.push(c);
      slotEnd.resize(slot + 1);
      list.push(slot);
    }
    slotEnd.data[slot] = hullEnd[v]!;
    vs[b + V.Slot] = slot;
  }
}
