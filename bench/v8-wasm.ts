// Node's own WebAssembly (V8), typed locally: the project's TypeScript lib settings do not
// declare the WebAssembly global, and a local view avoids clashing with anyone who does.

export type V8Imports = Record<string, Record<string, unknown>>;

export interface V8Instance {
  readonly exports: Record<string, unknown>;
}

export interface V8WebAssembly {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: V8Imports) => V8Instance;
}

export const V8Wasm = (globalThis as unknown as { WebAssembly: V8WebAssembly }).WebAssembly;
