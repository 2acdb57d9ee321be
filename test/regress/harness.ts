// Differential harness: runs one export of a module on V8 (Node's WebAssembly) and on zerowasm's
// interpreter (both code sources: optimized IR and Wasm bodies) and describes each outcome as a
// comparable string. Results compare bit-exactly except NaNs, whose payload does not survive the
// JS boundary on V8 (every NaN reads as "nan"); traps compare by category.
import { RuntimeError } from '../../src/runtime/errors.js';
import { TrapKind } from '../../src/runtime/trap.js';
import { Runtime } from '../../src/runtime/runtime.js';
import type { Imports } from '../../src/runtime/runtime.js';

// WebAssembly text → binary: the runtime tests' helper (call `loadWabt()` first).
export { loadWat as loadWabt, wat } from '../runtime/wat.js';

/** The interpreter's two code sources, and (opt-in in the fuzzer) the native compiler. */
export type Source = 'ir' | 'wasm' | 'compiler';
export const SOURCES: readonly Source[] = ['ir', 'wasm'];

/** One JS-visible value as a string: -0 and 0 differ, every NaN is "nan". */
export function describeValue(v: unknown): string {
  if (typeof v === 'bigint') return `i64:${BigInt.asIntN(64, v)}`;
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'nan';
    return Object.is(v, -0) ? '-0' : String(v);
  }
  if (Array.isArray(v)) return `[${v.map(describeValue).join(',')}]`;
  if (v === undefined) return 'void';
  if (v === null) return 'null';
  return typeof v;
}

// V8's trap messages → the same categories as zerowasm's TrapKind.
const v8Traps: readonly [RegExp, string][] = [
  [/unreachable/, 'unreachable'],
  [/memory access out of bounds|out of bounds memory/, 'memory'],
  [/data segment.*out of bounds|segment has been dropped/, 'memory'],
  [/table index is out of bounds|table access|element segment.*out of bounds/, 'table'],
  [/null function or function signature mismatch|signature mismatch/, 'indirect'],
  [/divide by zero|remainder by zero/, 'divzero'],
  [/divide result unrepresentable/, 'overflow'],
  [/float unrepresentable in integer range/, 'conversion'],
  [/Maximum call stack size exceeded/, 'stack'],
  [/dereferencing a null pointer|null/, 'null'],
];

const zwTraps: Partial<Record<TrapKind, string>> = {
  [TrapKind.Unreachable]: 'unreachable',
  [TrapKind.MemoryOutOfBounds]: 'memory',
  [TrapKind.TableOutOfBounds]: 'table',
  [TrapKind.UndefinedElement]: 'table',
  [TrapKind.UninitializedElement]: 'indirect',
  [TrapKind.IndirectCallTypeMismatch]: 'indirect',
  [TrapKind.IntegerDivideByZero]: 'divzero',
  [TrapKind.IntegerOverflow]: 'overflow',
  [TrapKind.InvalidConversionToInteger]: 'conversion',
  [TrapKind.CallStackExhausted]: 'stack',
  [TrapKind.Interrupted]: 'interrupted',
  [TrapKind.NullReference]: 'null',
};

function describeV8Error(e: unknown): string {
  if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) {
    for (const [re, cat] of v8Traps) if (re.test(e.message)) return `trap:${cat}`;
    return `trap:?${e.message}`;
  }
  return `error:${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)}`;
}

function describeZwError(e: unknown): string {
  if (e instanceof RuntimeError) return `trap:${zwTraps[e.trap] ?? e.message}`;
  // Anything else (a JS TypeError leaking out of the interpreter, say) is a bug by itself.
  return `error:${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)}`;
}

/** V8 reports every failed float→int truncation as "float unrepresentable in integer range";
 * the spec (and zerowasm) split it into integer overflow (out of range) and invalid conversion
 * (NaN), so V8's conversion trap accepts either. */
export function sameOutcome(v8: string, zw: string): boolean {
  return v8 === zw || (v8 === 'trap:conversion' && zw === 'trap:overflow');
}

/** Whole traces (one outcome per line) compared with `sameOutcome` line by line. */
export function sameTrace(v8: string, zw: string): boolean {
  const a = v8.split('\n');
  const b = zw.split('\n');
  return a.length === b.length && a.every((line, i) => sameOutcome(line, b[i]!));
}

export type Call = readonly [name: string, args: readonly unknown[]];

/** Outcomes of the calls, in order, on one fresh V8 instance. Instantiation failure is one entry. */
export function runOnV8(bytes: Uint8Array, calls: readonly Call[], imports: WebAssembly.Imports = {}): string[] {
  let exports: WebAssembly.Exports;
  try {
    exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports).exports;
  } catch (e) {
    return [`instantiate ${describeV8Error(e)}`];
  }
  return calls.map(([name, args]) => {
    try {
      return describeValue((exports[name] as (...a: unknown[]) => unknown)(...args));
    } catch (e) {
      return describeV8Error(e);
    }
  });
}

/** Same on one fresh zerowasm instance (time-limited so a miscompiled loop cannot hang). */
export function runOnZerowasm(bytes: Uint8Array, calls: readonly Call[], source: Source, imports: Imports = {}): string[] {
  const rt = source === 'compiler'
    ? new Runtime({ engine: 'compiler', timeLimitMs: 5000 })
    : new Runtime({ engine: 'interpreter', interpreterSource: source, timeLimitMs: 5000 });
  let exports: Record<string, unknown>;
  try {
    exports = rt.instantiate(rt.compile(bytes), imports).exports as Record<string, unknown>;
  } catch (e) {
    return [`instantiate ${describeZwError(e)}`];
  }
  return calls.map(([name, args]) => {
    try {
      return describeValue((exports[name] as (...a: unknown[]) => unknown)(...args));
    } catch (e) {
      return describeZwError(e);
    }
  });
}
