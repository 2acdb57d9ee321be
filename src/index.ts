// Public API of zerowasm. Everything exported here is re-exported from the stage that owns it.
export { VERSION } from './cli/main.js';
export { Runtime, CompiledModule } from './runtime/runtime.js';
export type { RuntimeOptions, EngineChoice, Imports, ImportDescriptor, ExportDescriptor } from './runtime/runtime.js';
export { Instance } from './runtime/instance.js';
export type { Exports } from './runtime/instance.js';
export { Memory, PAGE_SIZE } from './runtime/memory.js';
export type { MemoryDescriptor, LinearMemory } from './runtime/memory.js';
export { Table } from './runtime/table.js';
export type { TableDescriptor } from './runtime/table.js';
export { Global } from './runtime/global.js';
export type { GlobalDescriptor } from './runtime/global.js';
export { CompileError, LinkError, RuntimeError } from './runtime/errors.js';
export type { WasmFrame } from './runtime/errors.js';
export { TrapKind, trapMessage } from './runtime/trap.js';
export { validate } from './wasm/index.js';
export { rawArray } from './runtime/values.js';
export type { RawValue } from './runtime/values.js';
export { WASI, exitCodeOf, Errno, errnoName } from './wasi/index.js';
export type {
  WasiOptions, WasiClock, WasiInstance, OutputSink, InputSource, PreopenTarget, WasiImportObject, WasiImportFunction,
} from './wasi/index.js';
