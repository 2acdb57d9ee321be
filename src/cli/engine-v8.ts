// STAND-IN ENGINE: runs WASI programs on V8's own WebAssembly until zerowasm's Runtime is
// wired in. This file is the only place the CLI touches an engine: replace runWasiProgram's
// body with Runtime.compile / instantiate (honouring options.engine and maxMemoryBytes
// natively, and timeoutMs through the interrupt watchdog) and delete engine-v8-worker.ts.
//
// Limits of the stand-in: --engine is ignored (everything runs on V8); --max-memory is checked
// against the initial memory only (V8 offers no hook on memory.grow); --timeout runs the
// program in a worker thread that is terminated when time is up.
import { Worker } from 'node:worker_threads';
import { WASI, exitCodeOf, type WasiOptions } from '../wasi/index.js';
import { LinkError } from '../runtime/errors.js';
import { V8Wasm } from './v8-webassembly.js';
import { RunRequestError, RunTimeout, type RunOptions, type RunResult } from './run-types.js';

type WasmValue = number | bigint;

function parseNumber(text: string): number {
  const v = Number(text);
  if (text.trim() === '' || (Number.isNaN(v) && !/^[+-]?nan$/i.test(text))) {
    throw new RunRequestError(`--invoke argument '${text}' is not a number`);
  }
  return v;
}

/** V8 knows the parameter types, we do not: retry with bigints when it asks for an i64. */
function callExport(fn: (...a: WasmValue[]) => unknown, args: readonly string[]): WasmValue[] {
  const numbers = args.map(parseNumber);
  let out: unknown;
  try {
    out = fn(...numbers);
  } catch (e) {
    if (!(e instanceof TypeError && /BigInt/i.test(e.message))) throw e;
    out = fn(...args.map((a, i) => (/^[+-]?\d+$/.test(a.trim()) ? BigInt(a) : numbers[i]!)));
  }
  if (out === undefined) return [];
  return (Array.isArray(out) ? out : [out]) as WasmValue[];
}

export async function runWasiProgram(bytes: Uint8Array, wasiOptions: WasiOptions, options: RunOptions): Promise<RunResult> {
  if (options.timeoutMs !== undefined) return runInWorker(bytes, wasiOptions, options, options.timeoutMs);
  const wasi = new WASI(wasiOptions);
  const module = await V8Wasm.compile(bytes);
  const instance = await V8Wasm.instantiate(module, wasi.getImportObject());
  const memory = instance.exports['memory'] as { buffer?: unknown } | undefined;
  if (options.maxMemoryBytes !== undefined && memory?.buffer instanceof ArrayBuffer
    && memory.buffer.byteLength > options.maxMemoryBytes) {
    throw new LinkError(`memory of ${memory.buffer.byteLength / 65536} pages exceeds --max-memory `
      + `(${Math.floor(options.maxMemoryBytes / 65536)} pages)`);
  }
  if (options.invoke !== undefined) {
    const fn = instance.exports[options.invoke.name];
    if (typeof fn !== 'function') throw new RunRequestError(`the module exports no function named '${options.invoke.name}'`);
    try {
      // WASI needs a memory to bind; a module without one can still have an _initialize.
      if (memory !== undefined) wasi.initialize(instance);
      else if (typeof instance.exports['_initialize'] === 'function') (instance.exports['_initialize'] as () => void)();
      return { exitCode: 0, results: callExport(fn as (...a: WasmValue[]) => unknown, options.invoke.args) };
    } catch (e) {
      const code = exitCodeOf(e);
      if (code === undefined) throw e;
      return { exitCode: code, results: undefined };
    }
  }
  if (typeof instance.exports['_start'] !== 'function') {
    throw new RunRequestError('the module has no _start function (use --invoke NAME to call an export)');
  }
  return { exitCode: wasi.start(instance), results: undefined };
}

/** What the worker posts back: a result, or an error reduced to name and message. */
export type WorkerReply =
  | { readonly ok: true; readonly result: RunResult }
  | { readonly ok: false; readonly name: string; readonly message: string };

function runInWorker(bytes: Uint8Array, wasiOptions: WasiOptions, options: RunOptions, timeoutMs: number): Promise<RunResult> {
  const worker = new Worker(new URL('./engine-v8-worker.js', import.meta.url), {
    workerData: { bytes, wasiOptions, options: { ...options, timeoutMs: undefined } },
  });
  return new Promise<RunResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new RunTimeout(`timed out after ${timeoutMs}ms`));
    }, timeoutMs);
    worker.once('message', (reply: WorkerReply) => {
      clearTimeout(timer);
      void worker.terminate();
      if (reply.ok) {
        resolve(reply.result);
      } else {
        const err = new Error(reply.message);
        err.name = reply.name;
        reject(err);
      }
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
