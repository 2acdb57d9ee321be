// SSA construction from mutable variables (Wasm locals), after Braun et al., "Simple and
// Efficient Construction of Static Single Assignment Form" (CC 2013), with block parameters in
// place of phis. A read in a block without a local definition looks through the predecessors;
// blocks whose predecessors are not all known yet (loop headers) get provisional parameters that
// are completed when the block is sealed. A parameter whose incoming values are all the same
// value (or itself) is trivial: it is not kept and the value is used instead (recorded in an
// alias table and resolved in every argument by `finish`). Cascades of trivial parameters left
// behind are removed by the block-param elimination pass.
import { ValType } from '../wasm/types.js';
import { IrFunction, NONE } from './function.js';

export class SsaVars {
  private fn!: IrFunction;
  private numVars = 0;
  private varType = new Uint8Array(16);
  /** Definition of variable v in block b at [b * numVars + v], NONE when not defined there;
   * a flat table because lookups dominate SSA construction time. Reused across functions. */
  private defs = new Int32Array(1024).fill(NONE);
  /** Blocks covered by `defs` (rows touched since `begin`). */
  private defRows = 0;
  private visited: number[] = [];
  /** 1: sealed; 2: sealed and reached only by forward edges (no loop can lead back to it). */
  private sealed = new Uint8Array(16);
  /** Provisional parameters of unsealed blocks: block -> [var, param, var, param, ...]. */
  private incomplete = new Map<number, number[]>();
  private alias = new Int32Array(64);
  private aliasCount = 0;
  private operands = new Int32Array(64);
  private operandTop = 0;

  /** Starts a function whose variables have the given types (Wasm params then locals). */
  begin(fn: IrFunction, types: readonly ValType[]): void {
    this.fn = fn;
    if (this.varType.length < types.length) this.varType = new Uint8Array(types.length * 2);
    for (let i = 0; i < types.length; i++) this.varType[i] = types[i]!;
    this.defs.fill(NONE, 0, this.defRows * this.numVars);
    this.defRows = 0;
    this.numVars = types.length;
    this.incomplete.clear();
    this.sealed.fill(0);
    this.alias.fill(NONE, 0, this.aliasCount);
    this.aliasCount = 0;
  }

  write(v: number, block: number, value: number): void {
    if (block >= this.defRows) this.growRows(block + 1);
    this.defs[block * this.numVars + v] = value;
  }

  private growRows(rows: number): void {
    const need = rows * this.numVars;
    if (need > this.defs.length) {
      let n = this.defs.length * 2;
      while (n < need) n *= 2;
      const d = new Int32Array(n).fill(NONE);
      d.set(this.defs.subarray(0, this.defRows * this.numVars));
      this.defs = d;
    }
    this.defRows = rows;
  }

  private def(v: number, block: number): number {
    return block < this.defRows ? this.defs[block * this.numVars + v]! : NONE;
  }

  resolve(value: number): number {
    while (value < this.aliasCount && this.alias[value]! !== NONE) value = this.alias[value]!;
    return value;
  }

  read(v: number, block: number): number {
    const d = this.def(v, block);
    if (d !== NONE) return this.resolve(d);
    return this.readRecursive(v, block);
  }

  private isSealed(block: number): boolean {
    return block < this.sealed.length && this.sealed[block] !== 0;
  }

  /** A merge reached only by forward edges cannot be re-entered while its predecessors are
   * read (every cycle passes a loop header, which breaks it), so the incoming values are read
   * first and a parameter is created only when they differ. */
  private readForwardMerge(v: number, block: number): number {
    const fn = this.fn;
    const preds = fn.blockPreds[block]!;
    const base = this.operandTop;
    let same = NONE;
    let trivial = true;
    for (let i = 0; i < preds.length; i++) {
      const val = this.read(v, fn.instBlock[fn.edgeInst[preds[i]!]!]!);
      this.pushOperand(val);
      if (val !== same) { if (same !== NONE) trivial = false; same = val; }
    }
    this.operandTop = base;
    if (trivial) {
      this.write(v, block, same);
      return same;
    }
    const p = fn.addBlockParam(block, this.varType[v] as ValType);
    this.write(v, block, p);
    for (let i = 0; i < preds.length; i++) fn.appendEdgeArg(preds[i]!, this.operands[base + i]!);
    return p;
  }

  private pushOperand(val: number): void {
    if (this.operandTop >= this.operands.length) {
      const o = new Int32Array(this.operands.length * 2);
      o.set(this.operands);
      this.operands = o;
    }
    this.operands[this.operandTop++] = val;
  }

  private readRecursive(v: number, block: number): number {
    const fn = this.fn;
    // Follow single-predecessor chains iteratively (deep straight-line nesting is common).
    let b = block;
    const visited = this.visited;
    const base = visited.length;
    let value = NONE;
    for (;;) {
      const d = this.def(v, b);
      if (d !== NONE) { value = this.resolve(d); break; }
      const preds = fn.blockPreds[b]!;
      if (this.isSealed(b) && preds.length === 1) {
        visited.push(b);
        b = fn.instBlock[fn.edgeInst[preds[0]!]!]!;
        continue;
      }
      if (!this.isSealed(b)) {
        value = fn.addBlockParam(b, this.varType[v] as ValType);
        let list = this.incomplete.get(b);
        if (list === undefined) this.incomplete.set(b, list = []);
        list.push(v, value);
        this.write(v, b, value);
      } else if (preds.length === 0) {
        throw new Error(`SSA construction: variable ${v} read in block ${b} with no predecessors and no definition`);
      } else if (this.sealed[b] === 2) {
        value = this.readForwardMerge(v, b);
      } else {
        const p = fn.addBlockParam(b, this.varType[v] as ValType);
        this.write(v, b, p);
        value = this.addOperands(v, b, p);
      }
      break;
    }
    while (visited.length > base) this.write(v, visited.pop()!, value);
    return value;
  }

  /** Reads `v` in every predecessor of `block`; appends the incoming values to the edges, or,
   * when they are all one value, drops the parameter and returns that value. */
  private addOperands(v: number, block: number, param: number): number {
    const fn = this.fn;
    const preds = fn.blockPreds[block]!;
    const base = this.operandTop;
    let same = NONE;
    let trivial = true;
    for (let i = 0; i < preds.length; i++) {
      const val = this.read(v, fn.instBlock[fn.edgeInst[preds[i]!]!]!);
      this.pushOperand(val);
      if (val === param || val === same) continue;
      if (same !== NONE) trivial = false;
      same = val;
    }
    this.operandTop = base;
    if (trivial && same !== NONE) {
      const params = fn.blockParams[block]!;
      const at = params.lastIndexOf(param);
      if (at === params.length - 1) params.pop();
      else params.splice(at, 1);
      this.setAlias(param, same);
      this.write(v, block, same);
      return same;
    }
    for (let i = 0; i < preds.length; i++) fn.appendEdgeArg(preds[i]!, this.operands[base + i]!);
    return param;
  }

  private setAlias(from: number, to: number): void {
    if (from >= this.alias.length) {
      const a = new Int32Array(Math.max(from + 1, this.alias.length * 2)).fill(NONE);
      a.set(this.alias.subarray(0, this.aliasCount));
      this.alias = a;
    }
    if (from >= this.aliasCount) {
      this.alias.fill(NONE, this.aliasCount, from + 1);
      this.aliasCount = from + 1;
    }
    this.alias[from] = to;
  }

  /** Declares that every predecessor of `block` is known. `forwardOnly`: no predecessor is
   * reached through a back edge (true for the end of a Wasm block/if, false for loop headers). */
  seal(block: number, forwardOnly = false): void {
    if (block >= this.sealed.length) {
      const s = new Uint8Array(Math.max(block + 1, this.sealed.length * 2));
      s.set(this.sealed);
      this.sealed = s;
    }
    const list = this.incomplete.get(block);
    this.sealed[block] = forwardOnly ? 2 : 1;
    if (list === undefined) return;
    this.incomplete.delete(block);
    // A provisional parameter must keep its position relative to the edge arguments appended
    // so far, so complete them in creation order; trivial ones are removed as found.
    for (let i = 0; i < list.length; i += 2) this.addOperands(list[i]!, block, list[i + 1]!);
  }

  /** Rewrites every argument through the alias table. Call once the function is built. */
  finish(): void {
    if (this.aliasCount === 0) return;
    const fn = this.fn;
    const pool = fn.argPool;
    for (let k = 0; k < fn.argTop; k++) {
      const a = pool[k]!;
      if (a >= 0 && a < this.aliasCount && this.alias[a] !== NONE) pool[k] = this.resolve(a);
    }
  }
}
