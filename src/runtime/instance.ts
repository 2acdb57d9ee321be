// Instantiation in the spec's order: resolve imports, allocate functions, globals, tables and
// memories, bind the engine, build exports, apply element then data segments (a trap leaves
// earlier writes to imported tables/memories in place), run the start function.
import { emptyModule, ExternKind, SegmentMode, type WasmModule } from '../wasm/module.js';
import { evalConstExpr } from './const-expr.js';
import type { EngineModule, InstanceState } from './engine.js';
import { LinkError, RuntimeError } from './errors.js';
import { funcTypeId, WasmFunction } from './func.js';
import { Global } from './global.js';
import { resolveImport, type Extern } from './link.js';
import { Memory } from './memory.js';
import { functionNames } from './names.js';
import { finishTrapStack } from './stack.js';
import { Table } from './table.js';
import { TrapKind } from './trap.js';
import { rawArray, type RawValue } from './values.js';

/** Looks up the value provided for an import (undefined when there is none). */
export type ImportLookup = (module: string, name: string) => unknown;

export type Exports = Readonly<Record<string, unknown>>;

export class Instance {
  /** Exports as the API shows them: callables, Memory, Table, Global objects. */
  readonly exports: Exports;
  /** Exports as store objects (used when another instance imports from this one). */
  readonly externs: ReadonlyMap<string, Extern>;

  constructor(readonly state: InstanceState, externs: Map<string, Extern>) {
    this.externs = externs;
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [name, ext] of externs) out[name] = ext instanceof WasmFunction ? ext.callable() : ext;
    this.exports = Object.freeze(out);
  }

  /** A host-made instance: a set of named externs other modules can import (e.g. `spectest`). */
  static fromExterns(externs: ReadonlyMap<string, Extern>): Instance {
    const module = emptyModule(new Uint8Array(0));
    const state: InstanceState = {
      module, functions: [], tables: [], memories: [], globals: [], dataSegments: [], elemSegments: [], typeIds: [],
    };
    return new Instance(state, new Map(externs));
  }

  /** Calls exported function `name` with raw values (see values.ts: f32 as its int32 bits,
   * v128 as 16 bytes...) and returns raw results: exact bits for harnesses and embedders that
   * need them (a JS number cannot carry every f32 NaN payload). */
  invokeRaw(name: string, args: readonly RawValue[]): RawValue[] {
    const f = this.externs.get(name);
    if (!(f instanceof WasmFunction)) throw new TypeError(`export "${name}" is not a function`);
    if (args.length !== f.type.params.length) {
      throw new TypeError(`export "${name}" takes ${f.type.params.length} arguments, got ${args.length}`);
    }
    try {
      const copy = rawArray(args.length);
      for (let i = 0; i < args.length; i++) copy[i] = args[i];
      return f.invoke(copy);
    } catch (e) {
      throw finishTrapStack(e);
    }
  }
}

function unbound(): never {
  throw new Error('function called before its instance was bound to an engine');
}

/** `memoryLimitPages`: the runtime-wide cap on the module's own memories (their maximum is
 * lowered to it; a memory that needs more at the start is a LinkError). */
export function instantiate(module: WasmModule, engineModule: EngineModule, lookup: ImportLookup, memoryLimitPages?: number): Instance {
  const functions: WasmFunction[] = [];
  const tables: Table[] = [];
  const memories: Memory[] = [];
  const globals: Global[] = [];

  for (const imp of module.imports) {
    const ext = resolveImport(module, imp, lookup(imp.module, imp.name));
    switch (imp.desc.kind) {
      case ExternKind.Func: functions.push(ext as WasmFunction); break;
      case ExternKind.Table: tables.push(ext as Table); break;
      case ExternKind.Memory: memories.push(ext as Memory); break;
      case ExternKind.Global: globals.push(ext as Global); break;
    }
  }

  const names = functionNames(module);
  for (let i = 0; i < module.functions.length; i++) {
    const index = module.numImportedFuncs + i;
    const type = module.types[module.functions[i]!];
    if (type === undefined) throw new LinkError(`function ${index} has an invalid type index`);
    const f = new WasmFunction(type, names.get(index), unbound);
    f.index = index;
    functions.push(f);
  }
  for (const g of module.globals) {
    globals.push(Global.fromRaw(g.type.valType, g.type.mutable, evalConstExpr(g.init, globals, functions)));
  }
  for (const t of module.tables) tables.push(Table.create(t.elemType, t.limits));
  for (const m of module.memories) {
    let maximum = m.limits.max;
    if (memoryLimitPages !== undefined) {
      if (m.limits.min > memoryLimitPages) {
        throw new LinkError(`memory ${memories.length} needs ${m.limits.min} pages at the start, more than the runtime memory limit of ${memoryLimitPages} pages`);
      }
      maximum = Math.min(maximum ?? memoryLimitPages, memoryLimitPages);
    }
    memories.push(new Memory({ initial: m.limits.min, maximum }));
  }

  const elemSegments: RawValue[][] = module.elements.map((seg) =>
    seg.init.map((e) => evalConstExpr(e, globals, functions)));
  const dataSegments: Uint8Array[] = module.data.map((seg) => seg.data);

  const state: InstanceState = {
    module, functions, tables, memories, globals, dataSegments, elemSegments,
    typeIds: module.types.map(funcTypeId),
  };
  engineModule.instantiate(state);

  const externs = new Map<string, Extern>();
  for (const exp of module.exports) {
    const space: Extern[] = exp.kind === ExternKind.Func ? functions
      : exp.kind === ExternKind.Table ? tables
        : exp.kind === ExternKind.Memory ? memories : globals;
    const ext = space[exp.index];
    if (ext === undefined) throw new LinkError(`export "${exp.name}" refers to a missing index ${exp.index}`);
    externs.set(exp.name, ext);
  }

  try {
    applySegments(state);
    if (module.start !== undefined) {
      const start = functions[module.start];
      if (start === undefined) throw new LinkError(`start function ${module.start} does not exist`);
      start.invoke([]);
    }
  } catch (e) {
    throw finishTrapStack(e);
  }
  return new Instance(state, externs);
}

function applySegments(state: InstanceState): void {
  const { module, tables, memories, globals, functions } = state;
  module.elements.forEach((seg, i) => {
    if (seg.mode === SegmentMode.Active) {
      const table = tables[seg.tableIndex];
      if (table === undefined || seg.offset === undefined) throw new LinkError(`element segment ${i} has no table or offset`);
      const offset = (evalConstExpr(seg.offset, globals, functions) as number) >>> 0;
      const refs = state.elemSegments[i]!;
      if (offset + refs.length > table.elements.length) throw new RuntimeError(TrapKind.TableOutOfBounds);
      for (let k = 0; k < refs.length; k++) table.elements[offset + k] = refs[k];
    }
    if (seg.mode !== SegmentMode.Passive) state.elemSegments[i] = [];
  });
  module.data.forEach((seg, i) => {
    if (seg.mode !== SegmentMode.Active) return;
    const memory = memories[seg.memoryIndex];
    if (memory === undefined || seg.offset === undefined) throw new LinkError(`data segment ${i} has no memory or offset`);
    const offset = (evalConstExpr(seg.offset, globals, functions) as number) >>> 0;
    if (offset + seg.data.length > memory.buffer.byteLength) throw new RuntimeError(TrapKind.MemoryOutOfBounds);
    memory.u8.set(seg.data, offset);
    state.dataSegments[i] = new Uint8Array(0);
  });
}
