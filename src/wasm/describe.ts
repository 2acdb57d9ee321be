// Import and export descriptors for the public API: kind names and full types, resolved from
// the module's index spaces.
import type { FuncType } from './types.js';
import { ExternKind, externKindName, type GlobalType, type MemoryType, type TableType, type WasmModule } from './module.js';

export type ExternType = FuncType | TableType | MemoryType | GlobalType;

export interface ImportDescriptor {
  readonly module: string;
  readonly name: string;
  readonly kind: 'func' | 'table' | 'memory' | 'global';
  readonly type: ExternType;
}

export interface ExportDescriptor {
  readonly name: string;
  readonly kind: 'func' | 'table' | 'memory' | 'global';
  readonly type: ExternType;
}

function typeAt<T>(list: readonly T[], index: number, what: string): T {
  const t = list[index];
  if (t === undefined) throw new RangeError(`${what} index ${index} out of range`);
  return t;
}

/** Describes the module's imports in order. The module must have been validated. */
export function describeImports(module: WasmModule): ImportDescriptor[] {
  return module.imports.map((imp) => {
    const d = imp.desc;
    const type: ExternType = d.kind === ExternKind.Func ? typeAt(module.types, d.typeIndex, 'type') : d.type;
    return { module: imp.module, name: imp.name, kind: externKindName(d.kind), type };
  });
}

/** Describes the module's exports in order. The module must have been validated. */
export function describeExports(module: WasmModule): ExportDescriptor[] {
  return module.exports.map((exp) => {
    let type: ExternType;
    switch (exp.kind) {
      case ExternKind.Func:
        type = typeAt(module.types, typeAt(module.funcTypeIndices, exp.index, 'function'), 'type');
        break;
      case ExternKind.Table: type = typeAt(module.allTables, exp.index, 'table'); break;
      case ExternKind.Memory: type = typeAt(module.allMemories, exp.index, 'memory'); break;
      case ExternKind.Global: type = typeAt(module.allGlobals, exp.index, 'global'); break;
    }
    return { name: exp.name, kind: externKindName(exp.kind), type };
  });
}
