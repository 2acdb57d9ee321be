// What the backend needs to know about the module around a function: signatures of callees and
// types, which globals are imported, whether memory 0 exists. ISA-independent.
import type { WasmModule } from '../wasm/module.js';
import type { FuncType, ValType } from '../wasm/types.js';

export interface ModuleContext {
  readonly numImportedFuncs: number;
  /** Signature of a function in the function index space (imports first). */
  funcType(funcIndex: number): FuncType;
  /** Signature of a module type index. */
  typeAt(typeIndex: number): FuncType;
  /** Value type of a global in the global index space. */
  globalType(globalIndex: number): ValType;
  /** True for an imported global (its cell holds the address of the exporter's cell). */
  globalImported(globalIndex: number): boolean;
}

export function moduleContextOf(m: WasmModule): ModuleContext {
  return {
    numImportedFuncs: m.numImportedFuncs,
    funcType(i) {
      const t = m.types[m.funcTypeIndices[i] ?? -1];
      if (t === undefined) throw new RangeError(`function index ${i} out of range`);
      return t;
    },
    typeAt(i) {
      const t = m.types[i];
      if (t === undefined) throw new RangeError(`type index ${i} out of range`);
      return t;
    },
    globalType(i) {
      const g = m.allGlobals[i];
      if (g === undefined) throw new RangeError(`global index ${i} out of range`);
      return g.valType;
    },
    globalImported(i) {
      return i < m.numImportedGlobals;
    },
  };
}
