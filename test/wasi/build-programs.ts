// Compiles test/programs/wasi/*.c with clang (wasm32-wasi) into a gitignored folder under dist,
// rebuilding only when the source is newer than the output.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url)); // dist/test/wasi
export const REPO_ROOT = path.resolve(here, '../../..');
const SOURCES = path.join(REPO_ROOT, 'test/programs/wasi');
const OUT = path.join(REPO_ROOT, 'dist/test/programs-wasm');

/** Reason clang cannot be used, or undefined when it can. */
export function clangUnavailable(): string | undefined {
  try {
    execFileSync('clang', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'clang is not installed (needs clang, lld, wasi-libc)';
  }
  if (!fs.existsSync('/usr/include/wasm32-wasi')) return 'wasi-libc headers are missing (/usr/include/wasm32-wasi)';
  return undefined;
}

/** Path of the compiled program `name` (the C file's base name). */
export function buildProgram(name: string): string {
  const src = path.join(SOURCES, `${name}.c`);
  const out = path.join(OUT, `${name}.wasm`);
  if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= fs.statSync(src).mtimeMs) return out;
  fs.mkdirSync(OUT, { recursive: true });
  execFileSync('clang', ['--target=wasm32-wasi', '--sysroot=/usr', '-O2', '-Wall', '-Werror', src, '-o', out], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return out;
}
