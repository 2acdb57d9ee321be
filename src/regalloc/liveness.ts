// Control-flow facts and liveness for one machine function: predecessors, a reverse postorder,
// live-in sets per block, as bitsets and as lists (live-out is the union over successors; block
// params are defined at block entry, edge args are used by the terminator). Buffers are reused
// across functions.
import { MachFunction } from './function.js';
import { IntBuf, ensureInt32, ensureUint8 } from './intbuf.js';
import { OperandKind, RegAllocError, opKind, opVreg } from './operand.js';

export class Liveness {
  /** Words per vreg row of the live bitsets: ceil(numBlocks / 32). */
  words = 0;
  liveIn = new Int32Array(0);
  /** Predecessor edges of block b: predEdge[predStart[b] .. predStart[b+1]), as edge ids. */
  predStart = new Int32Array(0);
  predEdge = new Int32Array(0);
  /** Source block of each edge. */
  edgeFrom = new Int32Array(0);
  /** Blocks reachable from the entry, in reverse postorder; then the unreachable ones. */
  order = new Int32Array(0);
  numReachable = 0;
  /** Per block: 1 if reachable from the entry. */
  reachable = new Uint8Array(0);

  private defBlock = new Int32Array(0);
  private readonly inPairs = new IntBuf(1024);
  /** Sparse copies of the live sets: vregs live into b are liveInList[liveInStart[b] .. liveInStart[b+1]). */
  liveInStart = new Int32Array(0);
  liveInList = new Int32Array(0);
  private stack = new Int32Array(0);
  private visit = new Int32Array(0);

  compute(f: MachFunction): void {
    const nb = f.numBlocks;
    const nv = f.numVregs;
    // Bitsets are stored per vreg (row v, bit b) so that walking one vreg through the CFG stays
    // within one small row of memory.
    const w = (this.words = (nb + 31) >>> 5);
    this.computeCfg(f);
    this.liveIn = ensureInt32(this.liveIn, nv * w);
    const liveIn = this.liveIn;
    liveIn.fill(0, 0, nv * w);
    // SSA liveness by path exploration: from each upward-exposed use, walk predecessors until
    // the defining block. Cost is proportional to the size of the live sets, not blocks x vregs.
    this.defBlock = ensureInt32(this.defBlock, nv);
    const defBlock = this.defBlock;
    defBlock.fill(-1, 0, nv);
    const ops = f.ops.data, opStart = f.opStart.data;
    this.inPairs.clear();
    for (let b = 0; b < nb; b++) {
      for (let k = f.paramStart.data[b]!; k < f.paramStart.data[b + 1]!; k++) defBlock[f.params.data[k]!] = b;
      for (let k = opStart[f.blockStart.data[b]!]!; k < opStart[f.blockStart.data[b + 1]!]!; k++) {
        const op = ops[k]!;
        if (opKind(op) !== OperandKind.Use) defBlock[opVreg(op)] = b;
      }
    }
    for (let b = 0; b < nb; b++) {
      for (let k = opStart[f.blockStart.data[b]!]!; k < opStart[f.blockStart.data[b + 1]!]!; k++) {
        const op = ops[k]!;
        if (opKind(op) === OperandKind.Use) this.liveUpFrom(b, opVreg(op));
      }
      for (let k = f.argStart.data[f.succStart.data[b]!]!; k < f.argStart.data[f.succStart.data[b + 1]!]!; k++) {
        this.liveUpFrom(b, f.args.data[k]!);
      }
    }
    this.liveInStart = ensureInt32(this.liveInStart, nb + 1);
    this.liveInList = ensureInt32(this.liveInList, this.inPairs.length >> 1);
    toCsr(this.inPairs, nb, this.liveInStart, this.liveInList);
    for (let v = 0; v < nv; v++) {
      if ((liveIn[v * w]! & 1) !== 0) throw new RegAllocError(`v${v} is used but not defined on every path from the entry`);
    }
  }

  /** Marks v live from the start of block b (where it is used) up to its definition. */
  private liveUpFrom(b: number, v: number): void {
    const defBlock = this.defBlock;
    if (defBlock[v] === b) return;
    const row = v * this.words;
    const liveIn = this.liveIn, stack = this.stack;
    if ((liveIn[row + (b >>> 5)]! & (1 << (b & 31))) !== 0) return;
    liveIn[row + (b >>> 5)]! |= 1 << (b & 31);
    this.inPairs.push(b); this.inPairs.push(v);
    const def = defBlock[v]!;
    const predStart = this.predStart, predEdge = this.predEdge, edgeFrom = this.edgeFrom;
    let sp = 0;
    stack[sp++] = b;
    while (sp > 0) {
      const x = stack[--sp]!;
      for (let k = predStart[x]!; k < predStart[x + 1]!; k++) {
        const p = edgeFrom[predEdge[k]!]!;
        const at = row + (p >>> 5), bit = 1 << (p & 31);
        if (def === p || (liveIn[at]! & bit) !== 0) continue;
        liveIn[at]! |= bit;
        this.inPairs.push(p); this.inPairs.push(v);
        stack[sp++] = p;
      }
    }
  }

  isLiveIn(b: number, v: number): boolean {
    return ((this.liveIn[v * this.words + (b >>> 5)]! >>> (b & 31)) & 1) !== 0;
  }


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
  }


}

/** Groups (block, vreg) pairs by block into start/list arrays (counting sort). */
function toCsr(pairs: IntBuf, nb: number, start: Int32Array, list: Int32Array): void {
  const d = pairs.data, n = pairs.length;
  start.fill(0, 0, nb + 1);
  for (let k = 0; k < n; k += 2) start[d[k]! + 1]!++;
  for (let b = 0; b < nb; b++) start[b + 1]! += start[b]!;
  for (let k = 0; k < n; k += 2) list[start[d[k]!]!++] = d[k + 1]!;
  for (let b = nb; b > 0; b--) start[b] = start[b - 1]!;
  start[0] = 0;
}
