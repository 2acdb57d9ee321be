// Builds every program twice with the same clang -O2: for wasm32-wasi (what the engines run) and
// natively (the physical limit). Outputs are cached by modification time in the build folder.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Program } from './programs.js';

export interface Artifacts {
  wasm: string;
  native: string;
}

export interface BuildOptions {
  buildDir: string;
  /** Native-only object that reports elapsed time and peak RSS (see support/native-probe.c). */
  probeSource: string;
  clang: string;
  sysroot: string;
}

function newestInput(program: Program, probe: string): number {
  const dir = dirname(program.source);
  const headers = readdirSync(dir).filter((f) => f.endsWith('.h')).map((f) => join(dir, f));
  return Math.max(...[program.source, probe, ...headers].map((f) => statSync(f).mtimeMs));
}

function upToDate(output: string, inputTime: number): boolean {
  return existsSync(output) && statSync(output).mtimeMs >= inputTime;
}

/** Compiles to a temporary name and renames, so concurrent runs never see a half-written file. */
function compile(clang: string, args: string[], output: string, what: string): void {
  const temp = `${output}.tmp-${process.pid}`;
  const result = spawnSync(clang, [...args, '-o', temp], { encoding: 'utf8' });
  if (result.error) throw new Error(`cannot run ${clang} for ${what}: ${result.error.message}`);
  if (result.status !== 0) {
    rmSync(temp, { force: true });
    throw new Error(`${clang} failed building ${what} (exit ${result.status}):\n${result.stderr}`);
  }
  renameSync(temp, output);
}

export function buildProgram(program: Program, options: BuildOptions): Artifacts {
  mkdirSync(options.buildDir, { recursive: true });
  const wasm = join(options.buildDir, `${program.name}.wasm`);
  const native = join(options.buildDir, `${program.name}.native`);
  const inputTime = newestInput(program, options.probeSource);
  if (!upToDate(wasm, inputTime)) {
    compile(options.clang, ['--target=wasm32-wasi', `--sysroot=${options.sysroot}`, '-O2',
      program.source], wasm, `${program.name}.wasm`);
  }
  if (!upToDate(native, inputTime)) {
    compile(options.clang, ['-O2', program.source, options.probeSource, '-lm'], native, `${program.name}.native`);
  }
  return { wasm, native };
}
