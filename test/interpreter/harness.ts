// Test harness: instantiate a text module on the interpreter (from the IR or from Wasm bodies)
// and call exports with raw values (exact f32/f64 bits) or JS values.
import { Runtime, type Instance } from '../../src/index.js';
import { wat } from '../runtime/wat.js';
import { rawArray } from '../../src/runtime/values.js';

export const SOURCES = ['ir', 'wasm'] as const;
export type Source = (typeof SOURCES)[number];

export function instantiate(source: Source, text: string, imports: Record<string, Record<string, unknown>> = {}): Instance {
  const rt = new Runtime({ engine: 'interpreter', interpreterSource: source });
  return rt.instantiate(rt.compile(wat(text)), imports);
}

export function call(inst: Instance, name: string, ...args: unknown[]): unknown {
  return (inst.exports[name] as (...a: unknown[]) => unknown)(...args);
}

/** Calls with raw values; returns the first raw result. */
export function raw(inst: Instance, name: string, ...args: unknown[]): unknown {
  const a = rawArray(args.length);
  args.forEach((v, i) => { a[i] = v; });
  return inst.invokeRaw(name, a)[0];
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
export const f64Bits = (x: number): bigint => { f64[0] = x; return u64[0]!; };
export const f64FromBits = (b: bigint): number => { u64[0] = b; return f64[0]!; };
