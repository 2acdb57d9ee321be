// The executor: runs one function's interpretable form over a frame of slots. Instruction
// semantics live in the op tables; this loop only moves values, dispatches, branches and
// touches the store (memories, tables, globals, calls).
import type { InstanceState } from '../runtime/engine.js';
import { RuntimeError } from '../runtime/errors.js';
import type { WasmFunction } from '../runtime/func.js';
import type { Memory } from '../runtime/memory.js';
import { addFrame, MAX_CALL_DEPTH } from '../runtime/stack.js';
import { TrapKind } from '../runtime/trap.js';
import type { RawValue } from '../runtime/values.js';
import { K, W, type FunctionCode } from './code.js';
import * as T from './op-tables.js';
import { shuffle } from './ops-simd.js';
import { trap } from './trap.js';

/** One instance as the interpreter sees it. Defined functions are translated on first call. */
export interface InterpInstance {
  readonly state: InstanceState;
  /** Per defined function: its code, translated on first use. */
  readonly code: (definedIndex: number) => PreparedCode;
}

/** A function's code with the frame template its calls start from. */
export interface PreparedCode {
  readonly fc: FunctionCode;
  /** numSlots entries: locals' zero values, then nulls. A copy is each call's frame (it holds
   * tagged values from the start, so f64 NaN payloads are never canonicalised by the array). */
  readonly template: RawValue[];
}

let depth = 0;

const unaryFns = T.unary.fns;
const binaryFns = T.binary.fns;
const ternaryFns = T.ternary.fns;
const unaryImmFns = T.unaryImm.fns;
const binaryImmFns = T.binaryImm.fns;
const loadOps = T.load.fns;
const storeOps = T.store.fns;

/** Calls `fn` with arguments regs[base..] and leaves its results at regs[base..]. */
export function callFunction(inst: InterpInstance, fn: WasmFunction, regs: RawValue[], base: number): void {
  if (fn.owner === inst) {
    run(inst, inst.code(fn.index - inst.state.module.numImportedFuncs), regs, base);
    return;
  }
  const np = fn.type.params.length;
  const results = fn.invoke(regs.slice(base, base + np));
  for (let i = 0; i < results.length; i++) regs[base + i] = results[i];
}

function memoryOf(state: InstanceState): Memory {
  const m = state.memories[0];
  if (m === undefined) throw new Error('memory instruction in a module without memory');
  return m;
}

function oob(kind: TrapKind.MemoryOutOfBounds | TrapKind.TableOutOfBounds): never {
  return trap(kind);
}

export function run(inst: InterpInstance, prepared: PreparedCode, caller: RawValue[], base: number): void {
  const { fc, template } = prepared;
  if (++depth > MAX_CALL_DEPTH) {
    depth--;
    throw addFrame(new RuntimeError(TrapKind.CallStackExhausted), { funcIndex: fc.funcIndex, name: fc.name });
  }
  try {
    const regs = template.slice();
    for (let i = 0; i < fc.numParams; i++) regs[i] = caller[base + i];
    const code = fc.code;
    const consts = fc.consts;
    const state = inst.state;
    const { functions, globals, tables } = state;
    let pc = 0;
    for (;;) {
      const a = code[pc + 1]!;
      const b = code[pc + 2]!;
      const c = code[pc + 3]!;
      switch (code[pc] as K) {
        case K.Const: regs[a] = consts[b]; break;
        case K.Move: regs[a] = regs[b]; break;
        case K.Unary: regs[a] = unaryFns[b]!(regs[c]); break;
        case K.Binary: regs[a] = binaryFns[b]!(regs[c], regs[code[pc + 4]!]); break;
        case K.Ternary: regs[a] = ternaryFns[b]!(regs[c], regs[code[pc + 4]!], regs[code[pc + 5]!]); break;
        case K.UnaryImm: regs[a] = unaryImmFns[b]!(regs[c], code[pc + 4]!); break;
        case K.BinaryImm: {
          const imm = code[pc + 5]!;
          regs[a] = binaryImmFns[b]!(regs[c], regs[code[pc + 4]!], imm);
          break;
        }
        case K.Select: regs[a] = regs[b] !== 0 ? regs[c] : regs[code[pc + 4]!]; break;
        case K.Jump: pc = a; continue;
        case K.JumpIf: if (regs[a] !== 0) { pc = b; continue; } break;
        case K.JumpIfNot: if (regs[a] === 0) { pc = b; continue; } break;
        case K.JumpTable: {
          const targets = consts[b] as Int32Array;
          const i = (regs[a] as number) >>> 0;
          pc = targets[i < targets.length - 1 ? i : targets.length - 1]!;
          continue;
        }
        case K.Call: callFunction(inst, functions[a]!, regs, b); break;
        case K.CallIndirect: {
          const table = tables[b]!;
          const i = (regs[c + code[pc + 4]!] as number) >>> 0;
          if (i >= table.elements.length) trap(TrapKind.UndefinedElement, String(i));
          const f = table.elements[i] as WasmFunction | null;
          if (f === null) trap(TrapKind.UninitializedElement, String(i));
          if (f.typeId !== state.typeIds[a]) trap(TrapKind.IndirectCallTypeMismatch);
          callFunction(inst, f, regs, c);
          break;
        }
        case K.CallRef: callFunction(inst, regs[a] as WasmFunction, regs, b); break;
        case K.FuncTypeIs: regs[a] = (regs[b] as WasmFunction).typeId === state.typeIds[c] ? 1 : 0; break;
        case K.TrapIf: if (regs[a] !== 0) trap(b as TrapKind); break;
        case K.Return:
          for (let i = 0; i < fc.numResults; i++) caller[base + i] = regs[a + i];
          return;
        case K.GlobalGet: regs[a] = globals[b]!.raw; break;
        case K.GlobalSet: globals[a]!.raw = regs[b]; break;
        case K.Load: {
          const op = loadOps[b]!;
          const m = memoryOf(state);
          const ea = ((regs[c] as number) >>> 0) + (code[pc + 4]! >>> 0);
          if (ea + op.width > m.u8.length) oob(TrapKind.MemoryOutOfBounds);
          regs[a] = op.read(m.view, ea);
          break;
        }
        case K.Store: {
          const op = storeOps[a]!;
          const m = memoryOf(state);
          const ea = ((regs[b] as number) >>> 0) + (code[pc + 4]! >>> 0);
          if (ea + op.width > m.u8.length) oob(TrapKind.MemoryOutOfBounds);
          op.write(m.view, ea, regs[c] as never);
          break;
        }
        case K.Shuffle: regs[a] = shuffle(regs[b] as Uint8Array, regs[c] as Uint8Array, consts[code[pc + 4]!] as Uint8Array); break;
        case K.LoadLane: {
          const m = memoryOf(state);
          const bytes = b >>> 8, lane = b & 0xff;
          const ea = ((regs[c] as number) >>> 0) + (code[pc + 4]! >>> 0);
          if (ea + bytes > m.u8.length) oob(TrapKind.MemoryOutOfBounds);
          const v = (regs[code[pc + 5]!] as Uint8Array).slice();
          v.set(m.u8.subarray(ea, ea + bytes), lane * bytes);
          regs[a] = v;
          break;
        }
        case K.StoreLane: {
          const m = memoryOf(state);
          const bytes = a >>> 8, lane = a & 0xff;
          const ea = ((regs[b] as number) >>> 0) + (code[pc + 4]! >>> 0);
          if (ea + bytes > m.u8.length) oob(TrapKind.MemoryOutOfBounds);
          m.u8.set((regs[c] as Uint8Array).subarray(lane * bytes, lane * bytes + bytes), ea);
          break;
        }
        case K.MemorySize: regs[a] = memoryOf(state).pages; break;
        case K.MemoryGrow: regs[a] = memoryOf(state).growRaw((regs[b] as number) >>> 0); break;
        case K.MemoryFill: {
          const m = memoryOf(state);
          const d = (regs[a] as number) >>> 0, v = regs[b] as number, n = (regs[c] as number) >>> 0;
          if (d + n > m.u8.length) oob(TrapKind.MemoryOutOfBounds);
          m.u8.fill(v & 0xff, d, d + n);
          break;
        }
        case K.MemoryCopy: {
          const m = memoryOf(state);
          const d = (regs[a] as number) >>> 0, s = (regs[b] as number) >>> 0, n = (regs[c] as number) >>> 0;
          if (d + n > m.u8.length || s + n > m.u8.length) oob(TrapKind.MemoryOutOfBounds);
          m.u8.copyWithin(d, s, s + n);
          break;
        }
        case K.MemoryInit: {
          const m = memoryOf(state);
          const data = state.dataSegments[a]!;
          const d = (regs[b] as number) >>> 0, s = (regs[c] as number) >>> 0, n = (regs[code[pc + 4]!] as number) >>> 0;
          if (s + n > data.length || d + n > m.u8.length) oob(TrapKind.MemoryOutOfBounds);
          m.u8.set(data.subarray(s, s + n), d);
          break;
        }
        case K.DataDrop: state.dataSegments[a] = new Uint8Array(0); break;
        case K.TableGet: {
          const t = tables[b]!;
          const i = (regs[c] as number) >>> 0;
          if (i >= t.elements.length) oob(TrapKind.TableOutOfBounds);
          regs[a] = t.elements[i];
          break;
        }
        case K.TableSet: {
          const t = tables[a]!;
          const i = (regs[b] as number) >>> 0;
          if (i >= t.elements.length) oob(TrapKind.TableOutOfBounds);
          t.elements[i] = regs[c];
          break;
        }
        case K.TableSize: regs[a] = tables[b]!.elements.length; break;
        case K.TableGrow: regs[a] = tables[b]!.growRaw((regs[code[pc + 4]!] as number) >>> 0, regs[c]); break;
        case K.TableFill: {
          const t = tables[a]!;
          const i = (regs[b] as number) >>> 0, v = regs[c], n = (regs[code[pc + 4]!] as number) >>> 0;
          if (i + n > t.elements.length) oob(TrapKind.TableOutOfBounds);
          t.elements.fill(v, i, i + n);
          break;
        }
        case K.TableCopy: {
          const dt = tables[a]!, st = tables[b]!;
          const d = (regs[c] as number) >>> 0, s = (regs[code[pc + 4]!] as number) >>> 0, n = (regs[code[pc + 5]!] as number) >>> 0;
          if (d + n > dt.elements.length || s + n > st.elements.length) oob(TrapKind.TableOutOfBounds);
          if (dt === st) dt.elements.copyWithin(d, s, s + n);
          else for (let k = 0; k < n; k++) dt.elements[d + k] = st.elements[s + k];
          break;
        }
        case K.TableInit: {
          const t = tables[b]!;
          const elems = state.elemSegments[a]!;
          const d = (regs[c] as number) >>> 0, s = (regs[code[pc + 4]!] as number) >>> 0, n = (regs[code[pc + 5]!] as number) >>> 0;
          if (s + n > elems.length || d + n > t.elements.length) oob(TrapKind.TableOutOfBounds);
          for (let k = 0; k < n; k++) t.elements[d + k] = elems[s + k];
          break;
        }
        case K.ElemDrop: state.elemSegments[a] = []; break;
        case K.RefNull: regs[a] = null; break;
        case K.RefIsNull: regs[a] = regs[b] === null ? 1 : 0; break;
        case K.RefFunc: regs[a] = functions[b]; break;
        case K.Trap: trap(a as TrapKind); break;
        default: throw new Error(`interpreter: bad instruction kind ${code[pc]} at ${pc}`);
      }
      pc += W;
    }
  } catch (e) {
    throw addFrame(e, { funcIndex: fc.funcIndex, name: fc.name });
  } finally {
    depth--;
  }
}
