// Differential fuzzing against V8: binaryen's `wasm-opt -ttf` turns random bytes into a valid
// module (with "fuzzing-support" logging imports and a hang limit on every loop and call); every
// exported function is called with fixed arguments on V8 and on the interpreter (both code
// sources), and the sequences of results, traps, logged values and memory hashes must agree.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FunctionLowerer } from '../../src/frontend/index.js';
import { optimizeFunction } from '../../src/ssa/pipeline.js';
import { ExternKind, functionType } from '../../src/wasm/module.js';
import { compileModule } from '../../src/wasm/index.js';
import { ValType } from '../../src/wasm/types.js';
import { describeValue, runOnV8, runOnZerowasm, sameOutcome, sameTrace, SOURCES, type Call, type Source } from './harness.js';

// Features both engines support. SIMD is added on every other seed: v128 cannot cross the JS
// boundary, so exports using it are left out, but SIMD code inside is still compared.
const FEATURES = [
  '--enable-sign-ext', '--enable-nontrapping-float-to-int', '--enable-mutable-globals',
  '--enable-bulk-memory', '--enable-multivalue',
];

export function haveWasmOpt(): boolean {
  try {
    execFileSync('wasm-opt', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/** xorshift32: a small deterministic generator, so a seed names one module forever. */
export function randomBytes(seed: number, length: number): Uint8Array {
  let x = (seed * 2654435761 + 1) >>> 0 || 1;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** The module binaryen generates from seed `seed` (random input of 512..4607 bytes); every
 * third seed is also optimized by binaryen, whose output is shaped more like a compiler's.
 * ZW_FUZZ_EXTRA adds wasm-opt arguments (space-separated) to every seed. */
export function generateModule(seed: number, workDir: string): Uint8Array {
  const input = randomBytes(seed, 512 + (seed * 7919) % 4096);
  const inPath = join(workDir, `seed-${seed}.bin`);
  const outPath = join(workDir, `seed-${seed}.wasm`);
  writeFileSync(inPath, input);
  const simd = seed % 2 === 1 ? ['--enable-simd'] : [];
  // Reshaped control flow (flattened, then rebuilt by binaryen's relooper) on every fifth seed.
  const reshape = seed % 5 === 4 ? ['--flatten', '--rereloop'] : [];
  const optimize = seed % 3 === 0 ? ['-O2'] : [];
  const extra = (process.env['ZW_FUZZ_EXTRA'] ?? '').split(' ').filter((a) => a !== '');
  const args = ['-ttf', inPath, ...FEATURES, ...simd, ...reshape, ...optimize, ...extra, '-o', outPath];
  execFileSync('wasm-opt', args, { stdio: 'pipe' });
  return readFileSync(outPath);
}

// Two argument sets: small ordinary values, then edge values (zero, all ones, -0, infinity).
const ARG_SETS: readonly Partial<Record<ValType, unknown>>[] = [
  { [ValType.I32]: -7, [ValType.I64]: 0x1_0000_0003n, [ValType.F32]: 1.5, [ValType.F64]: -2.25,
    [ValType.FuncRef]: null, [ValType.ExternRef]: null },
  { [ValType.I32]: 0, [ValType.I64]: -1n, [ValType.F32]: -0, [ValType.F64]: Infinity,
    [ValType.FuncRef]: null, [ValType.ExternRef]: null },
];

export interface Plan {
  readonly calls: Call[];
  /** Exports left out, with the reason (types that cannot cross the JS boundary). */
  readonly leftOut: string[];
}

/** Each callable export once per argument set, with the hang limit reset before and memory hashed after. */
export function planCalls(bytes: Uint8Array): Plan {
  const module = compileModule(bytes);
  const names = new Set(module.exports.map((e) => e.name));
  const calls: Call[] = [];
  const leftOut: string[] = [];
  for (const exp of module.exports) {
    if (exp.kind !== ExternKind.Func || exp.name === 'hangLimitInitializer' || exp.name === 'hashMemory') continue;
    const type = functionType(module, exp.index);
    if ([...type.params, ...type.results].some((t) => ARG_SETS[0]![t] === undefined)) {
      leftOut.push(`${exp.name}: v128 cannot cross the JS boundary`);
      continue;
    }
    for (const set of type.params.length === 0 ? ARG_SETS.slice(0, 1) : ARG_SETS) {
      if (names.has('hangLimitInitializer')) calls.push(['hangLimitInitializer', []]);
      calls.push([exp.name, type.params.map((t) => set[t])]);
      if (names.has('hashMemory')) calls.push(['hashMemory', []]);
    }
  }
  return { calls, leftOut };
}

/** V8's message when a v128 would cross between Wasm and JS. */
const V128_AT_BOUNDARY = 'type incompatibility when transforming from/to JS';

/** The "fuzzing-support" imports, appending every logged value to `log`. */
function loggingImports(log: string[]): Record<string, Record<string, (...a: unknown[]) => void>> {
  const logger = (tag: string) => (...a: unknown[]) => { log.push(`${tag}(${a.map(describeValue).join(',')})`); };
  return {
    'fuzzing-support': {
      'log-i32': logger('i32'), 'log-i64': logger('i64'), 'log-f32': logger('f32'), 'log-f64': logger('f64'),
      // V8 refuses a v128 at the JS boundary before calling; zerowasm calls, so fail the same way.
      'log-v128': () => { throw new TypeError(V128_AT_BOUNDARY); },
    },
  };
}

/** Outcomes interleaved with what was logged during each call. */
function outcomeTrace(results: string[], log: string[]): string {
  return [...results, '--log--', ...log].join('\n');
}

/** A second oracle: the IR verifier after the frontend and after every pass, on every function
 * (a pass can break SSA in code whose results happen to agree). Returns the first failure. */
export function verifyIr(bytes: Uint8Array): string | undefined {
  const module = compileModule(bytes);
  const lowerer = new FunctionLowerer();
  for (let i = 0; i < module.code.length; i++) {
    try {
      optimizeFunction(lowerer.lower(module, i), { verify: true, debug: false });
    } catch (e) {
      return e instanceof Error ? e.message.split('\n').slice(0, 2).join(' ') : String(e);
    }
  }
  return undefined;
}

export interface Mismatch {
  readonly seed: number;
  readonly source: Source | 'verifier';
  readonly expected: string;
  readonly actual: string;
}

export interface FuzzOneResult {
  readonly calls: number;
  readonly mismatches: Mismatch[];
  readonly bytes: Uint8Array;
}

export function fuzzOne(seed: number, workDir: string, sources: readonly Source[] = SOURCES): FuzzOneResult {
  const bytes = generateModule(seed, workDir);
  const { calls } = planCalls(bytes);
  const v8Log: string[] = [];
  const expected = outcomeTrace(runOnV8(bytes, calls, loggingImports(v8Log)), v8Log);
  const mismatches: Mismatch[] = [];
  for (const source of sources) {
    const log: string[] = [];
    const actual = outcomeTrace(runOnZerowasm(bytes, calls, source, loggingImports(log)), log);
    if (!sameTrace(expected, actual)) mismatches.push({ seed, source, expected, actual });
  }
  const invalid = verifyIr(bytes);
  if (invalid !== undefined) mismatches.push({ seed, source: 'verifier', expected: 'valid IR', actual: invalid });
  return { calls: calls.length, mismatches, bytes };
}

export function withWorkDir<T>(f: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'zw-fuzz-'));
  try {
    return f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** First differing line of two traces, for short failure messages. */
export function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === undefined || b[i] === undefined || !sameOutcome(a[i]!, b[i]!)) return `line ${i + 1}: V8 ${a[i] ?? '<end>'} / zerowasm ${b[i] ?? '<end>'}`;
  }
  return 'identical';
}
