// Dead-code elimination: instructions with effects (stores, calls, traps, terminators, loads,
// which may trap) are roots; everything they use, transitively through block parameters and
// the edge arguments feeding them, is live. Unused pure and read-only instructions and unused
// block parameters (with their edge arguments) are removed.
// Requires: preds. Keeps: CFG, layout. Unreachable blocks are left to CFG simplification.
import { IrFunction, NONE } from '../function.js';
import { Effect, effectByOp } from '../opcodes.js';
import { dropBlockParams } from './edit.js';

let liveValue = new Uint8Array(0);
let liveInst = new Uint8Array(0);
let paramIndex = new Int32Array(0);
const work: number[] = [];

export function eliminateDeadCode(fn: IrFunction): boolean {
  if (liveValue.length < fn.valueCount) liveValue = new Uint8Array(fn.valueCount * 2);
  if (liveInst.length < fn.instCount) liveInst = new Uint8Array(fn.instCount * 2);
  liveValue.fill(0, 0, fn.valueCount);
  liveInst.fill(0, 0, fn.instCount);
  if (paramIndex.length < fn.valueCount) paramIndex = new Int32Array(fn.valueCount * 2);
  for (const b of fn.layout) {
    const params = fn.blockParams[b]!;
    for (let k = 0; k < params.length; k++) paramIndex[params[k]!] = k;
  }
  work.length = 0;

  const markInst = (i: number): void => {
    if (liveInst[i]) return;
    liveInst[i] = 1;
    const s = fn.instArgStart[i]!;
    for (let k = 0; k < fn.instArgCount[i]!; k++) markValue(fn.argPool[s + k]!);
  };
  const markValue = (v: number): void => {
    if (liveValue[v]) return;
    liveValue[v] = 1;
    work.push(v);
  };

  for (const p of fn.blockParams[0]!) liveValue[p] = 1; // function parameters stay
  for (const b of fn.layout) {
    if (fn.blockDead[b]) continue;
    for (let i = fn.blockFirst[b]!; i !== NONE; i = fn.instNext[i]!) {
      if (effectByOp[fn.instOp[i]!] === Effect.Effect) markInst(i);
    }
  }
  while (work.length > 0) {
    const v = work.pop()!;
    const d = fn.valueDef[v]!;
    if (d >= 0) { markInst(d); continue; }
    const block = ~d;
    const k = paramIndex[v]!;
    if (fn.blockParams[block]![k] !== v) continue; // not a current parameter
    for (const e of fn.blockPreds[block]!) markValue(fn.edgeArg(e, k));
  }

  let changed = false;
  for (const b of fn.layout) {
    if (fn.blockDead[b]) continue;
    for (let i = fn.blockFirst[b]!; i !== NONE;) {
      const next = fn.instNext[i]!;
      if (!liveInst[i]) { fn.removeInst(i); changed = true; }
      i = next;
    }
  }
  // dropBlockParams wants "1 = drop": flip the live marks of parameters in place.
  for (let v = 0; v < fn.valueCount; v++) liveValue[v] = liveValue[v] ? 0 : 1;
  for (const b of fn.layout) {
    if (b === 0 || fn.blockDead[b]) continue;
    if (dropBlockParams(fn, b, liveValue)) changed = true;
  }
  return changed;
}
