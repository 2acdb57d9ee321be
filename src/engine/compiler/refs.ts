// References as generated code sees them, and the conversions between raw values (the runtime's
// representation, src/runtime/values.ts) and 8-byte slots/cells:
//  - a funcref is the address of a function record { code, vmctx, typeId } (0 = null). Functions
//    of compiled instances have records in their instance's vmctx; any other function (a JS host
//    function, an interpreter function) gets a *host adapter*: a small native instance whose one
//    host function calls `fn.invoke`, with a record whose code is the host-call stub of its
//    signature;
//  - an externref is a small integer id (0 = null) into this thread's table of JS values, which
//    frees the values Wasm can no longer reach (externrefs.ts).
import { funcTypeToString, ValType, type FuncType } from '../../wasm/types.js';
import { WasmFunction } from '../../runtime/func.js';
import { rawArray, type RawValue } from '../../runtime/values.js';
import type { CodeHandle, HostFunction } from '../native/addon-types.js';
import { NativeInstance } from '../native/instance.js';
import { constants, vmctxLayout } from '../native/layout.js';
import { FUNC_RECORD, FUNC_RECORD_BYTES } from '../../backend/amd64/abi.js';
import { hostCallStub, slotCount, slotPositions } from '../../backend/amd64/trampolines.js';
import { nativeEnv, setSlotU64, slotU64 } from './native.js';
import type { SlotViews } from '../native/context.js';
import { hasFastHostBridge, makeHostBridge } from './host-bridge.js';
import { externFromId, externToId } from './externrefs.js';

export { externFromId, externToId };

// ---- funcref ----

// Weak: a record address stored natively (table word, global cell) keeps its function alive
// another way: every table and global keeps the instances bound to it (keepAlive below), and
// those hold their functions.
const functionsByRecord = new Map<number, WeakRef<WasmFunction>>();
const recordOfFunction = new WeakMap<WasmFunction, number>();
const forgetRecord = new FinalizationRegistry<number>((addr) => {
  if (functionsByRecord.get(addr)?.deref() === undefined) functionsByRecord.delete(addr);
});

/** Registers `addr` as a record of `fn`; the first registration becomes its canonical record. */
export function registerRecord(fn: WasmFunction, addr: number): void {
  functionsByRecord.set(addr, new WeakRef(fn));
  forgetRecord.register(fn, addr);
  if (!recordOfFunction.has(fn)) recordOfFunction.set(fn, addr);
}

const keeps = new WeakMap<object, Set<unknown>>();

/** Keeps `what` alive as long as `holder` (a Table or Global whose native storage may hold
 * record addresses of `what`'s functions). */
export function keepAlive(holder: object, what: unknown): void {
  let set = keeps.get(holder);
  if (set === undefined) { set = new Set(); keeps.set(holder, set); }
  set.add(what);
}

/** Code and vmctx addresses of a function, for import slots. */
export interface FunctionTarget {
  readonly code: number;
  readonly vmctx: number;
  readonly record: number;
}
const targets = new WeakMap<WasmFunction, FunctionTarget>();

/** Declares that `fn` is compiled code at `code` running with `vmctx`, record at `record`. */
export function registerCompiled(fn: WasmFunction, target: FunctionTarget): void {
  targets.set(fn, target);
  registerRecord(fn, target.record);
}

/** Where generated code calls `fn`: its own code, or a host adapter. */
export function targetOf(fn: WasmFunction): FunctionTarget {
  return targets.get(fn) ?? hostAdapter(fn);
}

export function funcToRecord(fn: WasmFunction | null): number {
  if (fn === null) return 0;
  const r = recordOfFunction.get(fn);
  return r ?? targetOf(fn).record;
}

export function funcFromRecord(addr: number): WasmFunction | null {
  if (addr === 0) return null;
  const fn = functionsByRecord.get(addr)?.deref();
  if (fn === undefined) throw new Error(`funcref 0x${addr.toString(16)} is not a known function record`);
  return fn;
}

// ---- host-call stubs (process-wide, one code region per signature) ----

const hostStubs = new Map<string, { handle: CodeHandle; address: number }>();

function hostStubAddress(type: FuncType): number {
  const key = funcTypeToString(type);
  let s = hostStubs.get(key);
  if (s === undefined) {
    const { addon } = nativeEnv();
    const handle = addon.codeCreate(hostCallStub(type));
    s = { handle, address: Number(addon.codeAddress(handle)) };
    hostStubs.set(key, s);
  }
  return s.address;
}

// ---- host adapters ----

interface HostAdapter extends FunctionTarget {
  readonly instance: NativeInstance;
}
const adapters = new WeakMap<WasmFunction, HostAdapter>();

export function checkSlotCount(type: FuncType, extra: number, what: string): void {
  if (slotCount(type.params) + extra > constants.SLOT_COUNT || slotCount(type.results) + extra > constants.SLOT_COUNT) {
    throw new RangeError(`${what}: a signature with ${type.params.length} parameters and ${type.results.length} results does not fit the ${constants.SLOT_COUNT}-slot buffer`);
  }
}

/** The bridge function for a host function: arguments from the slots, results back into them. */
function bridgeFor(fn: WasmFunction): HostFunction {
  const { params, results } = fn.type;
  const slots = nativeEnv().slots;
  if (fn.hostFunction !== undefined && hasFastHostBridge(fn.type)) return makeHostBridge(fn.type, fn.hostFunction, slots);
  // A returned function may end up in a table only its callers' bindings keep alive; the
  // importers hold `fn` (and so its adapter and this bridge), so the bridge keeps it.
  const keeper = {};
  const returnsFuncref = results.some((t) => t === ValType.FuncRef);
  const call = (args: RawValue[]): RawValue[] => {
    const out = fn.invoke(args);
    if (returnsFuncref) for (const v of out) if (v instanceof WasmFunction) keepAlive(keeper, v);
    return out;
  };
  const pp = slotPositions(params), rp = slotPositions(results);
  if (params.length === 0) {
    return () => {
      const out = call([]);
      for (let k = 0; k < results.length; k++) writeSlot(slots, results[k]!, rp[k]!, out[k]);
    };
  }
  return () => {
    const args = rawArray(params.length);
    for (let k = 0; k < params.length; k++) args[k] = readSlot(slots, params[k]!, pp[k]!);
    const out = call(args);
    for (let k = 0; k < results.length; k++) writeSlot(slots, results[k]!, rp[k]!, out[k]);
  };
}

function hostAdapter(fn: WasmFunction): HostAdapter {
  let a = adapters.get(fn);
  if (a !== undefined) return a;
  checkSlotCount(fn.type, 0, 'host function');
  const { addon } = nativeEnv();
  const code = hostStubAddress(fn.type);
  const at = vmctxLayout.size;
  const instance = new NativeInstance(addon, [bridgeFor(fn)], at + FUNC_RECORD_BYTES);
  const vmctx = Number(instance.address);
  instance.vmctx.setBigUint64(at + FUNC_RECORD.code, BigInt(code), true);
  instance.vmctx.setBigUint64(at + FUNC_RECORD.vmctx, BigInt(vmctx), true);
  instance.vmctx.setUint32(at + FUNC_RECORD.typeId, fn.typeId, true);
  a = { instance, code, vmctx, record: vmctx + at };
  adapters.set(fn, a);
  registerRecord(fn, a.record);
  return a;
}

// ---- raw values ↔ slots ----

export function readSlot(slots: SlotViews, t: ValType, k: number): RawValue {
  switch (t) {
    case ValType.I32: case ValType.F32: return slots.i32[2 * k]!;
    case ValType.I64: return slots.i64[k]!;
    case ValType.F64: return slots.f64[k]!;
    case ValType.FuncRef: return funcFromRecord(slotU64(slots, k));
    case ValType.ExternRef: return externFromId(slotU64(slots, k));
    case ValType.V128: return new Uint8Array(slots.i32.buffer.slice(slots.i32.byteOffset + 8 * k, slots.i32.byteOffset + 8 * k + 16));
  }
  throw new Error(`no slot representation for value type ${t}`);
}

export function writeSlot(slots: SlotViews, t: ValType, k: number, v: RawValue): void {
  switch (t) {
    case ValType.I32: case ValType.F32: slots.i32[2 * k] = v as number; slots.i32[2 * k + 1] = 0; return;
    case ValType.I64: slots.i64[k] = v as bigint; return;
    case ValType.F64: slots.f64[k] = v as number; return;
    case ValType.FuncRef: setSlotU64(slots, k, funcToRecord(v as WasmFunction | null)); return;
    case ValType.ExternRef: setSlotU64(slots, k, externToId(v)); return;
    case ValType.V128: new Uint8Array(slots.i32.buffer, slots.i32.byteOffset + 8 * k, 16).set(v as Uint8Array); return;
  }
  throw new Error(`no slot representation for value type ${t}`);
}

// ---- raw values ↔ 8/16-byte cells (globals, table elements) ----

export function readU64(view: DataView, at: number): number {
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 0x1_0000_0000;
}

export function writeU64(view: DataView, at: number, n: number): void {
  view.setUint32(at, n % 0x1_0000_0000, true);
  view.setUint32(at + 4, Math.floor(n / 0x1_0000_0000), true);
}

/** The 8-byte word of a reference value. */
export function refToWord(t: ValType, v: RawValue): number {
  return t === ValType.FuncRef ? funcToRecord(v as WasmFunction | null) : externToId(v);
}

export function refFromWord(t: ValType, w: number): RawValue {
  return t === ValType.FuncRef ? funcFromRecord(w) : externFromId(w);
}

export function readCell(view: DataView, at: number, t: ValType): RawValue {
  switch (t) {
    case ValType.I32: case ValType.F32: return view.getInt32(at, true);
    case ValType.I64: return view.getBigInt64(at, true);
    case ValType.F64: return view.getFloat64(at, true);
    case ValType.V128: return new Uint8Array(view.buffer.slice(view.byteOffset + at, view.byteOffset + at + 16));
    default: return refFromWord(t, readU64(view, at));
  }
}

export function writeCell(view: DataView, at: number, t: ValType, v: RawValue): void {
  switch (t) {
    case ValType.I32: case ValType.F32: view.setInt32(at, v as number, true); view.setInt32(at + 4, 0, true); return;
    case ValType.I64: view.setBigInt64(at, v as bigint, true); return;
    case ValType.F64: view.setFloat64(at, v as number, true); return;
    case ValType.V128: new Uint8Array(view.buffer, view.byteOffset + at, 16).set(v as Uint8Array); return;
    default: writeU64(view, at, refToWord(t, v));
  }
}
