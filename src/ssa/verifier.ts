// The IR verifier: structure (terminators, links, preds), types (arguments, edge arguments vs.
// block parameters, returns) and SSA dominance (every use is dominated by its definition).
// Runs after every pass in debug mode and in tests; cheap enough to leave on in tests.
import { opInfo } from '../wasm/opcodes.js';
import { FuncType, ValType, valTypeName } from '../wasm/types.js';
import type { WasmModule } from '../wasm/module.js';
import { IrFunction, NONE } from './function.js';
import { Effect, irOpInfo, NUM_OPCODES, Opcode } from './opcodes.js';
import { DomTree } from './passes/dominators.js';
import { printInst } from './printer.js';

const isRef = (t: number): boolean => t === ValType.FuncRef || t === ValType.ExternRef;

/** What the verifier may know about the module, to check calls, globals and tables too. */
export interface VerifyContext {
  /** Type of function `index` in the function index space. */
  funcType(index: number): FuncType | undefined;
  /** Type `index` of the type section. */
  type(index: number): FuncType | undefined;
  globalType(index: number): ValType | undefined;
  tableElemType(index: number): ValType | undefined;
}

/** A VerifyContext over a decoded module. */
export function moduleVerifyContext(m: WasmModule): VerifyContext {
  return {
    funcType: (i) => { const t = m.funcTypeIndices[i]; return t === undefined ? undefined : m.types[t]; },
    type: (i) => m.types[i],
    globalType: (i) => m.allGlobals[i]?.valType,
    tableElemType: (i) => m.allTables[i]?.elemType,
  };
}

/** Returns the list of problems found (empty when the function is well-formed). */
export function verifyFunction(fn: IrFunction, context?: VerifyContext): string[] {
  const errors: string[] = [];
  const where = (i: number): string => `block${fn.instBlock[i]} '${printInst(fn, i)}'`;
  if (fn.layout[0] !== 0 || fn.blockDead[0]) errors.push('entry block0 must be first in the layout and live');
  if (fn.blockPreds[0]!.length > 0) errors.push('entry block0 must have no predecessors');
  const entryParams = fn.blockParams[0]!;
  if (entryParams.length !== fn.params.length || entryParams.some((v, k) => fn.valueType[v] !== fn.params[k])) {
    errors.push('entry block parameters do not match the function parameters');
  }
  const inLayout = new Uint8Array(fn.blockCount);
  for (const b of fn.layout) {
    if (b < 0 || b >= fn.blockCount) { errors.push(`layout names unknown block ${b}`); continue; }
    if (inLayout[b]) errors.push(`block${b} appears twice in the layout`);
    inLayout[b] = 1;
  }
  // Where each value is defined: position of the instruction in its block, -1 for params.
  const pos = new Int32Array(fn.instCount).fill(-1);
  const paramLive = new Uint8Array(fn.valueCount);
  const edgeLive = new Uint8Array(fn.edgeCount);
  for (const b of fn.layout) {
    if (fn.blockDead[b]) continue;
    for (const p of fn.blockParams[b]!) {
      if (fn.valueDef[p] !== ~b) errors.push(`v${p} is listed as a parameter of block${b} but defined elsewhere`);
      paramLive[p] = 1;
    }
    let k = 0;
    let prev = NONE;
    for (let i = fn.blockFirst[b]!; i !== NONE; i = fn.instNext[i]!) {
      if (fn.instBlock[i] !== b || fn.instPrev[i] !== prev) { errors.push(`block${b}: broken instruction links at inst ${i}`); break; }
      if (fn.instOp[i]! >= NUM_OPCODES) { errors.push(`block${b}: inst ${i} has unknown opcode ${fn.instOp[i]}`); break; }
      const term = irOpInfo(fn.instOp[i] as Opcode).terminator;
      if (term && fn.instNext[i] !== NONE) errors.push(`${where(i)}: terminator in the middle of a block`);
      if (term) for (let e = fn.instEdgeStart[i]!; e < fn.instEdgeStart[i]! + fn.instEdgeCount[i]!; e++) edgeLive[e] = 1;
      pos[i] = k++;
      prev = i;
    }
    if (fn.blockLast[b] !== prev) errors.push(`block${b}: last-instruction link is wrong`);
    if (fn.terminator(b) === NONE) errors.push(`block${b} does not end in a terminator`);
  }
  if (errors.length > 0) return errors;

  // Predecessor lists must be exactly the live edges.
  const predCount = new Int32Array(fn.blockCount);
  for (let e = 0; e < fn.edgeCount; e++) {
    if (!edgeLive[e]) continue;
    const t = fn.edgeTarget[e]!;
    if (!inLayout[t] || fn.blockDead[t]) { errors.push(`${where(fn.edgeInst[e]!)}: edge to dead block${t}`); continue; }
    predCount[t]!++;
    if (!fn.blockPreds[t]!.includes(e)) errors.push(`${where(fn.edgeInst[e]!)}: edge ${e} missing from block${t}'s predecessors`);
  }
  for (const b of fn.layout) {
    if (!fn.blockDead[b] && predCount[b] !== fn.blockPreds[b]!.length) {
      errors.push(`block${b} lists ${fn.blockPreds[b]!.length} predecessors but has ${predCount[b]} incoming edges`);
    }
  }

  const dom = new DomTree().compute(fn);
  const checkUse = (v: number, useBlock: number, usePos: number, ctx: string): void => {
    if (v < 0 || v >= fn.valueCount) { errors.push(`${ctx}: unknown value v${v}`); return; }
    const d = fn.valueDef[v]!;
    if (d < 0) {
      if (!paramLive[v]) { errors.push(`${ctx}: v${v} is a removed block parameter`); return; }
    } else if (fn.instBlock[d] === NONE || pos[d] < 0) { errors.push(`${ctx}: v${v} is defined by a removed instruction`); return; }
    if (!dom.isReachable(useBlock)) return;
    const db = fn.valueBlock(v);
    if (db === useBlock) {
      if (d >= 0 && pos[d]! >= usePos) errors.push(`${ctx}: v${v} used before its definition`);
    } else if (!dom.dominates(db, useBlock)) {
      errors.push(`${ctx}: v${v} (defined in block${db}) does not dominate its use`);
    }
  };
  const expectType = (v: number, t: number, ctx: string): void => {
    if (v >= 0 && v < fn.valueCount && fn.valueType[v] !== t) {
      errors.push(`${ctx}: v${v} has type ${valTypeName(fn.valueType[v] as ValType)}, expected ${valTypeName(t as ValType)}`);
    }
  };

  for (const b of fn.layout) {
    if (fn.blockDead[b]) continue;
    for (let i = fn.blockFirst[b]!; i !== NONE; i = fn.instNext[i]!) {
      const op = fn.instOp[i] as Opcode;
      const info = irOpInfo(op);
      const ctx = where(i);
      const n = fn.instArgCount[i]!;
      const s = fn.instArgStart[i]!;
      for (let k = 0; k < n; k++) checkUse(fn.argPool[s + k]!, b, pos[i]!, ctx);
      if (info.numArgs >= 0 && n !== info.numArgs && op !== Opcode.Load) errors.push(`${ctx}: expects ${info.numArgs} arguments, has ${n}`);
      if (info.numResults >= 0 && fn.instResultCount[i] !== info.numResults) errors.push(`${ctx}: expects ${info.numResults} results`);
      const a = (k: number): number => fn.argPool[s + k]!;
      switch (op) {
        case Opcode.Num: case Opcode.Load: case Opcode.Store: {
          const w = opInfo(fn.instImm0[i]!);
          if (w === undefined || w.params === undefined || w.results === undefined) { errors.push(`${ctx}: not a fixed-signature Wasm op`); break; }
          if (w.params.length !== n) { errors.push(`${ctx}: ${w.name} takes ${w.params.length} arguments, has ${n}`); break; }
          for (let k = 0; k < n; k++) expectType(a(k), w.params[k]!, ctx);
          if (w.results.length !== fn.instResultCount[i]) errors.push(`${ctx}: ${w.name} result count mismatch`);
          else if (w.results.length === 1) expectType(fn.instResult[i]!, w.results[0]!, ctx);
          break;
        }
        case Opcode.Select:
          expectType(a(0), ValType.I32, ctx);
          expectType(a(2), fn.valueType[a(1)]!, ctx);
          expectType(fn.instResult[i]!, fn.valueType[a(1)]!, ctx);
          break;
        case Opcode.MemoryGrow: case Opcode.TrapIf: case Opcode.BrIf: case Opcode.BrTable:
          expectType(a(0), ValType.I32, ctx);
          break;
        case Opcode.TableGet: {
          expectType(a(0), ValType.I32, ctx);
          const et = context?.tableElemType(fn.instImm0[i]!);
          if (et !== undefined) expectType(fn.instResult[i]!, et, ctx);
          break;
        }
        case Opcode.MemoryCopy: case Opcode.MemoryFill: case Opcode.MemoryInit: case Opcode.TableCopy: case Opcode.TableInit:
          expectType(a(0), ValType.I32, ctx);
          expectType(a(1), op === Opcode.MemoryFill ? ValType.I32 : ValType.I32, ctx);
          expectType(a(2), ValType.I32, ctx);
          break;
        case Opcode.TableSet:
          expectType(a(0), ValType.I32, ctx);
          if (!isRef(fn.valueType[a(1)]!)) errors.push(`${ctx}: table.set needs a reference`);
          break;
        case Opcode.TableGrow:
          if (!isRef(fn.valueType[a(0)]!)) errors.push(`${ctx}: table.grow needs a reference`);
          expectType(a(1), ValType.I32, ctx);
          break;
        case Opcode.TableFill:
          expectType(a(0), ValType.I32, ctx);
          if (!isRef(fn.valueType[a(1)]!)) errors.push(`${ctx}: table.fill needs a reference`);
          expectType(a(2), ValType.I32, ctx);
          break;
        case Opcode.CallRef: case Opcode.FuncTypeIs:
          if (n < 1) errors.push(`${ctx}: missing funcref argument`);
          else expectType(a(0), ValType.FuncRef, ctx);
          break;
        case Opcode.Call: case Opcode.CallImport: case Opcode.CallRef: {
          if (context === undefined) break;
          const imm = fn.instImm0[i]!;
          const ft = op === Opcode.CallRef ? context.type(imm) : context.funcType(imm);
          if (ft === undefined) { errors.push(`${ctx}: unknown ${op === Opcode.CallRef ? 'type' : 'function'} ${imm}`); break; }
          const skip = op === Opcode.CallRef ? 1 : 0;
          if (n - skip !== ft.params.length) errors.push(`${ctx}: passes ${n - skip} arguments, callee takes ${ft.params.length}`);
          else for (let k = 0; k < ft.params.length; k++) expectType(a(skip + k), ft.params[k]!, ctx);
          if (fn.instResultCount[i] !== ft.results.length) errors.push(`${ctx}: has ${fn.instResultCount[i]} results, callee returns ${ft.results.length}`);
          else for (let k = 0; k < ft.results.length; k++) expectType(fn.instResult[i]! + k, ft.results[k]!, ctx);
          break;
        }
        case Opcode.GlobalGet: case Opcode.GlobalSet: {
          const gt = context?.globalType(fn.instImm0[i]!);
          if (context !== undefined && gt === undefined) errors.push(`${ctx}: unknown global`);
          else if (gt !== undefined) expectType(op === Opcode.GlobalGet ? fn.instResult[i]! : a(0), gt, ctx);
          break;
        }
        case Opcode.Return:
          if (n !== fn.results.length) errors.push(`${ctx}: returns ${n} values, function has ${fn.results.length} results`);
          else for (let k = 0; k < n; k++) expectType(a(k), fn.results[k]!, ctx);
          break;
        default:
          break;
      }
      if (info.effect === Effect.Pure && info.numResults === 1 && fn.instResultCount[i] !== 1) errors.push(`${ctx}: pure op without result`);
      const es = fn.instEdgeStart[i]!;
      const ec = fn.instEdgeCount[i]!;
      const wantEdges = op === Opcode.Jump ? 1 : op === Opcode.BrIf ? 2 : op === Opcode.BrTable ? -1 : 0;
      if (wantEdges >= 0 && ec !== wantEdges) errors.push(`${ctx}: has ${ec} successor edges, expected ${wantEdges}`);
      if (op === Opcode.BrTable && ec < 1) errors.push(`${ctx}: br_table without a default target`);
      for (let e = es; e < es + ec; e++) {
        const t = fn.edgeTarget[e]!;
        const params = fn.blockParams[t]!;
        const m = fn.edgeArgCount[e]!;
        if (m !== params.length) { errors.push(`${ctx}: passes ${m} arguments to block${t}, which has ${params.length} parameters`); continue; }
        for (let k = 0; k < m; k++) {
          const v = fn.edgeArg(e, k);
          checkUse(v, b, pos[i]!, ctx);
          expectType(v, fn.valueType[params[k]!]!, ctx);
        }
      }
    }
  }
  return errors;
}

/** Throws when the function is not well-formed; `stage` names the pass that just ran. */
export function assertValid(fn: IrFunction, stage: string, context?: VerifyContext): void {
  const errors = verifyFunction(fn, context);
  if (errors.length === 0) return;
  const shown = errors.slice(0, 10).join('\n  ');
  const more = errors.length > 10 ? `\n  ... and ${errors.length - 10} more` : '';
  throw new Error(`IR verification failed after ${stage} in ${fn.name || `f${fn.funcIndex}`}:\n  ${shown}${more}`);
}
