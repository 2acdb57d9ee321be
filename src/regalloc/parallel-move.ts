// Parallel-move resolution: turns a set of simultaneous copies (every source read before any
// destination is written; destinations distinct) into a sequence of single moves, loads and
// stores. Cycles are broken through the class's scratch register, or through a temporary stack
// slot when a slot-to-slot copy (which itself needs the scratch register) is still pending.
import { IntBuf } from './intbuf.js';
import { Location, PReg, VReg, isSlot } from './operand.js';
import { EditKind } from './result.js';

export type EmitEdit = (kind: EditKind, from: Location, to: Location, vreg: VReg) => void;

export class ParallelMoves {
  private readonly src = new IntBuf(16);
  private readonly dst = new IntBuf(16);
  private readonly vreg = new IntBuf(16);
  private readonly pending = new IntBuf(16);

  clear(): void {
    this.src.clear();
    this.dst.clear();
    this.vreg.clear();
  }

  get size(): number { return this.src.length; }

  add(src: Location, dst: Location, vreg: VReg): void {
    if (src === dst) return;
    this.src.push(src);
    this.dst.push(dst);
    this.vreg.push(vreg);
  }

  /**
   * Emits the moves in a valid order. `tempSlot()` returns a stack location to park a value
   * in (called only when a cycle must be broken while a slot-to-slot copy is pending).
   */
  resolve(scratch: PReg, tempSlot: () => Location, emit: EmitEdit): void {
    const n = this.src.length;
    const src = this.src.data, dst = this.dst.data, vreg = this.vreg.data;
    this.pending.resize(n, 1);
    const pending = this.pending.data;
    pending.fill(1, 0, n);
    let left = n;
    while (left > 0) {
      let progress = false;
      for (let m = 0; m < n; m++) {
        if (!pending[m]) continue;
        const d = dst[m]!;
        let read = false;
        for (let o = 0; o < n; o++) {
          if (pending[o] && o !== m && src[o] === d) { read = true; break; }
        }
        if (read) continue;
        emitCopy(src[m]!, d, vreg[m]!, scratch, emit);
        pending[m] = 0;
        left--;
        progress = true;
      }
      if (left === 0 || progress) continue;
      // Only cycles remain. Park the destination of one pending move, and let its readers read
      // the parked copy instead; the cycle then unwinds.
      let m = 0;
      while (!pending[m]) m++;
      let slotToSlot = false;
      for (let o = 0; o < n; o++) {
        if (pending[o] && isSlot(src[o]!) && isSlot(dst[o]!)) { slotToSlot = true; break; }
      }
      const d = dst[m]!;
      const temp = slotToSlot ? tempSlot() : scratch;
      emitCopy(d, temp, vreg[m]!, scratch, emit);
      for (let o = 0; o < n; o++) if (pending[o] && src[o] === d) src[o] = temp;
    }
  }
}

/** One copy between any two locations; slot-to-slot goes through the scratch register. */
export function emitCopy(from: Location, to: Location, vreg: VReg, scratch: PReg, emit: EmitEdit): void {
  if (from === to) return;
  if (isSlot(from)) {
    if (isSlot(to)) {
      emit(EditKind.Load, from, scratch, vreg);
      emit(EditKind.Store, scratch, to, vreg);
    } else {
      emit(EditKind.Load, from, to, vreg);
    }
  } else if (isSlot(to)) {
    emit(EditKind.Store, from, to, vreg);
  } else {
    emit(EditKind.Move, from, to, vreg);
  }
}
