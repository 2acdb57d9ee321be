// The allocator's driver: liveness, then blocks in reverse postorder (each starts from the
// register state an allocated predecessor ended with), store-after-def spills, spill-slot
// sharing, parallel moves on CFG edges, and the result in the backend's terms.
import { checkAllocation } from './checker.js';
import { MachFunction } from './function.js';
import { IntBuf, ensureInt32, ensureUint8 } from './intbuf.js';
import { Liveness } from './liveness.js';
import { LINGER, LocalAllocator, NEVER, PHASE_DEF_STORE, PHASE_ENTRY, PHASE_EXIT, vslot } from './local.js';
import { NO_LOC, NUM_CLASSES, NUM_PREGS, Location, OperandKind, PReg, RegAllocError, VReg, isSlot, opKind, opVreg, slotLoc } from './operand.js';
import { ParallelMoves, emitCopy } from './parallel-move.js';
import { RegisterInfo, checkRegisterInfo } from './registers.js';
import { AllocResult, EditKind, formatStats } from './result.js';
import { assignSlots } from './slots.js';
import { V, VFlag, V_SHIFT, V_STRIDE } from './vreg-state.js';

export interface AllocOptions {
  /** Run the checker on the result and throw if it finds an error (default: env ZEROWASM_REGALLOC_CHECK=1). */
  readonly check?: boolean;
  /** Print statistics to stderr (default: env ZEROWASM_REGALLOC_STATS=1). */
  readonly stats?: boolean;
}

const REMAT_SRC = 0x7ffffffe;
/** Largest loop (in operands) whose reads a header gathers (see markLoopUses). */
const LOOP_SCAN_LIMIT = 2048;

export class RegAllocator {
  readonly regs: RegisterInfo;
  private readonly live = new Liveness();
  private readonly local = new LocalAllocator();
  private entrySnap = new Int32Array(0);
  private endSnap = new Int32Array(0);
  /** Per block: registers holding a value in entrySnap / endSnap, one mask per class. */
  private entryOcc = new Int32Array(0);
  private endOcc = new Int32Array(0);
  private done = new Uint8Array(0);
  /** Per block: 1 once its entry state (entrySnap) is set. */
  private entryDone = new Uint8Array(0);
  /** Per block param (indexing of MachFunction.params): the block it belongs to. */
  private paramOwner = new Int32Array(0);
  /** Per block: the incoming edge whose source state it inherited exactly (no moves needed), or -1. */
  private exactEdge = new Int32Array(0);
  private hintCounter = 0;
  /** Counting-sort cursors of buildResult, one per edit key. */
  private keyFill = new Int32Array(0);
  private readonly moves = [new ParallelMoves(), new ParallelMoves()];
  private readonly remats = new IntBuf(16);
  // Edits in final form (edge moves): key, kind, from, to, vreg.
  private readonly fKey = new IntBuf(256);
  private readonly fKind = new IntBuf(256);
  private readonly fFrom = new IntBuf(256);
  private readonly fTo = new IntBuf(256);
  private readonly fVreg = new IntBuf(256);
  private slotClass = new IntBuf(64);

  /** The environment's defaults for AllocOptions, read once (process.env is slow to read). */
  private readonly envCheck: boolean;
  private readonly envStats: boolean;

  constructor(regs: RegisterInfo) {
    checkRegisterInfo(regs);
    this.regs = regs;
    const env = typeof process !== 'undefined' ? process.env : {};
    this.envCheck = env['ZEROWASM_REGALLOC_CHECK'] === '1';
    this.envStats = env['ZEROWASM_REGALLOC_STATS'] === '1';
  }

  allocate(f: MachFunction, options: AllocOptions = {}, out: AllocResult = new AllocResult()): AllocResult {
    if (!f.isFinished) throw new RegAllocError('machine function is not finished: call finish() first');
    this.live.compute(f);
    this.local.reset(f, this.regs, this.live.blockLocal);
    this.allocateBlocks(f);
    this.addDefStores(f);
    this.slotClass.clear();
    assignSlots(f, this.local.vs, this.live, this.slotClass);
    this.resolveEdges(f);
    this.buildResult(f, out);
    if (options.check ?? this.envCheck) {
      const errors = checkAllocation(f, this.regs, out);
      if (errors.length > 0) throw new RegAllocError(`register allocation checker: ${errors.slice(0, 5).join('; ')}`);
    }
    if (options.stats ?? this.envStats) process.stderr.write(`regalloc: ${formatStats(out)}\n`);
    return out;
  }

  private allocateBlocks(f: MachFunction): void {
    const nb = f.numBlocks;
    const { live, local } = this;
    this.entrySnap = ensureInt32(this.entrySnap, nb * NUM_PREGS);
    this.endSnap = ensureInt32(this.endSnap, nb * NUM_PREGS);
    this.entryOcc = ensureInt32(this.entryOcc, 2 * nb);
    this.endOcc = ensureInt32(this.endOcc, 2 * nb);
    this.done = ensureUint8(this.done, nb);
    this.done.fill(0, 0, nb);
    this.exactEdge = ensureInt32(this.exactEdge, nb);
    this.exactEdge.fill(-1, 0, nb);
    this.entryDone = ensureUint8(this.entryDone, nb);
    this.entryDone.fill(0, 0, nb);
    this.paramOwner = ensureInt32(this.paramOwner, f.params.length);
    for (let b = 0; b < nb; b++) this.paramOwner.fill(b, f.paramStart.data[b]!, f.paramStart.data[b + 1]!);
    this.hintCounter = 0;
    // Block stamps of markLoopUses restart with each function.
    this.loopCounter = 0;
    this.rpoIndex = ensureInt32(this.rpoIndex, nb);
    for (let n = 0; n < nb; n++) this.rpoIndex[live.order[n]!] = n;
    for (let n = 0; n < nb; n++) {
      const b = live.order[n]!;
      this.scanWithOutSet(f, b);
      this.setupEntry(f, b);
      if (this.hasSelfEdge(f, b)) {
        // A one-block loop: now that its entry state is known, scan again with it as a hint.
        this.scanWithOutSet(f, b);
        for (let r = 0; r < NUM_PREGS; r++) {
          const v = local.pregVreg[r]!;
          if (v >= 0) local.vs[(v << V_SHIFT) + V.Hint] = local.firstHint(v);
        }
        this.forgetScan(f, b);
      }
      local.runBlock(b);
      this.snapshot(this.endSnap, this.endOcc, b);
      this.done[b] = 1;
    }
  }

  /**
   * Gathers the vregs read after block b (live out, and values passed on its edges) with the
   * register each should end in when a successor's entry state is already known, then scans b.
   */
  private scanWithOutSet(f: MachFunction, b: number): void {
    const { live, local } = this;
    const vs = local.vs;
    // Typed arrays and loop bounds in locals: this runs over every value live out of every block.
    const succ = f.succ.data, argStart = f.argStart.data, args = f.args.data, paramStart = f.paramStart.data;
    const e0 = f.succStart.data[b]!, e1 = f.succStart.data[b + 1]!;
    const entrySnap = this.entrySnap, entryOcc = this.entryOcc, entryDone = this.entryDone;
    const paramOwner = this.paramOwner;
    const liveInStart = live.liveInStart, liveInList = live.liveInList;
    // Successors allocated already (loop headers, seen from a back edge) say where they want
    // their live-ins and params: those registers become hints for this block's choices.
    const hintNow = ++this.hintCounter;
    for (let e = e0; e < e1; e++) {
      const s = succ[e]!;
      if (!entryDone[s]) continue;
      const as = argStart[e]!;
      for (let c = 0; c < 2; c++) {
        for (let m = entryOcc[2 * s + c]!; m !== 0; m &= m - 1) {
          const r = (c << 5) | (31 - Math.clz32(m & -m));
          const y = entrySnap[s * NUM_PREGS + r]!;
          const pk = vs[(y << V_SHIFT) + V.Param]! - 1;
          const x = pk >= 0 && paramOwner[pk] === s ? args[as + pk - paramStart[s]!]! : y;
          const bx = x << V_SHIFT;
          if (vs[bx + V.HintStamp] === hintNow) continue;
          vs[bx + V.HintStamp] = hintNow;
          vs[bx + V.HintReg] = r;
        }
      }
    }
    // Live out = union of the successors' live-in sets.
    for (let e = e0; e < e1; e++) {
      const s = succ[e]!;
      for (let k = liveInStart[s]!, ke = liveInStart[s + 1]!; k < ke; k++) {
        const v = liveInList[k]!;
        if (local.isMarkedOut(v)) continue;
        const bv = v << V_SHIFT;
        local.markOut(v, vs[bv + V.HintStamp] === hintNow ? vs[bv + V.HintReg]! : -1);
      }
    }
    for (let k = argStart[e0]!, ke = argStart[e1]!; k < ke; k++) {
      const x = args[k]!;
      const bx = x << V_SHIFT;
      local.markOut(x, vs[bx + V.HintStamp] === hintNow ? vs[bx + V.HintReg]! : -1);
    }
    local.scanBlock(b);
  }

  /**
   * Saves the register state as block b's snapshot: the occupied masks, and the vregs of the
   * occupied registers only (every reader goes through the masks; copying all 64 entries per
   * block was a visible cost on functions of many small blocks).
   */
  private snapshot(snap: Int32Array, occ: Int32Array, b: number): void {
    const { pregVreg, occ: now } = this.local;
    const base = b * NUM_PREGS;
    for (let c = 0; c < 2; c++) {
      occ[2 * b + c] = now[c]!;
      for (let m = now[c]!; m !== 0; m &= m - 1) {
        const r = (c << 5) | (31 - Math.clz32(m & -m));
        snap[base + r] = pregVreg[r]!;
      }
    }
  }

  private hasSelfEdge(f: MachFunction, b: number): boolean {
    for (let e = f.succStart.data[b]!; e < f.succStart.data[b + 1]!; e++) if (f.succ.data[e] === b) return true;
    return false;
  }

  /** Entry state of block b: what an allocated predecessor left in registers. */
  private setupEntry(f: MachFunction, b: number): void {
    const { live, local } = this;
    const vs = local.vs;
    local.clearRegs();
    this.exactEdge[b] = -1;
    // Inherit from an allocated predecessor. When several are, prefer one whose edge here is
    // critical (its source branches elsewhere too): that edge then needs no moves and no block of
    // its own, and the fix-ups go where they are cheap, at the end of a single-successor block.
    let edge = -1, critical = false, loopHeader = false;
    for (let k = live.predStart[b]!; k < live.predStart[b + 1]!; k++) {
      const e = live.predEdge[k]!;
      const p = live.edgeFrom[e]!;
      if (!this.done[p]) loopHeader = true;
      if (!this.done[p] || critical) continue;
      if (edge < 0) edge = e;
      if (f.succStart.data[p + 1]! - f.succStart.data[p]! > 1) { edge = e; critical = true; }
    }
    // Constants in the predecessor's registers stay there when that costs nothing (b's only
    // predecessor). At a merge, every other incoming edge would have to recompute them (often on a
    // block of its own): b recomputes the ones it reads instead.
    const keepConstants = live.predStart[b + 1]! - live.predStart[b]! === 1;
    const ps = f.paramStart.data[b]!, pe = f.paramStart.data[b + 1]!;
    const liveInList = live.liveInList, l0 = live.liveInStart[b]!, l1 = live.liveInStart[b + 1]!;
    // At a loop header, a param (a loop-carried value) that finds no free register takes one from
    // a value the loop does not read (live through it, e.g. an outer loop's): otherwise the param
    // would be reloaded and stored on every iteration, the other value only once around the loop.
    // The loop's uses are gathered only then (0: not yet, -1: the loop is too big to bother).
    let loopStamp = 0;
    if (edge >= 0) {
      const p = live.edgeFrom[edge]!;
      const base = p * NUM_PREGS;
      const endSnap = this.endSnap;
      for (let c = 0; c < 2; c++) {
        for (let m = this.endOcc[2 * p + c]!; m !== 0; m &= m - 1) {
          const r = (c << 5) | (31 - Math.clz32(m & -m));
          // A value in p's registers at its end (live out of p, or a lingering constant) is
          // defined before b (b does not dominate p, which precedes it in reverse postorder): the
          // scan of b saw a use of it (or marked it OUT) exactly when it is live into b, unless it
          // is a block-local constant (never live into anything).
          const v = endSnap[base + r]!;
          const bv = v << V_SHIFT;
          if ((vs[bv + V.Flags]! & VFlag.BlockLocal) === 0) {
            if (vs[bv + V.SeenNext] !== NEVER) local.setHome(v, r);
          } else if (keepConstants) {
            // Block-local constants are not in the live sets: their entry state is set here.
            local.setHome(v, r);
            vs[bv + V.Next] = vs[bv + V.SeenNext] !== NEVER ? vs[bv + V.SeenNext]! : LINGER;
            vs[bv + V.Hint] = vs[bv + V.SeenHint]!;
          }
        }
      }
      // Params start where their args are, when that register is still free.
      const as = f.argStart.data[edge]!;
      let misplaced = 0;
      for (let k = ps; k < pe; k++) {
        const x = f.args.data[as + k - ps]!;
        const y = f.params.data[k]!;
        if (local.firstUse(y) === NEVER) continue;
        const c = local.vclass(x);
        misplaced++;
        for (let m = this.endOcc[2 * p + c]!; m !== 0; m &= m - 1) {
          const r = (c << 5) | (31 - Math.clz32(m & -m));
          if (endSnap[base + r] === x) {
            if (local.pregVreg[r] === -1) { local.setHome(y, r); misplaced--; }
            break;
          }
        }
      }
      // Every live-in in a register is where the source left it, and every param read here starts
      // in its arg's register: this edge needs no moves (resolveEdges skips it).
      if (misplaced === 0) this.exactEdge[b] = edge;
    }
    const first = f.blockStart.data[b]!;
    for (let k = ps; k < pe; k++) {
      const y = f.params.data[k]!;
      const by = y << V_SHIFT;
      const next = local.firstUse(y);
      if (vs[by + V.Preg]! < 0 && next !== NEVER) {
        const c = vs[by + V.Flags]! & VFlag.Float;
        let r = local.pickFree(c, 0, false, local.firstHint(y));
        if (r < 0 && loopHeader && edge >= 0) {
          if (loopStamp === 0) loopStamp = this.markLoopUses(f, b);
          if (loopStamp > 0) r = this.takeFromLiveThrough(c, loopStamp);
        }
        if (r >= 0) local.setHome(y, r);
      }
      const r = vs[by + V.Preg]!;
      vs[by + V.DefReg] = r;
      vs[by + V.DefKey] = 4 * first + PHASE_DEF_STORE;
      // A param nobody reads is not materialised at all (its location is NO_LOC).
      if (r < 0 && next !== NEVER) vs[by + V.Flags]! |= VFlag.NeedsSlot;
      vs[by + V.Next] = next;
      vs[by + V.Hint] = vs[by + V.SeenHint]!;
      local.forgetScan(y); // done with what the scan left for y (see LocalAllocator.scanBlock)
    }
    // Live-ins left out of registers are read from their slots (or recomputed).
    for (let k = l0; k < l1; k++) {
      const bv = liveInList[k]! << V_SHIFT;
      if (vs[bv + V.Preg]! < 0) {
        if ((vs[bv + V.Flags]! & VFlag.Remat) === 0) vs[bv + V.Flags]! |= VFlag.NeedsSlot;
      } else {
        vs[bv + V.Next] = vs[bv + V.SeenNext]!;
        vs[bv + V.Hint] = vs[bv + V.SeenHint]!;
      }
      local.forgetScan(liveInList[k]!);
    }
    local.forgetRemat();
    this.snapshot(this.entrySnap, this.entryOcc, b);
    this.entryDone[b] = 1;
  }

  /**
   * Stamps every vreg read in the loop headed by h (V.LoopStamp) and returns the stamp, or -1 when
   * the loop has more than LOOP_SCAN_LIMIT operands (a big loop gains little, and the walk must
   * not make allocation quadratic in functions full of back edges). The loop is h and the blocks
   * that reach one of its unallocated predecessors (the back edges) going backwards without
   * passing h, limited to blocks after h in reverse postorder (all of a natural loop's; an
   * irreducible cycle may lose some, which only costs registers, not correctness).
   */
  private markLoopUses(f: MachFunction, h: number): number {
    const { live, local } = this;
    const vs = local.vs, nb = f.numBlocks;
    const stamp = ++this.loopCounter;
    this.blockMark = ensureInt32(this.blockMark, nb);
    this.loopStack = ensureInt32(this.loopStack, nb);
    if (stamp === 1) this.blockMark.fill(0, 0, nb);
    const mark = this.blockMark, stack = this.loopStack, rpo = this.rpoIndex;
    const hIndex = rpo[h]!;
    let sp = 0;
    mark[h] = stamp;
    stack[sp++] = h;
    for (let k = live.predStart[h]!; k < live.predStart[h + 1]!; k++) {
      const p = live.edgeFrom[live.predEdge[k]!]!;
      if (!this.done[p] && mark[p] !== stamp && rpo[p]! > hIndex) { mark[p] = stamp; stack[sp++] = p; }
    }
    const ops = f.ops.data, opStart = f.opStart.data, blockStart = f.blockStart.data;
    const argStart = f.argStart.data, succStart = f.succStart.data, args = f.args.data;
    let budget = LOOP_SCAN_LIMIT;
    while (sp > 0) {
      const x = stack[--sp]!;
      budget -= opStart[blockStart[x + 1]!]! - opStart[blockStart[x]!]!;
      if (budget < 0) return -1;
      for (let k = opStart[blockStart[x]!]!, ke = opStart[blockStart[x + 1]!]!; k < ke; k++) {
        if (opKind(ops[k]!) === OperandKind.Use) vs[(opVreg(ops[k]!) << V_SHIFT) + V.LoopStamp] = stamp;
      }
      for (let k = argStart[succStart[x]!]!, ke = argStart[succStart[x + 1]!]!; k < ke; k++) vs[(args[k]! << V_SHIFT) + V.LoopStamp] = stamp;
      if (x === h) continue;
      for (let k = live.predStart[x]!; k < live.predStart[x + 1]!; k++) {
        const p = live.edgeFrom[live.predEdge[k]!]!;
        if (mark[p] !== stamp && rpo[p]! > hIndex) { mark[p] = stamp; stack[sp++] = p; }
      }
    }
    return stamp;
  }
  /**
   * At a loop header's entry: frees a register of class c holding a value the loop does not read
   * (it lives on in its slot, or is recomputed); -1 if there is none.
   */
  private takeFromLiveThrough(c: number, loopStamp: number): PReg {
    const local = this.local, vs = local.vs;
    for (let m = local.occ[c]!; m !== 0; m &= m - 1) {
      const r = (c << 5) | (31 - Math.clz32(m & -m));
      const v = local.pregVreg[r]!;
      if (vs[(v << V_SHIFT) + V.LoopStamp] === loopStamp || vs[(v << V_SHIFT) + V.Param] !== 0) continue;
      local.dropAtEntry(v);
      return r;
    }
    return -1;
  }
  private loopCounter = 0;
  private blockMark = new Int32Array(0);
  private loopStack = new Int32Array(0);
  private rpoIndex = new Int32Array(0);

  /** Clears what scanBlock(b) left behind: the scan state of b's live-ins and params. */
  private forgetScan(f: MachFunction, b: number): void {
    const { live, local } = this;
    for (let k = live.liveInStart[b]!, ke = live.liveInStart[b + 1]!; k < ke; k++) local.forgetScan(live.liveInList[k]!);
    for (let k = f.paramStart.data[b]!, ke = f.paramStart.data[b + 1]!; k < ke; k++) local.forgetScan(f.params.data[k]!);
    local.forgetRemat();
  }

  /** A value that is ever evicted is stored once, right after its definition. */
  private addDefStores(f: MachFunction): void {
    const local = this.local, vs = local.vs;
    for (let v = 0, b = 0, n = f.numVregs; v < n; v++, b += V_STRIDE) {
      if ((vs[b + V.Flags]! & VFlag.NeedsSlot) !== 0 && vs[b + V.DefReg]! >= 0) {
        local.emit(vs[b + V.DefKey]!, EditKind.Store, vs[b + V.DefReg]!, vslot(v), v);
      }
    }
  }

  // Edge-resolution state, with callbacks bound once (no closures per edge).
  private edgeKeyNow = 0;
  private tempClass = 0;
  private readonly tempSlots = [-1, -1];
  private readonly emitEdge = (kind: EditKind, from: Location, to: Location, vreg: VReg): void => {
    this.fKey.push(this.edgeKeyNow); this.fKind.push(kind); this.fFrom.push(from); this.fTo.push(to); this.fVreg.push(vreg);
  };
  private readonly tempSlot = (): Location => {
    const c = this.tempClass;
    if (this.tempSlots[c]! < 0) {
      this.tempSlots[c] = this.slotClass.length;
      this.slotClass.push(c);
    }
    return slotLoc(this.tempSlots[c]!);
  };

  /** Where x is at the end of edge e's source: its register there, recomputed, or its slot. */
  private srcAtEdgeEnd(x: VReg, e: number): Location {
    const vs = this.local.vs, bx = x << V_SHIFT;
    if (vs[bx + V.LocStamp] === e + 1) return vs[bx + V.LocOf]!;
    const flags = vs[bx + V.Flags]!;
    if ((flags & VFlag.Remat) !== 0 && (flags & VFlag.NeedsSlot) === 0) return REMAT_SRC;
    return this.physSlot(x);
  }

  private physSlot(v: VReg): Location {
    const s = this.local.vs[(v << V_SHIFT) + V.Slot]!;
    if (s < 0) throw new RegAllocError(`internal: v${v} has no spill slot`);
    return slotLoc(s);
  }

  private resolveEdges(f: MachFunction): void {
    const { live, local } = this;
    const vs = local.vs;
    this.fKey.clear(); this.fKind.clear(); this.fFrom.clear(); this.fTo.clear(); this.fVreg.clear();
    this.tempSlots[0] = this.tempSlots[1] = -1;
    const edgeFrom = live.edgeFrom, reachable = live.reachable, succ = f.succ.data, args = f.args.data;
    const params = f.params.data, paramStart = f.paramStart.data;
    const endOcc = this.endOcc, endSnap = this.endSnap, entryOcc = this.entryOcc, entrySnap = this.entrySnap;
    const paramOwner = this.paramOwner, exactEdge = this.exactEdge;
    for (let e = 0; e < f.numEdges; e++) {
      const p = edgeFrom[e]!;
      const s = succ[e]!;
      if (!reachable[p]) continue; // dead code: nothing to keep consistent
      if (exactEdge[s] === e) continue; // s inherited p's registers as they are
      const endBase = p * NUM_PREGS, entryBase = s * NUM_PREGS;
      for (let c = 0; c < 2; c++) {
        for (let m = endOcc[2 * p + c]!; m !== 0; m &= m - 1) {
          const r = (c << 5) | (31 - Math.clz32(m & -m));
          const bv = endSnap[endBase + r]! << V_SHIFT;
          vs[bv + V.LocStamp] = e + 1;
          vs[bv + V.LocOf] = r;
        }
      }
      this.moves[0]!.clear();
      this.moves[1]!.clear();
      this.remats.clear();
      const as = f.argStart.data[e]!;
      const ps = paramStart[s]!;
      for (let c = 0; c < 2; c++) {
        for (let m = entryOcc[2 * s + c]!; m !== 0; m &= m - 1) {
          const r = (c << 5) | (31 - Math.clz32(m & -m));
          const v = entrySnap[entryBase + r]!;
          const pk = vs[(v << V_SHIFT) + V.Param]! - 1;
          const x = pk >= 0 && paramOwner[pk] === s ? args[as + pk - ps]! : v;
          const bx = x << V_SHIFT;
          // Already in place (the common case): no move, no lookup of other locations.
          if (vs[bx + V.LocStamp] === e + 1 && vs[bx + V.LocOf] === r) continue;
          const src = this.srcAtEdgeEnd(x, e);
          if (src === REMAT_SRC) { this.remats.push(v); this.remats.push(r); } else this.moves[c]!.add(src, r, v);
        }
      }
      for (let k = ps, ke = paramStart[s + 1]!; k < ke; k++) {
        const y = params[k]!;
        const by = y << V_SHIFT;
        // In a register (above), or never read: nothing to do here.
        if (vs[by + V.DefReg]! >= 0 || (vs[by + V.Flags]! & VFlag.NeedsSlot) === 0) continue;
        const src = this.srcAtEdgeEnd(args[as + k - ps]!, e);
        const dst = this.physSlot(y);
        if (src === REMAT_SRC) { this.remats.push(y); this.remats.push(dst); } else this.moves[local.vclass(y)]!.add(src, dst, y);
      }
      if (this.moves[0]!.size + this.moves[1]!.size + this.remats.length === 0) continue;
      this.edgeKeyNow = this.edgeKey(f, e, p, s);
      const emit = this.emitEdge;
      for (let c = 0; c < NUM_CLASSES; c++) {
        this.tempClass = c;
        this.moves[c]!.resolve(this.regs.scratch[c]!, this.tempSlot, emit);
      }
      // Recomputed values last: they read no location, so the moves above cannot disturb them.
      for (let k = 0; k < this.remats.length; k += 2) {
        const v = this.remats.data[k]!, dst = this.remats.data[k + 1]!;
        // The remat source is the arg (for a param) or the value itself.
        const pk = vs[(v << V_SHIFT) + V.Param]! - 1;
        const src = pk >= 0 && paramOwner[pk] === s ? args[as + pk - ps]! : v;
        if (isSlot(dst)) {
          const scratch = this.regs.scratch[local.vclass(v)]!;
          emit(EditKind.Remat, -1, scratch, src);
          emitCopy(scratch, dst, v, scratch, emit);
        } else {
          emit(EditKind.Remat, -1, dst, src);
        }
      }
    }
  }

  /** Where the moves of edge e go: target entry, source exit, or a block of its own. */
  private edgeKey(f: MachFunction, e: number, p: number, s: number): number {
    const live = this.live;
    if (live.predStart[s + 1]! - live.predStart[s]! === 1) return 4 * f.blockStart.data[s]! + PHASE_ENTRY;
    const last = f.blockStart.data[p + 1]! - 1;
    const plain = f.opStart.data[last] === f.opStart.data[last + 1] &&
      f.clobbers.data[2 * last] === 0 && f.clobbers.data[2 * last + 1] === 0;
    if (f.succStart.data[p + 1]! - f.succStart.data[p]! === 1 && plain) return 4 * last + PHASE_EXIT;
    return 4 * f.numInsts + e;
  }

  private buildResult(f: MachFunction, out: AllocResult): void {
    const local = this.local, vs = local.vs;
    const ni = f.numInsts, ne = f.numEdges, no = f.numOperands;
    // Internal slot locations name the vreg (vslot); the result names the shared slot.
    const mapLoc = (loc: number): number => (loc < 0 ? -1 - vs[((-1 - loc) << V_SHIFT) + V.Slot]! : loc);
    out.numInsts = ni;
    out.numEdges = ne;
    out.operandLoc = ensureInt32(out.operandLoc, no);
    // Callee-saved registers written anywhere (defs, and edit destinations below).
    let used0 = local.written[0]!, used1 = local.written[1]!;
    // Operands in registers are final already; the few in slots name their vreg's real slot.
    const operandLoc = out.operandLoc;
    operandLoc.set(local.opLoc.subarray(0, no));
    const slotOps = local.slotOps;
    for (let j = 0; j < slotOps.length; j++) {
      const k = slotOps.data[j]!;
      operandLoc[k] = mapLoc(operandLoc[k]!);
    }
    out.paramLoc = ensureInt32(out.paramLoc, f.params.length);
    for (let k = 0; k < f.params.length; k++) {
      const y = f.params.data[k]!;
      const r = vs[(y << V_SHIFT) + V.DefReg]!;
      out.paramLoc[k] = r >= 0 ? r : local.needsSlot(y) ? this.physSlot(y) : NO_LOC;
    }
    // Merge both edit lists, sorted by key (counting sort, stable).
    const nKeys = 4 * ni + ne;
    const n1 = local.eKey.length, n2 = this.fKey.length, n = n1 + n2;
    const start = (out.editStart = ensureInt32(out.editStart, nKeys + 1));
    start.fill(0, 0, nKeys + 1);
    for (let k = 0; k < n1; k++) start[local.eKey.data[k]! + 1]!++;
    for (let k = 0; k < n2; k++) start[this.fKey.data[k]! + 1]!++;
    for (let k = 0; k < nKeys; k++) start[k + 1]! += start[k]!;
    out.editKind = ensureInt32(out.editKind, n);
    out.editFrom = ensureInt32(out.editFrom, n);
    out.editTo = ensureInt32(out.editTo, n);
    out.editVreg = ensureInt32(out.editVreg, n);
    const fill = this.keyFill = ensureInt32(this.keyFill, nKeys);
    fill.set(start.subarray(0, nKeys));
    const stats = out.stats;
    stats.moves = stats.loads = stats.stores = stats.remats = stats.edgeBlocks = 0;
    const put = (key: number, kind: number, from: number, to: number, vreg: number): void => {
      const at = fill[key]!++;
      out.editKind[at] = kind;
      out.editFrom[at] = from;
      out.editTo[at] = to;
      out.editVreg[at] = vreg;
      if (to >= 0) {
        if (to < 32) used0 |= 1 << to; else used1 |= 1 << (to & 31);
      }
      if (kind === EditKind.Move) stats.moves++;
      else if (kind === EditKind.Load) stats.loads++;
      else if (kind === EditKind.Store) stats.stores++;
      else stats.remats++;
    };
    for (let k = 0; k < n1; k++) {
      const kind = local.eKind.data[k]!;
      put(local.eKey.data[k]!, kind, kind === EditKind.Remat ? -1 : mapLoc(local.eFrom.data[k]!), mapLoc(local.eTo.data[k]!), local.eVreg.data[k]!);
    }
    for (let k = 0; k < n2; k++) {
      put(this.fKey.data[k]!, this.fKind.data[k]!, this.fFrom.data[k]!, this.fTo.data[k]!, this.fVreg.data[k]!);
    }
    out.numEdits = n;
    for (let e = 0; e < ne; e++) if (start[4 * ni + e + 1]! > start[4 * ni + e]!) stats.edgeBlocks++;

    out.calleeSavedUsed[0] = used0 & this.regs.calleeSaved[0]!;
    out.calleeSavedUsed[1] = used1 & this.regs.calleeSaved[1]!;

    // Spill slots: each aligned to its own size; the area is a multiple of 16 bytes.
    const ns = this.slotClass.length;
    out.numSlots = ns;
    out.slotOffset = ensureInt32(out.slotOffset, ns);
    let offset = 0;
    for (let pass = 0; pass < 2; pass++) {
      // Larger slots first so that no padding is needed between them.
      for (let s = 0; s < ns; s++) {
        const size = this.regs.slotSize[this.slotClass.data[s]!]!;
        const big = size >= 16;
        if ((pass === 0) !== big) continue;
        offset = (offset + size - 1) & ~(size - 1);
        out.slotOffset[s] = offset;
        offset += size;
      }
    }
    out.spillAreaSize = (offset + 15) & ~15;
    stats.slots = ns;
  }
}
