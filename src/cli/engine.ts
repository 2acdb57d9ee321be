// Runs a WASI program (or one export) on zerowasm's own Runtime: compile, instantiate with the
// WASI imports, then _start or --invoke. --max-memory is the Runtime's memory limit (checked at
// instantiation and by memory.grow); --timeout is the engine's time limit on a call into Wasm,
// which traps with `interrupted` and is reported here as a RunTimeout.
import { WASI, exitCodeOf, type WasiOptions } from '../wasi/index.js';
import { Runtime, type CompiledModule } from '../runtime/runtime.js';
import type { Instance } from '../runtime/instance.js';
import { RuntimeError } from '../runtime/errors.js';
import { TrapKind } from '../runtime/trap.js';
import type { FuncType } from '../wasm/types.js';
import { formatResult, parseInvokeArgs } from './invoke-values.js';
import { RunRequestError, RunTimeout, type RunOptions, type RunResult } from './run-types.js';
import { WASM_PAGE } from './units.js';
import { sleepMs } from '../wasi/host-io.js';
import { decodeAndValidate } from '../runtime/decode.js';
import { ExternKind } from '../wasm/module.js';

/** A Runtime for the CLI's engine choice and limits; a missing compiler is a RunRequestError. */
export function runtimeFor(options: Pick<RunOptions, 'engine' | 'timeoutMs' | 'maxMemoryBytes' | 'onCompileProgress'>): Runtime {
  try {
    return new Runtime({
      engine: options.engine,
      ...(options.onCompileProgress === undefined ? {} : { onCompileProgress: options.onCompileProgress }),
      ...(options.timeoutMs === undefined ? {} : { timeLimitMs: options.timeoutMs }),
      ...(options.maxMemoryBytes === undefined ? {} : { memoryLimitPages: Math.floor(options.maxMemoryBytes / WASM_PAGE) }),
    });
  } catch (e) {
    if (e instanceof Error && !(e instanceof TypeError)) throw new RunRequestError(e.message);
    throw e;
  }
}

function isInterrupt(e: unknown): boolean {
  return e instanceof RuntimeError && e.trap === TrapKind.Interrupted;
}

/** Runs `body`, turning an `interrupted` trap (the time limit) into a RunTimeout. */
function withTimeout<T>(options: RunOptions, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (options.timeoutMs !== undefined && isInterrupt(e)) throw new RunTimeout(`timed out after ${options.timeoutMs}ms`);
    throw e;
  }
}

function invokeExport(mod: CompiledModule, instance: Instance, wasi: WASI, options: RunOptions): RunResult {
  const { name, args } = options.invoke!;
  const desc = mod.exports.find((e) => e.name === name && e.kind === 'func');
  const fn = instance.exports[name];
  if (desc === undefined || typeof fn !== 'function') {
    throw new RunRequestError(`the module exports no function named '${name}'`);
  }
  const type = desc.type as FuncType;
  const values = parseInvokeArgs(name, type, args);
  try {
    // WASI needs a memory to bind; a module without one can still have an _initialize.
    if (instance.exports['memory'] !== undefined) wasi.initialize(instance);
    else if (typeof instance.exports['_initialize'] === 'function') (instance.exports['_initialize'] as () => unknown)();
    const out = (fn as (...a: unknown[]) => unknown)(...values);
    const list = type.results.length === 1 ? [out] : type.results.length === 0 ? [] : [...(out as Iterable<unknown>)];
    return { exitCode: 0, results: list.map((v, i) => formatResult(v, type.results[i]!)) };
  } catch (e) {
    const code = exitCodeOf(e);
    if (code === undefined) throw e;
    return { exitCode: code, results: undefined };
  }
}

/** With a timeout, a guest sleep (poll_oneoff on a clock) that would outlast the deadline sleeps
 * until the deadline and then stops the program: the engine's interrupt check cannot run while
 * the host sleeps. (The RunTimeout thrown here passes through WASI and the engine unchanged.) */
function sleepCappedAt(deadline: number, timeoutMs: number, wasiOptions: WasiOptions): WasiOptions {
  const sleep = (ns: bigint): void => {
    const wanted = Number(ns) / 1e6;
    const left = deadline - performance.now();
    if (wanted <= left) {
      sleepMs(wanted);
      return;
    }
    if (left > 0) sleepMs(left);
    throw new RunTimeout(`timed out after ${timeoutMs}ms`);
  };
  return { ...wasiOptions, clock: { ...wasiOptions.clock, sleep } };
}

/** Compiles and runs `bytes` as asked; errors are CompileError, LinkError, RuntimeError (a
 * trap, with .wasmStack), RunTimeout or RunRequestError. */
export function runWasiProgram(bytes: Uint8Array, wasiOptions: WasiOptions, options: RunOptions): RunResult {
  const rt = runtimeFor(options);
  // Decode and validate first: a module that cannot be run as asked is said so before a compile
  // that can take seconds.
  const wasm = decodeAndValidate(bytes);
  if (options.invoke === undefined && !wasm.exports.some((e) => e.name === '_start' && e.kind === ExternKind.Func)) {
    throw new RunRequestError('the module has no _start function (use --invoke NAME to call an export)');
  }
  const invoked = options.invoke?.name;
  if (invoked !== undefined && !wasm.exports.some((e) => e.name === invoked && e.kind === ExternKind.Func)) {
    throw new RunRequestError(`the module exports no function named '${invoked}'`);
  }
  let mod: CompiledModule;
  try {
    mod = rt.compileDecoded(wasm);
  } finally {
    options.compileDone?.();
  }
  const timeoutMs = options.timeoutMs;
  const wasi = new WASI(timeoutMs === undefined ? wasiOptions : sleepCappedAt(performance.now() + timeoutMs, timeoutMs, wasiOptions));
  return withTimeout(options, () => {
    const instance = rt.instantiate(mod, wasi.getImportObject());
    if (options.invoke !== undefined) return invokeExport(mod, instance, wasi, options);
    return { exitCode: wasi.start(instance), results: undefined };
  });
}
