// Wasm function body → interpretable form (see code.ts). Operand-stack height h lives in slot
// numLocals + h, so instruction operands are slot numbers known at translation time, call
// arguments are already consecutive, and a branch is a few moves plus a jump.
//
// The design feeds the interpreter from the optimized SSA IR; until the frontend (branch `ssa`)
// is available this translator reads the validated Wasm body directly. It assumes validation
// passed and reports anything it cannot handle as a CompileError.
import { CompileError } from '../runtime/errors.js';
import { TrapKind } from '../runtime/trap.js';
import { defaultRaw, rawArray, type RawValue } from '../runtime/values.js';
import { bitsToF64 } from '../runtime/const-expr.js';
import { functionNames } from '../runtime/names.js';
import type { WasmModule } from '../wasm/module.js';
import { Imm, opInfoByte, opInfoPrefixed, PREFIX_MISC, PREFIX_SIMD, type OpInfo } from '../wasm/opcodes.js';
import { Reader } from '../wasm/reader.js';
import type { ValType } from '../wasm/types.js';
import { CodeWriter, K, W, type FunctionCode } from './code.js';
import * as T from './op-tables.js';

interface Ctl {
  readonly isLoop: boolean;
  readonly isIf: boolean;
  /** Stack height below the block's parameters. */
  readonly height: number;
  readonly numParams: number;
  readonly numResults: number;
  /** Loop head pc (loops). */
  readonly start: number;
  /** Code positions of jump targets to patch with the block's end. */
  readonly fixups: number[];
  /** Position of the if's false-branch jump target, -1 once consumed. */
  elseFixup: number;
}


export function translateFunction(module: WasmModule, definedIndex: number): FunctionCode {
  const funcIndex = module.numImportedFuncs + definedIndex;
  const type = module.types[module.functions[definedIndex]!]!;
  const body = module.code[definedIndex]!;
  const localTypes: ValType[] = [];
  for (const decl of body.locals) for (let i = 0; i < decl.count; i++) localTypes.push(decl.type);
  const numLocals = type.params.length + localTypes.length;
  const r = new Reader(module.bytes, body.codeStart, body.codeEnd);
  const out = new CodeWriter();
  const consts: RawValue[] = rawArray(1); // starts tagged (see rawArray); entry 0 unused
  const slot = (h: number): number => numLocals + h;
  let h = 0;
  let maxH = 0;
  const push = (n = 1): number => { h += n; if (h > maxH) maxH = h; return slot(h - 1); };
  const ctls: Ctl[] = [{
    isLoop: false, isIf: false, height: 0, numParams: 0, numResults: type.results.length,
    start: 0, fixups: [], elseFixup: -1,
  }];
  let dead = false;
  let deadDepth = 0;
  const fail = (msg: string): never => { throw new CompileError(`function ${funcIndex}: ${msg}`, r.pos); };

  const blockArity = (bt: number): [number, number] => {
    if (bt === -64) return [0, 0];
    if (bt < 0) return [0, 1];
    const t = module.types[bt] ?? fail(`bad block type ${bt}`);
    return [t.params.length, t.results.length];
  };
  const addConst = (v: RawValue): number => { consts.push(v); return consts.length - 1; };
  const moves = (from: number, to: number, n: number): void => {
    if (from === to) return;
    for (let i = 0; i < n; i++) out.emit(K.Move, slot(to + i), slot(from + i));
  };
  /** Moves branch values into place and jumps to label `depth`. */
  const branch = (depth: number): void => {
    const c = ctls[ctls.length - 1 - depth] ?? fail(`bad label ${depth}`);
    const arity = c.isLoop ? c.numParams : c.numResults;
    moves(h - arity, c.height, arity);
    const at = out.emit(K.Jump, c.isLoop ? c.start : -1);
    if (!c.isLoop) c.fixups.push(at + 1);
  };
  const becomeDead = (): void => { dead = true; deadDepth = 0; };

  while (r.pos < r.end) {
    const byte = r.u8();
    let info: OpInfo | undefined;
    if (byte === PREFIX_MISC || byte === PREFIX_SIMD) info = opInfoPrefixed(byte, r.u32());
    else info = opInfoByte(byte);
    const op: OpInfo = info ?? fail(`unknown opcode 0x${byte.toString(16)}`);
    const name = op.name;

    if (dead) {
      if (name === 'block' || name === 'loop' || name === 'if') { deadDepth++; skipImm(r, op); continue; }
      if (name === 'end' && deadDepth > 0) { deadDepth--; continue; }
      if (name !== 'end' && !(name === 'else' && deadDepth === 0)) { skipImm(r, op); continue; }
      dead = false;
    }

    switch (name) {
      case 'unreachable': out.emit(K.Trap, TrapKind.Unreachable); becomeDead(); continue;
      case 'nop': continue;
      case 'block': case 'loop': case 'if': {
        const [np, nr] = blockArity(r.s33());
        if (name === 'if') h--;
        const c: Ctl = {
          isLoop: name === 'loop', isIf: name === 'if', height: h - np, numParams: np, numResults: nr,
          start: out.len, fixups: [], elseFixup: -1,
        };
        if (name === 'if') c.elseFixup = out.emit(K.JumpIfNot, slot(h), -1) + 2;
        ctls.push(c);
        continue;
      }
      case 'else': {
        const c = ctls[ctls.length - 1]!;
        c.fixups.push(out.emit(K.Jump, -1) + 1);
        out.code[c.elseFixup] = out.len;
        c.elseFixup = -1;
        h = c.height + c.numParams;
        continue;
      }
      case 'end': {
        const c = ctls.pop()!;
        if (c.elseFixup >= 0) out.code[c.elseFixup] = out.len;
        for (const f of c.fixups) out.code[f] = out.len;
        h = c.height + c.numResults;
        if (h > maxH) maxH = h;
        if (ctls.length === 0) {
          out.emit(K.Return, slot(0));
          if (r.pos !== r.end) fail('code after the function end');
        }
        continue;
      }
      case 'br': branch(r.u32()); becomeDead(); continue;
      case 'br_if': {
        const depth = r.u32();
        h--;
        const skip = out.emit(K.JumpIfNot, slot(h), -1);
        branch(depth);
        out.code[skip + 2] = out.len;
        continue;
      }
      case 'br_table': {
        const n = r.vecLength();
        const labels: number[] = [];
        for (let i = 0; i <= n; i++) labels.push(r.u32());
        h--;
        const targets = new Int32Array(n + 1);
        const tableConst = addConst(targets);
        out.emit(K.JumpTable, slot(h), tableConst);
        labels.forEach((l, i) => { targets[i] = out.len; branch(l); });
        becomeDead();
        continue;
      }
      case 'return': {
        const n = type.results.length;
        out.emit(K.Return, slot(h - n));
        becomeDead();
        continue;
      }
      case 'call': {
        const f = r.u32();
        const ft = module.types[module.funcTypeIndices[f] ?? -1] ?? fail(`bad function index ${f}`);
        h -= ft.params.length;
        out.emit(K.Call, f, slot(h));
        push(ft.results.length);
        continue;
      }
      case 'call_indirect': {
        const ti = r.u32();
        const table = r.u32();
        const ft = module.types[ti] ?? fail(`bad type index ${ti}`);
        h -= ft.params.length + 1;
        out.emit(K.CallIndirect, ti, table, slot(h), ft.params.length);
        h += ft.results.length;
        if (h > maxH) maxH = h;
        continue;
      }
      case 'drop': h--; continue;
      case 'select': case 'select_t': {
        if (name === 'select_t') { const n = r.vecLength(); for (let i = 0; i < n; i++) r.u8(); }
        h -= 3;
        out.emit(K.Select, slot(h), slot(h + 2), slot(h), slot(h + 1));
        h++;
        continue;
      }
      case 'local.get': out.emit(K.Move, push(), r.u32()); continue;
      case 'local.set': h--; out.emit(K.Move, r.u32(), slot(h)); continue;
      case 'local.tee': out.emit(K.Move, r.u32(), slot(h - 1)); continue;
      case 'global.get': out.emit(K.GlobalGet, push(), r.u32()); continue;
      case 'global.set': h--; out.emit(K.GlobalSet, r.u32(), slot(h)); continue;
      case 'table.get': out.emit(K.TableGet, slot(h - 1), r.u32(), slot(h - 1)); continue;
      case 'table.set': h -= 2; out.emit(K.TableSet, r.u32(), slot(h), slot(h + 1)); continue;
      case 'table.size': out.emit(K.TableSize, push(), r.u32()); continue;
      case 'table.grow': h -= 2; out.emit(K.TableGrow, slot(h), r.u32(), slot(h), slot(h + 1)); h++; continue;
      case 'table.fill': h -= 3; out.emit(K.TableFill, r.u32(), slot(h), slot(h + 1), slot(h + 2)); continue;
      case 'table.copy': { h -= 3; const d = r.u32(); out.emit(K.TableCopy, d, r.u32(), slot(h), slot(h + 1), slot(h + 2)); continue; }
      case 'table.init': { h -= 3; const seg = r.u32(); out.emit(K.TableInit, seg, r.u32(), slot(h), slot(h + 1), slot(h + 2)); continue; }
      case 'elem.drop': out.emit(K.ElemDrop, r.u32()); continue;
      case 'memory.size': r.u8(); out.emit(K.MemorySize, push()); continue;
      case 'memory.grow': r.u8(); out.emit(K.MemoryGrow, slot(h - 1), slot(h - 1)); continue;
      case 'memory.fill': r.u8(); h -= 3; out.emit(K.MemoryFill, slot(h), slot(h + 1), slot(h + 2)); continue;
      case 'memory.copy': r.u8(); r.u8(); h -= 3; out.emit(K.MemoryCopy, slot(h), slot(h + 1), slot(h + 2)); continue;
      case 'memory.init': { const seg = r.u32(); r.u8(); h -= 3; out.emit(K.MemoryInit, seg, slot(h), slot(h + 1), slot(h + 2)); continue; }
      case 'data.drop': out.emit(K.DataDrop, r.u32()); continue;
      case 'i32.const': out.emit(K.Const, push(), addConst(r.s32())); continue;
      case 'i64.const': out.emit(K.Const, push(), addConst(r.s64())); continue;
      case 'f32.const': out.emit(K.Const, push(), addConst(r.u32Fixed() | 0)); continue;
      case 'f64.const': out.emit(K.Const, push(), addConst(bitsToF64(r.u64Fixed()))); continue;
      case 'v128.const': out.emit(K.Const, push(), addConst(new Uint8Array(r.bytesView(16)))); continue;
      case 'ref.null': r.u8(); out.emit(K.RefNull, push()); continue;
      case 'ref.is_null': out.emit(K.RefIsNull, slot(h - 1), slot(h - 1)); continue;
      case 'ref.func': out.emit(K.RefFunc, push(), r.u32()); continue;
      case 'i8x16.shuffle': {
        h--;
        out.emit(K.Shuffle, slot(h - 1), slot(h - 1), slot(h), addConst(new Uint8Array(r.bytesView(16))));
        continue;
      }
    }
    if (op.imm === Imm.MemArgLane) {
      r.u32(); const offset = r.u32(); const lane = r.u8();
      const bytes = 1 << op.naturalAlign;
      h -= 2;
      if (name.startsWith('v128.load')) {
        out.emit(K.LoadLane, slot(h), (bytes << 8) | lane, slot(h), offset, slot(h + 1));
        h++;
      } else {
        out.emit(K.StoreLane, (bytes << 8) | lane, slot(h), slot(h + 1), offset);
      }
      continue;
    }

    // Families driven by the semantic tables.
    const code = op.code;
    let idx: number | undefined;
    if ((idx = T.load.byCode.get(code)) !== undefined) {
      r.u32(); const offset = r.u32();
      out.emit(K.Load, slot(h - 1), idx, slot(h - 1), offset);
    } else if ((idx = T.store.byCode.get(code)) !== undefined) {
      r.u32(); const offset = r.u32();
      h -= 2;
      out.emit(K.Store, idx, slot(h), slot(h + 1), offset);
    } else if ((idx = T.unary.byCode.get(code)) !== undefined) {
      out.emit(K.Unary, slot(h - 1), idx, slot(h - 1));
    } else if ((idx = T.binary.byCode.get(code)) !== undefined) {
      h--;
      out.emit(K.Binary, slot(h - 1), idx, slot(h - 1), slot(h));
    } else if ((idx = T.ternary.byCode.get(code)) !== undefined) {
      h -= 2;
      out.emit(K.Ternary, slot(h - 1), idx, slot(h - 1), slot(h), slot(h + 1));
    } else if ((idx = T.unaryImm.byCode.get(code)) !== undefined) {
      out.emit(K.UnaryImm, slot(h - 1), idx, slot(h - 1), r.u8());
    } else if ((idx = T.binaryImm.byCode.get(code)) !== undefined) {
      h--;
      out.emit(K.BinaryImm, slot(h - 1), idx, slot(h - 1), slot(h), r.u8());
    } else {
      fail(`the interpreter does not support '${name}' yet`);
    }
  }
  if (ctls.length !== 0) fail('missing end');
  return {
    funcIndex,
    name: functionNames(module).get(funcIndex),
    code: out.code.slice(0, out.len),
    consts,
    numParams: type.params.length,
    numResults: type.results.length,
    localTypes,
    numSlots: numLocals + maxH + 1,
    presetSlots: [],
    presetValues: [],
  };
}

/** Skips an instruction's immediates (inside unreachable code). */
function skipImm(r: Reader, op: OpInfo): void {
  switch (op.imm) {
    case Imm.None: return;
    case Imm.BlockType: r.s33(); return;
    case Imm.Label: case Imm.Func: case Imm.Local: case Imm.Global: case Imm.Table:
    case Imm.Data: case Imm.Elem: r.u32(); return;
    case Imm.BrTable: { const n = r.vecLength(); for (let i = 0; i <= n; i++) r.u32(); return; }
    case Imm.CallIndirect: case Imm.MemoryInit: case Imm.TableInit: case Imm.TableCopy: r.u32(); r.u32(); return;
    case Imm.MemArg: r.u32(); r.u32(); return;
    case Imm.MemArgLane: r.u32(); r.u32(); r.u8(); return;
    case Imm.Memory: r.u8(); return;
    case Imm.MemoryCopy: r.u8(); r.u8(); return;
    case Imm.I32: r.s32(); return;
    case Imm.I64: r.skipS64(); return;
    case Imm.F32: r.skip(4); return;
    case Imm.F64: r.skip(8); return;
    case Imm.SelectTypes: { const n = r.vecLength(); for (let i = 0; i < n; i++) r.u8(); return; }
    case Imm.RefType: r.u8(); return;
    case Imm.V128: case Imm.Shuffle: r.skip(16); return;
    case Imm.Lane: r.u8(); return;
  }
}

/** Zero values for a function's non-parameter locals. */
export function localDefaults(types: readonly ValType[]): RawValue[] {
  return types.map(defaultRaw);
}
