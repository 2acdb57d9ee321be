// Wasm → SSA lowering of one validated function body, in one pass over its bytes.
//
// The Wasm operand stack becomes a stack of value ids; locals become SSA variables (SsaVars,
// Braun et al.); every structured block gets an IR block for its end (parameters = the block's
// results), every loop a header block (parameters = the loop's params), every `if` a then and an
// else block. Branches pass the label's values as edge arguments. The function's own label is an
// exit block whose parameters are the results and which returns them.
// After br / br_table / return / unreachable the rest of the enclosing construct is dead: it is
// decoded only to find the matching `else`/`end` and no IR is emitted for it.
import { TrapKind } from '../runtime/trap.js';
import { IrBuilder } from '../ssa/builder.js';
import { IrFunction, NONE } from '../ssa/function.js';
import { Opcode } from '../ssa/opcodes.js';
import { SsaVars } from '../ssa/ssa-vars.js';
import { Imm, Op, opInfo, opInfoByte, opInfoPrefixed, OpInfo, PREFIX_MISC, PREFIX_SIMD } from '../wasm/opcodes.js';
import type { WasmModule } from '../wasm/module.js';
import { Reader } from '../wasm/reader.js';
import { FuncType, ValType } from '../wasm/types.js';
import { skipImmediates } from './skip.js';
import { guardDivision, guardIndex, guardTrunc, isIntDivision, isTrappingTrunc } from './traps.js';

const enum FrameKind { Block, Loop, If, Else, Func }

/** One entry of the control stack; frames are pooled and reused. */
class Frame {
  kind = FrameKind.Block;
  params: readonly ValType[] = [];
  results: readonly ValType[] = [];
  /** Operand stack height below the frame's parameters. */
  height = 0;
  /** Branch target: end block (block/if/func) or header (loop). */
  label = NONE;
  /** Block reached by falling off the end (NONE for loops, which continue in place). */
  end = NONE;
  /** Else block of an `if` until its `else` is seen. */
  elseBlock = NONE;
  /** Values of an `if`'s parameters, for the else branch. */
  ifParams: number[] = [];
  /** The rest of this frame's code is dead. */
  unreachable = false;

  get labelTypes(): readonly ValType[] {
    return this.kind === FrameKind.Loop ? this.params : this.results;
  }
}

const EMPTY: readonly ValType[] = [];

// LEB128 fast paths for the common one-byte case; longer encodings go through the strict Reader.
function u32(r: Reader): number {
  const b = r.bytes[r.pos]!;
  if (b < 0x80 && r.pos < r.end) { r.pos++; return b; }
  return r.u32();
}
function s32(r: Reader): number {
  const b = r.bytes[r.pos]!;
  if (b < 0x80 && r.pos < r.end) { r.pos++; return (b << 25) >> 25; }
  return r.s32();
}
/** i64.const: values of up to four LEB bytes (28 bits) without BigInt. */
function emitI64Const(b: IrBuilder, r: Reader): number {
  const bytes = r.bytes;
  let p = r.pos;
  let v = 0;
  for (let shift = 0; shift < 28; shift += 7) {
    if (p >= r.end) break;
    const x = bytes[p++]!;
    v |= (x & 0x7f) << shift;
    if ((x & 0x80) === 0) {
      const bits = shift + 7;
      v = bits >= 32 ? v : (v << (32 - bits)) >> (32 - bits);
      r.pos = p;
      return b.iconst64Parts(v, v < 0 ? -1 : 0);
    }
  }
  return b.iconst64(r.s64());
}
const MEMORY_SIZE = 0x3f, MEMORY_GROW = 0x40;
const singleResult = new Map<number, readonly ValType[]>();
for (const t of [ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.V128, ValType.FuncRef, ValType.ExternRef]) {
  singleResult.set(t, [t]);
}

export class FunctionLowerer {
  readonly fn: IrFunction;
  private readonly b: IrBuilder;
  private readonly vars = new SsaVars();
  private module!: WasmModule;
  private r!: Reader;
  /** The operand stack: value ids in stack[0 .. sp). */
  private stack = new Int32Array(256);
  private sp = 0;
  private frames: Frame[] = [];
  private depth = 0;
  private localTypes: ValType[] = [];
  private zeroByType = new Map<ValType, number>();
  private scratch: number[] = [];

  constructor(fn: IrFunction = new IrFunction()) {
    this.fn = fn;
    this.b = new IrBuilder(fn);
  }

  /** Lowers defined function `defIndex` (index into module.code) into `this.fn` and returns it. */
  lower(module: WasmModule, defIndex: number): IrFunction {
    this.module = module;
    const body = module.code[defIndex];
    if (body === undefined) throw new RangeError(`function body ${defIndex} does not exist`);
    const funcIndex = module.numImportedFuncs + defIndex;
    const type = module.types[module.funcTypeIndices[funcIndex]!]!;
    const b = this.b;
    const fn = this.fn;
    b.begin(type.params, type.results, module.names.functionNames.get(funcIndex) ?? '');
    fn.funcIndex = funcIndex;

    const lt = this.localTypes;
    lt.length = 0;
    for (const p of type.params) lt.push(p);
    for (const d of body.locals) for (let k = 0; k < d.count; k++) lt.push(d.type);
    this.vars.begin(fn, lt);
    this.vars.seal(0);
    const entryParams = fn.blockParams[0]!;
    for (let k = 0; k < type.params.length; k++) this.vars.write(k, 0, entryParams[k]!);
    this.zeroByType.clear();
    for (let k = type.params.length; k < lt.length; k++) this.vars.write(k, 0, this.zero(lt[k]!));

    this.sp = 0;
    this.depth = 0;
    const exit = b.createBlock();
    for (const t of type.results) fn.addBlockParam(exit, t);
    const f = this.pushFrame(FrameKind.Func, EMPTY, type.results);
    f.label = exit;
    f.end = exit;

    this.r = new Reader(module.bytes, body.codeStart, body.codeEnd);
    try {
      this.run();
    } catch (e) {
      // The frontend trusts validation; name the place if something slipped through anyway.
      const msg = e instanceof Error ? e.message : String(e);
      throw new Error(`frontend: function ${funcIndex} near offset ${this.r.pos}: ${msg} (is the module validated?)`, { cause: e });
    }
    this.vars.finish();
    return fn;
  }

  private zero(t: ValType): number {
    let z = this.zeroByType.get(t);
    if (z !== undefined) return z;
    const b = this.b;
    switch (t) {
      case ValType.I32: z = b.iconst32(0); break;
      case ValType.I64: z = b.iconst64Parts(0, 0); break;
      case ValType.F32: z = b.fconst32Bits(0); break;
      case ValType.F64: z = b.fconst64Parts(0, 0); break;
      case ValType.V128: z = b.vconst(new Uint8Array(16)); break;
      default: z = b.refNull(t); break;
    }
    this.zeroByType.set(t, z);
    return z;
  }

  private pushFrame(kind: FrameKind, params: readonly ValType[], results: readonly ValType[]): Frame {
    let f = this.frames[this.depth];
    if (f === undefined) this.frames.push(f = new Frame());
    this.depth++;
    f.kind = kind;
    f.params = params;
    f.results = results;
    f.height = this.sp - params.length;
    f.label = NONE;
    f.end = NONE;
    f.elseBlock = NONE;
    f.ifParams.length = 0;
    f.unreachable = false;
    return f;
  }

  private blockType(): FuncType {
    const r = this.r;
    const first = r.bytes[r.pos]!;
    let bt: number;
    if (first < 0x80 && r.pos < r.end) { r.pos++; bt = (first << 25) >> 25; } else bt = r.s33();
    if (bt === -64) return { params: EMPTY, results: EMPTY };
    if (bt < 0) return { params: EMPTY, results: singleResult.get((bt & 0x7f) as ValType)! };
    return this.module.types[bt]!;
  }

  private pop(): number {
    if (this.sp === 0) throw new Error('operand stack underflow');
    return this.stack[--this.sp]!;
  }

  private push(v: number): void {
    if (this.sp === this.stack.length) {
      const grown = new Int32Array(this.stack.length * 2);
      grown.set(this.stack);
      this.stack = grown;
    }
    this.stack[this.sp++] = v;
  }

  /** Marks the innermost frame's remaining code dead. */
  private setUnreachable(): void {
    this.frames[this.depth - 1]!.unreachable = true;
    this.b.current = NONE;
  }

  private run(): void {
    const r = this.r;
    let skipDepth = 0;
    while (this.depth > 0) {
      const at = r.pos;
      const byte = r.u8();
      let info: OpInfo | undefined;
      if (byte === PREFIX_MISC || byte === PREFIX_SIMD) info = opInfoPrefixed(byte, r.u32());
      else info = opInfoByte(byte);
      if (info === undefined) throw new Error(`frontend: unknown opcode at offset ${at}`);
      const code = info.code;
      if (this.frames[this.depth - 1]!.unreachable) {
        if (code === Op.Block || code === Op.Loop || code === Op.If) { skipDepth++; skipImmediates(r, info.imm); continue; }
        if (code === Op.End && skipDepth > 0) { skipDepth--; continue; }
        if (code === Op.Else && skipDepth > 0) continue;
        if (code !== Op.End && code !== Op.Else) { skipImmediates(r, info.imm); continue; }
      }
      this.lowerInstruction(info);
    }
  }

  private lowerInstruction(info: OpInfo): void {
    const code = info.code;
    const b = this.b;
    const r = this.r;
    switch (info.imm) {
      case Imm.None:
        if (info.params !== undefined && info.results?.length === 1) return this.lowerNumeric(code, info.params.length);
        break;
      case Imm.Lane: {
        const lane = r.u8();
        const n = info.params!.length;
        const y = n === 2 ? this.pop() : NONE;
        const x = this.pop();
        this.push(b.num(code, x, y, NONE, lane));
        return;
      }
      case Imm.Shuffle: {
        const lanes = r.bytesView(16);
        const y = this.pop();
        const x = this.pop();
        this.push(b.shuffle(code, lanes, x, y));
        return;
      }
      case Imm.MemArg: case Imm.MemArgLane: {
        u32(r); // alignment: only a hint
        const offset = u32(r);
        const lane = info.imm === Imm.MemArgLane ? r.u8() : 0;
        if (info.results!.length === 1) {
          const vec = info.params!.length === 2 ? this.pop() : NONE;
          const addr = this.pop();
          this.push(b.load(code, offset, addr, vec, lane));
        } else {
          const value = this.pop();
          const addr = this.pop();
          b.store(code, offset, addr, value, lane);
        }
        return;
      }
      case Imm.I32: this.push(b.iconst32(s32(r))); return;
      case Imm.I64: this.push(emitI64Const(b, r)); return;
      case Imm.F32: this.push(b.fconst32Bits(r.u32Fixed())); return;
      case Imm.F64: { const lo = r.u32Fixed(); this.push(b.fconst64Parts(lo, r.u32Fixed())); return; }
      case Imm.V128: this.push(b.vconst(r.bytesView(16))); return;
      default: break;
    }
    if (this.lowerControl(code)) return;
    this.lowerAccess(code);
  }

  private lowerNumeric(code: number, arity: number): void {
    const b = this.b;
    if (arity === 2) {
      const y = this.pop();
      const x = this.pop();
      if (isIntDivision(code)) guardDivision(b, code, x, y);
      this.push(b.num(code, x, y));
    } else if (arity === 1) {
      const x = this.pop();
      if (isTrappingTrunc(code)) guardTrunc(b, code, x);
      this.push(b.num(code, x));
    } else {
      const z = this.pop();
      const y = this.pop();
      const x = this.pop();
      this.push(b.num(code, x, y, z));
    }
  }

  /** Control instructions; returns false for anything else. */
  private lowerControl(code: number): boolean {
    const b = this.b;
    const fn = this.fn;
    switch (code) {
      case Op.Nop: return true;
      case Op.Unreachable: b.trap(TrapKind.Unreachable); this.setUnreachable(); return true;
      case Op.Block: {
        const t = this.blockType();
        const f = this.pushFrame(FrameKind.Block, t.params, t.results);
        f.end = f.label = this.newBlockWithParams(t.results);
        return true;
      }
      case Op.Loop: {
        const t = this.blockType();
        const f = this.pushFrame(FrameKind.Loop, t.params, t.results);
        const header = this.newBlockWithParams(t.params);
        f.label = header;
        b.jump(header, this.stack, f.height, t.params.length);
        this.sp = f.height;
        for (const p of fn.blockParams[header]!) this.push(p);
        b.switchTo(header);
        return true;
      }
      case Op.If: {
        const t = this.blockType();
        const cond = this.pop();
        const f = this.pushFrame(FrameKind.If, t.params, t.results);
        f.end = f.label = this.newBlockWithParams(t.results);
        for (let k = 0; k < t.params.length; k++) f.ifParams.push(this.stack[f.height + k]!);
        const thenBlock = b.createBlock();
        f.elseBlock = b.createBlock();
        b.brIf(cond, thenBlock, [], f.elseBlock, []);
        this.vars.seal(thenBlock);
        this.vars.seal(f.elseBlock);
        b.switchTo(thenBlock);
        return true;
      }
      case Op.Else: {
        const f = this.frames[this.depth - 1]!;
        if (!f.unreachable) b.jump(f.end, this.stack, this.sp - f.results.length, f.results.length);
        this.sp = f.height;
        for (const v of f.ifParams) this.push(v);
        b.switchTo(f.elseBlock);
        f.elseBlock = NONE;
        f.kind = FrameKind.Else;
        f.unreachable = false;
        return true;
      }
      case Op.End: this.lowerEnd(); return true;
      case Op.Br: {
        this.branch(u32(this.r));
        this.setUnreachable();
        return true;
      }
      case Op.BrIf: {
        const f = this.frames[this.depth - 1 - u32(this.r)]!;
        const cond = this.pop();
        const n = f.labelTypes.length;
        const next = b.createBlock();
        b.brIf(cond, f.label, this.stack, next, [], this.sp - n, n, 0, 0);
        this.vars.seal(next);
        b.switchTo(next);
        return true;
      }
      case Op.BrTable: {
        const r = this.r;
        const count = r.u32();
        const targets = this.scratch;
        targets.length = 0;
        let n = 0;
        for (let k = 0; k <= count; k++) {
          const f = this.frames[this.depth - 1 - u32(r)]!;
          targets.push(f.label);
          n = f.labelTypes.length; // all labels have the same arity; the last is the default
        }
        const index = this.pop();
        b.brTable(index, targets, this.stack, this.sp - n, n);
        this.setUnreachable();
        return true;
      }
      case Op.Return: {
        const nr = fn.results.length;
        b.ret(this.stack, this.sp - nr, nr);
        this.setUnreachable();
        return true;
      }
      default: return false;
    }
  }

  private newBlockWithParams(types: readonly ValType[]): number {
    const blk = this.b.createBlock();
    for (const t of types) this.fn.addBlockParam(blk, t);
    return blk;
  }

  private branch(relDepth: number): void {
    const f = this.frames[this.depth - 1 - relDepth]!;
    const n = f.labelTypes.length;
    this.b.jump(f.label, this.stack, this.sp - n, n);
  }

  private lowerEnd(): void {
    const b = this.b;
    const fn = this.fn;
    const f = this.frames[this.depth - 1]!;
    const nres = f.results.length;
    if (f.kind === FrameKind.Loop) {
      this.depth--;
      this.vars.seal(f.label);
      if (f.unreachable) {
        this.sp = f.height;
        this.setUnreachable();
        return;
      }
      // Results stay on the stack; move them down to the frame's base.
      const from = this.sp - nres;
      for (let k = 0; k < nres; k++) this.stack[f.height + k] = this.stack[from + k]!;
      this.sp = f.height + nres;
      return;
    }
    if (f.kind !== FrameKind.If && !f.unreachable && fn.blockPreds[f.end]!.length === 0) {
      // Only the fall-through reaches the end: keep going in the current block.
      fn.blockDead[f.end] = 1;
      this.depth--;
      if (f.kind === FrameKind.Func) {
        b.ret(this.stack, this.sp - nres, nres);
        b.current = NONE;
        return;
      }
      const from = this.sp - nres;
      for (let k = 0; k < nres; k++) this.stack[f.height + k] = this.stack[from + k]!;
      this.sp = f.height + nres;
      return;
    }
    if (!f.unreachable) b.jump(f.end, this.stack, this.sp - nres, nres);
    if (f.kind === FrameKind.If) {
      // No else: the false edge goes straight to the end, passing the parameters through.
      fn.retargetEdge(fn.blockPreds[f.elseBlock]![0]!, f.end, f.ifParams);
      fn.blockDead[f.elseBlock] = 1;
    }
    this.depth--;
    this.sp = f.height;
    this.vars.seal(f.end, true);
    if (fn.blockPreds[f.end]!.length === 0) {
      fn.blockDead[f.end] = 1;
      if (this.depth > 0) this.setUnreachable();
      else b.current = NONE;
      return;
    }
    b.switchTo(f.end);
    for (const p of fn.blockParams[f.end]!) this.push(p);
    if (f.kind === FrameKind.Func) b.ret(fn.blockParams[f.end]!);
  }

  /** Locals, globals, calls, memory and table instructions, references, select, drop. */
  private lowerAccess(code: number): void {
    const b = this.b;
    const r = this.r;
    const m = this.module;
    const cur = (): number => b.current;
    switch (code) {
      case Op.Drop: this.pop(); return;
      case Op.Select: case Op.SelectT: {
        if (code === Op.SelectT) { const n = r.u32(); r.skip(n); }
        const cond = this.pop();
        const y = this.pop();
        const x = this.pop();
        this.push(b.select(cond, x, y));
        return;
      }
      case Op.LocalGet: this.push(this.vars.read(u32(r), cur())); return;
      case Op.LocalSet: this.vars.write(u32(r), cur(), this.pop()); return;
      case Op.LocalTee: this.vars.write(u32(r), cur(), this.stack[this.sp - 1]!); return;
      case Op.GlobalGet: {
        const g = u32(r);
        this.push(b.emit(Opcode.GlobalGet, m.allGlobals[g]!.valType, g));
        return;
      }
      case Op.GlobalSet: b.emit(Opcode.GlobalSet, 0, r.u32(), 0, 0, 1, this.pop()); return;
      case Op.Call: {
        const idx = u32(r);
        const type = m.types[m.funcTypeIndices[idx]!]!;
        this.emitCall(idx < m.numImportedFuncs ? Opcode.CallImport : Opcode.Call, idx, type, 0);
        return;
      }
      case Op.CallIndirect: {
        const typeIndex = r.u32();
        const table = r.u32();
        const type = m.types[typeIndex]!;
        const index = this.pop();
        const size = b.emit(Opcode.TableSize, ValType.I32, table);
        guardIndex(b, index, size, TrapKind.UndefinedElement);
        const ref = b.emit(Opcode.TableGet, ValType.FuncRef, table, 0, 0, 1, index);
        b.trapIf(b.emit(Opcode.RefIsNull, ValType.I32, 0, 0, 0, 1, ref), TrapKind.UninitializedElement);
        const ok = b.emit(Opcode.FuncTypeIs, ValType.I32, typeIndex, 0, 0, 1, ref);
        b.trapIf(b.num(0x45, ok), TrapKind.IndirectCallTypeMismatch);
        this.push(ref); // the callee goes first, below the arguments
        const np = type.params.length;
        const base = this.sp - 1 - np;
        // rotate: [args..., ref] -> [ref, args...]
        for (let k = this.sp - 1; k > base; k--) this.stack[k] = this.stack[k - 1]!;
        this.stack[base] = ref;
        this.emitCall(Opcode.CallRef, typeIndex, type, 1);
        return;
      }
      case Op.TableGet: {
        const t = r.u32();
        const index = this.pop();
        guardIndex(b, index, b.emit(Opcode.TableSize, ValType.I32, t), TrapKind.TableOutOfBounds);
        this.push(b.emit(Opcode.TableGet, m.allTables[t]!.elemType, t, 0, 0, 1, index));
        return;
      }
      case Op.TableSet: {
        const t = r.u32();
        const value = this.pop();
        const index = this.pop();
        guardIndex(b, index, b.emit(Opcode.TableSize, ValType.I32, t), TrapKind.TableOutOfBounds);
        b.emit(Opcode.TableSet, 0, t, 0, 0, 2, index, value);
        return;
      }
      case Op.TableSize: this.push(b.emit(Opcode.TableSize, ValType.I32, r.u32())); return;
      case Op.TableGrow: {
        const t = r.u32();
        const delta = this.pop();
        const init = this.pop();
        this.push(b.emit(Opcode.TableGrow, ValType.I32, t, 0, 0, 2, init, delta));
        return;
      }
      case Op.TableFill: {
        const t = r.u32();
        const len = this.pop(), value = this.pop(), dst = this.pop();
        b.emit(Opcode.TableFill, 0, t, 0, 0, 3, dst, value, len);
        return;
      }
      case Op.TableCopy: {
        const dstTable = r.u32();
        const srcTable = r.u32();
        const len = this.pop(), src = this.pop(), dst = this.pop();
        b.emit(Opcode.TableCopy, 0, dstTable, srcTable, 0, 3, dst, src, len);
        return;
      }
      case Op.TableInit: {
        const elem = r.u32();
        const t = r.u32();
        const len = this.pop(), src = this.pop(), dst = this.pop();
        b.emit(Opcode.TableInit, 0, elem, t, 0, 3, dst, src, len);
        return;
      }
      case Op.ElemDrop: b.emit(Opcode.ElemDrop, 0, r.u32()); return;
      case MEMORY_SIZE: r.u8(); this.push(b.emit(Opcode.MemorySize, ValType.I32)); return;
      case MEMORY_GROW: r.u8(); this.push(b.emit(Opcode.MemoryGrow, ValType.I32, 0, 0, 0, 1, this.pop())); return;
      case Op.MemoryInit: {
        const data = r.u32();
        r.u8();
        const len = this.pop(), src = this.pop(), dst = this.pop();
        b.emit(Opcode.MemoryInit, 0, data, 0, 0, 3, dst, src, len);
        return;
      }
      case Op.DataDrop: b.emit(Opcode.DataDrop, 0, r.u32()); return;
      case Op.MemoryCopy: {
        r.u8(); r.u8();
        const len = this.pop(), src = this.pop(), dst = this.pop();
        b.emit(Opcode.MemoryCopy, 0, 0, 0, 0, 3, dst, src, len);
        return;
      }
      case Op.MemoryFill: {
        r.u8();
        const len = this.pop(), value = this.pop(), dst = this.pop();
        b.emit(Opcode.MemoryFill, 0, 0, 0, 0, 3, dst, value, len);
        return;
      }
      case Op.RefNull: this.push(b.refNull(r.u8() as ValType)); return;
      case Op.RefIsNull: this.push(b.emit(Opcode.RefIsNull, ValType.I32, 0, 0, 0, 1, this.pop())); return;
      case Op.RefFunc: this.push(b.refFunc(r.u32())); return;
      default:
        throw new Error(`frontend: no lowering for ${opInfo(code)?.name ?? `opcode 0x${code.toString(16)}`}`);
    }
  }

  /** Emits a call taking `extra` leading values (the callee) plus the type's params. */
  private emitCall(op: Opcode.Call | Opcode.CallImport | Opcode.CallRef, imm: number, type: FuncType, extra: number): void {
    const n = type.params.length + extra;
    const start = this.sp - n;
    const inst = this.b.call(op, imm, this.stack, start, n, type.results);
    this.sp = start;
    const first = this.fn.instResult[inst]!;
    for (let k = 0; k < type.results.length; k++) this.push(first + k);
  }
}
