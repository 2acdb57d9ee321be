// Finds and loads the native addon, or says in one sentence why the interpreter must be used.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { NativeAddon } from './addon-types.js';
import { repoRoot } from './gen-layout.js';
import { constants, layoutFingerprint } from './layout.js';

export type NativeLoadResult = { ok: true; addon: NativeAddon } | { ok: false; reason: string };

export interface LoadOptions {
  /** Path of the .node file; defaults to build/Release/zerowasm_native.node in the package. */
  readonly path?: string;
  /** Environment to consult (ZEROWASM_SKIP_NATIVE); defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const supportedArchs = new Set(['x64', 'arm64']);
let cached: NativeLoadResult | undefined;

export function defaultAddonPath(): string {
  return join(repoRoot(), 'build', 'Release', 'zerowasm_native.node');
}

function buildStatus(): string | undefined {
  const file = join(repoRoot(), 'build', 'native-build-status.txt');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

/** Loads the addon once (later calls without options return the same result). */
export function loadNative(options: LoadOptions = {}): NativeLoadResult {
  const useCache = options.path === undefined && options.env === undefined;
  if (useCache && cached !== undefined) return cached;
  const result = tryLoad(options.path ?? defaultAddonPath(), options.env ?? process.env);
  if (useCache) cached = result;
  return result;
}

function tryLoad(path: string, env: Readonly<Record<string, string | undefined>>): NativeLoadResult {
  if (env['ZEROWASM_SKIP_NATIVE'] === '1') return { ok: false, reason: 'native engine disabled by ZEROWASM_SKIP_NATIVE=1' };
  if (process.platform !== 'linux' || !supportedArchs.has(process.arch)) {
    return { ok: false, reason: `no native engine for ${process.platform}-${process.arch} (supported: linux-x64, linux-arm64)` };
  }
  if (!existsSync(path)) {
    const status = buildStatus();
    return { ok: false, reason: `native addon not found at ${path}${status ? ` (build ${status})` : ''}` };
  }
  let addon: NativeAddon;
  try {
    addon = createRequire(import.meta.url)(path) as NativeAddon;
  } catch (e) {
    return { ok: false, reason: `native addon failed to load: ${(e as Error).message}` };
  }
  if (addon.abiVersion !== constants.ABI_VERSION) {
    return { ok: false, reason: `native addon ABI ${addon.abiVersion} does not match ${constants.ABI_VERSION}; rebuild it` };
  }
  if (addon.layoutFingerprint !== layoutFingerprint()) {
    return { ok: false, reason: 'native addon was built from a different context layout; rebuild it' };
  }
  if (addon.signalError !== null) return { ok: false, reason: `native fault handler unavailable: ${addon.signalError}` };
  return { ok: true, addon };
}
