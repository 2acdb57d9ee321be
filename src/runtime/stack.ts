// Call depth accounting and Wasm stack traces shared by engines.
import { RuntimeError, type WasmFrame } from './errors.js';
import { TrapKind } from './trap.js';

/** Deepest nesting of Wasm calls before `call stack exhausted`. A JS stack overflow that comes
 * first (frames are larger before V8 optimizes them) becomes the same trap, see asTrap. */
export const MAX_CALL_DEPTH = 50_000;

/** Turns a JS stack overflow into the Wasm trap; leaves everything else as is. */
export function asTrap(e: unknown): unknown {
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return new RuntimeError(TrapKind.CallStackExhausted);
  }
  return e;
}

/** Records that `frame` was active when `e` unwound through it (innermost first). */
export function addFrame(e: unknown, frame: WasmFrame): unknown {
  let err: unknown;
  try {
    err = asTrap(e);
  } catch {
    return e; // still too deep to build the error: an outer frame converts it
  }
  if (err instanceof RuntimeError && err.wasmStack.length < 100) {
    err.wasmStack = [...err.wasmStack, frame];
  }
  return err;
}

const framesDone = new WeakSet<RuntimeError>();

/** Called where Wasm returns to JS: appends the Wasm frames to the error's `stack` text. */
export function finishTrapStack(e: unknown): unknown {
  const err = asTrap(e);
  if (err instanceof RuntimeError && !framesDone.has(err)) {
    framesDone.add(err);
    const lines = err.wasmStack.map((f) =>
      `    at ${f.name ?? '<anonymous>'} (wasm-function[${f.funcIndex}])`);
    const stack = err.stack ?? `${err.name}: ${err.message}`;
    const nl = stack.indexOf('\n');
    const head = nl < 0 ? stack : stack.slice(0, nl);
    const rest = nl < 0 ? '' : stack.slice(nl);
    err.stack = [head, ...lines].join('\n') + rest;
  }
  return err;
}
