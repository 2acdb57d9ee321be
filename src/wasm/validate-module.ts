// Module-level validation: index spaces, limits, constant expressions, segments, exports, the
// start function, then every function body (validate-func.ts).
import { ValType, valTypeName } from './types.js';
import { ExternKind, SegmentMode, type ConstExpr, type Limits, type WasmModule } from './module.js';
import { Feature, FeaturesV2, type Features } from './features.js';
import { constExprType } from './const-expr.js';
import { SectionId } from './decoder.js';
import { FunctionValidator } from './validate-func.js';
import { CompileError } from '../runtime/errors.js';

const MAX_PAGES = 65536;

function sectionAt(m: WasmModule, id: SectionId): number {
  return m.sectionOffsets[id]!;
}

function checkLimits(limits: Limits, bound: number, what: string, at: number): void {
  if (limits.min > bound) throw new CompileError(`${what} size must be at most ${bound}`, at);
  if (limits.max !== undefined) {
    if (limits.max > bound) throw new CompileError(`${what} size must be at most ${bound}`, at);
    if (limits.min > limits.max) throw new CompileError('size minimum must not be greater than maximum', at);
  }
}

function checkMemoryLimits(limits: Limits, at: number): void {
  if (limits.min > MAX_PAGES || (limits.max !== undefined && limits.max > MAX_PAGES)) {
    throw new CompileError('memory size must be at most 65536 pages (4GiB)', at);
  }
  checkLimits(limits, MAX_PAGES, 'memory', at);
}

function expectConst(m: WasmModule, expr: ConstExpr, expected: ValType, numGlobals: number, at: number, what: string): void {
  const t = constExprType(m, expr, numGlobals, at);
  if (t !== expected) {
    throw new CompileError(`type mismatch: ${what} has type ${valTypeName(t)}, expected ${valTypeName(expected)}`, at);
  }
}

/** The function indices a `ref.func` may name (C.refs): those referenced outside function bodies. */
function declaredFunctions(m: WasmModule): Uint8Array {
  const declared = new Uint8Array(m.funcTypeIndices.length);
  const mark = (e: ConstExpr | undefined): void => {
    if (e !== undefined && e.op === 'ref.func' && e.funcIndex < declared.length) declared[e.funcIndex] = 1;
  };
  for (const g of m.globals) mark(g.init);
  for (const seg of m.elements) for (const e of seg.init) mark(e);
  for (const exp of m.exports) if (exp.kind === ExternKind.Func && exp.index < declared.length) declared[exp.index] = 1;
  return declared;
}

/** Validates a decoded module. Throws CompileError naming the rule broken and where. */
export function validateModule(m: WasmModule, features: Features = FeaturesV2): void {
  const numTypes = m.types.length;
  const importAt = sectionAt(m, SectionId.Import);
  for (const imp of m.imports) {
    const d = imp.desc;
    switch (d.kind) {
      case ExternKind.Func:
        if (d.typeIndex >= numTypes) throw new CompileError(`unknown type ${d.typeIndex}`, importAt);
        break;
      case ExternKind.Table: checkLimits(d.type.limits, 0xffffffff, 'table', importAt); break;
      case ExternKind.Memory: checkMemoryLimits(d.type.limits, importAt); break;
      case ExternKind.Global: break;
    }
  }
  const funcAt = sectionAt(m, SectionId.Function);
  for (const t of m.functions) if (t >= numTypes) throw new CompileError(`unknown type ${t}`, funcAt);
  const tableAt = sectionAt(m, SectionId.Table);
  for (const t of m.tables) checkLimits(t.limits, 0xffffffff, 'table', tableAt);
  if (m.allTables.length > 1 && (features & Feature.ReferenceTypes) === 0) {
    throw new CompileError('multiple tables (feature reference-types is disabled)', tableAt);
  }
  const memAt = sectionAt(m, SectionId.Memory);
  for (const mem of m.memories) checkMemoryLimits(mem.limits, memAt);
  if (m.allMemories.length > 1) throw new CompileError('multiple memories', memAt);

  const globalAt = sectionAt(m, SectionId.Global);
  for (let i = 0; i < m.globals.length; i++) {
    const g = m.globals[i]!;
    expectConst(m, g.init, g.type.valType, m.numImportedGlobals, globalAt, `initializer of global ${m.numImportedGlobals + i}`);
  }

  const exportAt = sectionAt(m, SectionId.Export);
  const exportNames = new Set<string>();
  for (const exp of m.exports) {
    if (exportNames.has(exp.name)) throw new CompileError(`duplicate export name "${exp.name}"`, exportAt);
    exportNames.add(exp.name);
    const [space, what] = exp.kind === ExternKind.Func ? [m.funcTypeIndices.length, 'function']
      : exp.kind === ExternKind.Table ? [m.allTables.length, 'table']
        : exp.kind === ExternKind.Memory ? [m.allMemories.length, 'memory'] : [m.allGlobals.length, 'global'];
    if (exp.index >= space) throw new CompileError(`unknown ${what} ${exp.index}`, exportAt);
    if (exp.kind === ExternKind.Global && m.allGlobals[exp.index]!.mutable && (features & Feature.MutableGlobal) === 0) {
      throw new CompileError('exporting a mutable global (feature mutable-global is disabled)', exportAt);
    }
  }

  if (m.start !== undefined) {
    const startAt = sectionAt(m, SectionId.Start);
    if (m.start >= m.funcTypeIndices.length) throw new CompileError(`unknown function ${m.start}`, startAt);
    const ft = m.types[m.funcTypeIndices[m.start]!]!;
    if (ft.params.length !== 0 || ft.results.length !== 0) {
      throw new CompileError('start function must have type [] -> []', startAt);
    }
  }

  const elemAt = sectionAt(m, SectionId.Element);
  for (let i = 0; i < m.elements.length; i++) {
    const seg = m.elements[i]!;
    if (seg.mode === SegmentMode.Active) {
      const table = m.allTables[seg.tableIndex];
      if (table === undefined) throw new CompileError(`unknown table ${seg.tableIndex}`, elemAt);
      expectConst(m, seg.offset!, ValType.I32, m.numImportedGlobals, elemAt, `offset of element segment ${i}`);
      if (table.elemType !== seg.elemType) {
        throw new CompileError(`type mismatch: element segment ${i} of ${valTypeName(seg.elemType)} into a ${valTypeName(table.elemType)} table`, elemAt);
      }
    }
    for (const e of seg.init) expectConst(m, e, seg.elemType, m.numImportedGlobals, elemAt, `element of segment ${i}`);
  }

  const dataAt = sectionAt(m, SectionId.Data);
  for (let i = 0; i < m.data.length; i++) {
    const seg = m.data[i]!;
    if (seg.mode !== SegmentMode.Active) continue;
    if (seg.memoryIndex >= m.allMemories.length) throw new CompileError(`unknown memory ${seg.memoryIndex}`, dataAt);
    expectConst(m, seg.offset!, ValType.I32, m.numImportedGlobals, dataAt, `offset of data segment ${i}`);
  }

  if (m.code.length === 0) return;
  const v = new FunctionValidator(m, features, declaredFunctions(m));
  for (let i = 0; i < m.code.length; i++) v.validateFunction(m.numImportedFuncs + i, m.code[i]!);
}
