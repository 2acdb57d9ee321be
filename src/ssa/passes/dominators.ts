// Dominator tree (Cooper, Harvey & Kennedy's iterative algorithm over reverse postorder) with
// pre/post numbering of the tree so `dominates` is O(1). Requires: layout, blockPreds.
// Unreachable blocks get rpoIndex -1 and dominate / are dominated by nothing.
import { IrFunction, NONE } from '../function.js';

export class DomTree {
  /** Reachable blocks in reverse postorder (entry first). */
  rpo: number[] = [];
  rpoIndex = new Int32Array(0);
  idom = new Int32Array(0);
  private pre = new Int32Array(0);
  private post = new Int32Array(0);
  /** Dominator-tree children, per block. */
  children: number[][] = [];

  compute(fn: IrFunction): this {
    const n = fn.blockCount;
    this.rpoIndex = new Int32Array(n).fill(-1);
    this.idom = new Int32Array(n).fill(NONE);
    this.pre = new Int32Array(n).fill(-1);
    this.post = new Int32Array(n).fill(-1);
    this.children = [];
    for (let b = 0; b < n; b++) this.children.push([]);
    this.rpo = reversePostorder(fn);
    this.rpo.forEach((b, i) => { this.rpoIndex[b] = i; });
    if (this.rpo.length === 0) return this;
    const entry = this.rpo[0]!;
    this.idom[entry] = entry;
    let changed = true;
    while (changed) {
      changed = false;
      for (let k = 1; k < this.rpo.length; k++) {
        const b = this.rpo[k]!;
        let nd = NONE;
        for (const e of fn.blockPreds[b]!) {
          const p = fn.instBlock[fn.edgeInst[e]!]!;
          if (p === NONE || this.rpoIndex[p]! < 0 || this.idom[p] === NONE) continue;
          nd = nd === NONE ? p : this.intersect(p, nd);
        }
        if (nd !== this.idom[b]) { this.idom[b] = nd; changed = true; }
      }
    }
    for (let k = 1; k < this.rpo.length; k++) {
      const b = this.rpo[k]!;
      this.children[this.idom[b]!]!.push(b);
    }
    // Number the tree iteratively (deep trees must not overflow the JS stack).
    let clock = 0;
    const stack: number[] = [entry, 0];
    this.pre[entry] = clock++;
    while (stack.length > 0) {
      const top = stack.length - 2;
      const b = stack[top]!;
      const ci = stack[top + 1]!;
      const kids = this.children[b]!;
      if (ci < kids.length) {
        stack[top + 1] = ci + 1;
        const c = kids[ci]!;
        this.pre[c] = clock++;
        stack.push(c, 0);
      } else {
        this.post[b] = clock++;
        stack.length = top;
      }
    }
    return this;
  }

  private intersect(a: number, b: number): number {
    while (a !== b) {
      while (this.rpoIndex[a]! > this.rpoIndex[b]!) a = this.idom[a]!;
      while (this.rpoIndex[b]! > this.rpoIndex[a]!) b = this.idom[b]!;
    }
    return a;
  }

  isReachable(b: number): boolean {
    return this.rpoIndex[b]! >= 0;
  }

  /** True when `a` dominates `b` (reflexive). */
  dominates(a: number, b: number): boolean {
    if (this.pre[a]! < 0 || this.pre[b]! < 0) return false;
    return this.pre[a]! <= this.pre[b]! && this.post[b]! <= this.post[a]!;
  }
}

/** Reachable blocks from the entry (block 0) in reverse postorder, computed iteratively. */
let rpoState = new Uint8Array(64);
let rpoStack = new Int32Array(128);

export function reversePostorder(fn: IrFunction): number[] {
  const n = fn.blockCount;
  if (rpoState.length < n) rpoState = new Uint8Array(n * 2);
  if (rpoStack.length < 2 * n + 2) rpoStack = new Int32Array(4 * n + 4);
  const state = rpoState; // 0 new, 1 visited
  state.fill(0, 0, n);
  const stack = rpoStack; // pairs (block, next edge index)
  const order: number[] = [];
  if (n === 0 || fn.blockDead[0]) return order;
  let sp = 0;
  stack[sp++] = 0;
  stack[sp++] = 0;
  state[0] = 1;
  while (sp > 0) {
    const b = stack[sp - 2]!;
    const k = stack[sp - 1]!;
    const t = fn.terminator(b);
    const ec = t === NONE ? 0 : fn.instEdgeCount[t]!;
    if (k < ec) {
      stack[sp - 1] = k + 1;
      const s = fn.edgeTarget[fn.instEdgeStart[t]! + k]!;
      if (state[s] === 0) { state[s] = 1; stack[sp++] = s; stack[sp++] = 0; }
    } else {
      order.push(b);
      sp -= 2;
    }
  }
  return order.reverse();
}
