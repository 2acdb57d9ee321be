// The contract between the `run` driver and the engine that runs the program (engine.ts).
import type { EngineChoice } from './args.js';

export interface RunOptions {
  readonly engine: EngineChoice;
  /** Stop the program after this many milliseconds (RunTimeout). */
  readonly timeoutMs: number | undefined;
  /** Upper bound for linear memory, in bytes (rounded down to whole pages). */
  readonly maxMemoryBytes: number | undefined;
  /** Call this export with these textual arguments instead of running _start. */
  readonly invoke: { readonly name: string; readonly args: readonly string[] } | undefined;
  /** Compile progress (functions compiled so far, total), and the end of the compile. */
  readonly onCompileProgress?: (done: number, total: number) => void;
  readonly compileDone?: () => void;
}

export interface RunResult {
  readonly exitCode: number;
  /** With --invoke: the function's results, formatted one per line (invoke-values.ts). */
  readonly results: readonly string[] | undefined;
}

/** The program ran longer than RunOptions.timeoutMs and was stopped. */
export class RunTimeout extends Error {
  override name = 'RunTimeout';
}

/** The module cannot be run as asked (no _start, missing export, bad --invoke argument...). */
export class RunRequestError extends Error {
  override name = 'RunRequestError';
}
