// Orchestrates a whole benchmark run: build, run every program on every engine (checking each
// output against native), compile timings, call costs; returns the Results that the reports use.

import { readFileSync } from 'node:fs';
import os from 'node:os';
import { basename } from 'node:path';
import { buildProgram, type Artifacts } from './build.js';
import { BASELINE_NATIVE, BASELINE_WASM, selectEngines, type Engine } from './engines.js';
import { buildNapiFloor, fetchRubyWasm } from './fixtures.js';
import { describeMachine } from './machine.js';
import { loadPrograms, type Program } from './programs.js';
import { computeRatios, isCase } from './ratios.js';
import type { CallCell, CompileCell, CompileResult, EngineStatus, Failure, ProgramCase, ProgramResult, Results, RunCell } from './results.js';
import { compileWasm, measureCalls, measureNapiFloor, probeEngine, runNative, runWasm, type Outcome, type RunSample } from './runner.js';
import { summarize } from './stats.js';
import { sectionSizes } from './wasm-sections.js';

export interface SuiteOptions {
  quick: boolean;
  runs: number;
  engineIds?: string[];
  programsDir: string;
  only?: string[];
  buildDir: string;
  clang: string;
  sysroot: string;
  probeSource: string;
  napiSource: string;
  zerowasmIndex: string;
  timeoutMs: number;
  /** false: skip; true: fetch ruby.wasm; string: compile this module instead. */
  largeModule: boolean | string;
  calls: boolean;
  compileReps: number;
  largeCompileReps: number;
  callIterations: number;
  progress: (message: string) => void;
}

interface Context {
  options: SuiteOptions;
  failures: string[];
}

function checkOutput(engine: Engine, program: string, expected: string, sample: RunSample): string | undefined {
  if (sample.exitCode !== 0) {
    return `${program} on ${engine.id}: exit code ${sample.exitCode}, output ${JSON.stringify((sample.stdout + sample.stderr).trim())}`;
  }
  if (sample.stdout !== expected) {
    return `${program} on ${engine.id}: output ${JSON.stringify(sample.stdout.trim())} does not match native ${JSON.stringify(expected.trim())}`;
  }
  return undefined;
}

function sampleOn(engine: Engine, artifacts: Artifacts, args: string[], ctx: Context): Outcome<RunSample> {
  const { zerowasmIndex, timeoutMs } = ctx.options;
  return engine.kind === 'native'
    ? runNative(artifacts.native, args.slice(1), timeoutMs) // argv[0] is the binary itself
    : runWasm(engine, artifacts.wasm, args, zerowasmIndex, timeoutMs);
}

/** Runs one program at one size on `engines` (native first), `runs` times, interleaving engines. */
function runCase(program: Program, artifacts: Artifacts, size: number, engines: Engine[], runs: number, ctx: Context, label: string): ProgramCase | Failure {
  const args = [program.name, String(size)];
  const native = engines.find((e) => e.id === BASELINE_NATIVE);
  if (!native) throw new Error('native engine missing');
  const samples = new Map<string, RunSample[]>();
  const cells: Record<string, RunCell> = {};
  let expected: string | undefined;
  for (let run = 0; run < runs; run++) {
    for (const engine of engines) {
      if (cells[engine.id]) continue; // already failed
      ctx.options.progress(`${program.name}${label} on ${engine.id} (run ${run + 1}/${runs})`);
      const outcome = sampleOn(engine, artifacts, args, ctx);
      if (outcome.status !== 'ok') {
        cells[engine.id] = outcome;
        if (outcome.status === 'failed') ctx.failures.push(`${program.name}${label} on ${engine.id}: ${outcome.reason}`);
        if (engine === native) return { status: 'failed', reason: `native run failed: ${outcome.reason}` };
        continue;
      }
      if (engine === native && expected === undefined) {
        if (outcome.exitCode !== 0) {
          const reason = `native run of ${program.name} exited ${outcome.exitCode}: ${(outcome.stdout + outcome.stderr).trim()}`;
          ctx.failures.push(reason);
          return { status: 'failed', reason };
        }
        expected = outcome.stdout;
      }
      const mismatch = checkOutput(engine, program.name, expected ?? '', outcome);
      if (mismatch) {
        cells[engine.id] = { status: 'mismatch', reason: mismatch };
        ctx.failures.push(mismatch);
        continue;
      }
      const list = samples.get(engine.id) ?? [];
      list.push(outcome);
      samples.set(engine.id, list);
    }
  }
  for (const [id, list] of samples) {
    if (cells[id]) continue;
    const compile = list.map((s) => s.compileMs).filter((x): x is number => x !== undefined);
    const cell: RunCell = {
      status: 'ok',
      runMs: summarize(list.map((s) => s.runMs)),
      maxRssKb: Math.max(...list.map((s) => s.maxRssKb)),
    };
    if (compile.length > 0) cell.compileMs = summarize(compile);
    cells[id] = cell;
  }
  return { size, expectedOutput: expected ?? '', cells };
}

function unavailableCells(engines: EngineStatus[], target: Record<string, RunCell>, reduced: boolean): void {
  for (const e of engines) {
    if (!e.available && e.reducedSizes === reduced) target[e.id] = { status: 'unavailable', reason: e.reason ?? 'unavailable' };
  }
}

function runPrograms(programs: Program[], engines: Engine[], status: EngineStatus[], ctx: Context): ProgramResult[] {
  const { quick, runs } = ctx.options;
  const available = engines.filter((e) => status.find((s) => s.id === e.id)?.available);
  const results: ProgramResult[] = [];
  for (const program of programs) {
    ctx.options.progress(`building ${program.name}`);
    const artifacts = buildProgram(program, ctx.options);
    const bytes = readFileSync(artifacts.wasm);
    const sizes = sectionSizes(bytes);
    // Quick mode runs every engine at the quick size; full mode keeps slow engines to reduced sizes.
    const mainEngines = quick ? available : available.filter((e) => !e.reducedSizes);
    const main = runCase(program, artifacts, quick ? program.sizes.quick : program.sizes.full, mainEngines, runs, ctx, '');
    if (isCase(main)) unavailableCells(status, main.cells, false);
    if (isCase(main) && quick) unavailableCells(status, main.cells, true);
    const result: ProgramResult = { name: program.name, kind: program.kind, wasmBytes: sizes.total, codeBytes: sizes.code, main };
    const slow = available.filter((e) => e.reducedSizes);
    const slowStatus = status.filter((s) => s.reducedSizes);
    if (!quick && slowStatus.length > 0) {
      const references = available.filter((e) => e.id === BASELINE_NATIVE || e.id === BASELINE_WASM);
      if (slow.length > 0) {
        result.reduced = runCase(program, artifacts, program.sizes.reduced, [...references, ...slow], runs, ctx, ' (reduced)');
      } else {
        result.reduced = { size: program.sizes.reduced, expectedOutput: '', cells: {} };
      }
      if (isCase(result.reduced)) unavailableCells(status, result.reduced.cells, true);
    }
    results.push(result);
  }
  return results;
}

function compileCell(engine: Engine, wasm: string, reps: number, singleThreaded: boolean, codeBytes: number, ctx: Context): CompileCell {
  // Compiling gets twice the run timeout; repetitions stop after half of that (see runner.ts).
  const outcome = compileWasm(engine, wasm, reps, singleThreaded, ctx.options.zerowasmIndex, ctx.options.timeoutMs * 2);
  if (outcome.status !== 'ok') {
    if (outcome.status === 'failed') ctx.failures.push(`compiling ${basename(wasm)} on ${engine.id}: ${outcome.reason}`);
    return outcome;
  }
  const compileMs = summarize(outcome.compileMs);
  return {
    status: 'ok',
    threads: singleThreaded ? 'single' : 'default',
    compileMs,
    mbPerSecond: codeBytes / 1e6 / (compileMs.median / 1000),
    maxRssKb: outcome.maxRssKb,
  };
}

function compileModule(name: string, wasm: string, engines: Engine[], status: EngineStatus[], reps: number, withThreads: boolean, ctx: Context): CompileResult {
  const sizes = sectionSizes(readFileSync(wasm));
  const result: CompileResult = { module: name, bytes: sizes.total, codeBytes: sizes.code, cells: {} };
  for (const engine of engines.filter((e) => e.measuresCompile)) {
    const s = status.find((x) => x.id === engine.id);
    if (!s?.available) {
      result.cells[engine.id] = { status: 'unavailable', reason: s?.reason ?? 'unavailable' };
      continue;
    }
    ctx.options.progress(`compiling ${name} on ${engine.id}`);
    result.cells[engine.id] = compileCell(engine, wasm, reps, true, sizes.code, ctx);
    if (withThreads && engine.kind === 'v8') {
      // One repetition: multi-threaded figures are secondary and TurboFan takes tens of seconds.
      ctx.options.progress(`compiling ${name} on ${engine.id} (default threads)`);
      result.cells[`${engine.id}@mt`] = compileCell(engine, wasm, 1, false, sizes.code, ctx);
    }
  }
  return result;
}

function compileAll(programs: Program[], engines: Engine[], status: EngineStatus[], ctx: Context): CompileResult[] {
  const { options } = ctx;
  const out: CompileResult[] = [];
  for (const program of programs) {
    const artifacts = buildProgram(program, options);
    out.push(compileModule(program.name, artifacts.wasm, engines, status, options.compileReps, false, ctx));
  }
  if (options.largeModule !== false) {
    ctx.options.progress('fetching the large module');
    const fetched = typeof options.largeModule === 'string'
      ? { ok: true as const, path: options.largeModule }
      : fetchRubyWasm(options.buildDir);
    if (fetched.ok) {
      out.push(compileModule(basename(fetched.path), fetched.path, engines, status, options.largeCompileReps, true, ctx));
    } else {
      const cells: Record<string, CompileCell> = {};
      for (const e of engines.filter((x) => x.measuresCompile)) cells[e.id] = { status: 'unavailable', reason: fetched.reason };
      out.push({ module: 'ruby.wasm', bytes: 0, codeBytes: 0, cells });
    }
  }
  return out;
}

function callCosts(engines: Engine[], status: EngineStatus[], ctx: Context): { calls: Record<string, CallCell>; napiFloor: CallCell } {
  const { options } = ctx;
  const calls: Record<string, CallCell> = {};
  for (const engine of engines.filter((e) => e.kind !== 'native')) {
    const s = status.find((x) => x.id === engine.id);
    if (!s?.available) {
      calls[engine.id] = { status: 'unavailable', reason: s?.reason ?? 'unavailable' };
      continue;
    }
    ctx.options.progress(`call costs on ${engine.id}`);
    const iterations = engine.reducedSizes ? Math.max(1000, options.callIterations / 20) : options.callIterations;
    const outcome = measureCalls(engine, iterations, options.zerowasmIndex, options.timeoutMs);
    if (outcome.status === 'failed') ctx.failures.push(`call costs on ${engine.id}: ${outcome.reason}`);
    calls[engine.id] = outcome;
  }
  ctx.options.progress('Node-API floor');
  const addon = buildNapiFloor(options.napiSource, options.buildDir, 'cc');
  const plainNode = engines.find((e) => e.id === 'v8-default') ?? engines.find((e) => e.kind === 'v8');
  let napiFloor: CallCell;
  if (!addon.ok) napiFloor = { status: 'unavailable', reason: addon.reason };
  else if (!plainNode) napiFloor = { status: 'unavailable', reason: 'no V8 engine selected' };
  else napiFloor = measureNapiFloor(plainNode, addon.path, options.callIterations, options.timeoutMs);
  return { calls, napiFloor };
}

export function runSuite(options: SuiteOptions): Results {
  const started = Date.now();
  const ctx: Context = { options, failures: [] };
  const machine = describeMachine(options.clang);
  const engines = selectEngines(options.engineIds);
  let programs = loadPrograms(options.programsDir);
  if (options.only) {
    const missing = options.only.filter((n) => !programs.some((p) => p.name === n));
    if (missing.length > 0) throw new Error(`no such program(s): ${missing.join(', ')}`);
    programs = programs.filter((p) => options.only?.includes(p.name));
  }
  const status: EngineStatus[] = engines.map((engine) => {
    options.progress(`probing ${engine.id}`);
    const probe = probeEngine(engine, options.zerowasmIndex, options.timeoutMs);
    const s: EngineStatus = { id: engine.id, label: engine.label, available: probe.status === 'ok', reducedSizes: engine.reducedSizes };
    if (probe.status !== 'ok') s.reason = probe.reason;
    if (probe.status === 'failed') ctx.failures.push(`engine ${engine.id} failed its probe: ${probe.reason}`);
    return s;
  });
  const runs = options.quick ? 1 : options.runs;
  const programResults = runPrograms(programs, engines, status, { ...ctx, options: { ...options, runs } });
  const compile = options.quick ? [] : compileAll(programs, engines, status, ctx);
  const { calls, napiFloor } = options.quick || !options.calls
    ? { calls: {}, napiFloor: { status: 'unavailable' as const, reason: 'not measured in this mode' } }
    : callCosts(engines, status, ctx);
  return {
    schema: 1,
    mode: options.quick ? 'quick' : 'full',
    runs,
    machine,
    engines: status,
    programs: programResults,
    compile,
    calls,
    napiFloor,
    ratios: computeRatios(programResults, status),
    failures: ctx.failures,
    elapsedSeconds: Math.round((Date.now() - started) / 100) / 10,
    loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
