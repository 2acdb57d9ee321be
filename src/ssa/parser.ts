// Reads the printer's text form back into an IrFunction, so tests can be written as IR text and
// the printer is checked by round trips. Value and block names are renumbered in order of
// appearance; forward references are allowed (arguments are resolved after all lines are read).
import { Imm, opInfoByName } from '../wasm/opcodes.js';
import { ValType } from '../wasm/types.js';
import { trapMessage, TrapKind } from '../runtime/trap.js';
import { IrFunction } from './function.js';
import { irOpcodeByName, Opcode } from './opcodes.js';

const typeByName: Record<string, ValType> = {
  i32: ValType.I32, i64: ValType.I64, f32: ValType.F32, f64: ValType.F64, v128: ValType.V128,
  funcref: ValType.FuncRef, externref: ValType.ExternRef,
};

const trapByMessage = new Map<string, TrapKind>();
for (let k = 1; k <= 12; k++) trapByMessage.set(trapMessage(k as TrapKind), k as TrapKind);

class ParseError extends Error {}

export function parseFunction(text: string, fn: IrFunction = new IrFunction()): IrFunction {
  const lines = text.split('\n');
  let lineNo = 0;
  const fail = (msg: string): never => { throw new ParseError(`IR parse error at line ${lineNo}: ${msg}`); };
  const typeOf = (name: string): ValType => typeByName[name.trim()] ?? fail(`unknown type '${name}'`);
  const typeList = (s: string): ValType[] => s.trim() === '' ? [] : s.split(',').map(typeOf);

  fn.reset();
  const values = new Map<string, number>();
  const blocks = new Map<string, number>();
  const defined = new Set<number>();
  const fixups: { slot: number; name: string; line: number }[] = [];
  const blockId = (name: string): number => {
    let b = blocks.get(name);
    if (b === undefined) { b = fn.newBlock(); blocks.set(name, b); }
    return b;
  };
  const defineValue = (name: string, v: number): void => {
    if (values.has(name)) fail(`value ${name} defined twice`);
    values.set(name, v);
  };
  const argNames = (s: string): string[] => s.trim() === '' ? [] : s.split(',').map((x) => x.trim());
  const fillArgs = (start: number, names: string[]): void => {
    names.forEach((n, k) => fixups.push({ slot: start + k, name: n, line: lineNo }));
  };

  let current = -1;
  let sawHeader = false;
  for (const raw of lines) {
    lineNo++;
    const line = raw.trim();
    if (line === '' || line === '}') continue;
    if (!sawHeader) {
      const m = /^function (\S+) \(([^)]*)\) -> \(([^)]*)\) \{$/.exec(line) ?? fail('expected a function header');
      fn.name = m[1]!.startsWith('f') && /^f-?\d+$/.test(m[1]!) ? '' : m[1]!;
      if (fn.name === '') fn.funcIndex = Number(m[1]!.slice(1));
      fn.params = typeList(m[2]!);
      fn.results = typeList(m[3]!);
      sawHeader = true;
      continue;
    }
    const header = /^(block\d+)(?:\(([^)]*)\))?:$/.exec(line);
    if (header) {
      current = blockId(header[1]!);
      if (defined.has(current)) fail(`${header[1]} defined twice`);
      defined.add(current);
      fn.layout.push(current);
      for (const p of argNames(header[2] ?? '')) {
        const [name, t] = p.split(':');
        defineValue(name!, fn.addBlockParam(current, typeOf(t ?? '')));
      }
      continue;
    }
    if (current < 0) fail('instruction outside a block');
    parseInst(line);
  }
  for (const f of fixups) {
    const v = values.get(f.name);
    if (v === undefined) { lineNo = f.line; fail(`unknown value ${f.name}`); }
    fn.argPool[f.slot] = v!;
  }
  for (const [name, b] of blocks) if (!defined.has(b)) fail(`${name} is used but never defined`);
  return fn;

  function parseInst(line: string): void {
    let results: [string, ValType][] = [];
    let body = line;
    const eq = /^((?:v\d+:\w+)(?:, v\d+:\w+)*) = (.*)$/.exec(line);
    if (eq) {
      results = eq[1]!.split(', ').map((r) => { const [n, t] = r.split(':'); return [n!, typeOf(t!)]; });
      body = eq[2]!;
    }
    const sp = body.indexOf(' ');
    const name = sp < 0 ? body : body.slice(0, sp);
    const rest = sp < 0 ? '' : body.slice(sp + 1);
    const irOp = irOpcodeByName(name);
    let inst: number;
    if (irOp !== undefined) inst = parseIrOp(irOp, rest);
    else inst = parseWasmOp(name, rest);
    fn.appendInst(current, inst);
    for (const [n, t] of results) defineValue(n, fn.addResult(inst, t));
  }

  function newInst(op: Opcode, args: string[], imm0 = 0, imm1 = 0, imm2 = 0): number {
    const i = fn.newInst(op, args.length, imm0, imm1, imm2);
    fillArgs(fn.instArgStart[i]!, args);
    return i;
  }

  function int(s: string | undefined): number {
    const n = Number(s);
    if (s === undefined || !Number.isInteger(n)) fail(`expected an integer, got '${s}'`);
    return n;
  }

  function hexBytes(s: string): Uint8Array {
    if (!/^[0-9a-f]{32}$/.test(s)) fail(`expected 16 hex bytes, got '${s}'`);
    return Uint8Array.from({ length: 16 }, (_, k) => parseInt(s.slice(2 * k, 2 * k + 2), 16));
  }

  function edges(inst: number, list: string): void {
    for (const m of list.matchAll(/(block\d+)(?:\(([^)]*)\))?/g)) {
      const names = argNames(m[2] ?? '');
      const e = fn.addEdge(inst, blockId(m[1]!), names.length);
      fillArgs(fn.edgeArgStart[e]!, names);
    }
  }

  function parseIrOp(op: Opcode, rest: string): number {
    const words = rest.split(' ');
    switch (op) {
      case Opcode.Iconst32: return newInst(op, [], int(words[0]) | 0);
      case Opcode.Iconst64: {
        const v = BigInt.asIntN(64, BigInt(words[0] ?? fail('missing constant')));
        return newInst(op, [], Number(BigInt.asIntN(32, v)), Number(BigInt.asIntN(32, v >> 32n)));
      }
      case Opcode.Fconst32: return newInst(op, [], Number(words[0]) | 0);
      case Opcode.Fconst64: {
        const v = BigInt(words[0] ?? fail('missing constant'));
        return newInst(op, [], Number(BigInt.asIntN(32, v)), Number(BigInt.asIntN(32, v >> 32n)));
      }
      case Opcode.Vconst: fn.constPool.push(hexBytes(words[0] ?? '')); return newInst(op, [], fn.constPool.length - 1);
      case Opcode.RefNull: return newInst(op, [], typeOf(words[0] ?? ''));
      case Opcode.RefFunc: case Opcode.DataDrop: case Opcode.ElemDrop:
        return newInst(op, [], int(words[0]));
      case Opcode.Call: case Opcode.CallImport: case Opcode.CallRef: case Opcode.FuncTypeIs: {
        const m = /^(\d+)\(([^)]*)\)$/.exec(rest) ?? fail('expected IMM(args)');
        return newInst(op, argNames(m[2]!), int(m[1]));
      }
      case Opcode.TableCopy: case Opcode.TableInit: {
        const m = /^(\d+) (\d+) (.*)$/.exec(rest) ?? fail('expected two immediates and arguments');
        return newInst(op, argNames(m[3]!), int(m[1]), int(m[2]));
      }
      case Opcode.MemoryInit: case Opcode.TableGet: case Opcode.TableSet: case Opcode.TableSize:
      case Opcode.TableGrow: case Opcode.TableFill: case Opcode.GlobalGet: case Opcode.GlobalSet: {
        const m = /^(\d+)(?: (.*))?$/.exec(rest) ?? fail('expected an immediate');
        return newInst(op, argNames(m[2] ?? ''), int(m[1]));
      }
      case Opcode.TrapIf: {
        const m = /^(v\d+), (.*)$/.exec(rest) ?? fail('expected a condition and a trap message');
        return newInst(op, [m[1]!], trapByMessage.get(m[2]!) ?? fail(`unknown trap '${m[2]}'`));
      }
      case Opcode.Trap: return newInst(op, [], trapByMessage.get(rest) ?? fail(`unknown trap '${rest}'`));
      case Opcode.Jump: { const i = newInst(op, []); edges(i, rest); return i; }
      case Opcode.BrIf: {
        const m = /^(v\d+), (.*)$/.exec(rest) ?? fail('expected a condition and two targets');
        const i = newInst(op, [m[1]!]);
        edges(i, m[2]!);
        return i;
      }
      case Opcode.BrTable: {
        const m = /^(v\d+), \[(.*)\]$/.exec(rest) ?? fail('expected an index and [targets]');
        const i = newInst(op, [m[1]!]);
        edges(i, m[2]!);
        return i;
      }
      case Opcode.Num: case Opcode.Load: case Opcode.Store:
        return fail(`'${irOpInfoName(op)}' is printed by its Wasm name`);
      default:
        return newInst(op, argNames(rest));
    }
  }

  function parseWasmOp(name: string, rest: string): number {
    const info = opInfoByName(name) ?? fail(`unknown instruction '${name}'`);
    if (info.imm === Imm.MemArg || info.imm === Imm.MemArgLane) {
      const m = /^(.*) offset=(\d+)(?: lane=(\d+))?$/.exec(rest) ?? fail('expected arguments and offset=');
      const op = info.results?.length === 1 ? Opcode.Load : Opcode.Store;
      return newInst(op, argNames(m[1]!), info.code, Number(m[2]) | 0, m[3] === undefined ? 0 : int(m[3]));
    }
    if (info.imm === Imm.Lane) {
      const m = /^(\d+) (.*)$/.exec(rest) ?? fail('expected a lane and arguments');
      return newInst(Opcode.Num, argNames(m[2]!), info.code, int(m[1]));
    }
    if (info.imm === Imm.Shuffle) {
      const m = /^([0-9a-f]{32}) (.*)$/.exec(rest) ?? fail('expected lane bytes and arguments');
      fn.constPool.push(hexBytes(m[1]!));
      return newInst(Opcode.Num, argNames(m[2]!), info.code, fn.constPool.length - 1);
    }
    return newInst(Opcode.Num, argNames(rest), info.code);
  }
}

function irOpInfoName(op: Opcode): string {
  return op === Opcode.Num ? 'num' : op === Opcode.Load ? 'load' : 'store';
}
