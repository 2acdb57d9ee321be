// The engines WASI programs are compared on. The first is the reference (Node's own WASI on
// V8); every other engine must match it. Adding zerowasm's interpreter or compiler is one line
// here plus its case in runner.ts.
export interface WasiEngine {
  readonly id: string;
  readonly description: string;
}

export const REFERENCE_ENGINE: WasiEngine = { id: 'node-wasi+v8', description: "node:wasi on V8's WebAssembly" };

export const ENGINES_UNDER_TEST: readonly WasiEngine[] = [
  { id: 'zerowasm-wasi+v8', description: "zerowasm WASI on V8's WebAssembly" },
];
