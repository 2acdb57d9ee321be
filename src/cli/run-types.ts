// The contract between the `run` driver and whichever engine runs the program
// (engine-v8.ts today; zerowasm's Runtime when the lead swaps it in).
import type { EngineChoice } from './args.js';

export interface RunOptions {
  readonly engine: EngineChoice;
  /** Stop the program after this many milliseconds (RunTimeout). */
  readonly timeoutMs: number | undefined;
  /** Upper bound for linear memory, in bytes (rounded down to whole pages). */
  readonly maxMemoryBytes: number | undefined;
  /** Call this export with these textual arguments instead of running _start. */
  readonly invoke: { readonly name: string; readonly args: readonly string[] } | undefined;
}

export interface RunResult {
  readonly exitCode: number;
  /** With --invoke: the function's results (i64 as bigint). */
  readonly results: readonly (number | bigint)[] | undefined;
}

/** The program ran longer than RunOptions.timeoutMs and was stopped. */
export class RunTimeout extends Error {
  override name = 'RunTimeout';
}

/** The module cannot be run as asked (no _start, missing export, bad --invoke argument...). */
export class RunRequestError extends Error {
  override name = 'RunRequestError';
}
