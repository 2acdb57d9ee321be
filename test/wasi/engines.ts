// The engines WASI programs are compared on. The reference is Node's own WASI on V8; every
// engine under test must match it. Adding zerowasm's interpreter or compiler is one line in
// ENGINES_UNDER_TEST, e.g.
//   { id: 'zerowasm-wasi+interpreter', description: 'zerowasm WASI on the interpreter',
//     run: (b, s) => runZerowasmWasi(b, s, (bytes, imports) => { const rt = new Runtime({ engine: 'interpreter' }); return rt.instantiate(rt.compile(bytes), imports); }) },
import { WASI as NodeWASI } from 'node:wasi';
import { WASI, type WasiInstance } from '../../src/wasi/index.js';
import { V8Wasm } from '../../src/cli/v8-webassembly.js';

/** What a program run gets: all JSON, so it can cross into the runner's child process. */
export interface RunSpec {
  readonly wasm: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly preopens: Readonly<Record<string, string>>;
}

export interface WasiEngine {
  readonly id: string;
  readonly description: string;
  /** Runs the program with real process stdio and returns its exit code. */
  readonly run: (bytes: Uint8Array, spec: RunSpec) => Promise<number>;
}

type Instantiate = (bytes: Uint8Array, imports: object) => Promise<WasiInstance> | WasiInstance;

const onV8: Instantiate = async (bytes, imports) => V8Wasm.instantiate(await V8Wasm.compile(bytes), imports);

/** zerowasm's WASI on any engine that can instantiate a module with imports. */
export async function runZerowasmWasi(bytes: Uint8Array, spec: RunSpec, instantiate: Instantiate): Promise<number> {
  const wasi = new WASI({ args: spec.args, env: spec.env, preopens: spec.preopens });
  return wasi.start(await instantiate(bytes, wasi.getImportObject()));
}

async function runNodeWasi(bytes: Uint8Array, spec: RunSpec): Promise<number> {
  const wasi = new NodeWASI({
    version: 'preview1', args: [...spec.args], env: { ...spec.env }, preopens: { ...spec.preopens }, returnOnExit: true,
  });
  return wasi.start(await onV8(bytes, wasi.getImportObject()));
}

export const REFERENCE_ENGINE: WasiEngine = {
  id: 'node-wasi+v8', description: "node:wasi on V8's WebAssembly", run: runNodeWasi,
};

export const ENGINES_UNDER_TEST: readonly WasiEngine[] = [
  { id: 'zerowasm-wasi+v8', description: "zerowasm WASI on V8's WebAssembly", run: (b, s) => runZerowasmWasi(b, s, onV8) },
];

export function engineById(id: string): WasiEngine | undefined {
  return [REFERENCE_ENGINE, ...ENGINES_UNDER_TEST].find((e) => e.id === id);
}
