// Binds a module's linked code to one instance: builds the vmctx (header, global cells, table
// descriptors, imported-function slots, type ids, function records), moves the instance's
// memory, globals and tables onto native storage, and sets `invoke` on its functions, which
// enter the code through the signature's entry trampoline.
import { slotPositions } from '../../backend/amd64/trampolines.js';
import { FUNC_RECORD, FUNC_RECORD_BYTES, GLOBAL_CELL_BYTES, VMCTX } from '../../backend/amd64/abi.js';
import type { InstanceState } from '../../runtime/engine.js';
import { RuntimeError, type WasmFrame } from '../../runtime/errors.js';
import { trapFrames, withHostExitFrames } from './frames.js';
import type { TrapKind } from '../../runtime/trap.js';
import { rawArray, type RawValue } from '../../runtime/values.js';
import { WasmFunction } from '../../runtime/func.js';
import { ValType } from '../../wasm/types.js';
import { NativeInstance } from '../native/instance.js';
import type { EntryHandle } from '../native/addon-types.js';
import { importedFuncLayout, tableDescLayout, vmctxLayout } from '../native/layout.js';
import { calleeSlotOf, type ModuleCode } from './code.js';
import { bindCell, cellOf } from './globals.js';
import { hasFastExportPath, makeExportCall, type AddonWithEntryFunction } from './export-call.js';
import { helperFunctions } from './helpers.js';
import { nativeStorageOf } from './memory.js';
import { nativeEnv } from './native.js';
import { keepAlive, readSlot, registerCompiled, registerRecord, targetOf, writeSlot, writeU64 } from './refs.js';
import { nativeTableOf } from './tables.js';

const IMPORT_BYTES = importedFuncLayout.size;
const IMPORT_CODE = importedFuncLayout.offsets['code']!;
const IMPORT_VMCTX = importedFuncLayout.offsets['vmctx']!;
const TABLE_DESC_BYTES = tableDescLayout.size;

const bits = new Float64Array(1);
const bitsU32 = new Uint32Array(bits.buffer);
/** The double whose IEEE bits are the address (small addresses are subnormals, kept exactly). */
function addressAsDouble(a: number): number {
  bitsU32[0] = a % 0x1_0000_0000;
  bitsU32[1] = Math.floor(a / 0x1_0000_0000);
  return bits[0]!;
}

export function bindInstance(code: ModuleCode, state: InstanceState, timeLimitMs = 0): NativeInstance {
  const { addon, slots, ctx } = nativeEnv();
  const { module } = state;
  const nImp = module.numImportedFuncs;
  const nFuncs = state.functions.length;
  let at = vmctxLayout.size;
  const globalsAt = at; at += GLOBAL_CELL_BYTES * state.globals.length;
  const tablesAt = at; at += TABLE_DESC_BYTES * state.tables.length;
  const importsAt = at; at += IMPORT_BYTES * nImp;
  const typeIdsAt = at; at += 4 * state.typeIds.length;
  at = (at + 7) & ~7;
  const recordsAt = at; at += FUNC_RECORD_BYTES * nFuncs;

  const inst = new NativeInstance(addon, helperFunctions(state, slots), at);
  const vm = inst.vmctx;
  const base = Number(inst.address);
  writeU64(vm, VMCTX.globals, base + globalsAt);
  writeU64(vm, VMCTX.tables, base + tablesAt);
  writeU64(vm, VMCTX.importedFuncs, base + importsAt);
  writeU64(vm, VMCTX.typeIds, base + typeIdsAt);
  writeU64(vm, VMCTX.funcRecords, base + recordsAt);

  const memory = state.memories[0];
  if (memory !== undefined) {
    const storage = nativeStorageOf(memory);
    vm.setBigUint64(VMCTX.memoryBase, storage.base, true);
    storage.trackSize(vm, VMCTX.memorySize);
  }
  // Tables and globals this instance binds may receive its record addresses from its code:
  // they keep the instance (vmctx, code, state) alive.
  const binding = { inst, code, state };
  for (const g of state.globals) keepAlive(g, binding);
  for (const t of state.tables) keepAlive(t, binding);
  state.globals.forEach((g, i) => {
    const cellAt = globalsAt + GLOBAL_CELL_BYTES * i;
    if (i < module.numImportedGlobals) writeU64(vm, cellAt, cellOf(g).address);
    else bindCell(g, { view: vm, at: cellAt, address: base + cellAt });
  });
  state.tables.forEach((t, i) => nativeTableOf(t).trackDesc(vm, tablesAt + TABLE_DESC_BYTES * i));
  state.typeIds.forEach((id, i) => vm.setUint32(typeIdsAt + 4 * i, id, true));

  for (let f = 0; f < nFuncs; f++) {
    const fn = state.functions[f]!;
    const rec = recordsAt + FUNC_RECORD_BYTES * f;
    let codeAddr: number, vmctx: number;
    if (f < nImp) {
      const t = targetOf(fn);
      codeAddr = t.code;
      vmctx = t.vmctx;
      writeU64(vm, importsAt + IMPORT_BYTES * f + IMPORT_CODE, codeAddr);
      writeU64(vm, importsAt + IMPORT_BYTES * f + IMPORT_VMCTX, vmctx);
      registerRecord(fn, base + rec);
    } else {
      codeAddr = code.base + code.funcOffsets[f - nImp]!;
      vmctx = base;
      registerCompiled(fn, { code: codeAddr, vmctx, record: base + rec });
    }
    writeU64(vm, rec + FUNC_RECORD.code, codeAddr);
    writeU64(vm, rec + FUNC_RECORD.vmctx, vmctx);
    vm.setUint32(rec + FUNC_RECORD.typeId, fn.typeId, true);
  }

  const limited = timeLimitMs > 0;
  // One validated entry per trampoline; an entry keeps the instance and the code handle alive.
  const entries = new Map<number, EntryHandle>();
  const entryFor = (offset: number): EntryHandle => {
    let e = entries.get(offset);
    if (e === undefined) { e = addon.entryCreate(inst.handle, code.handle, offset); entries.set(offset, e); }
    return e;
  };
  // The same entries as native functions, when this addon build has them (export-call.ts).
  const entryFunction = (addon as AddonWithEntryFunction).entryFunction;
  const entryFns = new Map<number, () => number | undefined>();
  const entryFnFor = (offset: number): (() => number | undefined) | undefined => {
    if (entryFunction === undefined) return undefined;
    let e = entryFns.get(offset);
    if (e === undefined) { e = entryFunction(inst.handle, code.handle, offset, timeLimitMs); entryFns.set(offset, e); }
    return e;
  };
  for (let f = nImp; f < nFuncs; f++) {
    const fn = state.functions[f]!;
    const { params, results } = fn.type;
    const np = params.length, nr = results.length;
    const calleeSlot = calleeSlotOf(fn.type);
    const pp = slotPositions(params), rp = slotPositions(results);
    const callee = addressAsDouble(code.base + code.funcOffsets[f - nImp]!);
    const entry = entryFor(code.entryOffsets[f - nImp]!);
    const r0 = results[0]!;
    const frame: WasmFrame = { funcIndex: f, name: fn.name };
    fn.owner = inst;
    // Funcref arguments may be stored by the callee where only this instance's bindings keep
    // them alive (a table it shares): the instance keeps them.
    const funcrefParams = params.some((t) => t === ValType.FuncRef);
    const entryFn = entryFnFor(code.entryOffsets[f - nImp]!);
    if (hasFastExportPath(fn.type)) {
      fn.fastCallable = makeExportCall(fn.type, {
        addon, slots, exec: ctx.exec, entry, entryFn, callee, calleeSlot, timeLimitMs, frame, keep: code,
      });
    }
    fn.invoke = (args) => {
      void code; // keeps the image (its symbols name trace frames) as long as the function
      for (let k = 0; k < np; k++) writeSlot(slots, params[k]!, pp[k]!, args[k]);
      if (funcrefParams) for (let k = 0; k < np; k++) if (args[k] instanceof WasmFunction) keepAlive(binding, args[k]);
      slots.f64[calleeSlot] = callee;
      let status: number | undefined;
      try {
        status = entryFn !== undefined ? entryFn() : limited ? addon.callEntry(entry, timeLimitMs) : addon.callEntry(entry);
      } catch (e) {
        throw withHostExitFrames(e, slots, frame); // a host exception or a trap further in, through a host call
      }
      if (status !== undefined && status !== 0) throw new RuntimeError(status as TrapKind, trapFrames(status, slots, ctx.exec, frame));
      if (nr === 0) return [];
      if (nr === 1) {
        const one: RawValue[] = [null]; // starts tagged, so an f64 NaN keeps its bits
        one[0] = readSlot(slots, r0, 0);
        return one;
      }
      const out = rawArray(nr);
      for (let k = 0; k < nr; k++) out[k] = readSlot(slots, results[k]!, rp[k]!);
      return out;
    };
  }
  return inst;
}
