// Copy and redundant block-parameter elimination. A parameter whose incoming arguments are all
// one value v, or the parameter itself, is a copy of v: its uses are replaced by v and it is
// removed with its edge arguments (the "trivial phi" rule of Braun et al., applied to a fixed
// point so cascades through loops disappear).
// Requires: preds. Keeps: CFG, layout. Never touches the entry block's parameters.
import { IrFunction } from '../function.js';
import { ValueAliases, dropBlockParams } from './edit.js';

const aliases = new ValueAliases();
let dropped = new Uint8Array(0);

export function eliminateRedundantParams(fn: IrFunction): boolean {
  aliases.reset(fn);
  let changed = true;
  while (changed) {
    changed = false;
    for (const b of fn.layout) {
      if (b === 0 || fn.blockDead[b]) continue;
      const params = fn.blockParams[b]!;
      const preds = fn.blockPreds[b]!;
      if (preds.length === 0) continue;
      for (let k = 0; k < params.length; k++) {
        const p = params[k]!;
        if (aliases.has(p)) continue;
        let unique = -1;
        let redundant = true;
        for (const e of preds) {
          const a = aliases.resolve(fn.edgeArg(e, k));
          if (a === p || a === unique) continue;
          if (unique !== -1) { redundant = false; break; }
          unique = a;
        }
        if (redundant && unique !== -1) {
          aliases.set(p, unique);
          changed = true;
        }
      }
    }
  }
  if (!aliases.any) return false;
  if (dropped.length < fn.valueCount) dropped = new Uint8Array(fn.valueCount * 2);
  for (let v = 0; v < fn.valueCount; v++) dropped[v] = aliases.has(v) ? 1 : 0;
  for (const b of fn.layout) if (b !== 0 && !fn.blockDead[b]) dropBlockParams(fn, b, dropped);
  aliases.apply(fn);
  return true;
}
