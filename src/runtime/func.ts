// Function instances: one object per function in the store, whether defined by a module (and
// run by an engine) or provided by the host as a JS function. Tables, funcref values and import
// links all hold these; JS sees them through a cached callable wrapper.
import { funcTypeToString, type FuncType } from '../wasm/types.js';
import { finishTrapStack } from './stack.js';
import { fromRaw, rawArray, toRaw, type RawValue } from './values.js';

/** Calls a function with raw arguments and returns its raw results. */
export type Invoke = (args: RawValue[]) => RawValue[];

const typeIds = new Map<string, number>();

/** A small integer naming a function type structurally: equal types get equal ids, so
 * `call_indirect` compares one number. */
export function funcTypeId(type: FuncType): number {
  const key = funcTypeToString(type);
  let id = typeIds.get(key);
  if (id === undefined) {
    id = typeIds.size;
    typeIds.set(key, id);
  }
  return id;
}

const byCallable = new WeakMap<object, WasmFunction>();

export class WasmFunction {
  readonly typeId: number;
  /** Engine-private handle of the defining instance (undefined for host functions), so an
   * engine can call its own functions directly instead of through `invoke`. */
  owner: object | undefined = undefined;
  /** Index in the defining module's function index space (-1 for host functions). */
  index = -1;
  private wrapper: ((...args: unknown[]) => unknown) | undefined = undefined;
  /** An engine's own JS-facing callable, specialised to the signature (same conversions and
   * errors as the generic one, without raw arrays); `callable()` uses it when set before. */
  fastCallable: ((...args: unknown[]) => unknown) | undefined = undefined;
  /** The JS function of a host function (undefined otherwise), so an engine can call it
   * without the raw-array `invoke` adapter. */
  hostFunction: ((...args: unknown[]) => unknown) | undefined = undefined;

  constructor(
    readonly type: FuncType,
    /** Name for stack traces (the name section's, or the export's). */
    readonly name: string | undefined,
    public invoke: Invoke,
  ) {
    this.typeId = funcTypeId(type);
  }

  /** The function behind a callable returned by `callable()`, if it is one. */
  static fromCallable(v: unknown): WasmFunction | undefined {
    return typeof v === 'function' ? byCallable.get(v) : undefined;
  }

  /** A host function: raw arguments are converted to JS, results back to raw. */
  static fromHost(type: FuncType, fn: (...args: unknown[]) => unknown, name: string): WasmFunction {
    const { params, results } = type;
    const invoke: Invoke = (args) => {
      const jsArgs = new Array<unknown>(params.length);
      for (let i = 0; i < params.length; i++) jsArgs[i] = fromRaw(params[i]!, args[i]);
      const r = fn(...jsArgs);
      if (results.length === 0) return [];
      if (results.length === 1) {
        const one = rawArray(1);
        one[0] = toRaw(results[0]!, r);
        return one;
      }
      if (r === null || typeof r !== 'object' || !(Symbol.iterator in r)) {
        throw new TypeError(`host function ${name} must return an iterable of ${results.length} values`);
      }
      const list = [...(r as Iterable<unknown>)];
      if (list.length !== results.length) {
        throw new TypeError(`host function ${name} returned ${list.length} values, expected ${results.length}`);
      }
      const out = rawArray(list.length);
      for (let i = 0; i < list.length; i++) out[i] = toRaw(results[i]!, list[i]);
      return out;
    };
    const f = new WasmFunction(type, name, invoke);
    f.hostFunction = fn;
    return f;
  }

  /** A JS function that converts its arguments, calls this function and converts the results:
   * one result is returned as is, several as an array, none as undefined. Stable identity. */
  callable(): (...args: unknown[]) => unknown {
    if (this.wrapper !== undefined) return this.wrapper;
    const { params, results } = this.type;
    const w = this.fastCallable ?? ((...args: unknown[]): unknown => {
      const raw = rawArray(params.length);
      for (let i = 0; i < params.length; i++) raw[i] = toRaw(params[i]!, args[i]);
      let out: RawValue[];
      try {
        out = this.invoke(raw);
      } catch (e) {
        throw finishTrapStack(e);
      }
      if (results.length === 0) return undefined;
      if (results.length === 1) return fromRaw(results[0]!, out[0]);
      return out.map((v, i) => fromRaw(results[i]!, v));
    });
    Object.defineProperty(w, 'name', { value: this.name ?? `wasm-function[${this.index}]` });
    Object.defineProperty(w, 'length', { value: params.length });
    byCallable.set(w, this);
    this.wrapper = w;
    return w;
  }
}
