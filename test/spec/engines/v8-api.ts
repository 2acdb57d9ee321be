// The slice of Node's global `WebAssembly` API the V8 adapter uses, typed locally: the project
// compiles with lib ES2022 only (no DOM typings), and a global declaration here would leak into
// every other folder.
export interface WasmModule { readonly __brand: 'WebAssembly.Module' }
export interface WasmMemory { readonly buffer: ArrayBuffer }
export interface WasmTable { set(index: number, value: unknown): void }
export interface WasmGlobal { readonly value: unknown }
export type WasmExports = Record<string, unknown>;
export interface WasmInstance { readonly exports: WasmExports }
export interface ImportDescriptor { readonly module: string; readonly name: string; readonly kind: string }

export interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: { new (bytes: Uint8Array): WasmModule; imports(m: WasmModule): ImportDescriptor[] };
  Instance: new (m: WasmModule, imports: Record<string, Record<string, unknown>>) => WasmInstance;
  Global: abstract new (...args: never[]) => WasmGlobal;
  CompileError: abstract new (...args: never[]) => Error;
  LinkError: abstract new (...args: never[]) => Error;
  RuntimeError: abstract new (...args: never[]) => Error;
}

export const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
