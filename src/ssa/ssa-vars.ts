// SSA construction from mutable variables (Wasm locals), after Braun et al., "Simple and
// Efficient Construction of Static Single Assignment Form" (CC 2013), with block parameters in
// place of phis.
//
// A read in a block without a local definition looks through the predecessors:
// - single-predecessor chains are followed directly;
// - an unsealed block (a loop header whose back edges are not all known) gets a provisional
//   parameter, completed when the block is sealed;
// - a sealed loop header gets its parameter before its predecessors are read (that breaks the
//   cycle through the back edge);
// - a merge reached only by forward edges (the end of a Wasm block/if) reads its predecessors
//   first and gets a parameter only if they disagree.
// A parameter whose incoming values are all one value (or itself) is trivial: it is dropped and
// recorded in an alias table; `finish` rewrites every argument through it. Cascades left behind
// are removed by the block-param pass. The walk over predecessors uses an explicit stack, so
// thousands of nested merges cannot overflow the JS stack. Every result is cached per block.
import { ValType } from '../wasm/types.js';
import { IrFunction, NONE } from './function.js';

const PENDING = -2;
/** Fields of a frame of the explicit walk stack. */
const F_BLOCK = 0, F_PRED = 1, F_BASE = 2, F_PARAM = 3, F_VISITED = 4, F_SIZE = 5;

export class SsaVars {
  private fn!: IrFunction;
  private numVars = 0;
  private varType = new Uint8Array(16);
  /** Definition of variable v in block b at [b * numVars + v], NONE when not defined there;
   * a flat table because lookups dominate SSA construction time. Reused across functions. */
  private defs = new Int32Array(1024).fill(NONE);
  /** Blocks covered by `defs` (rows touched since `begin`). */
  private defRows = 0;
  /** 1: sealed; 2: sealed and reached only by forward edges (no loop can lead back to it). */
  private sealed = new Uint8Array(16);
  /** One past the highest block sealed since `begin`. */
  private sealedUsed = 0;
  /** Provisional parameters of unsealed blocks: block -> [var, param, var, param, ...]. */
  private incomplete = new Map<number, number[]>();
  private alias = new Int32Array(64);
  private aliasCount = 0;
  /** Incoming values collected by the frames of the walk. */
  private operands = new Int32Array(64);
  private operandTop = 0;
  /** Blocks of single-predecessor chains waiting for their value. */
  private visited: number[] = [];
  private frames = new Int32Array(5 * 64);
  private frameTop = 0;

  /** Starts a function whose variables have the given types (Wasm params then locals). */
  begin(fn: IrFunction, types: readonly ValType[]): void {
    this.fn = fn;
    this.defs.fill(NONE, 0, this.defRows * this.numVars);
    this.defRows = 0;
    this.numVars = types.length;
    if (this.varType.length < types.length) this.varType = new Uint8Array(types.length * 2);
    for (let i = 0; i < types.length; i++) this.varType[i] = types[i]!;
    this.incomplete.clear();
    this.sealed.fill(0, 0, this.sealedUsed);
    this.sealedUsed = 0;
    this.alias.fill(NONE, 0, this.aliasCount);
    this.aliasCount = 0;
    this.operandTop = 0;
    this.visited.length = 0;
    this.frameTop = 0;
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
    return this.run(v, this.walk(v, block));
  }

  private isSealed(block: number): boolean {
    return block < this.sealed.length && this.sealed[block] !== 0;
  }

  private predBlock(block: number, i: number): number {
    const fn = this.fn;
    return fn.instBlock[fn.edgeInst[fn.blockPreds[block]![i]!]!]!;
  }

  /** Finds `v` at `block` without recursion: returns the value, or PENDING after pushing a
   * frame for a multi-predecessor block whose predecessors must be read first. */
  private walk(v: number, block: number): number {
    const fn = this.fn;
    const visited = this.visited;
    const base = visited.length;
    let b = block;
    let value: number;
    for (;;) {
      const d = this.def(v, b);
      if (d !== NONE) { value = this.resolve(d); break; }
      const sealed = this.isSealed(b);
      const np = fn.blockPreds[b]!.length;
      if (sealed && np === 1) {
        visited.push(b);
        b = this.predBlock(b, 0);
        continue;
      }
      if (!sealed) {
        value = fn.addBlockParam(b, this.varType[v] as ValType);
        let list = this.incomplete.get(b);
        if (list === undefined) this.incomplete.set(b, list = []);
        list.push(v, value);
        this.write(v, b, value);
        break;
      }
      if (np === 0) throw new Error(`SSA construction: variable ${v} read in block ${b} with no predecessors and no definition`);
      let param = NONE;
      if (this.sealed[b] !== 2) {
        param = fn.addBlockParam(b, this.varType[v] as ValType);
        this.write(v, b, param);
      }
      this.pushFrame(b, param, base);
      return PENDING;
    }
    while (visited.length > base) this.write(v, visited.pop()!, value);
    return value;
  }

  private pushFrame(block: number, param: number, visitedBase: number): void {
    if (this.frameTop + F_SIZE > this.frames.length) {
      const f = new Int32Array(this.frames.length * 2);
      f.set(this.frames);
      this.frames = f;
    }
    const f = this.frames;
    const t = this.frameTop;
    f[t + F_BLOCK] = block;
    f[t + F_PRED] = 0;
    f[t + F_BASE] = this.operandTop;
    f[t + F_PARAM] = param;
    f[t + F_VISITED] = visitedBase;
    this.frameTop = t + F_SIZE;
  }

  /** Runs the walk stack down to its depth before `first` was produced; returns the value. */
  private run(v: number, first: number): number {
    if (first !== PENDING) return first;
    const stopAt = this.frameTop - F_SIZE;
    let value = PENDING;
    while (this.frameTop > stopAt) {
      const frames = this.frames; // re-read: walk() may grow it
      const f = this.frameTop - F_SIZE;
      const b = frames[f + F_BLOCK]!;
      if (value !== PENDING) {
        this.pushOperand(value);
        frames[f + F_PRED]!++;
      }
      const i = frames[f + F_PRED]!;
      if (i < this.fn.blockPreds[b]!.length) {
        value = this.walk(v, this.predBlock(b, i));
        continue;
      }
      value = this.complete(v, b, frames[f + F_PARAM]!, frames[f + F_BASE]!);
      const visitedBase = frames[f + F_VISITED]!;
      this.frameTop = f;
      while (this.visited.length > visitedBase) this.write(v, this.visited.pop()!, value);
    }
    return value;
  }

  private pushOperand(val: number): void {
    if (this.operandTop >= this.operands.length) {
      const o = new Int32Array(this.operands.length * 2);
      o.set(this.operands);
      this.operands = o;
    }
    this.operands[this.operandTop++] = val;
  }

  /** All incoming values of `block` are at operands[base ..]: decide the block's value for `v`.
   * `param` is the parameter created up front (loop headers), or NONE for forward merges. */
  private complete(v: number, block: number, param: number, base: number): number {
    const fn = this.fn;
    const preds = fn.blockPreds[block]!;
    let same = NONE;
    let trivial = true;
    for (let i = 0; i < preds.length; i++) {
      const val = this.resolve(this.operands[base + i]!);
      if (val === param || val === same) continue;
      if (same !== NONE) { trivial = false; break; }
      same = val;
    }
    if (trivial && same !== NONE) {
      this.operandTop = base;
      if (param !== NONE) {
        const params = fn.blockParams[block]!;
        const at = params.lastIndexOf(param);
        if (at === params.length - 1) params.pop();
        else params.splice(at, 1);
        this.setAlias(param, same);
        // The block may have redefined v after this parameter was read (a loop header that is
        // also the current block): keep that newer definition.
        if (this.def(v, block) === param) this.write(v, block, same);
      } else {
        this.write(v, block, same);
      }
      return same;
    }
    if (param === NONE) {
      param = fn.addBlockParam(block, this.varType[v] as ValType);
      this.write(v, block, param);
    }
    for (let i = 0; i < preds.length; i++) fn.appendEdgeArg(preds[i]!, this.operands[base + i]!);
    this.operandTop = base;
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
    if (block >= this.sealedUsed) this.sealedUsed = block + 1;
    if (list === undefined) return;
    this.incomplete.delete(block);
    // Complete provisional parameters in creation order so each one's edge arguments line up
    // with its position; trivial ones are removed as found.
    for (let i = 0; i < list.length; i += 2) {
      this.pushFrame(block, list[i + 1]!, this.visited.length);
      this.run(list[i]!, PENDING);
    }
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
