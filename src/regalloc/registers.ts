// How an ISA describes its register files to the allocator. The allocator only needs masks; the
// backend keeps the encodings. See docs/regalloc.md for the amd64 and arm64 descriptions.
import { NUM_CLASSES, PReg, RegClass, RegAllocError, pregClass, pregHw } from './operand.js';

export interface RegisterInfo {
  /** Per class: registers the allocator may hand out (bit = hardware number). */
  readonly allocatable: readonly number[];
  /** Per class: registers a call preserves; using one makes the prologue save it. */
  readonly calleeSaved: readonly number[];
  /**
   * Per class: one register outside `allocatable` that edits may use for a moment (slot-to-slot
   * copies, breaking move cycles, rematerialising into a slot).
   */
  readonly scratch: readonly PReg[];
  /** Per class: bytes of a spill slot (e.g. 8 for integers, 16 for vectors). */
  readonly slotSize: readonly number[];
  /** Register name for printing; optional. */
  readonly name?: (p: PReg) => string;
}

export function checkRegisterInfo(regs: RegisterInfo): void {
  for (let c = 0; c < NUM_CLASSES; c++) {
    const alloc = regs.allocatable[c] ?? 0;
    const scratch = regs.scratch[c];
    if (alloc === 0) throw new RegAllocError(`register info: class ${c} has no allocatable registers`);
    if (scratch === undefined || pregClass(scratch) !== c) {
      throw new RegAllocError(`register info: class ${c} needs a scratch register of its own class`);
    }
    if ((alloc >>> pregHw(scratch)) & 1) {
      throw new RegAllocError(`register info: scratch register ${scratch} must not be allocatable`);
    }
    const size = regs.slotSize[c] ?? 0;
    if (size <= 0 || (size & (size - 1)) !== 0) {
      throw new RegAllocError(`register info: slot size of class ${c} must be a power of two`);
    }
  }
}

export function pregName(regs: RegisterInfo, p: PReg): string {
  if (regs.name) return regs.name(p);
  return (pregClass(p) === RegClass.Int ? 'r' : 'f') + pregHw(p);
}
