// How a trap is shown: `trap: <message>` then the Wasm stack, innermost frame first, with the
// function names from the name section (or the export name) and the function index.
import type { RuntimeError } from '../runtime/errors.js';

/** Frames beyond this are summarised in one line, so deep recursion does not flood stderr. */
const MAX_FRAMES_SHOWN = 20;

export function formatTrap(file: string, err: RuntimeError): string {
  const lines = [`zerowasm: ${file}: trap: ${err.message}`];
  const frames = err.wasmStack ?? [];
  for (const f of frames.slice(0, MAX_FRAMES_SHOWN)) {
    lines.push(`    at ${f.name ?? '<unnamed>'} (wasm-function[${f.funcIndex}])`);
  }
  if (frames.length > MAX_FRAMES_SHOWN) lines.push(`    ... ${frames.length - MAX_FRAMES_SHOWN} more frames`);
  return `${lines.join('\n')}\n`;
}
