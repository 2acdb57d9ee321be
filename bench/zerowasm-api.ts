// The zerowasm API as the harness uses it, loaded dynamically from the built package so the
// harness compiles and runs before the engines exist. Anything missing becomes a reason string
// that the report shows as "unavailable: <reason>".

import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export interface ZwExportedFunction {
  (...args: unknown[]): unknown;
}

export interface ZwInstance {
  exports: Record<string, unknown>;
}

export interface ZwModule {
  readonly imports: readonly unknown[];
  readonly exports: readonly unknown[];
}

export interface ZwRuntime {
  compile(bytes: Uint8Array): ZwModule;
  instantiate(module: ZwModule, imports: Record<string, Record<string, unknown>>): ZwInstance;
}

export interface ZwWasi {
  getImportObject(): Record<string, Record<string, unknown>>;
  start(instance: ZwInstance): number;
}

export interface ZwApi {
  createRuntime(engine: 'compiler' | 'interpreter'): ZwRuntime;
  createWasi(options: { args: string[]; env: Record<string, string> }): ZwWasi;
}

type Constructor<T> = new (options: Record<string, unknown>) => T;

export type ZwLoad = { ok: true; api: ZwApi } | { ok: false; reason: string };

export async function loadZerowasm(indexPath: string): Promise<ZwLoad> {
  if (!existsSync(indexPath)) return { ok: false, reason: `${indexPath} not built (run npx tsc -p .)` };
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(indexPath).href)) as Record<string, unknown>;
  } catch (err) {
    return { ok: false, reason: `loading ${indexPath} failed: ${(err as Error).message}` };
  }
  const RuntimeClass = module['Runtime'];
  const WasiClass = module['WASI'];
  if (typeof RuntimeClass !== 'function') return { ok: false, reason: 'dist/src/index.js does not export Runtime yet' };
  if (typeof WasiClass !== 'function') return { ok: false, reason: 'dist/src/index.js does not export WASI yet' };
  const api: ZwApi = {
    createRuntime: (engine) => new (RuntimeClass as Constructor<ZwRuntime>)({ engine }),
    // Like node:wasi, standard streams are file descriptors of this process.
    createWasi: ({ args, env }) =>
      new (WasiClass as Constructor<ZwWasi>)({ args, env, preopens: {}, stdin: 0, stdout: 1, stderr: 2 }),
  };
  return { ok: true, api };
}
