// The fast JS → export path: a callable specialised to the function's signature that converts
// its JS arguments straight into the slot buffer, enters through the prepared native entry and
// reads the result back from the slots, with no arrays in between. The body is generated once
// per signature (and time-limit flag) as source text, so V8 sees fixed arity, fixed slot
// indices and monomorphic typed-array accesses; each function then gets its own closure over
// its entry. Only numeric signatures (i32, i64, f32, f64) take this path: references and v128
// keep the generic wrapper, which handles their keep-alive and copy rules.
import { RuntimeError, type WasmFrame } from '../../runtime/errors.js';
import { finishTrapStack } from '../../runtime/stack.js';
import type { TrapKind } from '../../runtime/trap.js';
import { f32FromBits, toRaw } from '../../runtime/values.js';
import { ValType, type FuncType } from '../../wasm/types.js';
import type { CodeHandle, EntryHandle, InstanceHandle, NativeAddon } from '../native/addon-types.js';
import type { SlotViews } from '../native/context.js';
import { trapFrames, withHostExitFrames } from './frames.js';

/** What one export's specialised callable closes over. */
export interface ExportCallParts {
  readonly addon: NativeAddon;
  readonly slots: SlotViews;
  readonly exec: DataView;
  readonly entry: EntryHandle;
  /** The same entry as its own native function (`entryFunction`, time limit included), when the
   * addon has it: the cheapest call. */
  readonly entryFn: (() => number | undefined) | undefined;
  /** The callee's address as a double, stored where the entry trampoline expects it. */
  readonly callee: number;
  readonly calleeSlot: number;
  readonly timeLimitMs: number;
  readonly frame: WasmFrame;
  /** Kept reachable for as long as the callable (the code image names trace frames). */
  readonly keep: object;
}

type Callable = (...args: unknown[]) => unknown;
type Factory = (p: Prepared) => Callable;

/** The parts with the helpers the generated text calls, flattened for cheap access. */
interface Prepared {
  i32: Int32Array; i64: BigInt64Array; f32: Float32Array; f64: Float64Array;
  callEntry: NativeAddon['callEntry'];
  entry: EntryHandle; entryFn: (() => number | undefined) | undefined; callee: number; calleeSlot: number; limit: number; keep: object;
  slow: (t: ValType, v: unknown) => unknown;
  slowF32: (v: unknown) => number;
  hostThrew: (e: unknown) => unknown;
  trapped: (status: number) => unknown;
}

const NUMERIC = new Set<ValType>([ValType.I32, ValType.I64, ValType.F32, ValType.F64]);

/** Whether `type` can take the specialised path. */
export function hasFastExportPath(type: FuncType): boolean {
  return isNumericSignature(type);
}

/** Whether every parameter and result is an i32, i64, f32 or f64. */
export function isNumericSignature(type: FuncType): boolean {
  return type.params.every((t) => NUMERIC.has(t)) && type.results.every((t) => NUMERIC.has(t));
}

// Each conversion follows ToWebAssemblyValue (src/runtime/values.ts `toRaw`): the common JS type
// is handled inline, anything else (and every error) goes through `toRaw`. All arguments are
// converted before any is stored: a conversion may run user code (`valueOf`) that calls into
// Wasm and reuses the slots.
/** Source text of the JS value `a` (a plain name) converted for a `t`; the text expects `slow`
 * (= toRaw) and `slowF32` in scope. */
export function convertSource(t: ValType, a: string): string {
  switch (t) {
    case ValType.I32: return `typeof ${a} === 'number' ? ${a} | 0 : slow(${t}, ${a})`;
    case ValType.F32: return `typeof ${a} === 'number' ? ${a} : slowF32(${a})`;
    case ValType.F64: return `typeof ${a} === 'number' ? ${a} : slow(${t}, ${a})`;
    default: return `typeof ${a} === 'bigint' ? ${a} : slow(${t}, ${a})`;
  }
}

/** Source text storing `v`, converted by `convertSource`, into slot `k`; the text expects `i32`,
 * `i64`, `f32` and `f64` (the slot views) in scope. */
export function storeSlotSource(t: ValType, k: number, v: string): string {
  switch (t) {
    case ValType.I32: return `i32[${2 * k}] = ${v}; i32[${2 * k + 1}] = 0;`;
    // toRaw gives the bits of fround(x); a store into the f32 view is the same
    case ValType.F32: return `f32[${2 * k}] = ${v}; i32[${2 * k + 1}] = 0;`;
    case ValType.F64: return `f64[${k}] = ${v};`;
    default: return `i64[${k}] = ${v};`; // the store wraps to 64 bits, as BigInt.asIntN(64, x)
  }
}

/** `toRaw` for an f32 as the float itself rather than its bits. */
export function slowF32(v: unknown): number {
  return f32FromBits(toRaw(ValType.F32, v) as number);
}

/** Source text reading slot `k` as the JS value of a `t` (the scope of `storeSlotSource`). */
export function loadSlotSource(t: ValType, k: number): string {
  switch (t) {
    case ValType.I32: return `i32[${2 * k}]`;
    case ValType.F32: return `f32[${2 * k}]`;
    case ValType.F64: return `f64[${k}]`;
    default: return `i64[${k}]`;
  }
}

/** How the generated body enters native code. */
type EnterMode = 'function' | 'entry' | 'entry-limited';

const ENTER_SOURCE: Record<EnterMode, string> = {
  'function': 'entryFn()',
  'entry': 'callEntry(entry)',
  'entry-limited': 'callEntry(entry, limit)',
};

function factorySource(type: FuncType, mode: EnterMode): string {
  const { params, results } = type;
  const names = params.map((_, k) => `a${k}`).join(', ');
  const converts = params.map((t, k) => `    const v${k} = ${convertSource(t, `a${k}`)};`).join('\n');
  const stores = params.map((t, k) => `    ${storeSlotSource(t, k, `v${k}`)}`).join('\n');
  let ret = 'return undefined;';
  if (results.length === 1) ret = `return ${loadSlotSource(results[0]!, 0)};`;
  else if (results.length > 1) ret = `return [${results.map((t, k) => loadSlotSource(t, k)).join(', ')}];`;
  return `'use strict';
const { i32, i64, f32, f64, callEntry, entry, entryFn, callee, calleeSlot, limit, keep, slow, slowF32, hostThrew, trapped } = p;
return function (${names}) {
${converts}
${stores}
    f64[calleeSlot] = callee;
    let status;
    try { status = ${ENTER_SOURCE[mode]}; } catch (e) { throw hostThrew(e); }
    if (status !== undefined && status !== 0) throw trapped(status);
    void keep;
    ${ret}
};`;
}

const factories = new Map<string, Factory>();

function factoryFor(type: FuncType, mode: EnterMode): Factory {
  const key = `${type.params.join(',')}:${type.results.join(',')}:${mode}`;
  let f = factories.get(key);
  if (f === undefined) {
    f = new Function('p', factorySource(type, mode)) as Factory;
    factories.set(key, f);
  }
  return f;
}

/** The specialised callable for one export; `type` must pass `hasFastExportPath`. */
export function makeExportCall(type: FuncType, parts: ExportCallParts): Callable {
  const { slots, exec, frame } = parts;
  const mode: EnterMode = parts.entryFn !== undefined ? 'function' : parts.timeLimitMs > 0 ? 'entry-limited' : 'entry';
  return factoryFor(type, mode)({
    i32: slots.i32, i64: slots.i64, f32: slots.f32, f64: slots.f64,
    callEntry: parts.addon.callEntry,
    entry: parts.entry, entryFn: parts.entryFn, callee: parts.callee, calleeSlot: parts.calleeSlot,
    limit: parts.timeLimitMs, keep: parts.keep,
    slow: toRaw, slowF32,
    hostThrew: (e) => finishTrapStack(withHostExitFrames(e, slots, frame)),
    trapped: (status) => finishTrapStack(new RuntimeError(status as TrapKind, trapFrames(status, slots, exec, frame))),
  });
}

/** The addon with `entryFunction` (native/call.h), which builds before it lack. */
export type AddonWithEntryFunction = NativeAddon & {
  readonly entryFunction?: (instance: InstanceHandle, code: CodeHandle, offset: number, timeoutMs: number) => () => number | undefined;
};
