// The binary decoder: bytes → WasmModule. Checks everything the binary format itself requires
// (magic, version, section order and sizes, strict LEB128, UTF-8 names, encodings of types and
// segments, feature flags for constructs outside the module's feature set). Function bodies are
// not decoded here: they stay byte ranges that the validator and the frontend read in one pass.
// Index and type rules are the validator's (validate-module.ts).
import { ValType, type FuncType } from './types.js';
import {
  emptyModule, ExternKind, SegmentMode, type ConstExpr, type DataSegment, type ElementSegment,
  type FunctionBody, type GlobalType, type ImportDesc, type Limits, type LocalDecl, type MemoryType,
  type TableType, type WasmModule,
} from './module.js';
import { Feature, FeaturesV2, featureName, type Features } from './features.js';
import { Reader } from './reader.js';
import { readConstExpr, readRefType } from './const-expr.js';
import { readNameSection } from './names.js';

export const enum SectionId {
  Custom = 0, Type = 1, Import = 2, Function = 3, Table = 4, Memory = 5, Global = 6, Export = 7,
  Start = 8, Element = 9, Code = 10, Data = 11, DataCount = 12,
}

const sectionNames = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export',
  'start', 'element', 'code', 'data', 'data count'];

// Position of each section id in the required order (data count sits between element and code).
const sectionRank = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10];

const MAX_LOCALS = 0xffffffff;

function requireFeature(r: Reader, features: Features, feature: number, offset: number): void {
  if ((features & feature) === 0) r.fail(`feature ${featureName(feature)} is disabled`, offset);
}

export function readValType(r: Reader, features: Features): ValType {
  const at = r.pos;
  const b = r.u8();
  switch (b) {
    case ValType.I32: case ValType.I64: case ValType.F32: case ValType.F64: return b;
    case ValType.V128: requireFeature(r, features, Feature.Simd, at); return b;
    case ValType.FuncRef: case ValType.ExternRef:
      requireFeature(r, features, Feature.ReferenceTypes, at); return b;
  }
  return r.fail(`malformed value type 0x${b.toString(16)}`, at);
}

function readFuncType(r: Reader, features: Features): FuncType {
  const at = r.pos;
  const form = r.u8();
  if (form !== 0x60) r.fail(`malformed function type: expected 0x60, got 0x${form.toString(16)}`, at);
  const np = r.vecLength(1);
  const params = new Array<ValType>(np);
  for (let i = 0; i < np; i++) params[i] = readValType(r, features);
  const resultsAt = r.pos;
  const nr = r.vecLength(1);
  if (nr > 1) requireFeature(r, features, Feature.MultiValue, resultsAt);
  const results = new Array<ValType>(nr);
  for (let i = 0; i < nr; i++) results[i] = readValType(r, features);
  return { params, results };
}

function readLimits(r: Reader): Limits {
  const at = r.pos;
  const flag = r.u8();
  if (flag === 0) return { min: r.u32(), max: undefined };
  if (flag === 1) {
    const min = r.u32();
    return { min, max: r.u32() };
  }
  // 0x02/0x03 are shared memories (threads), 0x04.. memory64: not in Core 2.0.
  return r.fail(`malformed limits flags 0x${flag.toString(16)}`, at);
}

function readTableType(r: Reader, features: Features): TableType {
  const elemType = readRefType(r, features);
  return { elemType, limits: readLimits(r) };
}

function readMemoryType(r: Reader): MemoryType {
  return { limits: readLimits(r) };
}

function readGlobalType(r: Reader, features: Features): GlobalType {
  const valType = readValType(r, features);
  const at = r.pos;
  const m = r.u8();
  if (m > 1) r.fail(`malformed mutability 0x${m.toString(16)}`, at);
  return { valType, mutable: m === 1 };
}

function readTypeSection(r: Reader, m: WasmModule, features: Features): void {
  const n = r.vecLength(3);
  for (let i = 0; i < n; i++) m.types.push(readFuncType(r, features));
}

function readImportSection(r: Reader, m: WasmModule, features: Features): void {
  const n = r.vecLength(4);
  for (let i = 0; i < n; i++) {
    const module = r.name();
    const name = r.name();
    const at = r.pos;
    const kind = r.u8();
    let desc: ImportDesc;
    switch (kind) {
      case ExternKind.Func: {
        const typeIndex = r.u32();
        desc = { kind, typeIndex };
        m.funcTypeIndices.push(typeIndex);
        m.numImportedFuncs++;
        break;
      }
      case ExternKind.Table: {
        const type = readTableType(r, features);
        desc = { kind, type };
        m.allTables.push(type);
        m.numImportedTables++;
        break;
      }
      case ExternKind.Memory: {
        const type = readMemoryType(r);
        desc = { kind, type };
        m.allMemories.push(type);
        m.numImportedMemories++;
        break;
      }
      case ExternKind.Global: {
        const type = readGlobalType(r, features);
        if (type.mutable) requireFeature(r, features, Feature.MutableGlobal, at);
        desc = { kind, type };
        m.allGlobals.push(type);
        m.numImportedGlobals++;
        break;
      }
      default: return r.fail(`malformed import kind 0x${kind.toString(16)}`, at);
    }
    m.imports.push({ module, name, desc });
  }
}

function readFunctionSection(r: Reader, m: WasmModule): void {
  const n = r.vecLength(1);
  for (let i = 0; i < n; i++) {
    const typeIndex = r.u32();
    m.functions.push(typeIndex);
    m.funcTypeIndices.push(typeIndex);
  }
}

function readTableSection(r: Reader, m: WasmModule, features: Features): void {
  const n = r.vecLength(2);
  for (let i = 0; i < n; i++) {
    const t = readTableType(r, features);
    m.tables.push(t);
    m.allTables.push(t);
  }
}

function readMemorySection(r: Reader, m: WasmModule): void {
  const n = r.vecLength(2);
  for (let i = 0; i < n; i++) {
    const t = readMemoryType(r);
    m.memories.push(t);
    m.allMemories.push(t);
  }
}

function readGlobalSection(r: Reader, m: WasmModule, features: Features): void {
  const n = r.vecLength(3);
  for (let i = 0; i < n; i++) {
    const type = readGlobalType(r, features);
    const init = readConstExpr(r, features);
    m.globals.push({ type, init });
    m.allGlobals.push(type);
  }
}

function readExportSection(r: Reader, m: WasmModule): void {
  const n = r.vecLength(3);
  for (let i = 0; i < n; i++) {
    const name = r.name();
    const at = r.pos;
    const kind = r.u8();
    if (kind > ExternKind.Global) r.fail(`malformed export kind 0x${kind.toString(16)}`, at);
    const index = r.u32();
    m.exports.push({ name, kind: kind as ExternKind, index });
  }
}

function readElementSection(r: Reader, m: WasmModule, features: Features): void {
  const n = r.vecLength(1);
  for (let i = 0; i < n; i++) {
    const at = r.pos;
    const flags = r.u32();
    if (flags > 7) r.fail(`malformed elements segment kind ${flags}`, at);
    if (flags !== 0) requireFeature(r, features, Feature.BulkMemory, at);
    // Bit 0: passive or declarative (bit 1 then says declarative) vs active;
    // bit 1 on an active segment: explicit table index; bit 2: expressions instead of indices.
    const mode = (flags & 1) === 0 ? SegmentMode.Active
      : (flags & 2) !== 0 ? SegmentMode.Declarative : SegmentMode.Passive;
    const tableIndex = mode === SegmentMode.Active && (flags & 2) !== 0 ? r.u32() : 0;
    const offset = mode === SegmentMode.Active ? readConstExpr(r, features) : undefined;
    const usesExprs = (flags & 4) !== 0;
    let elemType: ValType.FuncRef | ValType.ExternRef = ValType.FuncRef;
    if (flags !== 0 && flags !== 4) {
      if (usesExprs) elemType = readRefType(r, features);
      else {
        const kindAt = r.pos;
        const elemKind = r.u8();
        if (elemKind !== 0) r.fail(`malformed element kind 0x${elemKind.toString(16)}`, kindAt);
      }
    }
    const count = r.vecLength(1);
    const init: ConstExpr[] = new Array<ConstExpr>(count);
    for (let j = 0; j < count; j++) {
      init[j] = usesExprs ? readConstExpr(r, features) : { op: 'ref.func', funcIndex: r.u32() };
    }
    const seg: ElementSegment = { mode, tableIndex, offset, elemType, init };
    m.elements.push(seg);
  }
}

function readCodeSection(r: Reader, m: WasmModule, features: Features): void {
  const n = r.vecLength(1);
  for (let i = 0; i < n; i++) {
    const sizeAt = r.pos;
    const size = r.u32();
    if (size > r.end - r.pos) r.fail('unexpected end: function body size out of bounds', sizeAt);
    const offset = r.pos;
    const bodyEnd = offset + size;
    const savedEnd = r.end;
    r.end = bodyEnd;
    const nDecls = r.vecLength(2);
    const locals: LocalDecl[] = new Array<LocalDecl>(nDecls);
    let numLocals = 0;
    for (let j = 0; j < nDecls; j++) {
      const countAt = r.pos;
      const count = r.u32();
      numLocals += count;
      if (numLocals > MAX_LOCALS) r.fail('too many locals', countAt);
      locals[j] = { count, type: readValType(r, features) };
    }
    if (r.pos >= bodyEnd) r.fail('unexpected end: function body has no instructions', r.pos);
    const body: FunctionBody = { offset, locals, numLocals, codeStart: r.pos, codeEnd: bodyEnd };
    m.code.push(body);
    r.end = savedEnd;
    r.pos = bodyEnd;
  }
}

function readDataSection(r: Reader, m: WasmModule, features: Features): void {
  const n = r.vecLength(1);
  for (let i = 0; i < n; i++) {
    const at = r.pos;
    const flags = r.u32();
    if (flags > 2) r.fail(`malformed data segment kind ${flags}`, at);
    if (flags !== 0) requireFeature(r, features, Feature.BulkMemory, at);
    const mode = flags === 1 ? SegmentMode.Passive : SegmentMode.Active;
    const memoryIndex = flags === 2 ? r.u32() : 0;
    const offset = mode === SegmentMode.Active ? readConstExpr(r, features) : undefined;
    const len = r.u32();
    const data = r.bytesView(len);
    const seg: DataSegment = { mode, memoryIndex, offset, data };
    m.data.push(seg);
  }
}

function readCustomSection(r: Reader, m: WasmModule): void {
  const name = r.name();
  const offset = r.pos;
  const data = r.bytesView(r.end - r.pos);
  m.customSections.push({ name, data, offset });
  if (name === 'name') {
    try {
      readNameSection(m.bytes, offset, offset + data.length, m.names);
    } catch {
      // A malformed name section is ignored (custom sections are not validated); keep what parsed.
    }
  }
}

/** Decodes a module. Throws CompileError (with the byte offset) if it is malformed or uses a
 * feature outside `features`. */
export function decodeModule(bytes: Uint8Array, features: Features = FeaturesV2): WasmModule {
  const r = new Reader(bytes);
  if (bytes.length < 4) r.fail('unexpected end: magic header not detected', 0);
  if (bytes[0] !== 0x00 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    r.fail('magic header not detected', 0);
  }
  r.pos = 4;
  if (bytes.length < 8) r.fail('unexpected end: missing version', 4);
  const version = r.u32Fixed();
  if (version !== 1) r.fail(`unknown binary version ${version}`, 4);
  const m = emptyModule(bytes);
  let lastRank = 0;
  let lastId = 0;
  let functionSectionCount = 0;
  while (!r.atEnd()) {
    const idAt = r.pos;
    const id = r.u8();
    if (id > SectionId.DataCount) r.fail(`malformed section id ${id}`, idAt);
    const sizeAt = r.pos;
    const size = r.u32();
    if (size > r.end - r.pos) r.fail(`length out of bounds: section size ${size} exceeds the module`, sizeAt);
    const start = r.pos;
    const end = start + size;
    if (id !== SectionId.Custom) {
      const rank = sectionRank[id]!;
      if (rank <= lastRank) {
        r.fail(`unexpected content after last section: ${sectionNames[id]} section after ${sectionNames[lastId]} section`, idAt);
      }
      lastRank = rank;
      lastId = id;
      m.sectionOffsets[id] = start;
    }
    const s = new Reader(bytes, start, end);
    switch (id) {
      case SectionId.Custom: readCustomSection(s, m); break;
      case SectionId.Type: readTypeSection(s, m, features); break;
      case SectionId.Import: readImportSection(s, m, features); break;
      case SectionId.Function: readFunctionSection(s, m); functionSectionCount = m.functions.length; break;
      case SectionId.Table: readTableSection(s, m, features); break;
      case SectionId.Memory: readMemorySection(s, m); break;
      case SectionId.Global: readGlobalSection(s, m, features); break;
      case SectionId.Export: readExportSection(s, m); break;
      case SectionId.Start: m.start = s.u32(); break;
      case SectionId.Element: readElementSection(s, m, features); break;
      case SectionId.Code: readCodeSection(s, m, features); break;
      case SectionId.Data: readDataSection(s, m, features); break;
      case SectionId.DataCount:
        requireFeature(s, features, Feature.BulkMemory, idAt);
        m.dataCount = s.u32();
        break;
    }
    if (s.pos !== end) r.fail(`section size mismatch in ${sectionNames[id]} section`, s.pos);
    r.pos = end;
  }
  if (functionSectionCount !== m.code.length) {
    r.fail('function and code section have inconsistent lengths', m.sectionOffsets[SectionId.Code]! >= 0
      ? m.sectionOffsets[SectionId.Code]! : bytes.length);
  }
  if (m.dataCount !== undefined && m.dataCount !== m.data.length) {
    r.fail('data count and data section have inconsistent lengths', m.sectionOffsets[SectionId.Data]! >= 0
      ? m.sectionOffsets[SectionId.Data]! : bytes.length);
  }
  return m;
}
