// The `run` driver: reads the module, turns --dir/--env into a WASI configuration, runs the
// program through runWasiProgram (engine.ts) and maps the outcome to an exit status.
import * as fs from 'node:fs';
import { UsageError, type RunRequest } from './args.js';
import { runWasiProgram } from './engine.js';
import { formatTrap } from './trap-report.js';
import { RuntimeError } from '../runtime/errors.js';
import { RunRequestError, RunTimeout } from './run-types.js';
import type { PreopenTarget, WasiOptions } from '../wasi/index.js';
import { ProgressLine, type ProgressSink } from './progress.js';

export const EXIT_FAILURE = 1;
export const EXIT_TIMEOUT = 124;
export const EXIT_TRAP = 134;

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file', EISDIR: 'is a directory', EACCES: 'permission denied', ENOTDIR: 'not a directory',
};

/** Reads FILE or throws a UsageError naming it and the reason. */
export function readModuleFile(command: string, file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = READ_ERRORS[err.code ?? ''] ?? err.message;
    throw new UsageError(command, `cannot read '${file}': ${why}`);
  }
}

export function wasiOptionsFor(req: RunRequest): WasiOptions {
  const preopens: Record<string, PreopenTarget> = {};
  for (const d of req.dirs) {
    let isDir = false;
    try {
      isDir = fs.statSync(d.host).isDirectory();
    } catch {
      throw new UsageError('run', `--dir: cannot open host directory '${d.host}'`);
    }
    if (!isDir) throw new UsageError('run', `--dir: '${d.host}' is not a directory`);
    if (d.guest in preopens) throw new UsageError('run', `--dir: guest path '${d.guest}' mapped twice`);
    preopens[d.guest] = { path: d.host, readOnly: d.readOnly };
  }
  const env: Record<string, string> = {};
  if (req.envInherit) {
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  }
  for (const [k, v] of req.env) env[k] = v;
  return { args: [req.file, ...req.programArgs], env, preopens, stdin: 0, stdout: 1, stderr: 2 };
}

export async function runCommand(req: RunRequest, io: CliOutput, progress?: ProgressSink): Promise<number> {
  const bytes = readModuleFile('run', req.file);
  const wasiOptions = wasiOptionsFor(req);
  // A large module takes seconds to compile: on a terminal, say how far it is (erased before the
  // program runs).
  const line = progress?.isTTY === true ? new ProgressLine(progress) : undefined;
  try {
    const result = runWasiProgram(bytes, wasiOptions, {
      engine: req.engine, timeoutMs: req.timeoutMs, maxMemoryBytes: req.maxMemoryBytes, invoke: req.invoke,
      ...(line === undefined ? {} : { onCompileProgress: (done: number, total: number) => line.tick(done, total), compileDone: () => line.finish() }),
    });
    for (const line of result.results ?? []) io.out(`${line}\n`);
    return result.exitCode;
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    switch (err.name) {
      case 'CompileError': io.err(`zerowasm: ${req.file}: invalid module: ${err.message}\n`); return EXIT_FAILURE;
      case 'LinkError': io.err(`zerowasm: ${req.file}: cannot instantiate: ${err.message}\n`); return EXIT_FAILURE;
      case 'RuntimeError':
        io.err(err instanceof RuntimeError ? formatTrap(req.file, err) : `zerowasm: ${req.file}: trap: ${err.message}\n`);
        return EXIT_TRAP;
      default:
        if (err instanceof RunTimeout || err.name === 'RunTimeout') {
          io.err(`zerowasm: ${req.file}: ${err.message}\n`);
          return EXIT_TIMEOUT;
        }
        if (err instanceof RunRequestError || err.name === 'RunRequestError') {
          io.err(`zerowasm: ${req.file}: ${err.message}\n`);
          return EXIT_FAILURE;
        }
        throw err;
    }
  }
}
