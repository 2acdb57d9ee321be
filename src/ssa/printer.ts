// The stable text form of a function. One instruction a line, values as vN:type at their
// definition, blocks as blockN(params). Constants print their exact bits so NaN payloads show.
import { Imm, opInfo } from '../wasm/opcodes.js';
import { ValType, valTypeName } from '../wasm/types.js';
import { trapMessage, TrapKind } from '../runtime/trap.js';
import { IrFunction, NONE } from './function.js';
import { irOpInfo, Opcode } from './opcodes.js';

const hex32 = (n: number): string => '0x' + (n >>> 0).toString(16).padStart(8, '0');

function hex64(lo: number, hi: number): string {
  return '0x' + (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

function bytesText(bytes: Uint8Array | undefined): string {
  if (bytes === undefined) return '<missing constant>';
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function val(v: number): string {
  return v === NONE ? '<none>' : `v${v}`;
}

function argList(fn: IrFunction, start: number, count: number): string {
  const parts: string[] = [];
  for (let k = 0; k < count; k++) parts.push(val(fn.argPool[start + k]!));
  return parts.join(', ');
}

function edgeText(fn: IrFunction, e: number): string {
  const n = fn.edgeArgCount[e]!;
  const target = `block${fn.edgeTarget[e]}`;
  return n === 0 ? target : `${target}(${argList(fn, fn.edgeArgStart[e]!, n)})`;
}

/** The text of instruction `i` (without indentation). */
export function printInst(fn: IrFunction, i: number): string {
  const op = fn.instOp[i] as Opcode;
  const info = irOpInfo(op);
  const imm0 = fn.instImm0[i]!;
  const imm1 = fn.instImm1[i]!;
  const args = argList(fn, fn.instArgStart[i]!, fn.instArgCount[i]!);
  let lhs = '';
  const rc = fn.instResultCount[i]!;
  if (rc > 0) {
    const rs: string[] = [];
    for (let k = 0; k < rc; k++) {
      const v = fn.instResult[i]! + k;
      rs.push(`v${v}:${valTypeName(fn.valueType[v] as ValType)}`);
    }
    lhs = rs.join(', ') + ' = ';
  }
  let body: string;
  switch (op) {
    case Opcode.Iconst32: body = `iconst32 ${imm0}`; break;
    case Opcode.Iconst64: body = `iconst64 ${BigInt.asIntN(64, (BigInt(imm1) << 32n) | BigInt(imm0 >>> 0))}`; break;
    case Opcode.Fconst32: body = `fconst32 ${hex32(imm0)}`; break;
    case Opcode.Fconst64: body = `fconst64 ${hex64(imm0, imm1)}`; break;
    case Opcode.Vconst: body = `vconst ${bytesText(fn.constPool[imm0])}`; break;
    case Opcode.RefNull: body = `ref.null ${valTypeName(imm0 as ValType)}`; break;
    case Opcode.RefFunc: body = `ref.func ${imm0}`; break;
    case Opcode.Num: {
      const w = opInfo(imm0);
      const name = w?.name ?? `<wasm 0x${imm0.toString(16)}>`;
      if (w?.imm === Imm.Shuffle) body = `${name} ${bytesText(fn.constPool[imm1])} ${args}`;
      else if (w?.imm === Imm.Lane) body = `${name} ${imm1} ${args}`;
      else body = `${name} ${args}`;
      break;
    }
    case Opcode.Load: case Opcode.Store: {
      const w = opInfo(imm0);
      const lane = w?.imm === Imm.MemArgLane ? ` lane=${fn.instImm2[i]}` : '';
      body = `${w?.name ?? `<wasm 0x${imm0.toString(16)}>`} ${args} offset=${imm1 >>> 0}${lane}`;
      break;
    }
    case Opcode.TrapIf: body = `trap_if ${args}, ${trapMessage(imm0 as TrapKind)}`; break;
    case Opcode.Trap: body = `trap ${trapMessage(imm0 as TrapKind)}`; break;
    case Opcode.Jump: body = `jump ${edgeText(fn, fn.instEdgeStart[i]!)}`; break;
    case Opcode.BrIf: {
      const e = fn.instEdgeStart[i]!;
      body = `brif ${args}, ${edgeText(fn, e)}, ${edgeText(fn, e + 1)}`;
      break;
    }
    case Opcode.BrTable: {
      const es = fn.instEdgeStart[i]!;
      const parts: string[] = [];
      for (let e = es; e < es + fn.instEdgeCount[i]!; e++) parts.push(edgeText(fn, e));
      body = `br_table ${args}, [${parts.join(', ')}]`;
      break;
    }
    case Opcode.Call: case Opcode.CallImport: case Opcode.CallRef: case Opcode.FuncTypeIs:
      body = `${info.name} ${imm0}(${args})`;
      break;
    case Opcode.TableCopy: case Opcode.TableInit:
      body = `${info.name} ${imm0} ${imm1} ${args}`;
      break;
    case Opcode.MemoryInit: case Opcode.DataDrop: case Opcode.TableGet: case Opcode.TableSet:
    case Opcode.TableSize: case Opcode.TableGrow: case Opcode.TableFill: case Opcode.ElemDrop:
    case Opcode.GlobalGet: case Opcode.GlobalSet:
      body = args === '' ? `${info.name} ${imm0}` : `${info.name} ${imm0} ${args}`;
      break;
    default:
      body = args === '' ? info.name : `${info.name} ${args}`;
  }
  return lhs + body;
}

export function printBlockHeader(fn: IrFunction, b: number): string {
  const ps = fn.blockParams[b]!.map((v) => `v${v}:${valTypeName(fn.valueType[v] as ValType)}`);
  return ps.length === 0 ? `block${b}:` : `block${b}(${ps.join(', ')}):`;
}

/** Prints the whole function in layout order. */
export function printFunction(fn: IrFunction): string {
  const lines: string[] = [];
  const sig = `(${fn.params.map(valTypeName).join(', ')}) -> (${fn.results.map(valTypeName).join(', ')})`;
  lines.push(`function ${fn.name === '' ? `f${fn.funcIndex}` : fn.name} ${sig} {`);
  for (const b of fn.layout) {
    if (fn.blockDead[b]) continue;
    lines.push(printBlockHeader(fn, b));
    for (let i = fn.blockFirst[b]!; i !== NONE; i = fn.instNext[i]!) lines.push('  ' + printInst(fn, i));
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
