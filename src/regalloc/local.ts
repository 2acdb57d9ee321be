// The heart of the allocator: a forward walk over one block's instructions that keeps every live
// value in at most one register, satisfies each instruction's constraints with the fewest copies,
// and evicts by furthest next use (Belady) when registers run out.
//
// Spilling is cheap by construction: a value that is ever evicted gets one store right after its
// definition (SSA: the def dominates every use, so the slot is then valid wherever the value is
// live). Evicting therefore emits no code, and a value is never stored inside a loop it was
// defined outside of. A later use reloads the value into whichever register is free (the
// "second chance"), which splits its live range: it stays in registers where it is hot.
import { MachFunction } from './function.js';
import { IntBuf, ensureInt32 } from './intbuf.js';
import {
  NUM_PREGS, OperandKind, Policy, PReg, RegAllocError, VReg,
  lowestBit, opArg, opKind, opPolicy, opVreg,
} from './operand.js';
import { RegisterInfo } from './registers.js';
import { EditKind } from './result.js';
import { V, VFlag, V_SHIFT, V_STRIDE } from './vreg-state.js';

/** Next-use value of a vreg that is never read again. */
export const NEVER = 0x7fffffff;
/** Next-use value of a vreg read only after the block (live out or passed on an edge). */
export const OUT = 0x40000000;
/**
 * Next-use value of a rematerialisable value that is not read again in its block but stays in
 * its register until the register is wanted (it costs nothing to drop): a later block that reads
 * it may find it there instead of recomputing it.
 */
export const LINGER = 0x50000000;

/** Edit key phases within instruction i (key = 4i + phase); see AllocResult. */
export const PHASE_ENTRY = 0;
export const PHASE_DEF_STORE = 1;
export const PHASE_INST = 2;
export const PHASE_EXIT = 3;

// Per instruction: which kinds of constrained operands it has, so that the walk skips the
// phases that have nothing to do.
const FLAG_FIXED_USE = 1;
const FLAG_REUSE = 2;
const FLAG_EARLY = 4;
const FLAG_ANY = 8;
/** Any fixed operand, or a clobber: the instruction claims registers (phase A). */
const FLAG_CLAIMS = 16;

/** Internal location of the spill slot of vreg v (mapped to a real slot at the end). */
export function vslot(v: VReg): number {
  return -1 - v;
}

export class LocalAllocator {
  f!: MachFunction;
  regs!: RegisterInfo;
  /** Per preg: the vreg it holds, or -1. */
  readonly pregVreg = new Int32Array(NUM_PREGS);
  /** Per class: mask of registers holding a vreg. */
  readonly occ = new Int32Array(2);
  /** Per vreg: its record (vreg-state.ts), V_STRIDE entries each. */
  vs = new Int32Array(0);
  /** Per operand: next use of its vreg after its instruction (OUT / NEVER). */
  opNext = new Int32Array(0);
  /** Per operand: register wanted by the next use of its vreg (a fixed use), or -1. */
  opHint = new Int32Array(0);
  /** Per operand: allocated location (internal: slot of vreg v is vslot(v)). */
  opLoc = new Int32Array(0);
  /** Per operand: instruction index + 1 if a def of that instruction reuses it. */
  reuseMark = new Int32Array(0);
  /** Per instruction: which kinds of constrained operands it has (FLAG_*, set by scanBlock), to skip work. */
  instFlags = new Int32Array(0);
  /** Per instruction: next instruction at or after it (in its block) that clobbers, or NEVER. */
  nextClob = new Int32Array(0);

  /** Operands whose location is a spill slot (the rest are registers): mapped to real slots at the end. */
  readonly slotOps = new IntBuf(256);
  /** Per class: registers written by a def (for the callee-saved registers to save). */
  readonly written = new Int32Array(2);
  /** Rematerialisable vregs whose scan state the last scan set (see scanBlock). */
  private readonly rematSeen = new IntBuf(64);

  /** Edits in internal form: key, kind, from, to, vreg. */
  readonly eKey = new IntBuf(1024);
  readonly eKind = new IntBuf(1024);
  readonly eFrom = new IntBuf(1024);
  readonly eTo = new IntBuf(1024);
  readonly eVreg = new IntBuf(1024);

  // Per-instruction masks, per class. Between instructions all of them are zero: an instruction
  // that claims registers (FLAG_CLAIMS) sets the first four and clears them when it is done.
  private readonly fixedUse = new Int32Array(2);
  private readonly fixedDef = new Int32Array(2);
  private readonly fixedEarly = new Int32Array(2);
  private readonly clob = new Int32Array(2);
  private readonly pinned = new Int32Array(2);
  private readonly defTaken = new Int32Array(2);
  private cur = 0;
  private blockLast = 0;
  /** Per preg: vreg whose value it still holds after a displacement at instruction stamp - 1. */
  private readonly copyOf = new Int32Array(NUM_PREGS);
  private readonly copyStamp = new Int32Array(NUM_PREGS);

  /** Prepares for f; `blockLocal` (per vreg) is Liveness.blockLocal for f. */
  reset(f: MachFunction, regs: RegisterInfo, blockLocal: Uint8Array): void {
    this.f = f;
    this.regs = regs;
    const nv = f.numVregs, no = f.numOperands, ni = f.numInsts;
    const vs = this.vs = ensureInt32(this.vs, nv * V_STRIDE);
    this.opHint = ensureInt32(this.opHint, no);
    this.opNext = ensureInt32(this.opNext, no);
    this.opLoc = ensureInt32(this.opLoc, no);
    this.reuseMark = ensureInt32(this.reuseMark, no);
    this.nextClob = ensureInt32(this.nextClob, ni + 1);
    this.instFlags = ensureInt32(this.instFlags, ni);
    const vregClass = f.vregClass.data, vregRemat = f.vregRemat.data;
    for (let v = 0, b = 0; v < nv; v++, b += V_STRIDE) {
      vs[b + V.Preg] = -1;
      vs[b + V.UsedAt] = -1;
      vs[b + V.Flags] = (vregClass[v]! !== 0 ? VFlag.Float : 0) | (vregRemat[v]! !== 0 ? VFlag.Remat : 0) |
        (blockLocal[v]! !== 0 ? VFlag.BlockLocal : 0);
      vs[b + V.DefReg] = -1;
      vs[b + V.SeenNext] = NEVER;
      vs[b + V.SeenHint] = -1;
      vs[b + V.LocStamp] = 0;
      vs[b + V.LoopStamp] = 0;
      vs[b + V.HintStamp] = 0;
      vs[b + V.Param] = 0;
    }
    const params = f.params.data;
    for (let k = 0, n = f.params.length; k < n; k++) vs[(params[k]! << V_SHIFT) + V.Param] = k + 1;
    this.reuseMark.fill(0, 0, no);
    this.pregVreg.fill(-1);
    this.occ.fill(0);
    this.copyStamp.fill(0);
    this.fixedUse.fill(0); this.fixedDef.fill(0); this.fixedEarly.fill(0); this.clob.fill(0);
    this.pinned.fill(0); this.defTaken.fill(0);
    this.eKey.clear(); this.eKind.clear(); this.eFrom.clear(); this.eTo.clear(); this.eVreg.clear();
    this.rematSeen.clear();
    this.slotOps.clear();
    this.written.fill(0);
  }

  emit(key: number, kind: EditKind, from: number, to: number, vreg: VReg): void {
    this.eKey.push(key);
    this.eKind.push(kind);
    this.eFrom.push(from);
    this.eTo.push(to);
    this.eVreg.push(vreg);
  }

  /** Register class of v. */
  vclass(v: VReg): number {
    return this.vs[(v << V_SHIFT) + V.Flags]! & VFlag.Float;
  }
  needsSlot(v: VReg): boolean {
    return (this.vs[(v << V_SHIFT) + V.Flags]! & VFlag.NeedsSlot) !== 0;
  }

  // ---- register state ----

  /** Forgets all registers (before setting up a block's entry state). */
  clearRegs(): void {
    const vs = this.vs, pregVreg = this.pregVreg;
    for (let c = 0; c < 2; c++) {
      for (let m = this.occ[c]!; m !== 0; m &= m - 1) {
        const p = (c << 5) | (31 - Math.clz32(m & -m));
        vs[(pregVreg[p]! << V_SHIFT) + V.Preg] = -1;
        pregVreg[p] = -1;
      }
      this.occ[c] = 0;
    }
  }

  setHome(v: VReg, p: PReg): void {
    this.pregVreg[p] = v;
    this.vs[(v << V_SHIFT) + V.Preg] = p;
    this.occ[p >> 5]! |= 1 << (p & 31);
  }

  /** Block entry: v does not start in its register after all (a live-in then reads its slot). */
  dropAtEntry(v: VReg): void {
    this.free(v);
  }

  private free(v: VReg): void {
    const at = (v << V_SHIFT) + V.Preg;
    const p = this.vs[at]!;
    this.pregVreg[p] = -1;
    this.vs[at] = -1;
    this.occ[p >> 5]! &= ~(1 << (p & 31));
  }

  /** Drops v from its register; it lives on in its spill slot (or is recomputed). */
  private evict(v: VReg): void {
    this.free(v);
    const at = (v << V_SHIFT) + V.Flags;
    if ((this.vs[at]! & VFlag.Remat) === 0) this.vs[at]! |= VFlag.NeedsSlot;
  }

  private prefersCalleeSaved(next: number): boolean {
    if (next === NEVER) return false;
    const j = this.cur + 1;
    return next > (j <= this.blockLast ? this.nextClob[j]! : NEVER);
  }

  /**
   * A free allocatable register of class c outside `avoid`, or -1. A lingering constant gives its
   * register up when that register is the hint, or when no register of the preferred kind
   * (callee- or caller-saved) is free: before one of the other kind is taken (which could cost a
   * save in the prologue).
   */
  pickFree(c: number, avoid: number, calleeFirst: boolean, hint = -1): PReg {
    const alloc = this.regs.allocatable[c]!;
    const free = alloc & ~this.occ[c]! & ~avoid;
    if (hint >= 0 && (hint >> 5) === c) {
      const bit = 1 << (hint & 31);
      if ((free & bit) !== 0) return hint;
      // The wanted register holds only a lingering constant: it gives way.
      const v = this.pregVreg[hint]!;
      if ((alloc & ~avoid & ~this.pinned[c]! & bit) !== 0 && v >= 0 && this.vs[(v << V_SHIFT) + V.Next] === LINGER) {
        this.free(v);
        return hint;
      }
    }
    const callee = this.regs.calleeSaved[c]!;
    const kind = calleeFirst ? callee : ~callee;
    if ((free & kind) !== 0) return c * 32 + lowestBit(free & kind);
    for (let m = alloc & this.occ[c]! & ~avoid & ~this.pinned[c]! & kind; m !== 0; m &= m - 1) {
      const p = c * 32 + lowestBit(m);
      const v = this.pregVreg[p]!;
      if (this.vs[(v << V_SHIFT) + V.Next] === LINGER) {
        this.free(v);
        return p;
      }
    }
    return free === 0 ? -1 : c * 32 + lowestBit(free);
  }

  /** Frees the register (outside `avoid` and pinned) whose value is needed furthest away. */
  private evictFurthest(c: number, avoid: number): PReg {
    let cand = this.regs.allocatable[c]! & this.occ[c]! & ~avoid & ~this.pinned[c]!;
    const vs = this.vs, pregVreg = this.pregVreg, cur = this.cur;
    let best = -1, bestNext = -1, bestUsedNow = true;
    while (cand !== 0) {
      const bit = cand & -cand;
      cand ^= bit;
      const p = c * 32 + (31 - Math.clz32(bit));
      const b = pregVreg[p]! << V_SHIFT;
      const usedNow = vs[b + V.UsedAt] === cur;
      const next = vs[b + V.Next]!;
      if ((bestUsedNow && !usedNow) || (usedNow === bestUsedNow && next > bestNext)) {
        best = p; bestNext = next; bestUsedNow = usedNow;
      }
    }
    if (best >= 0) this.evict(pregVreg[best]!);
    return best;
  }

  private tryAllocReg(c: number, avoid: number, next: number, hint: number): PReg {
    const p = this.pickFree(c, avoid | this.pinned[c]!, this.prefersCalleeSaved(next), hint);
    return p >= 0 ? p : this.evictFurthest(c, avoid);
  }

  private allocReg(c: number, avoid: number, next: number, hint: number): PReg {
    const p = this.tryAllocReg(c, avoid, next, hint);
    if (p < 0) {
      throw new RegAllocError(`inst ${this.cur}: needs more registers of class ${c} than are allocatable`);
    }
    return p;
  }

  /** Emits a copy of v's current value into register p (which holds nothing live). */
  private copyInto(v: VReg, p: PReg): void {
    const key = 4 * this.cur + PHASE_INST;
    const b = v << V_SHIFT;
    const q = this.vs[b + V.Preg]!;
    if (q === p) return;
    if (q >= 0) this.emit(key, EditKind.Move, q, p, v);
    else if (this.vs[b + V.Flags]! & VFlag.Remat) this.emit(key, EditKind.Remat, -1, p, v);
    else {
      this.vs[b + V.Flags]! |= VFlag.NeedsSlot;
      this.emit(key, EditKind.Load, vslot(v), p, v);
    }
  }

  /** Moves v out of register p before the current instruction: to a free register, or evicts. */
  private displace(v: VReg, p: PReg, avoid: number): void {
    const c = p >> 5;
    const b = v << V_SHIFT;
    const next = this.vs[b + V.Next]!;
    const q = this.pickFree(c, avoid | this.pinned[c]!, this.prefersCalleeSaved(next), this.vs[b + V.Hint]!);
    if (q < 0) {
      this.evict(v);
      return;
    }
    this.emit(4 * this.cur + PHASE_INST, EditKind.Move, p, q, v);
    this.free(v);
    this.setHome(v, q);
    // p keeps a copy until something writes it; a fixed use of v in p can read that copy.
    this.copyOf[p] = v;
    this.copyStamp[p] = this.cur + 1;
  }

  // ---- blocks ----

  /**
   * Before scanBlock: v is read after the block, ideally from register `hint` (or -1). Call it
   * for every vreg read after the block (live out and edge args).
   */
  markOut(v: VReg, hint: number): void {
    const vs = this.vs, b = v << V_SHIFT;
    if (vs[b + V.Flags]! & VFlag.Remat) this.rematSeen.push(v);
    vs[b + V.SeenNext] = OUT;
    vs[b + V.SeenHint] = hint;
  }

  /** True if markOut(v) was called for the block about to be scanned. */
  isMarkedOut(v: VReg): boolean {
    return this.vs[(v << V_SHIFT) + V.SeenNext] === OUT;
  }

  /**
   * Backward scan of block b: next use of every operand and the next clobbering instruction.
   * Left behind for the vregs live into b, its params and the rematerialisable values it reads:
   * their first use in b (firstUse, firstHint), which the caller reads and then clears (live-ins
   * and params itself, the others with forgetRemat). Every other vreg the scan touched is defined
   * in b, and its def put it back to "no use seen".
   */
  scanBlock(b: number): void {
    const f = this.f;
    const vs = this.vs, opNext = this.opNext, opHint = this.opHint;
    const first = f.blockStart.data[b]!;
    const last = f.blockStart.data[b + 1]! - 1;
    const ops = f.ops.data, opStart = f.opStart.data, clobbers = f.clobbers.data;
    const nextClobAt = this.nextClob, instFlags = this.instFlags, reuseMark = this.reuseMark;
    let nextClob = NEVER;
    for (let i = last; i >= first; i--) {
      const s = opStart[i]!, e = opStart[i + 1]!;
      // The same walk notes which constrained operands the instruction has (instFlags).
      let flags = 0;
      if (clobbers[2 * i] !== 0 || clobbers[2 * i + 1] !== 0) { nextClob = i; flags = FLAG_CLAIMS; }
      nextClobAt[i] = nextClob;
      for (let k = s; k < e; k++) {
        const op = ops[k]!;
        const at = opVreg(op) << V_SHIFT;
        const kind = opKind(op), policy = opPolicy(op);
        // Each operand reads the state after the instruction. A vreg read twice here was already
        // updated by its first operand (SeenNext = i), which read what the second one needs.
        const seen = vs[at + V.SeenNext]!;
        if (seen !== i) {
          opNext[k] = seen;
          opHint[k] = vs[at + V.SeenHint]!;
        } else {
          let j = s;
          while (opVreg(ops[j]!) !== opVreg(op)) j++;
          opNext[k] = opNext[j]!;
          opHint[k] = opHint[j]!;
        }
        if (kind !== OperandKind.Use) {
          // Before its def (SSA) the value has no use in this block.
          vs[at + V.SeenNext] = NEVER;
          vs[at + V.SeenHint] = -1;
          if (kind === OperandKind.EarlyDef) flags |= FLAG_EARLY;
        } else {
          // A use that does not care passes on the wish of the use after it; of several uses
          // in one instruction, a fixed one gives the useful hint.
          if (policy === Policy.Fixed) vs[at + V.SeenHint] = opArg(op);
          else if (policy === Policy.Any) flags |= FLAG_ANY;
          if ((vs[at + V.Flags]! & VFlag.Remat) !== 0 && vs[at + V.SeenNext] === NEVER) this.rematSeen.push(opVreg(op));
          vs[at + V.SeenNext] = i;
        }
        if (policy === Policy.Fixed) {
          const p = opArg(op);
          if (((this.regs.allocatable[p >> 5]! >>> (p & 31)) & 1) === 0) {
            throw new RegAllocError(`inst ${i}: v${opVreg(op)} is fixed to register ${p}, which is not allocatable`);
          }
          flags |= kind === OperandKind.Use ? FLAG_CLAIMS | FLAG_FIXED_USE : FLAG_CLAIMS;
        } else if (policy === Policy.Reuse) {
          reuseMark[s + opArg(op)] = i + 1;
          flags |= FLAG_REUSE;
        }
      }
      instFlags[i] = flags;
    }
  }

  /** First use in the block just scanned of a vreg live on entry (OUT / NEVER if none). */
  firstUse(v: VReg): number {
    return this.vs[(v << V_SHIFT) + V.SeenNext]!;
  }
  /** The register the first use in the block wants (a fixed use), or -1. */
  firstHint(v: VReg): number {
    return this.vs[(v << V_SHIFT) + V.SeenHint]!;
  }
  /** Clears what the scan left for v (see scanBlock). */
  forgetScan(v: VReg): void {
    const b = v << V_SHIFT;
    this.vs[b + V.SeenNext] = NEVER;
    this.vs[b + V.SeenHint] = -1;
  }
  /** Clears what the scan left for the rematerialisable values the block reads. */
  forgetRemat(): void {
    const list = this.rematSeen;
    for (let k = 0; k < list.length; k++) this.forgetScan(list.data[k]!);
    list.clear();
  }

  /** Allocates the instructions of block b; the entry state must already be in place. */
  runBlock(b: number): void {
    const f = this.f;
    const first = f.blockStart.data[b]!;
    const last = f.blockStart.data[b + 1]! - 1;
    this.blockLast = last;
    for (let i = first; i <= last; i++) this.allocInst(i);
  }

  private allocInst(i: number): void {
    this.cur = i;
    const f = this.f;
    const ops = f.ops.data;
    const s = f.opStart.data[i]!, e = f.opStart.data[i + 1]!;
    const { pinned, fixedUse, fixedDef, fixedEarly, clob, defTaken, pregVreg } = this;
    // Typed arrays in locals: these fields are never reassigned during a walk.
    const vs = this.vs, opLoc = this.opLoc, opNext = this.opNext, opHint = this.opHint;
    const reuseMark = this.reuseMark;
    const flags = this.instFlags[i]!;
    defTaken[0] = defTaken[1] = 0;

    // Uses: note who is read here and when each is needed next.
    for (let k = s; k < e; k++) {
      const op = ops[k]!;
      const b = opVreg(op) << V_SHIFT;
      if (opKind(op) === OperandKind.Use) {
        vs[b + V.UsedAt] = i;
        vs[b + V.Next] = opNext[k]!;
        vs[b + V.Hint] = opHint[k]!;
      }
    }

    // A. Clear the registers this instruction claims: fixed-use and fixed-early-def registers
    // must hold nothing else; clobbered and fixed-def registers must hold nothing that lives on.
    // Most instructions claim none: then A and the clobber test of F are skipped.
    const claims = flags & FLAG_CLAIMS;
    if (claims !== 0) this.claimRegisters(i, s, e);

    // B. Fixed uses: copy the value into its register unless it is already there.
    if (flags & FLAG_FIXED_USE) this.fixedUses(i, s, e);

    // C. Register uses (the reused input of a two-address def is handled with its def, in D).
    for (let k = s; k < e; k++) {
      const op = ops[k]!;
      if (opKind(op) !== OperandKind.Use) continue;
      const policy = opPolicy(op);
      if (policy === Policy.Fixed || policy === Policy.Any || reuseMark[k] === i + 1) continue;
      const v = opVreg(op);
      const b = v << V_SHIFT;
      if (policy === Policy.Stack) {
        vs[b + V.Flags]! |= VFlag.NeedsSlot;
        opLoc[k] = vslot(v);
        this.slotOps.push(k);
        continue;
      }
      let p = vs[b + V.Preg]!;
      if (p < 0) p = this.reload(v);
      opLoc[k] = p;
      pinned[p >> 5]! |= 1 << (p & 31);
    }

    // D. Two-address defs: the def takes the input's register when the input dies here;
    // otherwise the input is copied into a fresh register that the def then takes over.
    if (flags & FLAG_REUSE) this.reuseDefs(s, e);

    // E. Early defs: written before the uses are read, so never in a register a use reads.
    if (flags & FLAG_EARLY) this.earlyDefs(s, e);

    // Any uses last: a register if the value still has one, else its slot.
    if (flags & FLAG_ANY) this.anyUses(i, s, e);

    // F. Values read here for the last time free their registers, and values that live on in a
    // register this instruction overwrites are evicted; pins end with the reads.
    for (let k = s; k < e; k++) {
      const op = ops[k]!;
      if (opKind(op) !== OperandKind.Use) continue;
      const v = opVreg(op);
      const b = v << V_SHIFT;
      const p = vs[b + V.Preg]!;
      if (p < 0) continue;
      const overwritten = (((clob[p >> 5]! | fixedDef[p >> 5]! | defTaken[p >> 5]!) >>> (p & 31)) & 1) !== 0;
      if (vs[b + V.Next] === NEVER) {
        // A constant read for the last time lingers in its register unless something writes it.
        if ((vs[b + V.Flags]! & VFlag.Remat) !== 0 && !overwritten) vs[b + V.Next] = LINGER;
        else this.free(v);
      } else if (claims !== 0 && overwritten) this.evict(v);
    }
    pinned[0] = pinned[1] = 0;

    // G. Late defs.
    for (let k = s; k < e; k++) {
      const op = ops[k]!;
      if (opKind(op) !== OperandKind.Def) continue;
      const v = opVreg(op);
      const b = v << V_SHIFT;
      const c = vs[b + V.Flags]! & VFlag.Float;
      const next = opNext[k]!;
      const policy = opPolicy(op);
      let p: PReg;
      if (policy === Policy.Fixed) {
        p = opArg(op);
        if (pregVreg[p]! >= 0) throw new RegAllocError(`inst ${i}: internal: fixed def register ${p} still holds v${pregVreg[p]}`);
      } else if (policy === Policy.Reuse) {
        p = opLoc[k]!;
      } else {
        const avoid = fixedDef[c]! | defTaken[c]!;
        p = this.pickFree(c, avoid, this.prefersCalleeSaved(next), opHint[k]!);
        if (p < 0 && policy === Policy.Any && next !== NEVER) {
          vs[b + V.Flags]! |= VFlag.NeedsSlot;
          vs[b + V.DefReg] = -1;
          opLoc[k] = vslot(v);
        this.slotOps.push(k);
          continue;
        }
        if (p < 0) p = this.evictFurthest(c, avoid);
        if (p < 0) throw new RegAllocError(`inst ${i}: more defs of class ${c} than allocatable registers`);
      }
      this.defineIn(v, p, k, next);
      defTaken[c]! |= 1 << (p & 31);
      // A value never read gives its register back at once (defTaken keeps the other defs of
      // this instruction out of it); a constant lingers there.
      if (next === NEVER) {
        if (vs[b + V.Flags]! & VFlag.Remat) vs[b + V.Next] = LINGER;
        else this.free(v);
      }
    }

    // Early defs never read give their registers back too.
    if (flags & FLAG_EARLY) for (let k = s; k < e; k++) {
      const op = ops[k]!;
      if (opKind(op) !== OperandKind.EarlyDef) continue;
      const b = opVreg(op) << V_SHIFT;
      if (vs[b + V.Next] === NEVER && vs[b + V.Preg]! >= 0) this.free(opVreg(op));
    }
    if (claims !== 0) {
      fixedUse[0] = fixedUse[1] = fixedDef[0] = fixedDef[1] = 0;
      fixedEarly[0] = fixedEarly[1] = clob[0] = clob[1] = 0;
    }
  }

  private fixedUses(i: number, s: number, e: number): void {
    const ops = this.f.ops.data;
    const { vs, opLoc, pinned, clob, fixedDef, pregVreg } = this;
    for (let k = s; k < e; k++) {
      const op = ops[k]!;
      if (opKind(op) !== OperandKind.Use || opPolicy(op) !== Policy.Fixed) continue;
      const v = opVreg(op);
      const p = opArg(op);
      const c = p >> 5, bit = 1 << (p & 31);
      const stillThere = this.copyStamp[p] === i + 1 && this.copyOf[p] === v;
      if (pregVreg[p] !== v && !stillThere) {
        this.copyInto(v, p);
        // A value that was only in its slot may as well stay in p, unless p is about to be written.
        if (vs[(v << V_SHIFT) + V.Preg]! < 0 && ((clob[c]! | fixedDef[c]!) & bit) === 0) this.setHome(v, p);
      }
      opLoc[k] = p;
      pinned[c]! |= bit;
    }
  }

  private reuseDefs(s: number, e: number): void {
    const ops = this.f.ops.data;
    const { vs, opLoc, opNext, opHint, pinned, fixedUse, fixedDef, fixedEarly, defTaken } = this;
    for (let k = s; k < e; k++) {
      const op = ops[k]!;
      if (opPolicy(op) !== Policy.Reuse) continue;
      const kin = s + opArg(op);
      const u = opVreg(ops[kin]!);
      const bu = u << V_SHIFT;
      const c = vs[bu + V.Flags]! & VFlag.Float;
      const q = vs[bu + V.Preg]!;
      const taken = fixedDef[c]! | defTaken[c]!;
      let p: PReg;
      if (q >= 0 && vs[bu + V.Next] === NEVER && ((taken >>> (q & 31)) & 1) === 0) {
        p = q;
      } else {
        p = this.allocReg(c, fixedUse[c]! | fixedEarly[c]! | taken, opNext[k]!, opHint[k]!);
        this.copyInto(u, p);
      }
      opLoc[kin] = p;
      opLoc[k] = p;
      pinned[c]! |= 1 << (p & 31);
      defTaken[c]! |= 1 << (p & 31);
    }
  }

  private earlyDefs(s: number, e: number): void {
    const ops = this.f.ops.data;
    const { vs, opNext, opHint, pinned, fixedUse, fixedDef, fixedEarly, clob, defTaken } = this;
    for (let k = s; k < e; k++) {
      const op = ops[k]!;
      if (opKind(op) !== OperandKind.EarlyDef) continue;
      const v = opVreg(op);
      const c = vs[(v << V_SHIFT) + V.Flags]! & VFlag.Float;
      const next = opNext[k]!;
      let p: PReg;
      if (opPolicy(op) === Policy.Fixed) {
        p = opArg(op);
      } else {
        p = this.allocReg(c, fixedUse[c]! | fixedEarly[c]! | fixedDef[c]! | defTaken[c]! | clob[c]!, next, opHint[k]!);
      }
      this.defineIn(v, p, k, next);
      pinned[c]! |= 1 << (p & 31);
      defTaken[c]! |= 1 << (p & 31);
    }
  }

  private anyUses(i: number, s: number, e: number): void {
    const ops = this.f.ops.data;
    const { vs, opLoc, pinned, reuseMark } = this;
    for (let k = s; k < e; k++) {
      const op = ops[k]!;
      if (opKind(op) !== OperandKind.Use || opPolicy(op) !== Policy.Any || reuseMark[k] === i + 1) continue;
      const v = opVreg(op);
      const b = v << V_SHIFT;
      const p = vs[b + V.Preg]!;
      if (p >= 0) {
        opLoc[k] = p;
        pinned[p >> 5]! |= 1 << (p & 31);
      } else {
        vs[b + V.Flags]! |= VFlag.NeedsSlot;
        opLoc[k] = vslot(v);
        this.slotOps.push(k);
      }
    }
  }

  /** Step C for a register use of v that is in no register: reload (or recompute) it into one. */
  private reload(v: VReg): PReg {
    const { vs, fixedUse, fixedEarly, clob, fixedDef } = this;
    const b = v << V_SHIFT;
    const c = vs[b + V.Flags]! & VFlag.Float;
    const next = vs[b + V.Next]!;
    const hint = vs[b + V.Hint]!;
    const avoid = fixedUse[c]! | fixedEarly[c]!;
    // A value that lives on prefers a register this instruction leaves alone; if there is none it
    // may sit in one for the read and is evicted right after (see F).
    let p = next !== NEVER ? this.tryAllocReg(c, avoid | clob[c]! | fixedDef[c]!, next, hint) : -1;
    if (p < 0) p = this.allocReg(c, avoid, next, hint);
    this.copyInto(v, p);
    this.setHome(v, p);
    return p;
  }

  /** Phase A of instruction i: collects its fixed registers and clobbers and empties them. */
  private claimRegisters(i: number, s: number, e: number): void {
    const ops = this.f.ops.data;
    const { fixedUse, fixedDef, fixedEarly, clob, pregVreg, vs } = this;
    clob[0] = this.f.clobbers.data[2 * i]!;
    clob[1] = this.f.clobbers.data[2 * i + 1]!;
    for (let k = s; k < e; k++) {
      const op = ops[k]!;
      if (opPolicy(op) !== Policy.Fixed) continue;
      const p = opArg(op);
      const bit = 1 << (p & 31);
      const kind = opKind(op);
      if (kind === OperandKind.Use) fixedUse[p >> 5]! |= bit;
      else if (kind === OperandKind.Def) fixedDef[p >> 5]! |= bit;
      else fixedEarly[p >> 5]! |= bit;
    }
    for (let c = 0; c < 2; c++) {
      let m = (fixedUse[c]! | fixedEarly[c]!) & this.occ[c]!;
      while (m !== 0) {
        const bit = m & -m;
        m ^= bit;
        const p = c * 32 + (31 - Math.clz32(bit));
        const w = pregVreg[p]!;
        if ((fixedUse[c]! & bit) !== 0 && this.fixedUseVreg(s, e, p) === w) continue;
        if (vs[(w << V_SHIFT) + V.Next] === LINGER) { this.free(w); continue; }
        const livesOn = vs[(w << V_SHIFT) + V.Next] !== NEVER;
        this.displace(w, p, fixedUse[c]! | fixedEarly[c]! | (livesOn ? clob[c]! | fixedDef[c]! : 0));
      }
      m = (clob[c]! | fixedDef[c]!) & this.occ[c]!;
      while (m !== 0) {
        const bit = m & -m;
        m ^= bit;
        const p = c * 32 + (31 - Math.clz32(bit));
        const w = pregVreg[p]!;
        if (vs[(w << V_SHIFT) + V.Next] === NEVER) continue; // read here for the last time: may stay
        if (vs[(w << V_SHIFT) + V.Next] === LINGER) { this.free(w); continue; }
        this.displace(w, p, fixedUse[c]! | fixedEarly[c]! | clob[c]! | fixedDef[c]!);
      }
    }
  }

  private defineIn(v: VReg, p: PReg, k: number, next: number): void {
    this.setHome(v, p);
    this.written[p >> 5]! |= 1 << (p & 31);
    this.opLoc[k] = p;
    const b = v << V_SHIFT, vs = this.vs;
    vs[b + V.Next] = next;
    vs[b + V.Hint] = this.opHint[k]!;
    vs[b + V.DefReg] = p;
    vs[b + V.DefKey] = 4 * (this.cur + 1) + PHASE_DEF_STORE;
  }

  private fixedUseVreg(s: number, e: number, p: PReg): VReg {
    const ops = this.f.ops.data;
    for (let k = s; k < e; k++) {
      const op = ops[k]!;
      if (opKind(op) === OperandKind.Use && opPolicy(op) === Policy.Fixed && opArg(op) === p) return opVreg(op);
    }
    return -1;
  }
}
