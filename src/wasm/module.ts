// The decoded module: what the binary says, with index spaces resolved, ready for validation,
// the frontend and instantiation. Function bodies stay in the original bytes (offset ranges)
// so the validator and the frontend each read them in one pass without an intermediate form.
import type { FuncType, RefType, ValType } from './types.js';

export const enum ExternKind {
  Func = 0,
  Table = 1,
  Memory = 2,
  Global = 3,
}

export interface Limits {
  readonly min: number;
  /** undefined when the limits have no maximum. */
  readonly max: number | undefined;
}

export interface TableType {
  readonly elemType: RefType;
  readonly limits: Limits;
}

/** Limits are in 64 KiB pages. */
export interface MemoryType {
  readonly limits: Limits;
}

export interface GlobalType {
  readonly valType: ValType;
  readonly mutable: boolean;
}

export type ImportDesc =
  | { readonly kind: ExternKind.Func; readonly typeIndex: number }
  | { readonly kind: ExternKind.Table; readonly type: TableType }
  | { readonly kind: ExternKind.Memory; readonly type: MemoryType }
  | { readonly kind: ExternKind.Global; readonly type: GlobalType };

export interface Import {
  readonly module: string;
  readonly name: string;
  readonly desc: ImportDesc;
}

export interface Export {
  readonly name: string;
  readonly kind: ExternKind;
  readonly index: number;
}

/** A constant expression (Core 2.0: a single constant-producing instruction). Floats are kept
 * as bit patterns so NaN payloads survive. */
export type ConstExpr =
  | { readonly op: 'i32.const'; readonly value: number }
  | { readonly op: 'i64.const'; readonly value: bigint }
  | { readonly op: 'f32.const'; readonly bits: number }
  | { readonly op: 'f64.const'; readonly bits: bigint }
  | { readonly op: 'v128.const'; readonly bytes: Uint8Array }
  | { readonly op: 'ref.null'; readonly type: RefType }
  | { readonly op: 'ref.func'; readonly funcIndex: number }
  | { readonly op: 'global.get'; readonly globalIndex: number };

export interface Global {
  readonly type: GlobalType;
  readonly init: ConstExpr;
}

export const enum SegmentMode {
  Active = 0,
  Passive = 1,
  Declarative = 2,
}

export interface ElementSegment {
  readonly mode: SegmentMode;
  /** Table index for active segments, else 0. */
  readonly tableIndex: number;
  /** Offset expression for active segments. */
  readonly offset: ConstExpr | undefined;
  readonly elemType: RefType;
  /** One constant expression per element (function-index encodings become `ref.func`). */
  readonly init: readonly ConstExpr[];
}

export interface DataSegment {
  readonly mode: SegmentMode.Active | SegmentMode.Passive;
  readonly memoryIndex: number;
  readonly offset: ConstExpr | undefined;
  /** A view into the module's bytes. */
  readonly data: Uint8Array;
}

export interface LocalDecl {
  readonly count: number;
  readonly type: ValType;
}

export interface FunctionBody {
  /** Offset of the body's size field's first byte after it, i.e. where the local declarations start. */
  readonly offset: number;
  readonly locals: readonly LocalDecl[];
  /** Total number of declared locals (not counting parameters). */
  readonly numLocals: number;
  /** Offset of the first instruction. */
  readonly codeStart: number;
  /** Offset just past the final `end`. */
  readonly codeEnd: number;
}

export interface CustomSection {
  readonly name: string;
  /** A view into the module's bytes. */
  readonly data: Uint8Array;
  /** Offset of the section's contents in the module. */
  readonly offset: number;
}

export interface NameSection {
  moduleName: string | undefined;
  readonly functionNames: Map<number, string>;
  readonly localNames: Map<number, Map<number, string>>;
}

export interface WasmModule {
  /** The module's bytes; bodies, data and custom sections point into them. */
  readonly bytes: Uint8Array;
  readonly types: FuncType[];
  readonly imports: Import[];
  /** Type index of each function defined in the module (not imported). */
  readonly functions: number[];
  /** Tables defined in the module (not imported). */
  readonly tables: TableType[];
  /** Memories defined in the module (not imported). */
  readonly memories: MemoryType[];
  /** Globals defined in the module (not imported). */
  readonly globals: Global[];
  readonly exports: Export[];
  start: number | undefined;
  readonly elements: ElementSegment[];
  readonly data: DataSegment[];
  dataCount: number | undefined;
  readonly code: FunctionBody[];
  readonly customSections: CustomSection[];
  readonly names: NameSection;
  /** Offset of each known section's contents by section id (0..12), -1 when absent; module-level
   * validation errors point at the section. */
  readonly sectionOffsets: Int32Array;

  // Index spaces: imports come first in each.
  numImportedFuncs: number;
  numImportedTables: number;
  numImportedMemories: number;
  numImportedGlobals: number;
  /** Type index of every function in the function index space (imports first). */
  readonly funcTypeIndices: number[];
  /** Every table in the table index space (imports first). */
  readonly allTables: TableType[];
  /** Every memory in the memory index space (imports first). */
  readonly allMemories: MemoryType[];
  /** Every global's type in the global index space (imports first). */
  readonly allGlobals: GlobalType[];
}

export function emptyModule(bytes: Uint8Array): WasmModule {
  return {
    bytes, types: [], imports: [], functions: [], tables: [], memories: [], globals: [],
    exports: [], start: undefined, elements: [], data: [], dataCount: undefined, code: [],
    customSections: [], names: { moduleName: undefined, functionNames: new Map(), localNames: new Map() },
    sectionOffsets: new Int32Array(13).fill(-1),
    numImportedFuncs: 0, numImportedTables: 0, numImportedMemories: 0, numImportedGlobals: 0,
    funcTypeIndices: [], allTables: [], allMemories: [], allGlobals: [],
  };
}

/** The type of function `funcIndex` in the function index space. */
export function functionType(module: WasmModule, funcIndex: number): FuncType {
  const typeIndex = module.funcTypeIndices[funcIndex];
  const type = typeIndex === undefined ? undefined : module.types[typeIndex];
  if (type === undefined) throw new RangeError(`function index ${funcIndex} out of range`);
  return type;
}

export function externKindName(kind: ExternKind): 'func' | 'table' | 'memory' | 'global' {
  switch (kind) {
    case ExternKind.Func: return 'func';
    case ExternKind.Table: return 'table';
    case ExternKind.Memory: return 'memory';
    case ExternKind.Global: return 'global';
  }
}
