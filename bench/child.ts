// Child process of the harness: runs, compiles or call-benchmarks one module on one engine
// (whichever V8 tier the Node flags select, or a zerowasm engine) and reports on fd 3.

import { readFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { WASI } from 'node:wasi';
import { measureCallCosts, callCostModule, type CallTargets } from './call-costs.js';
import { REPLY_FD, type ChildReply, type ChildRequest, type RunReply } from './child-protocol.js';
import { V8Wasm, type V8Imports } from './v8-wasm.js';
import { withCustomSection } from './wasm-sections.js';
import { loadZerowasm, type ZwApi } from './zerowasm-api.js';

function reply(message: ChildReply): void {
  writeSync(REPLY_FD, JSON.stringify(message));
}

/** Peak RSS of this process's own address space (see support/native-probe.c for why not maxRSS). */
function maxRssKb(): number {
  try {
    const match = /^VmHWM:\s*(\d+)\s*kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // not Linux: fall back to getrusage
  }
  return process.resourceUsage().maxRSS;
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function runV8(wasm: string, args: string[]): RunReply {
  const bytes = readFileSync(wasm);
  let t = process.hrtime.bigint();
  const module = new V8Wasm.Module(bytes);
  const compileMs = ms(t);
  const wasi = new WASI({ version: 'preview1', args, env: {}, returnOnExit: true });
  t = process.hrtime.bigint();
  const instance = new V8Wasm.Instance(module, wasi.getImportObject() as V8Imports);
  const instantiateMs = ms(t);
  t = process.hrtime.bigint();
  const exitCode = wasi.start(instance);
  return { exitCode, compileMs, instantiateMs, runMs: ms(t) };
}

function runZerowasm(api: ZwApi, engine: 'compiler' | 'interpreter', wasm: string, args: string[]): RunReply {
  const bytes = readFileSync(wasm);
  const runtime = api.createRuntime(engine);
  let t = process.hrtime.bigint();
  const module = runtime.compile(bytes);
  const compileMs = ms(t);
  const wasi = api.createWasi({ args, env: {} });
  t = process.hrtime.bigint();
  const instance = runtime.instantiate(module, wasi.getImportObject());
  const instantiateMs = ms(t);
  t = process.hrtime.bigint();
  const exitCode = wasi.start(instance);
  return { exitCode, compileMs, instantiateMs, runMs: ms(t) };
}

/**
 * Each repetition compiles a distinct byte string so no engine can serve it from a cache. Stops
 * early (after at least one) once `budgetMs` is spent, so slow compilers keep the run bounded.
 */
function compileTimes(compileOnce: (bytes: Uint8Array) => void, wasm: string, reps: number, budgetMs: number): number[] {
  const bytes = readFileSync(wasm);
  const times: number[] = [];
  for (let r = 0; r < reps && (r === 0 || times.reduce((a, b) => a + b, 0) < budgetMs); r++) {
    const unique = withCustomSection(bytes, 'zw-bench-nonce', new TextEncoder().encode(`${process.pid}-${r}`));
    const t = process.hrtime.bigint();
    compileOnce(unique);
    times.push(ms(t));
  }
  return times;
}

function v8CallTargets(): CallTargets {
  const module = new V8Wasm.Module(callCostModule());
  const instance = new V8Wasm.Instance(module, { env: { host: () => {} } });
  const nop = instance.exports['nop'] as () => void;
  const callHost = instance.exports['callHost'] as (n: number) => void;
  return { callExport: nop, callHostLoop: callHost };
}

function zerowasmCallTargets(api: ZwApi, engine: 'compiler' | 'interpreter'): CallTargets {
  const runtime = api.createRuntime(engine);
  const instance = runtime.instantiate(runtime.compile(callCostModule()), { env: { host: () => {} } });
  const nop = instance.exports['nop'] as () => void;
  const callHost = instance.exports['callHost'] as (n: number) => void;
  return { callExport: nop, callHostLoop: callHost };
}

function napiFloorTargets(addonPath: string): CallTargets {
  const addon = createRequire(import.meta.url)(addonPath) as {
    noop: () => void;
    callRepeat: (fn: () => void, n: number) => void;
  };
  const empty = (): void => {};
  return { callExport: addon.noop, callHostLoop: (n) => addon.callRepeat(empty, n) };
}

async function zerowasmApi(index: string, engine: 'compiler' | 'interpreter' | undefined): Promise<ZwApi | string> {
  if (!engine) return 'no zerowasm engine named';
  const loaded = await loadZerowasm(index);
  if (!loaded.ok) return loaded.reason;
  // An engine that cannot be constructed here (e.g. no native addon) is unavailable, not broken.
  try {
    loaded.api.createRuntime(engine);
  } catch (err) {
    return `new Runtime({ engine: '${engine}' }) failed: ${(err as Error).message}`;
  }
  return loaded.api;
}

async function main(): Promise<void> {
  const request = JSON.parse(process.argv[2] ?? '{}') as ChildRequest;
  if (request.mode === 'probe' && request.engineKind === 'v8') {
    reply({ status: 'ok', maxRssKb: maxRssKb() });
    return;
  }
  if (request.mode === 'napi-floor') {
    const calls = measureCallCosts(napiFloorTargets(request.addon), request.iterations);
    reply({ status: 'ok', maxRssKb: maxRssKb(), calls: { ...calls } });
    return;
  }
  let api: ZwApi | undefined;
  if (request.engineKind === 'zerowasm') {
    const found = await zerowasmApi(request.zerowasmIndex, request.zerowasmEngine);
    if (typeof found === 'string') {
      reply({ status: 'unavailable', reason: found });
      return;
    }
    api = found;
  }
  const engine = request.zerowasmEngine ?? 'compiler';
  switch (request.mode) {
    case 'probe':
      reply({ status: 'ok', maxRssKb: maxRssKb() });
      return;
    case 'run': {
      const run = api ? runZerowasm(api, engine, request.wasm, request.args) : runV8(request.wasm, request.args);
      reply({ status: 'ok', maxRssKb: maxRssKb(), run });
      return;
    }
    case 'compile': {
      const compileOnce = api
        ? (bytes: Uint8Array): void => void api.createRuntime(engine).compile(bytes)
        : (bytes: Uint8Array): void => void new V8Wasm.Module(bytes);
      const compileMs = compileTimes(compileOnce, request.wasm, request.reps, request.budgetMs);
      reply({ status: 'ok', maxRssKb: maxRssKb(), compile: { compileMs } });
      return;
    }
    case 'calls': {
      const targets = api ? zerowasmCallTargets(api, engine) : v8CallTargets();
      const calls = measureCallCosts(targets, request.iterations);
      reply({ status: 'ok', maxRssKb: maxRssKb(), calls });
      return;
    }
  }
}

// Exit explicitly once the reply is written: an engine that leaves a handle open (a timer, a
// watchdog) must not turn a finished measurement into a timeout. Program output went through
// synchronous writes, so nothing is pending.
main().then(
  () => process.exit(0),
  (err: unknown) => {
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    try {
      reply({ status: 'error', message });
    } finally {
      process.exit(1);
    }
  },
);
