// Small editing helpers shared by the passes: value replacement through an alias table, block
// parameter removal, and block removal.
import { IrFunction, NONE } from '../function.js';

/** A value → replacement table; chains resolve transitively. */
export class ValueAliases {
  private alias = new Int32Array(0);
  any = false;

  reset(fn: IrFunction): void {
    if (this.alias.length < fn.valueCount) this.alias = new Int32Array(fn.valueCount * 2);
    this.alias.fill(NONE, 0, fn.valueCount);
    this.any = false;
  }

  set(from: number, to: number): void {
    this.alias[from] = to;
    this.any = true;
  }

  resolve(v: number): number {
    const a = this.alias;
    while (v >= 0 && v < a.length && a[v] !== NONE) v = a[v]!;
    return v;
  }

  has(v: number): boolean {
    return this.alias[v] !== NONE;
  }

  /** Rewrites every argument (instructions and edges) through the table. */
  apply(fn: IrFunction): void {
    if (!this.any) return;
    const pool = fn.argPool;
    for (let k = 0; k < fn.argTop; k++) {
      const v = pool[k]!;
      if (v >= 0 && v < fn.valueCount && this.alias[v] !== NONE) pool[k] = this.resolve(v);
    }
  }
}

let keepScratch = new Uint8Array(64);

/** Removes every parameter of `block` for which `drop[value]` is nonzero, with the matching
 * arguments of all incoming edges, in one pass over each edge. */
export function dropBlockParams(fn: IrFunction, block: number, drop: Uint8Array): boolean {
  const params = fn.blockParams[block]!;
  const n = params.length;
  if (keepScratch.length < n) keepScratch = new Uint8Array(n * 2);
  let w = 0;
  for (let k = 0; k < n; k++) {
    const v = params[k]!;
    const keep = drop[v] === 0 ? 1 : 0;
    keepScratch[k] = keep;
    if (keep) params[w++] = v;
  }
  if (w === n) return false;
  params.length = w;
  for (const e of fn.blockPreds[block]!) {
    const s = fn.edgeArgStart[e]!;
    let o = 0;
    for (let k = 0; k < n; k++) if (keepScratch[k]) fn.argPool[s + o++] = fn.argPool[s + k]!;
    fn.edgeArgCount[e] = o;
  }
  return true;
}

/** Marks `block` dead: unlinks its instructions (so its edges leave their targets' preds). */
export function removeBlock(fn: IrFunction, block: number): void {
  for (let i = fn.blockFirst[block]!; i !== NONE;) {
    const next = fn.instNext[i]!;
    fn.removeInst(i);
    i = next;
  }
  fn.blockDead[block] = 1;
  fn.blockPreds[block]!.length = 0;
}

/** Drops dead blocks from the layout. */
export function compactLayout(fn: IrFunction): void {
  let w = 0;
  for (const b of fn.layout) if (!fn.blockDead[b]) fn.layout[w++] = b;
  fn.layout.length = w;
}
