// Optimized SSA IR (src/ssa) → interpretable form (code.ts). Every IR value gets a frame slot
// (the entry block's parameters first, so arguments land in slots 0..n-1); block parameters
// are filled by moves on each edge (through temporary slots when the moves overlap); call
// arguments are gathered into consecutive temporary slots. Blocks are emitted in `fn.layout`
// order and a jump to the next block is left out.
import { bitsToF64 } from '../runtime/const-expr.js';
import { CompileError } from '../runtime/errors.js';
import type { RawValue } from '../runtime/values.js';
import { rawArray } from '../runtime/values.js';
import { NONE, type IrFunction } from '../ssa/function.js';
import { Opcode } from '../ssa/opcodes.js';
import { Imm, opInfo } from '../wasm/opcodes.js';
import { CodeWriter, K, W, type FunctionCode } from './code.js';
import * as T from './op-tables.js';

const SHUFFLE = 0xfd << 12 | 13;
const I32_EQZ = 0x45;


export function translateIr(fn: IrFunction, name: string | undefined): FunctionCode {
  const out = new CodeWriter();
  const consts: RawValue[] = rawArray(1); // tagged from the start (see rawArray); entry 0 unused
  const addConst = (v: RawValue): number => { consts.push(v); return consts.length - 1; };
  const fail = (msg: string): never => { throw new CompileError(`function ${fn.funcIndex}: ${msg}`); };

  // Slots: entry parameters first, then every other value, then temporaries.
  const slotOf = new Int32Array(fn.valueCount).fill(-1);
  const entryParams = fn.blockParams[0] ?? [];
  entryParams.forEach((v, i) => { slotOf[v] = i; });
  let next = entryParams.length;
  for (let v = 0; v < fn.valueCount; v++) if (slotOf[v] === -1) slotOf[v] = next++;
  const tempBase = next;
  let maxTemps = 0;
  const useTemps = (n: number): number => { if (n > maxTemps) maxTemps = n; return tempBase; };
  const s = (v: number): number => slotOf[v]!;

  const presetSlots: number[] = [];
  const presetValues = rawArray(0);
  const preset = (slot: number, v: RawValue): void => { presetSlots.push(slot); presetValues.push(v); };
  const blockPc = new Int32Array(fn.blockCount).fill(-1);
  const fixups: number[] = []; // pairs: code position, block
  const jumpTo = (block: number): void => { fixups.push(out.emit(K.Jump, -1) + 1, block); };

  /** The moves of edge `e` into its target's parameters, as a parallel copy. */
  const edgeMoves = (e: number): void => {
    const target = fn.edgeTarget[e]!;
    const params = fn.blockParams[target]!;
    const n = fn.edgeArgCount[e]!;
    const dsts: number[] = [], srcs: number[] = [];
    for (let k = 0; k < n; k++) {
      const d = s(params[k]!), src = s(fn.edgeArg(e, k));
      if (d !== src) { dsts.push(d); srcs.push(src); }
    }
    if (dsts.length === 0) return;
    const overlap = srcs.some((x) => dsts.includes(x));
    if (!overlap) {
      for (let k = 0; k < dsts.length; k++) out.emit(K.Move, dsts[k], srcs[k]);
      return;
    }
    const t = useTemps(dsts.length);
    for (let k = 0; k < dsts.length; k++) out.emit(K.Move, t + k, srcs[k]);
    for (let k = 0; k < dsts.length; k++) out.emit(K.Move, dsts[k], t + k);
  };
  const hasMoves = (e: number): boolean => {
    const params = fn.blockParams[fn.edgeTarget[e]!]!;
    for (let k = 0; k < fn.edgeArgCount[e]!; k++) if (s(params[k]!) !== s(fn.edgeArg(e, k))) return true;
    return false;
  };

  /** Copies instruction `i`'s arguments from `from` into consecutive temps; returns the base. */
  const gather = (i: number, from: number): number => {
    const n = fn.instArgCount[i]! - from;
    const t = useTemps(Math.max(n, fn.instResultCount[i]!));
    for (let k = 0; k < n; k++) out.emit(K.Move, t + k, s(fn.arg(i, from + k)));
    return t;
  };
  const scatterResults = (i: number, base: number): void => {
    const r = fn.instResult[i]!;
    for (let k = 0; k < fn.instResultCount[i]!; k++) out.emit(K.Move, s(r + k), base + k);
  };

  // `brif (i32.eqz x)` where the eqz has no other use becomes one inverted conditional jump.
  const uses = new Int32Array(fn.valueCount);
  for (let i = 0; i < fn.instCount; i++) {
    if (fn.instBlock[i] === NONE) continue;
    for (let k = 0; k < fn.instArgCount[i]!; k++) uses[fn.arg(i, k)]!++;
    const es = fn.instEdgeStart[i]!;
    for (let e = es; e < es + fn.instEdgeCount[i]!; e++) for (let k = 0; k < fn.edgeArgCount[e]!; k++) uses[fn.edgeArg(e, k)]!++;
  }
  const negated = new Int32Array(fn.valueCount).fill(-1); // eqz result → its operand, when fused
  const fusableEqz = (i: number, block: number): boolean => {
    if (fn.instOp[i] !== Opcode.Num || fn.instImm0[i] !== I32_EQZ) return false;
    const t = fn.terminator(block);
    const r = fn.instResult[i]!;
    return t !== NONE && fn.instOp[t] === Opcode.BrIf && fn.arg(t, 0) === r && uses[r] === 1;
  };

  const layout = fn.layout.filter((b) => fn.blockDead[b] === 0);
  layout.forEach((block, li) => {
    blockPc[block] = out.len;
    const nextBlock = layout[li + 1] ?? NONE;
    for (let i = fn.blockFirst[block]!; i !== NONE; i = fn.instNext[i]!) {
      const op = fn.instOp[i] as Opcode;
      const imm0 = fn.instImm0[i]!, imm1 = fn.instImm1[i]!, imm2 = fn.instImm2[i]!;
      const dst = fn.instResultCount[i]! > 0 ? s(fn.instResult[i]!) : 0;
      const a = (k: number): number => s(fn.arg(i, k));
      switch (op) {
        // Constants: each SSA value has its own slot, so it is filled once in the frame template.
        case Opcode.Iconst32: preset(dst, imm0 | 0); break;
        case Opcode.Iconst64: preset(dst, BigInt.asIntN(64, (BigInt(imm1) << 32n) | BigInt(imm0 >>> 0))); break;
        case Opcode.Fconst32: preset(dst, imm0 | 0); break;
        case Opcode.Fconst64: preset(dst, bitsToF64((BigInt(imm1 >>> 0) << 32n) | BigInt(imm0 >>> 0))); break;
        case Opcode.Vconst: preset(dst, new Uint8Array(fn.constPool[imm0]!)); break;
        case Opcode.RefNull: preset(dst, null); break;
        case Opcode.RefFunc: out.emit(K.RefFunc, dst, imm0); break;
        case Opcode.Num:
          if (fusableEqz(i, block)) negated[fn.instResult[i]!] = fn.arg(i, 0);
          else emitNum(i, imm0, imm1, dst, a);
          break;
        case Opcode.Select: out.emit(K.Select, dst, a(0), a(1), a(2)); break;
        case Opcode.RefIsNull: out.emit(K.RefIsNull, dst, a(0)); break;
        case Opcode.Load: {
          const info = opInfo(imm0) ?? fail(`unknown load 0x${imm0.toString(16)}`);
          if (info.imm === Imm.MemArgLane) {
            out.emit(K.LoadLane, dst, ((1 << info.naturalAlign) << 8) | imm2, a(0), imm1, a(1));
          } else {
            const idx = T.load.byCode.get(imm0) ?? fail(`no load '${info.name}'`);
            out.emit(K.Load, dst, idx, a(0), imm1);
          }
          break;
        }
        case Opcode.Store: {
          const info = opInfo(imm0) ?? fail(`unknown store 0x${imm0.toString(16)}`);
          if (info.imm === Imm.MemArgLane) {
            out.emit(K.StoreLane, ((1 << info.naturalAlign) << 8) | imm2, a(0), a(1), imm1);
          } else {
            const idx = T.store.byCode.get(imm0) ?? fail(`no store '${info.name}'`);
            out.emit(K.Store, idx, a(0), a(1), imm1);
          }
          break;
        }
        case Opcode.MemorySize: out.emit(K.MemorySize, dst); break;
        case Opcode.MemoryGrow: out.emit(K.MemoryGrow, dst, a(0)); break;
        case Opcode.MemoryCopy: out.emit(K.MemoryCopy, a(0), a(1), a(2)); break;
        case Opcode.MemoryFill: out.emit(K.MemoryFill, a(0), a(1), a(2)); break;
        case Opcode.MemoryInit: out.emit(K.MemoryInit, imm0, a(0), a(1), a(2)); break;
        case Opcode.DataDrop: out.emit(K.DataDrop, imm0); break;
        case Opcode.TableGet: out.emit(K.TableGet, dst, imm0, a(0)); break;
        case Opcode.TableSet: out.emit(K.TableSet, imm0, a(0), a(1)); break;
        case Opcode.TableSize: out.emit(K.TableSize, dst, imm0); break;
        case Opcode.TableGrow: out.emit(K.TableGrow, dst, imm0, a(0), a(1)); break;
        case Opcode.TableFill: out.emit(K.TableFill, imm0, a(0), a(1), a(2)); break;
        case Opcode.TableCopy: out.emit(K.TableCopy, imm0, imm1, a(0), a(1), a(2)); break;
        case Opcode.TableInit: out.emit(K.TableInit, imm0, imm1, a(0), a(1), a(2)); break;
        case Opcode.ElemDrop: out.emit(K.ElemDrop, imm0); break;
        case Opcode.GlobalGet: out.emit(K.GlobalGet, dst, imm0); break;
        case Opcode.GlobalSet: out.emit(K.GlobalSet, imm0, a(0)); break;
        case Opcode.Call: case Opcode.CallImport: {
          const base = gather(i, 0);
          out.emit(K.Call, imm0, base);
          scatterResults(i, base);
          break;
        }
        case Opcode.CallRef: {
          const base = gather(i, 1);
          out.emit(K.CallRef, a(0), base);
          scatterResults(i, base);
          break;
        }
        case Opcode.FuncTypeIs: out.emit(K.FuncTypeIs, dst, a(0), imm0); break;
        case Opcode.TrapIf: out.emit(K.TrapIf, a(0), imm0); break;
        case Opcode.Trap: out.emit(K.Trap, imm0); break;
        case Opcode.Return: {
          const n = fn.instArgCount[i]!;
          let consecutive = true;
          for (let k = 1; k < n; k++) if (a(k) !== a(0) + k) consecutive = false;
          out.emit(K.Return, n === 0 ? 0 : consecutive ? a(0) : gather(i, 0));
          break;
        }
        case Opcode.Jump: {
          const e = fn.instEdgeStart[i]!;
          edgeMoves(e);
          if (fn.edgeTarget[e] !== nextBlock) jumpTo(fn.edgeTarget[e]!);
          break;
        }
        case Opcode.BrIf: {
          const e0 = fn.instEdgeStart[i]!, e1 = e0 + 1;
          const t0 = fn.edgeTarget[e0]!, t1 = fn.edgeTarget[e1]!;
          const inner = negated[fn.arg(i, 0)]!;
          const cond = inner >= 0 ? s(inner) : a(0);
          const jumpIf = inner >= 0 ? K.JumpIfNot : K.JumpIf;
          const jumpIfNot = inner >= 0 ? K.JumpIf : K.JumpIfNot;
          if (!hasMoves(e0)) {
            fixups.push(out.emit(jumpIf, cond, -1) + 2, t0);
          } else {
            const skip = out.emit(jumpIfNot, cond, -1);
            edgeMoves(e0);
            jumpTo(t0);
            out.code[skip + 2] = out.len;
          }
          edgeMoves(e1);
          if (t1 !== nextBlock) jumpTo(t1);
          break;
        }
        case Opcode.BrTable: {
          const es = fn.instEdgeStart[i]!, n = fn.instEdgeCount[i]!;
          const targets = new Int32Array(n);
          out.emit(K.JumpTable, a(0), addConst(targets));
          for (let k = 0; k < n; k++) {
            targets[k] = out.len;
            edgeMoves(es + k);
            jumpTo(fn.edgeTarget[es + k]!);
          }
          break;
        }
        default: fail(`unknown IR opcode ${op as number}`);
      }
    }
  });
  for (let k = 0; k < fixups.length; k += 2) {
    const pc = blockPc[fixups[k + 1]!]!;
    if (pc < 0) fail(`jump to a block that was not emitted`);
    out.code[fixups[k]!] = pc;
  }

  function emitNum(i: number, code: number, imm1: number, dst: number, a: (k: number) => number): void {
    let idx: number | undefined;
    if (code === SHUFFLE) {
      out.emit(K.Shuffle, dst, a(0), a(1), addConst(new Uint8Array(fn.constPool[imm1]!)));
    } else if ((idx = T.unary.byCode.get(code)) !== undefined) {
      out.emit(K.Unary, dst, idx, a(0));
    } else if ((idx = T.binary.byCode.get(code)) !== undefined) {
      out.emit(K.Binary, dst, idx, a(0), a(1));
    } else if ((idx = T.ternary.byCode.get(code)) !== undefined) {
      out.emit(K.Ternary, dst, idx, a(0), a(1), a(2));
    } else if ((idx = T.unaryImm.byCode.get(code)) !== undefined) {
      out.emit(K.UnaryImm, dst, idx, a(0), imm1);
    } else if ((idx = T.binaryImm.byCode.get(code)) !== undefined) {
      out.emit(K.BinaryImm, dst, idx, a(0), a(1), imm1);
    } else {
      fail(`no semantics for '${opInfo(code)?.name ?? code}' (instruction ${i})`);
    }
  }

  return {
    funcIndex: fn.funcIndex,
    name,
    code: out.code.slice(0, out.len),
    consts,
    numParams: entryParams.length,
    numResults: fn.results.length,
    localTypes: [],
    numSlots: tempBase + maxTemps + 1,
    presetSlots,
    presetValues,
  };
}
