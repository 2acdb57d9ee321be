// Differential execution: the same Wasm module run by V8 and by our compiled code, every export
// on every input tuple; results compared bit-exactly (NaNs compare as NaN: Wasm leaves payloads
// nondeterministic), traps compared as "both trapped".
import { expect } from 'chai';
import { RuntimeError } from '../../../src/runtime/errors.js';
import { ValType } from '../../../src/wasm/types.js';
import { compileWat, TestModule } from './harness.js';
import type { CompileOptions } from '../../../src/backend/amd64/compile.js';

type Value = number | bigint;
type Outcome = { trap: true } | { trap: false; values: Value[] };

function same(a: Value, b: Value): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) && Number.isNaN(b)) return true;
    return Object.is(a, b);
  }
  return a === b;
}

function describeOutcome(o: Outcome): string {
  return o.trap ? 'trap' : `[${o.values.map((v) => (typeof v === 'bigint' ? `${v}n` : Object.is(v, -0) ? '-0' : String(v))).join(', ')}]`;
}

/** Runs every export of `wat` on every tuple of `inputs[export]` in both engines and expects equal outcomes. */
export async function diffRun(wat: string, inputs: Record<string, Value[][]>, options: CompileOptions = {}): Promise<number> {
  const cm = await compileWat(wat, options);
  const v8 = (await WebAssembly.instantiate(cm.bytes)).instance.exports as Record<string, (...a: Value[]) => unknown>;
  const ours = new TestModule(cm);
  let checked = 0;
  try {
    for (const [name, tuples] of Object.entries(inputs)) {
      const fn = v8[name];
      if (typeof fn !== 'function') throw new Error(`no export ${name}`);
      const ex = cm.module.exports.find((e) => e.name === name)!;
      const type = cm.module.types[cm.module.funcTypeIndices[ex.index]!]!;
      for (const args of tuples) {
        const conv = args.map((a, k) => (type.params[k] === ValType.I64 ? BigInt(a) : Number(a)));
        let want: Outcome;
        try {
          const r = fn(...conv);
          want = { trap: false, values: type.results.length === 1 ? [r as Value] : type.results.length === 0 ? [] : (r as Value[]) };
          if (type.results.length === 1 && type.results[0] === ValType.F32) want.values[0] = Math.fround(want.values[0] as number);
        } catch (err) {
          if (!(err instanceof WebAssembly.RuntimeError)) throw err;
          want = { trap: true };
        }
        let got: Outcome;
        try {
          got = { trap: false, values: ours.call(name, ...conv) };
        } catch (err) {
          if (!(err instanceof RuntimeError)) throw err;
          got = { trap: true };
        }
        const ok = want.trap === got.trap && (want.trap || (got.trap === false && want.values.length === got.values.length &&
          want.values.every((v, k) => same(v, (got as { values: Value[] }).values[k]!))));
        expect(ok, `${name}(${args.join(', ')}): V8 ${describeOutcome(want)}, compiled ${describeOutcome(got)}`).to.equal(true);
        checked++;
      }
    }
  } finally {
    ours.free();
  }
  return checked;
}

export const I32_INPUTS = [0, 1, -1, 2, 3, 7, 31, 32, 33, 63, 64, 100, -100, 0x7fffffff, -0x80000000, 0x12345678, -0x789abcdf, 0xff, 0x8000];
export const I64_INPUTS = [0n, 1n, -1n, 2n, 3n, 63n, 64n, 65n, 1000n, -1000n, 0x7fffffffffffffffn, -0x8000000000000000n,
  0x123456789abcdefn, -0x76543210fedcban, 0xffffffffn, 0x100000000n, 0x80000000n];
export const F32_INPUTS = [0, -0, 1, -1, 0.5, -0.5, 1.5, 2.5, -2.5, 3.7, -3.7, Infinity, -Infinity, NaN, 3.4028234663852886e38,
  1.1754943508222875e-38, 1e-45, 2147483520, 2147483648, -2147483648, -2147483904, 4294967040, 4294967296, 9.2233715e18,
  9.223372036854776e18, 1.8446742e19, 1.8446744073709552e19, 16777217].map(Math.fround);
export const F64_INPUTS = [0, -0, 1, -1, 0.5, -0.5, 1.5, 2.5, -2.5, 3.7, -3.7, Infinity, -Infinity, NaN, 1.7976931348623157e308,
  5e-324, 2147483647, 2147483647.9, 2147483648, -2147483648, -2147483648.9, -2147483649, 4294967295, 4294967295.5, 4294967296, -0.9,
  9223372036854774784, 9223372036854775808, -9223372036854775808, 18446744073709549568, 18446744073709551616, 4503599627370497];

/** All pairs of a list (a × b). */
export function pairs<T>(a: readonly T[], b: readonly T[] = a): T[][] {
  const out: T[][] = [];
  for (const x of a) for (const y of b) out.push([x, y]);
  return out;
}
