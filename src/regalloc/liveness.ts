// Control-flow facts and liveness for one machine function: predecessors, a reverse postorder,
// live-in sets per block (live-out is the union over successors; block params are defined at
// block entry, edge args are used by the terminator). Buffers are reused across functions.
import { MachFunction } from './function.js';
import { IntBuf, ensureInt32, ensureUint8 } from './intbuf.js';
import { OperandKind, RegAllocError, opKind, opVreg } from './operand.js';

export class Liveness {
  /** Predecessor edges of block b: predEdge[predStart[b] .. predStart[b+1]), as edge ids. */
  predStart = new Int32Array(0);
  predEdge = new Int32Array(0);
  /** The source block of each predEdge entry. */
  predBlock = new Int32Array(0);
  /** Source block of each edge. */
  edgeFrom = new Int32Array(0);
  /** Blocks reachable from the entry, in reverse postorder; then the unreachable ones. */
  order = new Int32Array(0);
  numReachable = 0;
  /** Per block: 1 if reachable from the entry. */
  reachable = new Uint8Array(0);
  /** Per block: 1 if it is on a cycle of the CFG (inside a loop). */
  inLoop = new Uint8Array(0);
  /**
   * Per vreg: 1 for a rematerialisable value read only outside loops (and outside its defining
   * block): left out of the live sets, see compute().
   */
  blockLocal = new Uint8Array(0);
  /** Vregs live into block b: liveInList[liveInStart[b] .. liveInStart[b+1]). */
  liveInStart = new Int32Array(0);
  liveInList = new Int32Array(0);
  /**
   * Per vreg: the hull [hullStart, hullEnd] of linear positions where it is live, for spill-slot
   * sharing (for a rematerialisable value: only where it is defined and read). Position 2i is the read point of instruction i, 2i + 1 its write point; a block
   * param is defined, and a live-in read, at 2 * (its block's first instruction); a value live out
   * of a block (or passed on its edges) is read at 2 * (its last instruction) + 1.
   */
  hullStart = new Int32Array(0);
  hullEnd = new Int32Array(0);

  private defBlock = new Int32Array(0);
  /** (block, vreg) pairs of live-in facts, and (vreg, block) pairs of uses outside the def block. */
  private readonly inPairs = new IntBuf(1024);
  private readonly usePairs = new IntBuf(1024);
  private useStart = new Int32Array(0);
  private useList = new Int32Array(0);
  /** Per block: the vreg (+1) being explored when the block was last marked live-in. */
  private mark = new Int32Array(0);
  private stack = new Int32Array(0);
  private visit = new Int32Array(0);

  compute(f: MachFunction): void {
    const nb = f.numBlocks;
    const nv = f.numVregs;
    this.computeCfg(f);
    // SSA liveness by path exploration: from each use outside the defining block, walk
    // predecessors until the defining block. Uses are grouped by vreg first, so one mark per
    // block suffices and memory stays proportional to the live sets (no blocks x vregs bitsets).
    this.defBlock = ensureInt32(this.defBlock, nv);
    const defBlock = this.defBlock;
    defBlock.fill(-1, 0, nv);
    const hullStart = this.hullStart = ensureInt32(this.hullStart, nv);
    const hullEnd = this.hullEnd = ensureInt32(this.hullEnd, nv);
    hullStart.fill(0x7fffffff, 0, nv);
    hullEnd.fill(-1, 0, nv);
    // Bounds are read into locals once per block: loop conditions that reload them through
    // `f.x.data[...]` every iteration were a visible part of the allocator's time.
    const ops = f.ops.data, opStart = f.opStart.data, blockStart = f.blockStart.data;
    const paramStart = f.paramStart.data, params = f.params.data;
    const succStart = f.succStart.data, argStart = f.argStart.data, args = f.args.data;
    // A rematerialisable value (a constant) read only outside loops is block-local: it is not
    // explored, the allocator never carries it into a block as a live-in, and a block that reads it
    // recomputes it (or finds it still in a register). One read inside a loop is live as usual, so
    // that it can stay in a register around the loop instead of being recomputed every iteration.
    // A block-local one that needs a spill slot after all gets its hull from rematHull.
    const remat = f.vregRemat.data;
    const blockLocal = this.blockLocal = ensureUint8(this.blockLocal, nv);
    blockLocal.fill(0, 0, nv);
    const inLoop = this.inLoop;
    // One pass in layout order: within a block a def comes before its uses (SSA), so a use whose
    // vreg has not been defined in this block yet reads a value from elsewhere. (A use before
    // its def in the same block then fails the exploration below, as it must.)
    const uses = this.usePairs;
    uses.clear();
    // Appended through locals (IntBuf.push per use showed); at most one pair per operand and arg.
    uses.grow(2 * (f.numOperands + f.args.length));
    const ud = uses.data;
    let un = 0;
    for (let b = 0; b < nb; b++) {
      const first = blockStart[b]!, last = blockStart[b + 1]! - 1;
      for (let k = paramStart[b]!, ke = paramStart[b + 1]!; k < ke; k++) {
        const y = params[k]!;
        defBlock[y] = b;
        if (2 * first < hullStart[y]!) hullStart[y] = 2 * first;
        if (2 * first > hullEnd[y]!) hullEnd[y] = 2 * first;
      }
      for (let i = first; i <= last; i++) {
        for (let k = opStart[i]!, ke = opStart[i + 1]!; k < ke; k++) {
          const op = ops[k]!;
          const v = opVreg(op);
          let pos = 2 * i;
          if (opKind(op) === OperandKind.Use) {
            if (defBlock[v] !== b) { ud[un++] = v; ud[un++] = b; }
          } else {
            defBlock[v] = b;
            if (opKind(op) === OperandKind.Def) pos++;
          }
          if (pos < hullStart[v]!) hullStart[v] = pos;
          if (pos > hullEnd[v]!) hullEnd[v] = pos;
        }
      }
      const end = 2 * last + 1;
      for (let k = argStart[succStart[b]!]!, ke = argStart[succStart[b + 1]!]!; k < ke; k++) {
        const v = args[k]!;
        if (defBlock[v] !== b) { ud[un++] = v; ud[un++] = b; }
        if (end < hullStart[v]!) hullStart[v] = end;
        if (end > hullEnd[v]!) hullEnd[v] = end;
      }
    }
    uses.length = un;
    this.useStart = ensureInt32(this.useStart, nv + 1);
    this.useList = ensureInt32(this.useList, uses.length >> 1);
    toCsr(uses, nv, this.useStart, this.useList);
    this.mark = ensureInt32(this.mark, nb);
    this.mark.fill(0, 0, nb);
    this.inPairs.clear();
    const useStart = this.useStart;
    for (let v = 0; v < nv; v++) {
      const u0 = useStart[v]!, u1 = useStart[v + 1]!;
      if (u0 === u1) continue;
      if (remat[v] !== 0) {
        let looped = false;
        for (let u = u0; u < u1 && !looped; u++) looped = inLoop[this.useList[u]!] !== 0;
        if (!looped) { blockLocal[v] = 1; continue; }
      }
      this.explore(v, blockStart, true);
      if (this.mark[0] === v + 1) throw new RegAllocError(`v${v} is used but not defined on every path from the entry`);
    }
    this.liveInStart = ensureInt32(this.liveInStart, nb + 1);
    this.liveInList = ensureInt32(this.liveInList, this.inPairs.length >> 1);
    toCsr(this.inPairs, nb, this.liveInStart, this.liveInList);
  }

  /**
   * The full hull of a rematerialisable value (compute() leaves it at its def and uses), for one
   * that needs a spill slot after all: the slot must hold it on every path from def to use.
   */
  rematHull(f: MachFunction, v: number): void {
    this.explore(v, f.blockStart.data, false);
    if (this.mark[0] === v + 1) throw new RegAllocError(`v${v} is used but not defined on every path from the entry`);
  }

  /**
   * Marks v live into every block on a path from one of its uses back to its definition (as live-in
   * facts if `record`), and extends its hull over those blocks' starts and over the ends of their
   * predecessors (where v is live out).
   */
  private explore(v: number, blockStart: Int32Array, record: boolean): void {
    const def = this.defBlock[v]!;
    const stamp = v + 1;
    const mark = this.mark, stack = this.stack, pairs = this.inPairs;
    const predStart = this.predStart, predBlock = this.predBlock;
    const useList = this.useList;
    let lo = this.hullStart[v]!, hi = this.hullEnd[v]!;
    // The live-in pairs are appended through locals (two IntBuf.push calls per pair showed).
    let pd = pairs.data, pn = pairs.length;
    for (let u = this.useStart[v]!, ue = this.useStart[v + 1]!; u < ue; u++) {
      const b = useList[u]!;
      if (mark[b] === stamp) continue;
      mark[b] = stamp;
      if (record) {
        if (pn + 2 > pd.length) { pairs.length = pn; pairs.grow(pn + 2); pd = pairs.data; }
        pd[pn++] = b; pd[pn++] = v;
      }
      let sp = 0;
      stack[sp++] = b;
      while (sp > 0) {
        const x = stack[--sp]!;
        const start = 2 * blockStart[x]!;
        if (start < lo) lo = start;
        for (let k = predStart[x]!, ke = predStart[x + 1]!; k < ke; k++) {
          const p = predBlock[k]!;
          const end = 2 * blockStart[p + 1]! - 1;
          if (end > hi) hi = end;
          if (p === def || mark[p] === stamp) continue;
          mark[p] = stamp;
          if (record) {
            if (pn + 2 > pd.length) { pairs.length = pn; pairs.grow(pn + 2); pd = pairs.data; }
            pd[pn++] = p; pd[pn++] = v;
          }
          stack[sp++] = p;
        }
      }
    }
    pairs.length = pn;
    this.hullStart[v] = lo;
    this.hullEnd[v] = hi;
  }

  /**
   * Marks the blocks that lie on a cycle (inLoop): the members of strongly connected components of
   * more than one block, and blocks with an edge to themselves. Tarjan's algorithm with explicit
   * stacks, linear in blocks and edges.
   */
  private findLoops(f: MachFunction): void {
    const nb = f.numBlocks;
    const succStart = f.succStart.data, succ = f.succ.data;
    const inLoop = this.inLoop = ensureUint8(this.inLoop, nb);
    inLoop.fill(0, 0, nb);
    const index = this.sccIndex = ensureInt32(this.sccIndex, nb);
    const low = this.sccLow = ensureInt32(this.sccLow, nb);
    const onStack = this.sccOn = ensureUint8(this.sccOn, nb);
    const members = this.sccMembers = ensureInt32(this.sccMembers, nb);
    const walk = this.sccWalk = ensureInt32(this.sccWalk, 2 * nb);
    index.fill(-1, 0, nb);
    onStack.fill(0, 0, nb);
    let counter = 0, mp = 0;
    for (let root = 0; root < nb; root++) {
      if (index[root] !== -1) continue;
      let wp = 0;
      index[root] = low[root] = counter++;
      members[mp++] = root; onStack[root] = 1;
      walk[wp++] = root; walk[wp++] = succStart[root]!;
      while (wp > 0) {
        const b = walk[wp - 2]!, e = walk[wp - 1]!;
        if (e < succStart[b + 1]!) {
          walk[wp - 1] = e + 1;
          const s = succ[e]!;
          if (s === b) inLoop[b] = 1;
          if (index[s] === -1) {
            index[s] = low[s] = counter++;
            members[mp++] = s; onStack[s] = 1;
            walk[wp++] = s; walk[wp++] = succStart[s]!;
          } else if (onStack[s] && index[s]! < low[b]!) {
            low[b] = index[s]!;
          }
          continue;
        }
        wp -= 2;
        if (wp > 0) {
          const parent = walk[wp - 2]!;
          if (low[b]! < low[parent]!) low[parent] = low[b]!;
        }
        if (low[b] === index[b]) {
          // b roots a component: its members are on top of the member stack, down to b.
          let k = mp;
          do { k--; onStack[members[k]!] = 0; } while (members[k] !== b);
          if (mp - k > 1) for (let j = k; j < mp; j++) inLoop[members[j]!] = 1;
          mp = k;
        }
      }
    }
  }
  private sccIndex = new Int32Array(0);
  private sccLow = new Int32Array(0);
  private sccOn = new Uint8Array(0);
  private sccMembers = new Int32Array(0);
  private sccWalk = new Int32Array(0);

  private computeCfg(f: MachFunction): void {
    const nb = f.numBlocks;
    const ne = f.numEdges;
    this.predStart = ensureInt32(this.predStart, nb + 1);
    this.predEdge = ensureInt32(this.predEdge, ne);
    this.edgeFrom = ensureInt32(this.edgeFrom, ne);
    const predStart = this.predStart, predEdge = this.predEdge, edgeFrom = this.edgeFrom;
    predStart.fill(0, 0, nb + 1);
    for (let b = 0; b < nb; b++) {
      for (let e = f.succStart.data[b]!; e < f.succStart.data[b + 1]!; e++) {
        edgeFrom[e] = b;
        predStart[f.succ.data[e]! + 1]!++;
      }
    }
    for (let b = 0; b < nb; b++) predStart[b + 1]! += predStart[b]!;
    const fill = this.visit = ensureInt32(this.visit, nb + 1);
    fill.set(predStart.subarray(0, nb));
    for (let e = 0; e < ne; e++) predEdge[fill[f.succ.data[e]!]!++] = e;
    const predBlock = this.predBlock = ensureInt32(this.predBlock, ne);
    for (let k = 0; k < ne; k++) predBlock[k] = edgeFrom[predEdge[k]!]!;

    // Reverse postorder by an explicit DFS stack (no recursion on deep CFGs).
    this.order = ensureInt32(this.order, nb);
    this.stack = ensureInt32(this.stack, 2 * nb + 2);
    const order = this.order, stack = this.stack, state = this.visit;
    state.fill(0, 0, nb);
    let post = nb;
    let sp = 0;
    stack[sp++] = 0; stack[sp++] = f.succStart.data[0]!;
    state[0] = 1;
    while (sp > 0) {
      const b = stack[sp - 2]!;
      const e = stack[sp - 1]!;
      if (e < f.succStart.data[b + 1]!) {
        stack[sp - 1] = e + 1;
        const s = f.succ.data[e]!;
        if (state[s] === 0) {
          state[s] = 1;
          stack[sp++] = s; stack[sp++] = f.succStart.data[s]!;
        }
      } else {
        order[--post] = b;
        sp -= 2;
      }
    }
    // Reachable blocks now occupy order[post..nb); move them to the front, unreachable after.
    const reach = nb - post;
    order.copyWithin(0, post, nb);
    let n = reach;
    for (let b = 0; b < nb; b++) if (state[b] === 0) order[n++] = b;
    this.numReachable = reach;
    this.reachable = ensureUint8(this.reachable, nb);
    for (let b = 0; b < nb; b++) this.reachable[b] = state[b]!;
    this.findLoops(f);
  }


}

/** Groups (key, value) pairs by key (0 <= key < nb) into start/list arrays (counting sort). */
function toCsr(pairs: IntBuf, nb: number, start: Int32Array, list: Int32Array): void {
  const d = pairs.data, n = pairs.length;
  start.fill(0, 0, nb + 1);
  for (let k = 0; k < n; k += 2) start[d[k]! + 1]!++;
  for (let b = 0; b < nb; b++) start[b + 1]! += start[b]!;
  for (let k = 0; k < n; k += 2) list[start[d[k]!]!++] = d[k + 1]!;
  for (let b = nb; b > 0; b--) start[b] = start[b - 1]!;
  start[0] = 0;
}
