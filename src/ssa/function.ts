// Storage of one IR function: structure-of-arrays over integer ids, grown by doubling and reused
// across functions (`reset`). Values, instructions, edges and blocks are all dense ids.
//
// - A value is defined either by an instruction (valueDef >= 0: the instruction id) or as a
//   block parameter (valueDef < 0: ~blockId). An instruction's results are consecutive values.
// - Instruction arguments live in one shared pool (argPool[argStart .. argStart+argCount)).
// - A terminator's successors are edges (consecutive edge ids); an edge names its target block
//   and carries the arguments for the target's parameters (also in argPool).
// - Instructions of a block form a doubly-linked list so passes can insert and remove cheaply.
import { ValType } from '../wasm/types.js';
import { isTerminatorOp, Opcode } from './opcodes.js';

export const NONE = -1;

function grow32(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  let n = a.length * 2;
  while (n < need) n *= 2;
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

function grow8(a: Uint8Array<ArrayBuffer>, need: number): Uint8Array<ArrayBuffer> {
  if (need <= a.length) return a;
  let n = a.length * 2;
  while (n < need) n *= 2;
  const b = new Uint8Array(n);
  b.set(a);
  return b;
}

export class IrFunction {
  /** Function index in the module's function index space (-1 for hand-built functions). */
  funcIndex = -1;
  name = '';
  params: readonly ValType[] = [];
  results: readonly ValType[] = [];

  // Values
  valueCount = 0;
  valueType = new Uint8Array(64);
  valueDef = new Int32Array(64);

  // Instructions
  instCount = 0;
  instOp = new Uint8Array(64);
  instBlock = new Int32Array(64);
  instPrev = new Int32Array(64);
  instNext = new Int32Array(64);
  instArgStart = new Int32Array(64);
  instArgCount = new Int32Array(64);
  instResult = new Int32Array(64);
  instResultCount = new Int32Array(64);
  instEdgeStart = new Int32Array(64);
  instEdgeCount = new Int32Array(64);
  instImm0 = new Int32Array(64);
  instImm1 = new Int32Array(64);
  instImm2 = new Int32Array(64);

  // Edges
  edgeCount = 0;
  edgeInst = new Int32Array(64);
  edgeTarget = new Int32Array(64);
  edgeArgStart = new Int32Array(64);
  edgeArgCount = new Int32Array(64);
  /** Reserved argument slots of each edge (appends beyond it move the arguments). */
  edgeArgCap = new Int32Array(64);

  // Argument pool
  argTop = 0;
  argPool = new Int32Array(256);

  // Blocks
  blockCount = 0;
  blockFirst = new Int32Array(16);
  blockLast = new Int32Array(16);
  /** 1 when the block was removed by a pass. */
  blockDead = new Uint8Array(16);
  blockParams: number[][] = [];
  /** Edge ids whose target is this block (kept up to date by the builder and passes). */
  blockPreds: number[][] = [];
  /** Block order for emission and execution; the entry block (0) comes first. */
  layout: number[] = [];

  /** 16-byte constants (v128.const values and i8x16.shuffle lane masks). */
  constPool: Uint8Array[] = [];

  reset(): void {
    this.funcIndex = -1;
    this.name = '';
    this.params = [];
    this.results = [];
    this.valueCount = 0;
    this.instCount = 0;
    this.edgeCount = 0;
    this.argTop = 0;
    for (let b = 0; b < this.blockCount; b++) {
      this.blockParams[b]!.length = 0;
      this.blockPreds[b]!.length = 0;
    }
    this.blockCount = 0;
    this.layout.length = 0;
    this.constPool.length = 0;
  }

  // ---- allocation -------------------------------------------------------------------------

  newValue(type: ValType, def: number): number {
    const v = this.valueCount++;
    if (v >= this.valueType.length) {
      this.valueType = grow8(this.valueType, v + 1);
      this.valueDef = grow32(this.valueDef, v + 1);
    }
    this.valueType[v] = type;
    this.valueDef[v] = def;
    return v;
  }

  newBlock(): number {
    const b = this.blockCount++;
    if (b >= this.blockFirst.length) {
      this.blockFirst = grow32(this.blockFirst, b + 1);
      this.blockLast = grow32(this.blockLast, b + 1);
      this.blockDead = grow8(this.blockDead, b + 1);
    }
    this.blockFirst[b] = NONE;
    this.blockLast[b] = NONE;
    this.blockDead[b] = 0;
    if (b >= this.blockParams.length) {
      this.blockParams.push([]);
      this.blockPreds.push([]);
    }
    return b;
  }

  addBlockParam(block: number, type: ValType): number {
    const v = this.newValue(type, ~block);
    this.blockParams[block]!.push(v);
    return v;
  }

  /** Reserves `n` argument slots and returns the start index. */
  allocArgs(n: number): number {
    const start = this.argTop;
    this.argTop += n;
    if (this.argTop > this.argPool.length) this.argPool = grow32(this.argPool, this.argTop);
    return start;
  }

  /** Creates an unlinked instruction with `numArgs` argument slots (filled by the caller). */
  newInst(op: Opcode, numArgs: number, imm0: number, imm1: number, imm2: number): number {
    const i = this.instCount++;
    if (i >= this.instOp.length) {
      const n = i + 1;
      this.instOp = grow8(this.instOp, n);
      this.instBlock = grow32(this.instBlock, n);
      this.instPrev = grow32(this.instPrev, n);
      this.instNext = grow32(this.instNext, n);
      this.instArgStart = grow32(this.instArgStart, n);
      this.instArgCount = grow32(this.instArgCount, n);
      this.instResult = grow32(this.instResult, n);
      this.instResultCount = grow32(this.instResultCount, n);
      this.instEdgeStart = grow32(this.instEdgeStart, n);
      this.instEdgeCount = grow32(this.instEdgeCount, n);
      this.instImm0 = grow32(this.instImm0, n);
      this.instImm1 = grow32(this.instImm1, n);
      this.instImm2 = grow32(this.instImm2, n);
    }
    this.instOp[i] = op;
    this.instBlock[i] = NONE;
    this.instPrev[i] = NONE;
    this.instNext[i] = NONE;
    this.instArgStart[i] = numArgs === 0 ? 0 : this.allocArgs(numArgs);
    this.instArgCount[i] = numArgs;
    this.instResult[i] = NONE;
    this.instResultCount[i] = 0;
    this.instEdgeStart[i] = 0;
    this.instEdgeCount[i] = 0;
    this.instImm0[i] = imm0;
    this.instImm1[i] = imm1;
    this.instImm2[i] = imm2;
    return i;
  }

  /** Gives instruction `inst` one result of `type`; returns the value. */
  addResult(inst: number, type: ValType): number {
    const v = this.newValue(type, inst);
    if (this.instResultCount[inst] === 0) this.instResult[inst] = v;
    this.instResultCount[inst]!++;
    return v;
  }

  /** Adds an edge from terminator `inst` to `target` with `numArgs` empty argument slots. Edges
   * of one instruction must be added consecutively. */
  addEdge(inst: number, target: number, numArgs: number): number {
    const e = this.edgeCount++;
    if (e >= this.edgeInst.length) {
      this.edgeInst = grow32(this.edgeInst, e + 1);
      this.edgeTarget = grow32(this.edgeTarget, e + 1);
      this.edgeArgStart = grow32(this.edgeArgStart, e + 1);
      this.edgeArgCount = grow32(this.edgeArgCount, e + 1);
      this.edgeArgCap = grow32(this.edgeArgCap, e + 1);
    }
    if (this.instEdgeCount[inst] === 0) this.instEdgeStart[inst] = e;
    this.instEdgeCount[inst]!++;
    this.edgeInst[e] = inst;
    this.edgeTarget[e] = target;
    this.edgeArgStart[e] = numArgs === 0 ? 0 : this.allocArgs(numArgs);
    this.edgeArgCount[e] = numArgs;
    this.edgeArgCap[e] = numArgs;
    this.blockPreds[target]!.push(e);
    return e;
  }

  /** Appends one argument to an edge (used when SSA construction adds a parameter to the
   * target after the branch was emitted). Moves the edge's arguments to the pool's end unless
   * they already are there. */
  appendEdgeArg(edge: number, value: number): void {
    const count = this.edgeArgCount[edge]!;
    if (count === this.edgeArgCap[edge]) {
      // Reserve room for more: SSA construction often appends many arguments to one edge.
      const cap = count < 4 ? 4 : count * 2;
      const start = this.edgeArgStart[edge]!;
      const ns = this.allocArgs(cap);
      this.argPool.copyWithin(ns, start, start + count);
      this.edgeArgStart[edge] = ns;
      this.edgeArgCap[edge] = cap;
    }
    this.argPool[this.edgeArgStart[edge]! + count] = value;
    this.edgeArgCount[edge] = count + 1;
  }

  /** Removes argument `index` of an edge (when a block parameter is removed). */
  removeEdgeArg(edge: number, index: number): void {
    const start = this.edgeArgStart[edge]!;
    const count = this.edgeArgCount[edge]!;
    this.argPool.copyWithin(start + index, start + index + 1, start + count);
    this.edgeArgCount[edge] = count - 1;
  }

  // ---- linking ----------------------------------------------------------------------------

  appendInst(block: number, inst: number): void {
    const last = this.blockLast[block]!;
    this.instBlock[inst] = block;
    this.instPrev[inst] = last;
    this.instNext[inst] = NONE;
    if (last === NONE) this.blockFirst[block] = inst;
    else this.instNext[last] = inst;
    this.blockLast[block] = inst;
  }

  /** Inserts `inst` before `before` (which is linked in a block). */
  insertBefore(inst: number, before: number): void {
    const block = this.instBlock[before]!;
    const prev = this.instPrev[before]!;
    this.instBlock[inst] = block;
    this.instPrev[inst] = prev;
    this.instNext[inst] = before;
    this.instPrev[before] = inst;
    if (prev === NONE) this.blockFirst[block] = inst;
    else this.instNext[prev] = inst;
  }

  /** Unlinks an instruction from its block. Its edges are removed from the targets' preds. */
  removeInst(inst: number): void {
    const block = this.instBlock[inst]!;
    if (block === NONE) return;
    const prev = this.instPrev[inst]!;
    const next = this.instNext[inst]!;
    if (prev === NONE) this.blockFirst[block] = next;
    else this.instNext[prev] = next;
    if (next === NONE) this.blockLast[block] = prev;
    else this.instPrev[next] = prev;
    this.instBlock[inst] = NONE;
    const es = this.instEdgeStart[inst]!;
    const ec = this.instEdgeCount[inst]!;
    for (let e = es; e < es + ec; e++) this.removePred(this.edgeTarget[e]!, e);
  }

  removePred(block: number, edge: number): void {
    const preds = this.blockPreds[block]!;
    const i = preds.indexOf(edge);
    if (i >= 0) preds.splice(i, 1);
  }

  /** Retargets edge `e` to `target` with the given arguments. */
  retargetEdge(e: number, target: number, args: readonly number[]): void {
    this.removePred(this.edgeTarget[e]!, e);
    this.edgeTarget[e] = target;
    if (args.length > this.edgeArgCap[e]!) {
      this.edgeArgStart[e] = this.allocArgs(args.length);
      this.edgeArgCap[e] = args.length;
    }
    const start = this.edgeArgStart[e]!;
    for (let i = 0; i < args.length; i++) this.argPool[start + i] = args[i]!;
    this.edgeArgCount[e] = args.length;
    this.blockPreds[target]!.push(e);
  }

  // ---- queries ----------------------------------------------------------------------------

  arg(inst: number, i: number): number {
    return this.argPool[this.instArgStart[inst]! + i]!;
  }

  edgeArg(edge: number, i: number): number {
    return this.argPool[this.edgeArgStart[edge]! + i]!;
  }

  /** The block's terminator (its last instruction), or NONE while it is still open. */
  terminator(block: number): number {
    const last = this.blockLast[block]!;
    return last !== NONE && isTerminatorOp[this.instOp[last]!] === 1 ? last : NONE;
  }

  /** Successor blocks of `block` (one per edge, duplicates possible). */
  successors(block: number): number[] {
    const t = this.terminator(block);
    const out: number[] = [];
    if (t === NONE) return out;
    const es = this.instEdgeStart[t]!;
    for (let e = es; e < es + this.instEdgeCount[t]!; e++) out.push(this.edgeTarget[e]!);
    return out;
  }

  /** Block that defines value `v` (its instruction's block, or the block it is a parameter of). */
  valueBlock(v: number): number {
    const d = this.valueDef[v]!;
    return d < 0 ? ~d : this.instBlock[d]!;
  }

  isConst(v: number): boolean {
    const d = this.valueDef[v]!;
    if (d < 0) return false;
    const op = this.instOp[d]!;
    return op <= Opcode.RefNull;
  }
}
