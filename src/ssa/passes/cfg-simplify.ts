// CFG simplification, to a fixed point:
//  - unreachable blocks (not reachable from the entry) are removed;
//  - a `brif` or `br_table` whose edges all go to one block with the same arguments becomes a `jump`;
//  - jump threading: a block whose only instruction is `jump T(args)` is bypassed: each incoming
//    edge is retargeted to T with args rewritten through the block's parameters (only when those
//    parameters are used nowhere but in that jump: blocks it dominates may use them directly);
//  - a `jump` to a block whose only instruction returns is replaced by that return;
//  - a block that ends in `jump T` where T has no other predecessor absorbs T.
// Requires: preds. Keeps: SSA (a value that dominates a block dominates its predecessors).
// Produces: layout without dead blocks (order otherwise kept).
import { IrFunction, NONE } from '../function.js';
import { Opcode } from '../opcodes.js';
import { reversePostorder } from './dominators.js';
import { compactLayout, removeBlock, ValueAliases } from './edit.js';

const aliases = new ValueAliases();
const argsScratch: number[] = [];
let reach = new Uint8Array(64);
/** Per value: 1 when it may be used outside its defining block's own terminator edges. */
let usedOutside = new Uint8Array(64);

export function simplifyCfg(fn: IrFunction): boolean {
  // The local rewrites below never make a block unreachable without removing it themselves,
  // so one unreachable-block sweep up front is enough.
  let changedAny = removeUnreachable(fn);
  // Merged blocks' parameters become aliases of their arguments; all arguments are rewritten
  // once at the end (stale arguments in between only make the rewrites more conservative).
  aliases.reset(fn);
  markUsesOutsideOwnJump(fn);
  for (let round = 0; round < 16; round++) {
    let changed = false;
    for (const b of fn.layout) {
      if (fn.blockDead[b]) continue;
      changed = foldUniformBranch(fn, b) || changed;
      changed = threadEmptyBlock(fn, b) || changed;
      changed = inlineReturn(fn, b) || changed;
      changed = mergeIntoPredecessor(fn, b) || changed;
    }
    if (!changed) break;
    changedAny = true;
  }
  aliases.apply(fn);
  compactLayout(fn);
  return changedAny;
}

/** Removes the blocks not reachable from the entry (dead blocks stay in the layout). */
export function removeUnreachable(fn: IrFunction): boolean {
  const rpo = reversePostorder(fn);
  let live = 0;
  for (const b of fn.layout) if (!fn.blockDead[b]) live++;
  if (rpo.length === live) return false;
  if (reach.length < fn.blockCount) reach = new Uint8Array(fn.blockCount * 2);
  reach.fill(0, 0, fn.blockCount);
  for (const b of rpo) reach[b] = 1;
  for (const b of fn.layout) if (!fn.blockDead[b] && !reach[b]) removeBlock(fn, b);
  return true;
}

/** Marks every value used by an instruction, or by an edge leaving another block than the one
 * defining it. Later rewrites only move uses along edges they already had, except merges, which
 * mark what they alias (so the marks stay conservative). */
function markUsesOutsideOwnJump(fn: IrFunction): void {
  if (usedOutside.length < fn.valueCount) usedOutside = new Uint8Array(fn.valueCount * 2);
  usedOutside.fill(0, 0, fn.valueCount);
  for (const b of fn.layout) {
    if (fn.blockDead[b]) continue;
    for (let i = fn.blockFirst[b]!; i !== NONE; i = fn.instNext[i]!) {
      for (let k = 0; k < fn.instArgCount[i]!; k++) usedOutside[fn.arg(i, k)] = 1;
      const es = fn.instEdgeStart[i]!;
      for (let e = es; e < es + fn.instEdgeCount[i]!; e++) {
        for (let k = 0; k < fn.edgeArgCount[e]!; k++) {
          const v = fn.edgeArg(e, k);
          if (fn.valueDef[v] !== ~b) usedOutside[v] = 1;
        }
      }
    }
  }
}

function sameArgs(fn: IrFunction, e1: number, e2: number): boolean {
  if (fn.edgeTarget[e1] !== fn.edgeTarget[e2] || fn.edgeArgCount[e1] !== fn.edgeArgCount[e2]) return false;
  for (let k = 0; k < fn.edgeArgCount[e1]!; k++) if (fn.edgeArg(e1, k) !== fn.edgeArg(e2, k)) return false;
  return true;
}

/** brif / br_table with every edge identical → jump. */
function foldUniformBranch(fn: IrFunction, b: number): boolean {
  const t = fn.terminator(b);
  if (t === NONE) return false;
  const op = fn.instOp[t];
  if (op !== Opcode.BrIf && op !== Opcode.BrTable) return false;
  const es = fn.instEdgeStart[t]!;
  const ec = fn.instEdgeCount[t]!;
  for (let e = es + 1; e < es + ec; e++) if (!sameArgs(fn, es, e)) return false;
  replaceWithJump(fn, t, es);
  return true;
}

/** Replaces terminator `t` by a jump along its edge `keep` (other edges are dropped). */
export function replaceWithJump(fn: IrFunction, t: number, keep: number): void {
  const b = fn.instBlock[t]!;
  argsScratch.length = 0;
  for (let k = 0; k < fn.edgeArgCount[keep]!; k++) argsScratch.push(fn.edgeArg(keep, k));
  const target = fn.edgeTarget[keep]!;
  fn.removeInst(t);
  const j = fn.newInst(Opcode.Jump, 0, 0, 0, 0);
  fn.appendInst(b, j);
  const e = fn.addEdge(j, target, argsScratch.length);
  for (let k = 0; k < argsScratch.length; k++) fn.argPool[fn.edgeArgStart[e]! + k] = argsScratch[k]!;
}

function onlyInst(fn: IrFunction, b: number): number {
  const first = fn.blockFirst[b]!;
  return first !== NONE && first === fn.blockLast[b] ? first : NONE;
}

/** Maps a value used inside block `b` through b's parameters to the arguments of edge `e`. */
function mapThroughParams(fn: IrFunction, b: number, e: number, v: number): number {
  if (fn.valueDef[v] !== ~b) return v;
  const k = fn.blockParams[b]!.indexOf(v);
  return fn.edgeArg(e, k);
}

function threadEmptyBlock(fn: IrFunction, b: number): boolean {
  if (b === 0) return false;
  const j = onlyInst(fn, b);
  if (j === NONE || fn.instOp[j] !== Opcode.Jump) return false;
  const out = fn.instEdgeStart[j]!;
  const target = fn.edgeTarget[out]!;
  if (target === b) return false;
  const preds = fn.blockPreds[b]!;
  if (preds.length === 0) return false;
  for (const p of fn.blockParams[b]!) if (usedOutside[p]) return false;
  for (const e of preds.slice()) {
    const args: number[] = [];
    for (let k = 0; k < fn.edgeArgCount[out]!; k++) {
      args.push(mapThroughParams(fn, b, e, aliases.resolve(fn.edgeArg(out, k))));
    }
    fn.retargetEdge(e, target, args);
  }
  removeBlock(fn, b);
  return true;
}

function inlineReturn(fn: IrFunction, b: number): boolean {
  const t = fn.terminator(b);
  if (t === NONE || fn.instOp[t] !== Opcode.Jump) return false;
  const e = fn.instEdgeStart[t]!;
  const target = fn.edgeTarget[e]!;
  const r = onlyInst(fn, target);
  if (r === NONE || fn.instOp[r] !== Opcode.Return || target === b) return false;
  const n = fn.instArgCount[r]!;
  const ret = fn.newInst(Opcode.Return, n, 0, 0, 0);
  for (let k = 0; k < n; k++) fn.argPool[fn.instArgStart[ret]! + k] = mapThroughParams(fn, target, e, aliases.resolve(fn.arg(r, k)));
  fn.removeInst(t);
  fn.appendInst(b, ret);
  if (fn.blockPreds[target]!.length === 0) removeBlock(fn, target);
  return true;
}

function mergeIntoPredecessor(fn: IrFunction, b: number): boolean {
  const t = fn.terminator(b);
  if (t === NONE || fn.instOp[t] !== Opcode.Jump) return false;
  const e = fn.instEdgeStart[t]!;
  const target = fn.edgeTarget[e]!;
  if (target === b || target === 0 || fn.blockPreds[target]!.length !== 1) return false;
  const params = fn.blockParams[target]!;
  for (let k = 0; k < params.length; k++) {
    const arg = fn.edgeArg(e, k);
    aliases.set(params[k]!, arg);
    usedOutside[aliases.resolve(arg)] = 1;
  }
  params.length = 0;
  fn.removeInst(t);
  for (let i = fn.blockFirst[target]!; i !== NONE;) {
    const next = fn.instNext[i]!;
    // move without touching edges: the edges keep their ids and targets
    fn.instBlock[i] = NONE;
    fn.appendInst(b, i);
    i = next;
  }
  fn.blockFirst[target] = NONE;
  fn.blockLast[target] = NONE;
  fn.blockDead[target] = 1;
  fn.blockPreds[target]!.length = 0;
  return true;
}

