// Things the harness builds or fetches besides the programs: the Node-API floor addon and the
// large real-world module used for compile throughput. Each returns a path or a reason why not.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type Fetched = { ok: true; path: string } | { ok: false; reason: string };

/** Builds support/napi-floor/floor.c against Node's own headers (no node-gyp needed). */
export function buildNapiFloor(source: string, buildDir: string, cc: string): Fetched {
  const output = join(buildDir, 'napi-floor.node');
  if (existsSync(output) && statSync(output).mtimeMs >= statSync(source).mtimeMs) return { ok: true, path: output };
  const include = join(dirname(process.execPath), '..', 'include', 'node');
  if (!existsSync(join(include, 'node_api.h'))) return { ok: false, reason: `Node headers not found at ${include}` };
  mkdirSync(buildDir, { recursive: true });
  const result = spawnSync(cc, ['-O2', '-shared', '-fPIC', `-I${include}`, source, '-o', output], { encoding: 'utf8' });
  if (result.error) return { ok: false, reason: `cannot run ${cc}: ${result.error.message}` };
  if (result.status !== 0) return { ok: false, reason: `${cc} failed: ${result.stderr.trim().split('\n')[0]}` };
  return { ok: true, path: output };
}

export const RUBY_PACKAGE = '@ruby/3.3-wasm-wasi@2.10.1';
const RUBY_MEMBER = 'package/dist/ruby.wasm';

/** Fetches ruby.wasm (pinned version) with `npm pack` into the build folder, once. */
export function fetchRubyWasm(buildDir: string): Fetched {
  const dir = join(buildDir, 'ruby');
  const wasm = join(dir, RUBY_MEMBER);
  if (existsSync(wasm)) return { ok: true, path: wasm };
  mkdirSync(dir, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const pack = spawnSync(npm, ['pack', RUBY_PACKAGE, '--pack-destination', dir, '--silent'], { encoding: 'utf8', timeout: 180_000 });
  if (pack.error || pack.status !== 0) {
    return { ok: false, reason: `npm pack ${RUBY_PACKAGE} failed: ${(pack.error?.message ?? pack.stderr).trim().split('\n')[0]}` };
  }
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!tarball) return { ok: false, reason: `npm pack ${RUBY_PACKAGE} produced no tarball` };
  const untar = spawnSync('tar', ['-xzf', join(dir, tarball), '-C', dir, RUBY_MEMBER], { encoding: 'utf8' });
  if (untar.status !== 0 || !existsSync(wasm)) return { ok: false, reason: `extracting ${RUBY_MEMBER} failed: ${untar.stderr}` };
  return { ok: true, path: wasm };
}
