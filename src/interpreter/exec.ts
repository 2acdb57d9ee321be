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
  /** Longest a call from the host may run, in ms (0: no limit). */
  readonly timeLimitMs: number;
}

// Time limit: measured from the outermost entry into Wasm, polled every POLL_EVERY backward
// jumps and calls, so even `(loop (br 0))` stops with the `interrupted` trap.
const POLL_EVERY = 4096;
let deadline = Infinity;
let budget = POLL_EVERY;

function poll(): void {
  budget = POLL_EVERY;
  if (performance.now() > deadline) trap(TrapKind.Interrupted);
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

/** Calls a function of another instance or the host: arguments from regs[base..], results back there. */
export function callFunction(inst: InterpInstance, fn: WasmFunction, regs: RawValue[], base: number): void {
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

/** A caller's state, saved while one of the instance's own functions runs. */
class SavedFrame {
  constructor(
    readonly prepared: PreparedCode,
    readonly regs: RawValue[],
    /** Where to continue in the caller. */
    readonly pc: number,
    /** Caller slot receiving the callee's results (its arguments started there too). */
    readonly base: number,
  ) {}
}

/** A new frame for `callee` with its arguments copied from `from[base..]`. */
function newFrame(callee: PreparedCode, from: RawValue[], base: number): RawValue[] {
  const regs = callee.template.slice();
  for (let i = 0; i < callee.fc.numParams; i++) regs[i] = from[base + i];
  return regs;
}

/** Runs a function: arguments from `caller[base..]`, results written back there. Calls to the
 * instance's own functions do not recurse in JS: the caller's state is pushed on a heap stack and
 * the loop continues in the callee, so Wasm recursion depth is bounded by MAX_CALL_DEPTH, not by
 * the JS stack. Calls to anything else (host functions, other instances) go through `invoke`. */
export function run(inst: InterpInstance, entry: PreparedCode, caller: RawValue[], base: number): void {
  const stack: SavedFrame[] = [];
  let prepared = entry;
  let fc = entry.fc;
  if (depth === 0) {
    deadline = inst.timeLimitMs > 0 ? performance.now() + inst.timeLimitMs : Infinity;
    budget = POLL_EVERY;
  }
  if (++depth > MAX_CALL_DEPTH) {
    depth--;
    throw addFrame(new RuntimeError(TrapKind.CallStackExhausted), { funcIndex: fc.funcIndex, name: fc.name });
  }
  try {
    let regs = newFrame(entry, caller, base);
    let code = fc.code;
    let consts = fc.consts;
    const state = inst.state;
    const { functions, globals, tables } = state;
    const numImported = state.module.numImportedFuncs;
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
        case K.Jump:
          if (a <= pc && --budget <= 0) poll();
          pc = a;
          continue;
        case K.JumpIf:
          if (regs[a] !== 0) {
            if (b <= pc && --budget <= 0) poll();
            pc = b;
            continue;
          }
          break;
        case K.JumpIfNot:
          if (regs[a] === 0) {
            if (b <= pc && --budget <= 0) poll();
            pc = b;
            continue;
          }
          break;
        case K.JumpTable: {
          const targets = consts[b] as Int32Array;
          const i = (regs[a] as number) >>> 0;
          pc = targets[i < targets.length - 1 ? i : targets.length - 1]!;
          continue;
        }
        case K.Call: case K.CallIndirect: case K.CallRef: {
          const kind = code[pc] as K;
          let f: WasmFunction;
          let argBase: number;
          if (kind === K.Call) {
            f = functions[a]!;
            argBase = b;
          } else if (kind === K.CallRef) {
            f = regs[a] as WasmFunction;
            argBase = b;
          } else {
            const table = tables[b]!;
            const i = (regs[c + code[pc + 4]!] as number) >>> 0;
            if (i >= table.elements.length) trap(TrapKind.UndefinedElement, String(i));
            const g = table.elements[i] as WasmFunction | null;
            if (g === null) trap(TrapKind.UninitializedElement, String(i));
            if (g.typeId !== state.typeIds[a]) trap(TrapKind.IndirectCallTypeMismatch);
            f = g;
            argBase = c;
          }
          if (f.owner !== inst) {
            callFunction(inst, f, regs, argBase);
            break;
          }
          if (depth + 1 > MAX_CALL_DEPTH) trap(TrapKind.CallStackExhausted);
          if (--budget <= 0) poll();
          depth++;
          stack.push(new SavedFrame(prepared, regs, pc + W, argBase));
          prepared = inst.code(f.index - numImported);
          fc = prepared.fc;
          code = fc.code;
          consts = fc.consts;
          regs = newFrame(prepared, regs, argBase);
          pc = 0;
          continue;
        }
        case K.FuncTypeIs: regs[a] = (regs[b] as WasmFunction).typeId === state.typeIds[c] ? 1 : 0; break;
        case K.TrapIf: if (regs[a] !== 0) trap(b as TrapKind); break;
        case K.Return: {
          const saved = stack.pop();
          const to = saved === undefined ? caller : saved.regs;
          const at = saved === undefined ? base : saved.base;
          for (let i = 0; i < fc.numResults; i++) to[at + i] = regs[a + i];
          if (saved === undefined) return;
          depth--;
          prepared = saved.prepared;
          fc = prepared.fc;
          code = fc.code;
          consts = fc.consts;
          regs = saved.regs;
          pc = saved.pc;
          continue;
        }
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
    let err = addFrame(e, { funcIndex: fc.funcIndex, name: fc.name });
    for (let k = stack.length - 1; k >= 0; k--) {
      const caller = stack[k]!.prepared.fc;
      err = addFrame(err, { funcIndex: caller.funcIndex, name: caller.name });
    }
    throw err;
  } finally {
    depth -= 1 + stack.length;
  }
}
