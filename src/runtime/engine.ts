// The boundary between the runtime (instantiation, linking, the public objects) and an
// execution engine (the interpreter now, the native compiler later). The runtime owns every
// store object; an engine only turns function bodies into something it can run.
import type { WasmModule } from '../wasm/module.js';
import type { WasmFunction } from './func.js';
import type { Global } from './global.js';
import type { Memory } from './memory.js';
import type { Table } from './table.js';
import type { RawValue } from './values.js';

/** Everything one instance's code can reach, in module index-space order (imports first). */
export interface InstanceState {
  readonly module: WasmModule;
  readonly functions: WasmFunction[];
  readonly tables: Table[];
  readonly memories: Memory[];
  readonly globals: Global[];
  /** Data segment bytes; an entry becomes empty when `data.drop` runs or an active segment is applied. */
  readonly dataSegments: Uint8Array[];
  /** Element segment references (raw); emptied by `elem.drop` and after active initialisation. */
  readonly elemSegments: RawValue[][];
  /** Canonical type id of each of the module's type indices (for `call_indirect`). */
  readonly typeIds: readonly number[];
}

export interface Engine {
  readonly kind: 'interpreter' | 'compiler';
  /** Prepares a validated module's functions; throws CompileError if it cannot. */
  compile(module: WasmModule): EngineModule;
  /** Why `module` (compiled by this engine) runs on another engine instead, if it does. */
  fallbackReason?(module: WasmModule): string | undefined;
}

export interface EngineModule {
  /** Binds the module's code to one instance. Called after imports, globals, tables and
   * memories exist and before segments are applied and the start function runs. It must set
   * `invoke` (and may set `owner`) on every defined function in `state.functions`. */
  instantiate(state: InstanceState): void;
}
