// The fast Wasm → JS path: for a host function given as a plain JS function with a numeric
// signature and at most one result, a bridge generated once per signature that passes the
// arguments read from the slot buffer straight to the JS function and stores its converted
// result back, without the raw-array `invoke` adapter in between (an argument array, a spread
// call and a result array per call). Conversions are those of `WasmFunction.fromHost`.
import { toRaw } from '../../runtime/values.js';
import type { FuncType } from '../../wasm/types.js';
import type { HostFunction } from '../native/addon-types.js';
import type { SlotViews } from '../native/context.js';
import { convertSource, isNumericSignature, loadSlotSource, slowF32, storeSlotSource } from './export-call.js';

type JsFunction = (...args: unknown[]) => unknown;
type Factory = (p: { i32: Int32Array; i64: BigInt64Array; f32: Float32Array; f64: Float64Array; fn: JsFunction; slow: typeof toRaw; slowF32: typeof slowF32 }) => HostFunction;

/** Whether a host function of `type` can take the generated bridge. */
export function hasFastHostBridge(type: FuncType): boolean {
  return isNumericSignature(type) && type.results.length <= 1;
}

function factorySource(type: FuncType): string {
  const args = type.params.map((t, k) => loadSlotSource(t, k)).join(', ');
  const body = type.results.length === 0
    ? `fn(${args});`
    : `const r = fn(${args});\n  const v = ${convertSource(type.results[0]!, 'r')};\n  ${storeSlotSource(type.results[0]!, 0, 'v')}`;
  return `'use strict';
const { i32, i64, f32, f64, fn, slow, slowF32 } = p;
return function () {
  ${body}
};`;
}

const factories = new Map<string, Factory>();

/** The bridge calling `fn` (called with `this` undefined, as `fromHost` does); `type` must pass
 * `hasFastHostBridge`. */
export function makeHostBridge(type: FuncType, fn: JsFunction, slots: SlotViews): HostFunction {
  const key = `${type.params.join(',')}:${type.results.join(',')}`;
  let f = factories.get(key);
  if (f === undefined) {
    f = new Function('p', factorySource(type)) as Factory;
    factories.set(key, f);
  }
  return f({ i32: slots.i32, i64: slots.i64, f32: slots.f32, f64: slots.f64, fn, slow: toRaw, slowF32 });
}
