// How a trap is shown: `trap: <message>` then the Wasm stack, innermost frame first, with the
// function names from the name section (or the export name) and the function index. Runs of
// the same frame (deep recursion) are folded into one line with a count.
import type { RuntimeError } from '../runtime/errors.js';

/** Frames beyond this are summarised in one line, so deep recursion does not flood stderr. */
const MAX_FRAMES_SHOWN = 20;

export function formatTrap(file: string, err: RuntimeError): string {
  const lines = [`zerowasm: ${file}: trap: ${err.message}`];
  const frames = err.wasmStack ?? [];
  let shown = 0;
  let i = 0;
  while (i < frames.length && shown < MAX_FRAMES_SHOWN) {
    const f = frames[i]!;
    let run = 1;
    while (i + run < frames.length && frames[i + run]!.funcIndex === f.funcIndex) run++;
    lines.push(`    at ${f.name ?? '<unnamed>'} (wasm-function[${f.funcIndex}])${run > 1 ? ` ×${run}` : ''}`);
    shown++;
    i += run;
  }
  if (i < frames.length) lines.push(`    ... ${frames.length - i} more frames`);
  return `${lines.join('\n')}\n`;
}
