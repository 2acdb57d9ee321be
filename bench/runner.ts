// Runs one measurement in a child process: a native binary directly, or a Wasm module in a Node
// child whose flags select the V8 tier (or which loads zerowasm). Isolation per run means a crash,
// hang or leak in one engine cannot disturb the others; peak RSS is the child's own.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { REPLY_FD, type ChildReply, type ChildRequest } from './child-protocol.js';
import type { Engine } from './engines.js';

const CHILD_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'child.js');

export type Outcome<T> =
  | ({ status: 'ok' } & T)
  | { status: 'unavailable'; reason: string }
  | { status: 'failed'; reason: string };

export interface RunSample {
  stdout: string;
  stderr: string;
  exitCode: number;
  runMs: number;
  compileMs?: number;
  maxRssKb: number;
}

interface Spawned {
  stdout: string;
  stderr: string;
  reply: string;
  status: number | null;
  failure?: string;
}

function spawnWithReply(command: string, args: string[], timeoutMs: number, env?: NodeJS.ProcessEnv): Spawned {
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 16 * 1024 * 1024,
    env: env ?? process.env,
  });
  const text = (i: number): string => String(result.output?.[i] ?? '');
  const out: Spawned = { stdout: text(1), stderr: text(2), reply: text(REPLY_FD), status: result.status };
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    out.failure = code === 'ETIMEDOUT' ? `timed out after ${Math.round(timeoutMs / 1000)} s` : result.error.message;
  } else if (result.signal) {
    out.failure = `killed by ${result.signal}`;
  }
  return out;
}

function lastLines(text: string, count = 3): string {
  return text.trim().split('\n').slice(-count).join(' | ');
}

export function runNative(binary: string, args: string[], timeoutMs: number): Outcome<RunSample> {
  const env = { ...process.env, ZW_BENCH_PROBE_FD: String(REPLY_FD) };
  const spawned = spawnWithReply(binary, args, timeoutMs, env);
  if (spawned.failure) return { status: 'failed', reason: spawned.failure };
  const [ns, rss] = spawned.reply.trim().split(/\s+/).map(Number);
  if (!Number.isFinite(ns) || !Number.isFinite(rss)) {
    return { status: 'failed', reason: `native probe reported nothing (exit ${spawned.status}): ${lastLines(spawned.stderr)}` };
  }
  return { status: 'ok', stdout: spawned.stdout, stderr: spawned.stderr, exitCode: spawned.status ?? -1, runMs: ns / 1e6, maxRssKb: rss };
}

function childNode(engine: Engine, request: ChildRequest, extraFlags: string[], timeoutMs: number): Outcome<{ reply: ChildReply & { status: 'ok' }; stdout: string; stderr: string }> {
  const flags = ['--no-warnings', ...engine.nodeFlags, ...extraFlags];
  const spawned = spawnWithReply(process.execPath, [...flags, CHILD_SCRIPT, JSON.stringify(request)], timeoutMs);
  if (spawned.failure) {
    const stderr = lastLines(spawned.stderr);
    return { status: 'failed', reason: stderr ? `${spawned.failure}: ${stderr}` : spawned.failure };
  }
  let reply: ChildReply;
  try {
    reply = JSON.parse(spawned.reply) as ChildReply;
  } catch {
    return { status: 'failed', reason: `child crashed (exit ${spawned.status}): ${lastLines(spawned.stderr)}` };
  }
  if (reply.status === 'unavailable') return reply;
  if (reply.status === 'error') return { status: 'failed', reason: reply.message };
  return { status: 'ok', reply, stdout: spawned.stdout, stderr: spawned.stderr };
}

interface EngineRequestBase {
  engineKind: 'v8' | 'zerowasm';
  zerowasmEngine?: 'compiler' | 'interpreter';
  zerowasmIndex: string;
}

function requestBase(engine: Engine, zerowasmIndex: string): EngineRequestBase {
  if (engine.kind === 'native') throw new Error('native engine has no Node child');
  const base: EngineRequestBase = { engineKind: engine.kind, zerowasmIndex };
  if (engine.zerowasmEngine) base.zerowasmEngine = engine.zerowasmEngine;
  return base;
}

export function runWasm(engine: Engine, wasm: string, args: string[], zerowasmIndex: string, timeoutMs: number): Outcome<RunSample> {
  // Node 20's node:wasi fd_write is a V8 fast API call; a GC triggered inside it (external
  // memory pressure after a large memory.grow) aborts the process. Slow calls avoid the crash.
  const outcome = childNode(engine, { mode: 'run', ...requestBase(engine, zerowasmIndex), wasm, args }, ['--no-turbo-fast-api-calls'], timeoutMs);
  if (outcome.status !== 'ok') return outcome;
  const run = outcome.reply.run;
  if (!run) return { status: 'failed', reason: 'child sent no run figures' };
  return { status: 'ok', stdout: outcome.stdout, stderr: outcome.stderr, exitCode: run.exitCode, runMs: run.runMs, compileMs: run.compileMs, maxRssKb: outcome.reply.maxRssKb };
}

export interface CompileSample {
  compileMs: number[];
  maxRssKb: number;
}

export function compileWasm(engine: Engine, wasm: string, reps: number, singleThreaded: boolean, zerowasmIndex: string, timeoutMs: number): Outcome<CompileSample> {
  const flags = engine.kind === 'v8'
    ? (singleThreaded ? engine.compileFlags : engine.compileFlags.filter((f) => !f.startsWith('--wasm-num-compilation-tasks')))
    : [];
  // Repetitions stop once half the timeout is spent, so one slow compile cannot time out the rest.
  const request: ChildRequest = { mode: 'compile', ...requestBase(engine, zerowasmIndex), wasm, reps, budgetMs: timeoutMs / 2 };
  const outcome = childNode(engine, request, flags, timeoutMs);
  if (outcome.status !== 'ok') return outcome;
  const compile = outcome.reply.compile;
  if (!compile) return { status: 'failed', reason: 'child sent no compile figures' };
  return { status: 'ok', compileMs: compile.compileMs, maxRssKb: outcome.reply.maxRssKb };
}

export interface CallSample {
  exportCallNs: number;
  importCallNs: number;
}

export function measureCalls(engine: Engine, iterations: number, zerowasmIndex: string, timeoutMs: number): Outcome<CallSample> {
  const outcome = childNode(engine, { mode: 'calls', ...requestBase(engine, zerowasmIndex), iterations }, [], timeoutMs);
  if (outcome.status !== 'ok') return outcome;
  const calls = outcome.reply.calls;
  if (!calls) return { status: 'failed', reason: 'child sent no call figures' };
  return { status: 'ok', ...calls };
}

export function measureNapiFloor(engine: Engine, addon: string, iterations: number, timeoutMs: number): Outcome<CallSample> {
  const outcome = childNode(engine, { mode: 'napi-floor', addon, iterations }, [], timeoutMs);
  if (outcome.status !== 'ok') return outcome;
  const calls = outcome.reply.calls;
  if (!calls) return { status: 'failed', reason: 'child sent no call figures' };
  return { status: 'ok', ...calls };
}

/** Whether an engine can run here at all (zerowasm: exported API, constructible engine). */
export function probeEngine(engine: Engine, zerowasmIndex: string, timeoutMs: number): Outcome<object> {
  if (engine.kind === 'native') return { status: 'ok' };
  const outcome = childNode(engine, { mode: 'probe', ...requestBase(engine, zerowasmIndex) }, [], timeoutMs);
  return outcome.status === 'ok' ? { status: 'ok' } : outcome;
}
