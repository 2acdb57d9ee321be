// The function-body validator: the spec's validation algorithm (operand stack of value types,
// control stack of frames, "unknown" types below unreachable code) run in one pass over the
// body bytes. Instructions with a fixed signature go through one generic path driven by the
// instruction table (op-index.ts); the rest are special-cased here and in validate-misc.ts.
// Storage (typed arrays) is reused across functions; nothing is allocated per instruction.
import { ValType, valTypeName, type FuncType } from './types.js';
import type { FunctionBody, WasmModule } from './module.js';
import { Imm } from './opcodes.js';
import { featureName, type Features, Feature } from './features.js';
import { Reader } from './reader.js';
import { CompileError } from '../runtime/errors.js';
import {
  NUM_MISC, NUM_SIMD, SIG_SPECIAL, SLOT_MISC, SLOT_SIMD, sigParamCount, sigParams, sigResult,
  slotAlign, slotDefined, slotFeature, slotImm, slotLanes, slotName,
} from './op-index.js';
import { validateMiscSpecial } from './validate-misc.js';

/** A type on the operand stack that unreachable code may leave unknown (matches anything). */
export const UNKNOWN = 0;

const enum Frame { Block, Loop, If, Else, Func }

/** Block types as their s33 value: -64 empty, -1..-17 a single value type, >= 0 a type index. */
const BT_EMPTY = -64;

/** Above this many locals a function's local types are looked up in its declarations instead of
 * being expanded into an array (bounded memory for pathological bodies). */
const FLAT_LOCALS_LIMIT = 1 << 16;

/** Implementation limit on the operand stack height (values): a tiny body calling a function
 * with many results could otherwise ask for gigabytes. Real code stays far below. */
const MAX_OPERAND_STACK = 1 << 22;

function typeName(t: number): string {
  return t === UNKNOWN ? 'unknown' : valTypeName(t as ValType);
}

function isRef(t: number): boolean {
  return t === ValType.FuncRef || t === ValType.ExternRef;
}

export class FunctionValidator {
  readonly module: WasmModule;
  readonly features: Features;
  /** 1 for each function index declared by an element segment, export or global (C.refs). */
  readonly declaredFuncs: Uint8Array;
  r: Reader;

  private vals = new Uint8Array(1024);
  private sp = 0;
  private ctlKind = new Uint8Array(64);
  private ctlType = new Int32Array(64);
  private ctlHeight = new Int32Array(64);
  private ctlUnreachable = new Uint8Array(64);
  /** br_table epoch at which each frame's label was last checked (checks once per target). */
  private brSeen = new Uint32Array(64);
  private brEpoch = 0;
  private depth = 0;
  /** The innermost frame's stack height and unreachable flag (copies of its ctl* entries). */
  private height = 0;
  private unreachable = 0;
  private localTypes = new Uint8Array(256);
  private numFlatLocals = 0;
  private numLocalsTotal = 0;
  private body: FunctionBody | undefined;
  private funcType: FuncType = { params: [], results: [] };
  private declEnds = new Float64Array(0);
  private labels = new Uint32Array(64);
  private scratch = new Uint8Array(64);
  funcIndex = 0;
  opAt = 0;
  private readonly globalTypes: Uint8Array;

  constructor(module: WasmModule, features: Features, declaredFuncs: Uint8Array) {
    this.module = module;
    this.features = features;
    this.declaredFuncs = declaredFuncs;
    this.r = new Reader(module.bytes);
    this.globalTypes = Uint8Array.from(module.allGlobals, (g) => g.valType);
  }

  fail(rule: string): never {
    throw new CompileError(`${rule} at func ${this.funcIndex}`, this.opAt);
  }

  // ---- operand stack ----

  push(t: number): void {
    if (this.sp === this.vals.length) {
      if (this.sp >= MAX_OPERAND_STACK) this.fail(`operand stack deeper than ${MAX_OPERAND_STACK} values (implementation limit)`);
      const bigger = new Uint8Array(this.vals.length * 2);
      bigger.set(this.vals);
      this.vals = bigger;
    }
    this.vals[this.sp++] = t;
  }

  popAny(): number {
    if (this.sp === this.height) {
      if (this.unreachable) return UNKNOWN;
      this.fail('type mismatch: expected a value, but the stack is empty');
    }
    return this.vals[--this.sp]!;
  }

  /** Pops a value of type `t`; returns the type popped (UNKNOWN below unreachable code). */
  popExpect(t: number): number {
    if (this.sp === this.height) {
      if (this.unreachable) return UNKNOWN;
      this.fail(`type mismatch: expected ${typeName(t)}, but the stack is empty`);
    }
    const got = this.vals[--this.sp]!;
    if (got !== t && got !== UNKNOWN) this.fail(`type mismatch: expected ${typeName(t)}, got ${typeName(got)}`);
    return got;
  }

  private popTypes(types: readonly ValType[]): void {
    for (let i = types.length - 1; i >= 0; i--) this.popExpect(types[i]!);
  }

  private pushTypes(types: readonly ValType[]): void {
    for (let i = 0; i < types.length; i++) this.push(types[i]!);
  }

  setUnreachable(): void {
    this.sp = this.height;
    this.ctlUnreachable[this.depth - 1] = 1;
    this.unreachable = 1;
  }

  // ---- block types and frames ----

  private btParamCount(bt: number): number {
    return bt < 0 ? 0 : this.module.types[bt]!.params.length;
  }
  private btParam(bt: number, i: number): number {
    return this.module.types[bt]!.params[i]!;
  }
  private btResultCount(bt: number): number {
    return bt === BT_EMPTY ? 0 : bt < 0 ? 1 : this.module.types[bt]!.results.length;
  }
  private btResult(bt: number, i: number): number {
    return bt < 0 ? bt & 0x7f : this.module.types[bt]!.results[i]!;
  }

  private labelArity(d: number): number {
    const bt = this.ctlType[d]!;
    return this.ctlKind[d] === Frame.Loop ? this.btParamCount(bt) : this.btResultCount(bt);
  }
  private labelType(d: number, i: number): number {
    const bt = this.ctlType[d]!;
    return this.ctlKind[d] === Frame.Loop ? this.btParam(bt, i) : this.btResult(bt, i);
  }

  private popLabelTypes(d: number): void {
    for (let i = this.labelArity(d) - 1; i >= 0; i--) this.popExpect(this.labelType(d, i));
  }
  private pushLabelTypes(d: number): void {
    const n = this.labelArity(d);
    for (let i = 0; i < n; i++) this.push(this.labelType(d, i));
  }

  private pushFrame(kind: Frame, bt: number): void {
    if (this.depth === this.ctlKind.length) {
      const n = this.depth * 2;
      const k = new Uint8Array(n); k.set(this.ctlKind); this.ctlKind = k;
      const t = new Int32Array(n); t.set(this.ctlType); this.ctlType = t;
      const h = new Int32Array(n); h.set(this.ctlHeight); this.ctlHeight = h;
      const u = new Uint8Array(n); u.set(this.ctlUnreachable); this.ctlUnreachable = u;
      const e = new Uint32Array(n); e.set(this.brSeen); this.brSeen = e;
    }
    const d = this.depth++;
    this.ctlKind[d] = kind;
    this.ctlType[d] = bt;
    this.ctlHeight[d] = this.sp;
    this.ctlUnreachable[d] = 0;
    this.height = this.sp;
    this.unreachable = 0;
    const np = this.btParamCount(bt);
    for (let i = 0; i < np; i++) this.push(this.btParam(bt, i));
  }

  /** Pops the frame's results and checks nothing else is left in it. */
  private checkFrameEnd(d: number): void {
    const bt = this.ctlType[d]!;
    for (let i = this.btResultCount(bt) - 1; i >= 0; i--) this.popExpect(this.btResult(bt, i));
    if (this.sp !== this.ctlHeight[d]) {
      this.fail(`type mismatch: ${this.sp - this.ctlHeight[d]!} value(s) left on the stack at the end of a block`);
    }
  }

  private readBlockType(): number {
    const r = this.r;
    const b = r.pos < r.end ? r.bytes[r.pos]! : -1;
    switch (b) {
      case 0x40: r.pos++; return BT_EMPTY;
      case ValType.I32: case ValType.I64: case ValType.F32: case ValType.F64:
        r.pos++; return b - 0x80;
      case ValType.V128:
        this.requireFeature(Feature.Simd); r.pos++; return b - 0x80;
      case ValType.FuncRef: case ValType.ExternRef:
        this.requireFeature(Feature.ReferenceTypes); r.pos++; return b - 0x80;
    }
    const bt = r.s33();
    if (bt < 0) this.fail(`malformed block type ${bt}`);
    this.requireFeature(Feature.MultiValue);
    if (bt >= this.module.types.length) this.fail(`unknown type ${bt}`);
    return bt;
  }

  requireFeature(feature: number): void {
    if ((this.features & feature) === 0) this.fail(`feature ${featureName(feature)} is disabled`);
  }

  // ---- index checks ----

  readLabel(): number {
    const l = this.r.u32();
    if (l >= this.depth) this.fail(`unknown label ${l}`);
    return this.depth - 1 - l;
  }

  readLocal(): number {
    const r = this.r;
    const b = r.bytes[r.pos]!;
    // One-byte index fast path (r.pos < r.end: the body ends with `end`, so a byte is there or u32 fails).
    const i = b < 0x80 && r.pos < r.end ? (r.pos++, b) : r.u32();
    if (i >= this.numLocalsTotal) this.fail(`unknown local ${i}`);
    if (i < this.numFlatLocals) return this.localTypes[i]!;
    // Beyond the flat array (only for huge local counts): binary search of the declarations'
    // cumulative ends, which are all past the flat part since params come first.
    const ends = this.declEnds;
    let lo = 0;
    let hi = this.body!.locals.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid]! <= i) lo = mid + 1;
      else hi = mid;
    }
    return this.body!.locals[lo]!.type;
  }

  readGlobal(): number {
    const g = this.r.u32();
    if (g >= this.module.allGlobals.length) this.fail(`unknown global ${g}`);
    return g;
  }

  readTable(): number {
    const t = this.r.u32();
    if (t >= this.module.allTables.length) this.fail(`unknown table ${t}`);
    return t;
  }

  readFunc(): number {
    const f = this.r.u32();
    if (f >= this.module.funcTypeIndices.length) this.fail(`unknown function ${f}`);
    return f;
  }

  readTypeIndex(): FuncType {
    const t = this.r.u32();
    const type = this.module.types[t];
    if (type === undefined) this.fail(`unknown type ${t}`);
    return type;
  }

  /** The reserved memory-index byte of Core 2.0 memory instructions. */
  readMemoryZero(): void {
    const at = this.r.pos;
    const b = this.r.u8();
    if (b !== 0) throw new CompileError(`zero byte expected at func ${this.funcIndex}`, at);
    if (this.module.allMemories.length === 0) this.fail('unknown memory 0');
  }

  readDataIndex(): void {
    this.checkDataIndex(this.r.u32());
  }

  private checkDataIndex(i: number): void {
    if (this.module.dataCount === undefined) this.fail('data count section required');
    if (i >= this.module.dataCount) this.fail(`unknown data segment ${i}`);
  }

  readElemIndex(): number {
    return this.checkElemIndex(this.r.u32());
  }

  checkElemIndex(i: number): number {
    if (i >= this.module.elements.length) this.fail(`unknown elem segment ${i}`);
    return i;
  }

  private readMemArg(slot: number): void {
    const align = this.r.u32();
    this.r.u32();
    if (this.module.allMemories.length === 0) this.fail('unknown memory 0');
    if (align > slotAlign[slot]!) this.fail('alignment must not be larger than natural');
  }

  private readLane(slot: number): void {
    const lane = this.r.u8();
    if (lane >= slotLanes[slot]!) this.fail(`invalid lane index ${lane}`);
  }

  // ---- the generic path ----

  /** Reads and checks a fixed-signature instruction's immediates, then applies its signature. */
  private fixed(slot: number): void {
    const r = this.r;
    switch (slotImm[slot] as Imm) {
      case Imm.None: break;
      case Imm.MemArg: this.readMemArg(slot); break;
      case Imm.MemArgLane: this.readMemArg(slot); this.readLane(slot); break;
      case Imm.Lane: this.readLane(slot); break;
      case Imm.I32: r.skipS32(); break;
      case Imm.I64: r.skipS64(); break;
      case Imm.F32: r.skip(4); break;
      case Imm.F64: r.skip(8); break;
      case Imm.V128: r.skip(16); break;
      case Imm.Shuffle:
        for (let i = 0; i < 16; i++) if (r.u8() >= 32) this.fail('invalid lane index');
        break;
      case Imm.Memory: this.readMemoryZero(); break;
      case Imm.Table: this.readTable(); break;
      case Imm.Data: this.readDataIndex(); break;
      case Imm.Elem: this.readElemIndex(); break;
      case Imm.MemoryInit: { // memory first, as the reference interpreter reports it
        const dataIndex = r.u32();
        this.readMemoryZero();
        this.checkDataIndex(dataIndex);
        break;
      }
      case Imm.MemoryCopy: this.readMemoryZero(); this.readMemoryZero(); break;
      case Imm.Func: { // ref.func: the function must be declared outside function bodies
        const f = this.readFunc();
        if (this.declaredFuncs[f] === 0) this.fail(`undeclared function reference ${f}`);
        break;
      }
      default: this.fail(`internal: unexpected immediate for ${slotName[slot]}`);
    }
    // Inline pops: this is the hottest path of the validator.
    const n = sigParamCount[slot]!;
    const base = slot * 3;
    const vals = this.vals;
    const height = this.height;
    let sp = this.sp;
    for (let i = n - 1; i >= 0; i--) {
      const t = sigParams[base + i]!;
      if (sp > height) {
        const got = vals[--sp]!;
        if (got !== t && got !== UNKNOWN) {
          this.fail(`type mismatch: expected ${typeName(t)}, got ${typeName(got)}`);
        }
      } else if (this.unreachable === 0) {
        this.fail(`type mismatch: expected ${typeName(t)}, but the stack is empty`);
      }
    }
    this.sp = sp;
    const res = sigResult[slot]!;
    if (res !== 0) this.push(res);
  }

  private checkSlot(slot: number, code: string): void {
    if (slotDefined[slot] === 0) this.fail(`illegal opcode ${code}`);
    const f = slotFeature[slot]!;
    if (f !== 0 && (this.features & f) === 0) this.fail(`feature ${featureName(f)} is disabled (${slotName[slot]})`);
  }

  // ---- the function ----

  validateFunction(funcIndex: number, body: FunctionBody): void {
    const m = this.module;
    this.funcIndex = funcIndex;
    this.body = body;
    this.opAt = body.offset;
    const typeIndex = m.funcTypeIndices[funcIndex]!;
    const ft = m.types[typeIndex]!;
    this.funcType = ft;
    this.setUpLocals(ft, body);
    this.sp = 0;
    this.depth = 0;
    this.pushFrame(Frame.Func, BT_EMPTY);
    // The function frame's type is the function's type; no params are pushed (they are locals).
    this.ctlType[0] = typeIndex;
    this.sp = 0;
    const r = this.r;
    r.pos = body.codeStart;
    r.end = body.codeEnd;
    const bytes = m.bytes;
    const end = body.codeEnd;
    const numGlobals = m.allGlobals.length;
    while (r.pos < end) {
      this.opAt = r.pos;
      const op = bytes[r.pos++]!;
      // Fast paths for the most frequent instructions with one-byte immediates (local.get and
      // global.get alone are a quarter of typical code); everything else takes the general paths.
      if (op === 0x20 || op === 0x23) {
        const idx = bytes[r.pos]!;
        if (idx < 0x80 && r.pos < end) {
          if (op === 0x20 ? idx < this.numFlatLocals : idx < numGlobals) {
            r.pos++;
            const t = op === 0x20 ? this.localTypes[idx]! : this.globalTypes[idx]!;
            if (this.sp < this.vals.length) this.vals[this.sp++] = t;
            else this.push(t);
            continue;
          }
        }
      }
      if (sigParamCount[op] !== SIG_SPECIAL) {
        if (slotFeature[op] !== 0) this.checkSlot(op, `0x${op.toString(16)}`);
        this.fixed(op);
        continue;
      }
      if (this.special(op)) {
        if (r.pos !== end) this.fail('operators remaining after the end of the function');
        return;
      }
    }
    this.opAt = end;
    this.fail('unexpected end of function body: missing end');
  }

  private setUpLocals(ft: FuncType, body: FunctionBody): void {
    const total = ft.params.length + body.numLocals;
    this.numLocalsTotal = total;
    const flat = Math.min(total, FLAT_LOCALS_LIMIT);
    if (this.localTypes.length < flat) this.localTypes = new Uint8Array(Math.max(flat, this.localTypes.length * 2));
    const lt = this.localTypes;
    let n = 0;
    for (let i = 0; i < ft.params.length && n < flat; i++) lt[n++] = ft.params[i]!;
    for (const decl of body.locals) {
      for (let j = 0; j < decl.count && n < flat; j++) lt[n++] = decl.type;
      if (n >= flat) break;
    }
    this.numFlatLocals = n;
    if (total > flat) {
      // Cumulative local index just past each declaration, for readLocal's binary search.
      const decls = body.locals;
      if (this.declEnds.length < decls.length) this.declEnds = new Float64Array(decls.length);
      let end = ft.params.length;
      for (let j = 0; j < decls.length; j++) this.declEnds[j] = end += decls[j]!.count;
    }
  }

  /** Validates one special-cased instruction; returns true when it was the function's final end. */
  private special(op: number): boolean {
    const r = this.r;
    const m = this.module;
    switch (op) {
      case 0x00: this.setUnreachable(); return false; // unreachable
      case 0x01: return false; // nop
      case 0x02: case 0x03: case 0x04: { // block, loop, if
        const bt = this.readBlockType();
        if (op === 0x04) this.popExpect(ValType.I32);
        for (let i = this.btParamCount(bt) - 1; i >= 0; i--) this.popExpect(this.btParam(bt, i));
        this.pushFrame(op === 0x02 ? Frame.Block : op === 0x03 ? Frame.Loop : Frame.If, bt);
        return false;
      }
      case 0x05: { // else
        const d = this.depth - 1;
        if (this.ctlKind[d] !== Frame.If) this.fail('else without a matching if');
        this.checkFrameEnd(d);
        this.ctlKind[d] = Frame.Else;
        this.ctlUnreachable[d] = 0;
        this.unreachable = 0;
        const bt = this.ctlType[d]!;
        const np = this.btParamCount(bt);
        for (let i = 0; i < np; i++) this.push(this.btParam(bt, i));
        return false;
      }
      case 0x0b: { // end
        const d = this.depth - 1;
        this.checkFrameEnd(d);
        const bt = this.ctlType[d]!;
        if (this.ctlKind[d] === Frame.If && !this.ifWithoutElseOk(bt)) {
          this.fail('type mismatch: if without else must have matching parameter and result types');
        }
        if (this.ctlKind[d] === Frame.Func) return true;
        this.depth--;
        this.height = this.ctlHeight[d - 1]!;
        this.unreachable = this.ctlUnreachable[d - 1]!;
        const nr = this.btResultCount(bt);
        for (let i = 0; i < nr; i++) this.push(this.btResult(bt, i));
        return false;
      }
      case 0x0c: { // br
        const d = this.readLabel();
        this.popLabelTypes(d);
        this.setUnreachable();
        return false;
      }
      case 0x0d: { // br_if
        const d = this.readLabel();
        this.popExpect(ValType.I32);
        this.popLabelTypes(d);
        this.pushLabelTypes(d);
        return false;
      }
      case 0x0e: this.brTable(); return false;
      case 0x0f: // return
        this.popTypes(this.funcType.results);
        this.setUnreachable();
        return false;
      case 0x10: { // call
        const ft = m.types[m.funcTypeIndices[this.readFunc()]!]!;
        this.popTypes(ft.params);
        this.pushTypes(ft.results);
        return false;
      }
      case 0x11: { // call_indirect
        const ft = this.readTypeIndex();
        let table: number;
        if ((this.features & Feature.ReferenceTypes) !== 0) table = this.readTable();
        else {
          const at = r.pos;
          if (r.u8() !== 0) throw new CompileError(`zero byte expected at func ${this.funcIndex}`, at);
          table = 0;
          if (m.allTables.length === 0) this.fail('unknown table 0');
        }
        if (m.allTables[table]!.elemType !== ValType.FuncRef) {
          this.fail(`type mismatch: call_indirect on table ${table}, which is not a funcref table`);
        }
        this.popExpect(ValType.I32);
        this.popTypes(ft.params);
        this.pushTypes(ft.results);
        return false;
      }
      case 0x1a: this.popAny(); return false; // drop
      case 0x1b: { // select
        this.popExpect(ValType.I32);
        const t1 = this.popAny();
        const t2 = this.popAny();
        if (isRef(t1) || isRef(t2)) this.fail('type mismatch: select without a type needs numeric or vector operands');
        if (t1 !== t2 && t1 !== UNKNOWN && t2 !== UNKNOWN) {
          this.fail(`type mismatch: select operands ${typeName(t2)} and ${typeName(t1)} differ`);
        }
        this.push(t1 === UNKNOWN ? t2 : t1);
        return false;
      }
      case 0x1c: { // select t
        this.requireFeature(Feature.ReferenceTypes);
        const n = r.u32();
        if (n !== 1) this.fail('invalid result arity: select must have exactly one type');
        const t = this.readValType();
        this.popExpect(ValType.I32);
        this.popExpect(t);
        this.popExpect(t);
        this.push(t);
        return false;
      }
      case 0x20: this.push(this.readLocal()); return false; // local.get
      case 0x21: this.popExpect(this.readLocal()); return false; // local.set
      case 0x22: { // local.tee
        const t = this.readLocal();
        this.popExpect(t);
        this.push(t);
        return false;
      }
      case 0x23: this.push(m.allGlobals[this.readGlobal()]!.valType); return false; // global.get
      case 0x24: { // global.set
        const g = m.allGlobals[this.readGlobal()]!;
        if (!g.mutable) this.fail('global is immutable');
        this.popExpect(g.valType);
        return false;
      }
      case 0x25: { // table.get
        this.requireFeature(Feature.ReferenceTypes);
        const t = m.allTables[this.readTable()]!;
        this.popExpect(ValType.I32);
        this.push(t.elemType);
        return false;
      }
      case 0x26: { // table.set
        this.requireFeature(Feature.ReferenceTypes);
        const t = m.allTables[this.readTable()]!;
        this.popExpect(t.elemType);
        this.popExpect(ValType.I32);
        return false;
      }
      case 0xd0: { // ref.null
        this.requireFeature(Feature.ReferenceTypes);
        const at = r.pos;
        const t = r.u8();
        if (t !== ValType.FuncRef && t !== ValType.ExternRef) {
          throw new CompileError(`malformed reference type 0x${t.toString(16)} at func ${this.funcIndex}`, at);
        }
        this.push(t);
        return false;
      }
      case 0xd1: { // ref.is_null
        this.requireFeature(Feature.ReferenceTypes);
        const t = this.popAny();
        if (t !== UNKNOWN && !isRef(t)) this.fail(`type mismatch: expected a reference, got ${typeName(t)}`);
        this.push(ValType.I32);
        return false;
      }
      case 0xfc: {
        const sub = r.u32();
        const slot = sub < NUM_MISC ? SLOT_MISC + sub : -1;
        if (slot < 0) this.fail(`illegal opcode 0xfc ${sub}`);
        this.checkSlot(slot, `0xfc ${sub}`);
        if (!validateMiscSpecial(this, sub)) this.fixed(slot);
        return false;
      }
      case 0xfd: {
        const sub = r.u32();
        const slot = sub < NUM_SIMD ? SLOT_SIMD + sub : -1;
        if (slot < 0) this.fail(`illegal opcode 0xfd ${sub}`);
        this.checkSlot(slot, `0xfd ${sub}`);
        this.fixed(slot);
        return false;
      }
      default:
        return this.fail(`illegal opcode 0x${op.toString(16)}`);
    }
  }

  private ifWithoutElseOk(bt: number): boolean {
    if (bt < 0) return bt === BT_EMPTY;
    const ft = this.module.types[bt]!;
    if (ft.params.length !== ft.results.length) return false;
    for (let i = 0; i < ft.params.length; i++) if (ft.params[i] !== ft.results[i]) return false;
    return true;
  }

  readValType(): number {
    const b = this.r.u8();
    switch (b) {
      case ValType.I32: case ValType.I64: case ValType.F32: case ValType.F64: return b;
      case ValType.V128: this.requireFeature(Feature.Simd); return b;
      case ValType.FuncRef: case ValType.ExternRef: this.requireFeature(Feature.ReferenceTypes); return b;
    }
    return this.fail(`malformed value type 0x${b.toString(16)}`);
  }

  private brTable(): void {
    const r = this.r;
    const n = r.vecLength(1);
    if (this.labels.length <= n) this.labels = new Uint32Array(Math.max(n + 1, this.labels.length * 2));
    const labels = this.labels;
    for (let i = 0; i <= n; i++) labels[i] = this.readLabel();
    this.popExpect(ValType.I32);
    const dflt = labels[n]!;
    const arity = this.labelArity(dflt);
    if (this.scratch.length < arity) this.scratch = new Uint8Array(arity * 2);
    const epoch = ++this.brEpoch;
    for (let i = 0; i < n; i++) {
      const d = labels[i]!;
      if (this.brSeen[d] === epoch) continue; // same target, same outcome
      this.brSeen[d] = epoch;
      if (this.labelArity(d) !== arity) this.fail('type mismatch: br_table targets have different arities');
      // Pop the label's types and push back what was popped (unknowns stay unknown).
      const popped = this.scratch;
      for (let j = arity - 1; j >= 0; j--) popped[j] = this.popExpect(this.labelType(d, j));
      for (let j = 0; j < arity; j++) this.push(popped[j]!);
    }
    this.popLabelTypes(dflt);
    this.setUnreachable();
  }
}
