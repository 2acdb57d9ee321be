// Runs one .wast file and reports its outcome as plain data (it crosses a worker boundary).
import { readFileSync } from 'node:fs';
import type { SpecEngine } from './engine.js';
import { type Failure, type Mode, ScriptRunner, type Skip } from './runner.js';
import { parseScript } from './script.js';

export interface FileReport {
  readonly file: string;
  readonly passed: number;
  readonly failed: number;
  readonly failures: readonly Failure[];
  readonly skips: readonly Skip[];
  /** Set when the script could not be run at all (unreadable, timed out, worker died). */
  readonly error?: string;
  readonly ms: number;
}

export function runFile(path: string, file: string, engine: SpecEngine, mode: Mode, onCommand?: (line: number) => void): FileReport {
  const t0 = Date.now();
  try {
    // latin1: one char per byte, so string literals keep their exact bytes (see sexpr.ts).
    const commands = parseScript(readFileSync(path, 'latin1'));
    const r = new ScriptRunner(engine, mode, onCommand).run(commands);
    return { file, passed: r.passed, failed: r.failed, failures: r.failures, skips: r.skips, ms: Date.now() - t0 };
  } catch (e) {
    return scriptError(file, `script error: ${e instanceof Error ? e.message : String(e)}`, Date.now() - t0);
  }
}

/** A file that could not be run counts as one failure. */
export function scriptError(file: string, error: string, ms: number): FileReport {
  return { file, passed: 0, failed: 1, failures: [], skips: [], error, ms };
}
