// Typed access to V8's global WebAssembly object. The project's tsconfig has no DOM lib (and
// @types/node does not declare it), so the few members we use are described here.

export interface V8Instance {
  readonly exports: Readonly<Record<string, unknown>>;
}

export interface V8Module {
  readonly __v8Module: never;
}

export interface V8ModuleExportDescriptor {
  readonly name: string;
  readonly kind: 'function' | 'table' | 'memory' | 'global' | 'tag';
}

export interface V8WebAssembly {
  compile(bytes: Uint8Array): Promise<V8Module>;
  instantiate(module: V8Module, imports: object): Promise<V8Instance>;
  readonly Module: { exports(module: V8Module): V8ModuleExportDescriptor[] };
  readonly Memory: new (desc: { initial: number; maximum?: number }) => { readonly buffer: ArrayBuffer; grow(pages: number): number };
}

export const V8Wasm = (globalThis as unknown as { WebAssembly: V8WebAssembly }).WebAssembly;
