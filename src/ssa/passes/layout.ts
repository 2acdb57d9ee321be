// Block layout for fall-through: starting from reverse postorder, each placed block is followed
// by its preferred successor when that successor is not placed yet and has no other
// predecessor still unplaced (the `jump` target, or the zero/default side of a branch), so
// most jumps become fall-throughs. Blocks ending in a trap are moved to the end (cold).
// Requires: preds, no unreachable blocks. Produces: layout.
import { IrFunction, NONE } from '../function.js';
import { Opcode } from '../opcodes.js';
import { reversePostorder } from './dominators.js';

let placed = new Uint8Array(64);
let rpoIndex = new Int32Array(64);
const hot: number[] = [];
const cold: number[] = [];

export function layoutBlocks(fn: IrFunction): boolean {
  const rpo = reversePostorder(fn);
  if (placed.length < fn.blockCount) {
    placed = new Uint8Array(fn.blockCount * 2);
    rpoIndex = new Int32Array(fn.blockCount * 2);
  }
  placed.fill(0, 0, fn.blockCount);
  rpoIndex.fill(-1, 0, fn.blockCount);
  for (let k = 0; k < rpo.length; k++) rpoIndex[rpo[k]!] = k;
  hot.length = 0;
  cold.length = 0;
  const preferred = (b: number): number => {
    const t = fn.terminator(b);
    if (t === NONE) return NONE;
    const op = fn.instOp[t];
    const es = fn.instEdgeStart[t]!;
    if (op === Opcode.Jump) return fn.edgeTarget[es]!;
    if (op === Opcode.BrIf) return fn.edgeTarget[es + 1]!;
    if (op === Opcode.BrTable) return fn.edgeTarget[es + fn.instEdgeCount[t]! - 1]!;
    return NONE;
  };
  const place = (b: number): void => {
    placed[b] = 1;
    const t = fn.terminator(b);
    (t !== NONE && fn.instOp[t] === Opcode.Trap && b !== 0 ? cold : hot).push(b);
  };
  for (const start of rpo) {
    if (placed[start]) continue;
    place(start);
    let b = start;
    for (;;) {
      const s = preferred(b);
      if (s === NONE || placed[s] || rpoIndex[s]! < rpoIndex[b]!) break;
      // every forward predecessor must be placed already, so the chain keeps RPO's guarantees
      let ready = true;
      for (const e of fn.blockPreds[s]!) {
        const p = fn.instBlock[fn.edgeInst[e]!]!;
        if (!placed[p] && rpoIndex[p]! < rpoIndex[s]!) { ready = false; break; }
      }
      if (!ready) break;
      place(s);
      b = s;
    }
  }
  let changed = fn.layout.length !== hot.length + cold.length;
  for (let k = 0; k < hot.length && !changed; k++) changed = fn.layout[k] !== hot[k];
  for (let k = 0; k < cold.length && !changed; k++) changed = fn.layout[hot.length + k] !== cold[k];
  fn.layout.length = 0;
  for (const b of hot) fn.layout.push(b);
  for (const b of cold) fn.layout.push(b);
  // blocks not reachable (should be none after CFG simplification) are dropped as dead
  for (let b = 0; b < fn.blockCount; b++) if (!placed[b] && !fn.blockDead[b]) fn.blockDead[b] = 1;
  return changed;
}
