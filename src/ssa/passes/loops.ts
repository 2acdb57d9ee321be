// Loop nesting from the dominator tree: a loop header is a block with a predecessor it
// dominates (a back edge); the body is found by walking predecessors backwards from the back
// edges. Gives each block its innermost loop header and nesting depth (0 outside loops).
// Requires: DomTree of the current CFG. Irreducible cycles (impossible from Wasm) are ignored.
import { IrFunction, NONE } from '../function.js';
import type { DomTree } from './dominators.js';

export class LoopNest {
  /** Innermost loop header containing each block (a header is in its own loop), or NONE. */
  header = new Int32Array(0);
  /** Enclosing loop of each loop header, or NONE. */
  parent = new Int32Array(0);
  depth = new Int32Array(0);
  /** Loop headers, outer loops before inner ones. */
  headers: number[] = [];

  compute(fn: IrFunction, dom: DomTree): this {
    const n = fn.blockCount;
    const header = this.header = new Int32Array(n).fill(NONE);
    const parent = this.parent = new Int32Array(n).fill(NONE);
    this.depth = new Int32Array(n);
    this.headers = [];
    const work: number[] = [];
    const pushPreds = (b: number): void => {
      for (const e of fn.blockPreds[b]!) {
        const p = fn.instBlock[fn.edgeInst[e]!]!;
        if (p !== NONE && dom.isReachable(p)) work.push(p);
      }
    };
    // Inner loops first (their headers come later in reverse postorder).
    for (let k = dom.rpo.length - 1; k >= 0; k--) {
      const h = dom.rpo[k]!;
      for (const e of fn.blockPreds[h]!) {
        const p = fn.instBlock[fn.edgeInst[e]!]!;
        if (p !== NONE && dom.dominates(h, p)) work.push(p);
      }
      if (work.length === 0) continue;
      this.headers.push(h);
      header[h] = h;
      while (work.length > 0) {
        const b = work.pop()!;
        if (header[b] === NONE) {
          header[b] = h;
          pushPreds(b);
          continue;
        }
        let x = header[b]!;
        while (parent[x] !== NONE) x = parent[x]!;
        if (x === h) continue;
        parent[x] = h; // an inner loop: continue from its header's entries
        pushPreds(x);
      }
    }
    this.headers.reverse();
    for (const h of this.headers) this.depth[h] = parent[h] === NONE ? 1 : this.depth[parent[h]!]! + 1;
    for (let b = 0; b < n; b++) {
      const h = header[b]!;
      if (h !== NONE && h !== b) this.depth[b] = this.depth[h]!;
    }
    return this;
  }
}
