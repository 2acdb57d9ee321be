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
import { IntBuf, ensureInt32, ensureUint8 } from './intbuf.js';
import {
  NUM_PREGS, OperandKind, Policy, PReg, RegAllocError, VReg,
  lowestBit, opArg, opKind, opPolicy, opVreg,
} from './operand.js';
import { RegisterInfo } from './registers.js';
import { EditKind } from './result.js';

/** Next-use value of a vreg that is never read again. */
export const NEVER = 0x7fffffff;
/** Next-use value of a vreg read only after the block (live out or passed on an edge). */
export const OUT = 0x40000000;

/** Edit key phases within instruction i (key = 4i + phase); see AllocResult. */
export const PHASE_ENTRY = 0;
export const PHASE_DEF_STORE = 1;
export const PHASE_INST = 2;
export const PHASE_EXIT = 3;

const FLAG_FIXED_USE = 1;
const FLAG_REUSE = 2;
const FLAG_EARLY = 4;
const FLAG_ANY = 8;

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
  /** Per vreg: the register holding it, or -1. */
  vregPreg = new Int32Array(0);
  /** Per vreg: next instruction (in this block) reading it, OUT or NEVER. */
  vregNext = new Int32Array(0);
  /** Per vreg: last instruction that read it (to tell "used by the current instruction"). */
  usedAt = new Int32Array(0);
  /** Per vreg: 1 when its spill slot must hold it (store after def, or defined into the slot). */
  needsSlot = new Uint8Array(0);
  /** Per vreg: register its def wrote (for the store-after-def), or -1; and that store's key. */
  defReg = new Int32Array(0);
  defKey = new Int32Array(0);
  /**
   * Per vreg: the hull [first, last] of linear positions where it is live, gathered during the
   * walk and used to share spill slots. Position 2i is the read point of instruction i, 2i+1 its
   * write point.
   */
  hullStart = new Int32Array(0);
  hullEnd = new Int32Array(0);
  /** Per operand: next use of its vreg after its instruction (OUT / NEVER). */
  opNext = new Int32Array(0);
  /** Per operand: register wanted by the next use of its vreg (a fixed use), or -1. */
  opHint = new Int32Array(0);
  /** Per vreg: register wanted by its next use, or -1. */
  vregHint = new Int32Array(0);
  /** Per operand: allocated location (internal: slot of vreg v is vslot(v)). */
  opLoc = new Int32Array(0);
  /** Per operand: instruction index + 1 if a def of that instruction reuses it. */
  reuseMark = new Int32Array(0);
  /** Per instruction: which kinds of constrained operands it has (FLAG_*), to skip work. */
  instFlags = new Int32Array(0);
  /** Per instruction: next instruction at or after it (in its block) that clobbers, or NEVER. */
  nextClob = new Int32Array(0);
  /**
   * Scratch for the backward scan, three entries per vreg side by side (one cache line, not
   * three): at 3v the stamp that makes the other two valid, at 3v+1 the next use seen so far,
   * at 3v+2 the register that use wants (or -1).
   */
  private seen = new Int32Array(0);
  private stamp = 0;

  /** Edits in internal form: key, kind, from, to, vreg. */
  readonly eKey = new IntBuf(1024);
  readonly eKind = new IntBuf(1024);
  readonly eFrom = new IntBuf(1024);
  readonly eTo = new IntBuf(1024);
  readonly eVreg = new IntBuf(1024);

  // Per-instruction scratch masks, per class.
  private readonly pinned = new Int32Array(2);
  private readonly fixedUse = new Int32Array(2);
  private readonly fixedDef = new Int32Array(2);
  private readonly fixedEarly = new Int32Array(2);
  private readonly clob = new Int32Array(2);
  private readonly defTaken = new Int32Array(2);
  private cur = 0;
  private blockLast = 0;
  /** Per preg: vreg whose value it still holds after a displacement at instruction stamp - 1. */
  private readonly copyOf = new Int32Array(NUM_PREGS);
  private readonly copyStamp = new Int32Array(NUM_PREGS);

  reset(f: MachFunction, regs: RegisterInfo): void {
    this.f = f;
    this.regs = regs;
    const nv = f.numVregs, no = f.numOperands, ni = f.numInsts;
    this.vregPreg = ensureInt32(this.vregPreg, nv);
    this.vregNext = ensureInt32(this.vregNext, nv);
    this.usedAt = ensureInt32(this.usedAt, nv);
    this.needsSlot = ensureUint8(this.needsSlot, nv);
    this.defReg = ensureInt32(this.defReg, nv);
    this.defKey = ensureInt32(this.defKey, nv);
    this.seen = ensureInt32(this.seen, 3 * nv);
    this.vregHint = ensureInt32(this.vregHint, nv);
    this.opHint = ensureInt32(this.opHint, no);
    this.opNext = ensureInt32(this.opNext, no);
    this.opLoc = ensureInt32(this.opLoc, no);
    this.reuseMark = ensureInt32(this.reuseMark, no);
    this.nextClob = ensureInt32(this.nextClob, ni + 1);
    this.instFlags = ensureInt32(this.instFlags, ni);
    this.hullStart = ensureInt32(this.hullStart, nv);
    this.hullEnd = ensureInt32(this.hullEnd, nv);
    this.hullStart.fill(0x7fffffff, 0, nv);
    this.hullEnd.fill(-1, 0, nv);
    this.vregPreg.fill(-1, 0, nv);
    this.usedAt.fill(-1, 0, nv);
    this.needsSlot.fill(0, 0, nv);
    this.defReg.fill(-1, 0, nv);
    this.seen.fill(0, 0, 3 * nv);
    this.reuseMark.fill(0, 0, no);
    this.stamp = 0;
    this.pregVreg.fill(-1);
    this.occ.fill(0);
    this.copyStamp.fill(0);
    this.eKey.clear(); this.eKind.clear(); this.eFrom.clear(); this.eTo.clear(); this.eVreg.clear();
    const ops = f.ops.data, opStart = f.opStart.data, instFlags = this.instFlags, reuseMark = this.reuseMark;
    for (let i = 0; i < ni; i++) {
      let flags = 0;
      for (let k = opStart[i]!, ke = opStart[i + 1]!; k < ke; k++) {
        const op = ops[k]!;
        const policy = opPolicy(op);
        const kind = opKind(op);
        if (policy === Policy.Reuse) {
          reuseMark[opStart[i]! + opArg(op)] = i + 1;
          flags |= FLAG_REUSE;
        } else if (policy === Policy.Fixed) {
          const p = opArg(op);
          if (((regs.allocatable[p >> 5]! >>> (p & 31)) & 1) === 0) {
            throw new RegAllocError(`inst ${i}: v${opVreg(op)} is fixed to register ${p}, which is not allocatable`);
          }
          if (kind === OperandKind.Use) flags |= FLAG_FIXED_USE;
        }
        if (policy === Policy.Any && kind === OperandKind.Use) flags |= FLAG_ANY;
        if (kind === OperandKind.EarlyDef) flags |= FLAG_EARLY;
      }
      instFlags[i] = flags;
    }
  }

  /** Extends the hull of v to cover linear position pos. */
  extendHull(v: VReg, pos: number): void {
    if (pos < this.hullStart[v]!) this.hullStart[v] = pos;
    if (pos > this.hullEnd[v]!) this.hullEnd[v] = pos;
  }

  emit(key: number, kind: EditKind, from: number, to: number, vreg: VReg): void {
    this.eKey.push(key);
    this.eKind.push(kind);
    this.eFrom.push(from);
    this.eTo.push(to);
    this.eVreg.push(vreg);
  }

  // ---- register state ----

  /** Forgets all registers (before setting up a block's entry state). */
  clearRegs(): void {
    for (let c = 0; c < 2; c++) {
      for (let m = this.occ[c]!; m !== 0; m &= m - 1) {
        const p = (c << 5) | (31 - Math.clz32(m & -m));
        this.vregPreg[this.pregVreg[p]!] = -1;
        this.pregVreg[p] = -1;
      }
      this.occ[c] = 0;
    }
  }

  setHome(v: VReg, p: PReg): void {
    this.pregVreg[p] = v;
    this.vregPreg[v] = p;
    this.occ[p >> 5]! |= 1 << (p & 31);
  }

  private free(v: VReg): void {
    const p = this.vregPreg[v]!;
    this.pregVreg[p] = -1;
    this.vregPreg[v] = -1;
    this.occ[p >> 5]! &= ~(1 << (p & 31));
  }

  /** Drops v from its register; it lives on in its spill slot (or is recomputed). */
  private evict(v: VReg): void {
    this.free(v);
    if (!this.f.vregRemat.data[v]) this.needsSlot[v] = 1;
  }

  private prefersCalleeSaved(next: number): boolean {
    if (next === NEVER) return false;
    const j = this.cur + 1;
    return next > (j <= this.blockLast ? this.nextClob[j]! : NEVER);
  }

  /** A free allocatable register of class c outside `avoid`, or -1. */
  pickFree(c: number, avoid: number, calleeFirst: boolean, hint = -1): PReg {
    const free = this.regs.allocatable[c]! & ~this.occ[c]! & ~avoid;
    if (free === 0) return -1;
    if (hint >= 0 && (hint >> 5) === c && ((free >>> (hint & 31)) & 1) !== 0) return hint;
    const callee = this.regs.calleeSaved[c]!;
    const first = calleeFirst ? free & callee : free & ~callee;
    return c * 32 + lowestBit(first !== 0 ? first : free);
  }

  /** Frees the register (outside `avoid` and pinned) whose value is needed furthest away. */
  private evictFurthest(c: number, avoid: number): PReg {
    let cand = this.regs.allocatable[c]! & this.occ[c]! & ~avoid & ~this.pinned[c]!;
    let best = -1, bestNext = -1, bestUsedNow = true;
    while (cand !== 0) {
      const bit = cand & -cand;
      cand ^= bit;
      const p = c * 32 + (31 - Math.clz32(bit));
      const v = this.pregVreg[p]!;
      const usedNow = this.usedAt[v] === this.cur;
      const next = this.vregNext[v]!;
      if ((bestUsedNow && !usedNow) || (usedNow === bestUsedNow && next > bestNext)) {
        best = p; bestNext = next; bestUsedNow = usedNow;
      }
    }
    if (best >= 0) this.evict(this.pregVreg[best]!);
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
    const q = this.vregPreg[v]!;
    if (q === p) return;
    if (q >= 0) this.emit(key, EditKind.Move, q, p, v);
    else if (this.f.vregRemat.data[v]) this.emit(key, EditKind.Remat, -1, p, v);
    else {
      this.needsSlot[v] = 1;
      this.emit(key, EditKind.Load, vslot(v), p, v);
    }
  }

  /** Moves v out of register p before the current instruction: to a free register, or evicts. */
  private displace(v: VReg, p: PReg, avoid: number): void {
    const c = p >> 5;
    const next = this.vregNext[v]!;
    const q = this.pickFree(c, avoid | this.pinned[c]!, this.prefersCalleeSaved(next), this.vregHint[v]!);
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
   * Backward scan of block b: next-use of every operand, next clobbering instruction, and the
   * first use of each vreg live on entry (left in `firstUse`). Call beginScan() and markOut() for
   * every vreg read after the block (live out and edge args) first.
   */
  beginScan(): void {
    this.stamp++;
  }

  /** Before scanBlock: v is read after the block, ideally from register `hint` (or -1). */
  markOut(v: VReg, hint: number): void {
    const seen = this.seen;
    seen[3 * v] = this.stamp;
    seen[3 * v + 1] = OUT;
    seen[3 * v + 2] = hint;
  }

  scanBlock(b: number): void {
    const f = this.f;
    const stamp = this.stamp;
    const seen = this.seen, opNext = this.opNext, opHint = this.opHint;
    const first = f.blockStart.data[b]!;
    const last = f.blockStart.data[b + 1]! - 1;
    const ops = f.ops.data, opStart = f.opStart.data, clobbers = f.clobbers.data;
    const nextClobAt = this.nextClob;
    let nextClob = NEVER;
    for (let i = last; i >= first; i--) {
      const s = opStart[i]!, e = opStart[i + 1]!;
      for (let k = s; k < e; k++) {
        const v = opVreg(ops[k]!);
        const known = seen[3 * v] === stamp;
        opNext[k] = known ? seen[3 * v + 1]! : NEVER;
        opHint[k] = known ? seen[3 * v + 2]! : -1;
      }
      for (let k = s; k < e; k++) {
        const op = ops[k]!;
        const v = opVreg(op);
        const at = 3 * v;
        const fixed = opPolicy(op) === Policy.Fixed ? opArg(op) : -1;
        const known = seen[at] === stamp;
        if (opKind(op) !== OperandKind.Use) {
          seen[at + 1] = NEVER; seen[at + 2] = -1;
        } else if (!known || seen[at + 1] !== i) {
          // A use that does not care passes on the wish of the use after it.
          if (fixed >= 0 || !known) seen[at + 2] = fixed;
          seen[at + 1] = i;
        } else if (fixed >= 0) {
          seen[at + 2] = fixed; // several uses here: the fixed one is the useful hint
        }
        seen[at] = stamp;
      }
      if (clobbers[2 * i] !== 0 || clobbers[2 * i + 1] !== 0) nextClob = i;
      nextClobAt[i] = nextClob;
    }
  }

  /** First use in the block just scanned of a vreg live on entry (OUT / NEVER if none). */
  firstUse(v: VReg): number {
    return this.seen[3 * v] === this.stamp ? this.seen[3 * v + 1]! : NEVER;
  }
  /** The register the first use in the block wants (a fixed use), or -1. */
  firstHint(v: VReg): number {
    return this.seen[3 * v] === this.stamp ? this.seen[3 * v + 2]! : -1;
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
    const { pinned, fixedUse, fixedDef, fixedEarly, clob, defTaken, pregVreg, vregPreg, vregNext } = this;
    // Typed arrays in locals: these fields are never reassigned during a walk.
    const opLoc = this.opLoc, opNext = this.opNext, opHint = this.opHint, usedAt = this.usedAt;
    const vregHint = this.vregHint, reuseMark = this.reuseMark, needsSlot = this.needsSlot;
    const flags = this.instFlags[i]!;
    const hullStart = this.hullStart, hullEnd = this.hullEnd;
    const vregClass = f.vregClass.data;
    pinned[0] = pinned[1] = fixedUse[0] = fixedUse[1] = fixedDef[0] = fixedDef[1] = 0;
    fixedEarly[0] = fixedEarly[1] = defTaken[0] = defTaken[1] = 0;
    clob[0] = f.clobbers.data[2 * i]!;
    clob[1] = f.clobbers.data[2 * i + 1]!;

    // Uses: note who is read here and when each is needed next; collect fixed registers.
    for (let k = s; k < e; k++) {
      const op = ops[k]!;
      const kind = opKind(op);
      const v = opVreg(op);
      const pos = kind === OperandKind.Def ? 2 * i + 1 : 2 * i;
      if (pos < hullStart[v]!) hullStart[v] = pos;
      if (pos > hullEnd[v]!) hullEnd[v] = pos;
      if (kind === OperandKind.Use) {
        usedAt[v] = i;
        vregNext[v] = opNext[k]!;
        vregHint[v] = opHint[k]!;
      }
      if (opPolicy(op) === Policy.Fixed) {
        const p = opArg(op);
        const bit = 1 << (p & 31);
        if (kind === OperandKind.Use) fixedUse[p >> 5]! |= bit;
        else if (kind === OperandKind.Def) fixedDef[p >> 5]! |= bit;
        else fixedEarly[p >> 5]! |= bit;
      }
    }

    // A. Clear the registers this instruction claims: fixed-use and fixed-early-def registers
    // must hold nothing else; clobbered and fixed-def registers must hold nothing that lives on.
    // Most instructions claim none: then A and the clobber test of F are skipped.
    const claims = fixedUse[0]! | fixedUse[1]! | fixedEarly[0]! | fixedEarly[1]! | clob[0]! | clob[1]! | fixedDef[0]! | fixedDef[1]!;
    if (claims !== 0) for (let c = 0; c < 2; c++) {
      let m = (fixedUse[c]! | fixedEarly[c]!) & this.occ[c]!;
      while (m !== 0) {
        const bit = m & -m;
        m ^= bit;
        const p = c * 32 + (31 - Math.clz32(bit));
        const w = pregVreg[p]!;
        if ((fixedUse[c]! & bit) !== 0 && this.fixedUseVreg(s, e, p) === w) continue;
        const livesOn = vregNext[w] !== NEVER;
        this.displace(w, p, fixedUse[c]! | fixedEarly[c]! | (livesOn ? clob[c]! | fixedDef[c]! : 0));
      }
      m = (clob[c]! | fixedDef[c]!) & this.occ[c]!;
      while (m !== 0) {
        const bit = m & -m;
        m ^= bit;
        const p = c * 32 + (31 - Math.clz32(bit));
        const w = pregVreg[p]!;
        if (vregNext[w] === NEVER) continue; // read here for the last time: may stay
        this.displace(w, p, fixedUse[c]! | fixedEarly[c]! | clob[c]! | fixedDef[c]!);
      }
    }

    // B. Fixed uses: copy the value into its register unless it is already there.
    if (flags & FLAG_FIXED_USE) for (let k = s; k < e; k++) {
      const op = ops[k]!;
      if (opKind(op) !== OperandKind.Use || opPolicy(op) !== Policy.Fixed) continue;
      const v = opVreg(op);
      const p = opArg(op);
      const c = p >> 5, bit = 1 << (p & 31);
      const stillThere = this.copyStamp[p] === i + 1 && this.copyOf[p] === v;
      if (pregVreg[p] !== v && !stillThere) {
        this.copyInto(v, p);
        // A value that was only in its slot may as well stay in p, unless p is about to be written.
        if (vregPreg[v] < 0 && ((clob[c]! | fixedDef[c]!) & bit) === 0) this.setHome(v, p);
      }
      opLoc[k] = p;
      pinned[c]! |= bit;
    }

    // C. Register uses (the reused input of a two-address def is handled with its def, in D).
    for (let k = s; k < e; k++) {
      const op = ops[k]!;
      if (opKind(op) !== OperandKind.Use) continue;
      const policy = opPolicy(op);
      if (policy === Policy.Fixed || policy === Policy.Any || reuseMark[k] === i + 1) continue;
      const v = opVreg(op);
      const c = vregClass[v]!;
      let p = vregPreg[v]!;
      if (policy === Policy.Stack) {
        needsSlot[v] = 1;
        opLoc[k] = vslot(v);
        continue;
      }
      if (p < 0) {
        const next = vregNext[v]!;
        const avoid = fixedUse[c]! | fixedEarly[c]!;
        // A value that lives on prefers a register this instruction leaves alone; if there is
        // none it may sit in one for the read and is evicted right after (see F).
        p = next !== NEVER ? this.tryAllocReg(c, avoid | clob[c]! | fixedDef[c]!, next, vregHint[v]!) : -1;
        if (p < 0) p = this.allocReg(c, avoid, next, vregHint[v]!);
        this.copyInto(v, p);
        this.setHome(v, p);
      }
      opLoc[k] = p;
      pinned[c]! |= 1 << (p & 31);
    }

    // D. Two-address defs: the def takes the input's register when the input dies here;
    // otherwise the input is copied into a fresh register that the def then takes over.
    if (flags & FLAG_REUSE) for (let k = s; k < e; k++) {
      const op = ops[k]!;
      if (opPolicy(op) !== Policy.Reuse) continue;
      const kin = s + opArg(op);
      const u = opVreg(ops[kin]!);
      const c = vregClass[u]!;
      const q = vregPreg[u]!;
      const taken = fixedDef[c]! | defTaken[c]!;
      let p: PReg;
      if (q >= 0 && vregNext[u] === NEVER && ((taken >>> (q & 31)) & 1) === 0) {
        p = q;
      } else {
        const next = opNext[k]!;
        p = this.allocReg(c, fixedUse[c]! | fixedEarly[c]! | taken, next, opHint[k]!);
        this.copyInto(u, p);
      }
      opLoc[kin] = p;
      opLoc[k] = p;
      pinned[c]! |= 1 << (p & 31);
      defTaken[c]! |= 1 << (p & 31);
    }

    // E. Early defs: written before the uses are read, so never in a register a use reads.
    if (flags & FLAG_EARLY) for (let k = s; k < e; k++) {
      const op = ops[k]!;
      if (opKind(op) !== OperandKind.EarlyDef) continue;
      const v = opVreg(op);
      const c = vregClass[v]!;
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

    // Any uses last: a register if the value still has one, else its slot.
    if (flags & FLAG_ANY) for (let k = s; k < e; k++) {
      const op = ops[k]!;
      if (opKind(op) !== OperandKind.Use || opPolicy(op) !== Policy.Any || reuseMark[k] === i + 1) continue;
      const v = opVreg(op);
      const p = vregPreg[v]!;
      if (p >= 0) {
        opLoc[k] = p;
        pinned[p >> 5]! |= 1 << (p & 31);
      } else {
        needsSlot[v] = 1;
        opLoc[k] = vslot(v);
      }
    }

    // F. Values read here for the last time free their registers, and values that live on in a
    // register this instruction overwrites are evicted; pins end with the reads.
    for (let k = s; k < e; k++) {
      const op = ops[k]!;
      if (opKind(op) !== OperandKind.Use) continue;
      const v = opVreg(op);
      const p = vregPreg[v]!;
      if (p < 0) continue;
      if (vregNext[v] === NEVER) this.free(v);
      else if (claims !== 0 && (((clob[p >> 5]! | fixedDef[p >> 5]!) >>> (p & 31)) & 1) !== 0) this.evict(v);
    }
    pinned[0] = pinned[1] = 0;

    // G. Late defs.
    for (let k = s; k < e; k++) {
      const op = ops[k]!;
      if (opKind(op) !== OperandKind.Def) continue;
      const v = opVreg(op);
      const c = vregClass[v]!;
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
          needsSlot[v] = 1;
          this.defReg[v] = -1;
          opLoc[k] = vslot(v);
          continue;
        }
        if (p < 0) p = this.evictFurthest(c, avoid);
        if (p < 0) throw new RegAllocError(`inst ${i}: more defs of class ${c} than allocatable registers`);
      }
      this.defineIn(v, p, k, next);
      defTaken[c]! |= 1 << (p & 31);
      // A value never read gives its register back at once (defTaken keeps the other defs of
      // this instruction out of it).
      if (next === NEVER) this.free(v);
    }

    // Early defs never read give their registers back too.
    if (flags & FLAG_EARLY) for (let k = s; k < e; k++) {
      const op = ops[k]!;
      if (opKind(op) !== OperandKind.EarlyDef) continue;
      const v = opVreg(op);
      if (vregNext[v] === NEVER && vregPreg[v] >= 0) this.free(v);
    }
  }

  private defineIn(v: VReg, p: PReg, k: number, next: number): void {
    this.setHome(v, p);
    this.opLoc[k] = p;
    this.vregNext[v] = next;
    this.vregHint[v] = this.opHint[k]!;
    this.defReg[v] = p;
    this.defKey[v] = 4 * (this.cur + 1) + PHASE_DEF_STORE;
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
