// The engines WASI programs are compared on. The reference is Node's own WASI on V8; every
// engine under test must match it: zerowasm's WASI on V8, on the interpreter and on the
// compiler. An engine this build cannot provide is listed in UNAVAILABLE_ENGINES with the
// reason, which the tests print as a counted skip.
import { WASI as NodeWASI } from 'node:wasi';
import { WASI, type WasiInstance } from '../../src/wasi/index.js';
import { V8Wasm } from '../../src/cli/v8-webassembly.js';
import { Runtime, type Imports } from '../../src/runtime/runtime.js';

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

export type Instantiate = (bytes: Uint8Array, imports: object) => Promise<WasiInstance> | WasiInstance;

export const onV8: Instantiate = async (bytes, imports) => V8Wasm.instantiate(await V8Wasm.compile(bytes), imports);

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

export function onZerowasm(engine: 'interpreter' | 'compiler', interpreterSource: 'ir' | 'wasm' = 'ir'): Instantiate {
  return (bytes, imports) => {
    const rt = new Runtime({ engine, interpreterSource });
    return rt.instantiate(rt.compile(bytes), imports as Imports);
  };
}

/** Why `new Runtime({ engine: 'compiler' })` fails here, or undefined when it works. */
function compilerUnavailable(): string | undefined {
  try {
    const rt = new Runtime({ engine: 'compiler' });
    return rt.engine === 'compiler' ? undefined : `the runtime chose ${rt.engine}`;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

const ZEROWASM_ENGINES: readonly WasiEngine[] = [
  { id: 'zerowasm-wasi+v8', description: "zerowasm WASI on V8's WebAssembly", run: (b, s) => runZerowasmWasi(b, s, onV8) },
  {
    id: 'zerowasm-wasi+interpreter', description: 'zerowasm WASI on the zerowasm interpreter',
    run: (b, s) => runZerowasmWasi(b, s, onZerowasm('interpreter')),
  },
  {
    // The interpreter executing Wasm bodies directly: the triage cross-check that tells an
    // optimizer bug (IR source differs) from an executor bug (both differ).
    id: 'zerowasm-wasi+interpreter-wasm', description: 'zerowasm WASI on the zerowasm interpreter (Wasm source)',
    run: (b, s) => runZerowasmWasi(b, s, onZerowasm('interpreter', 'wasm')),
  },
  {
    id: 'zerowasm-wasi+compiler', description: 'zerowasm WASI on the zerowasm compiler',
    run: (b, s) => runZerowasmWasi(b, s, onZerowasm('compiler')),
  },
];

const compilerReason = compilerUnavailable();

/** Engines listed but not runnable in this build, each with the reason. */
export const UNAVAILABLE_ENGINES: readonly { readonly engine: WasiEngine; readonly reason: string }[] =
  compilerReason === undefined ? [] : [{
    engine: ZEROWASM_ENGINES.find((e) => e.id === 'zerowasm-wasi+compiler')!,
    reason: `compiler engine not available: ${compilerReason}`,
  }];

export const ENGINES_UNDER_TEST: readonly WasiEngine[] = ZEROWASM_ENGINES.filter(
  (e) => !UNAVAILABLE_ENGINES.some((u) => u.engine === e));

/** Known engine bugs outside this test's area: `engine id → program → reason`. Such a run is
 * expected to differ from the reference; the test fails as soon as it matches (the entry must
 * then be removed), so a fix is noticed and nothing is silently skipped. */
export const KNOWN_ISSUES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
};

export function engineById(id: string): WasiEngine | undefined {
  return [REFERENCE_ENGINE, ...ZEROWASM_ENGINES].find((e) => e.id === id);
}

/** The Wasm engines under zerowasm's WASI for tests that call WASI imports through a module
 * (sandbox.test.ts): V8 and each available zerowasm engine. */
export const WASM_ENGINES_FOR_WASI: readonly { readonly name: string; readonly instantiate: Instantiate }[] = [
  { name: "V8's WebAssembly", instantiate: onV8 },
  { name: 'the zerowasm interpreter', instantiate: onZerowasm('interpreter') },
  ...(compilerReason === undefined ? [{ name: 'the zerowasm compiler', instantiate: onZerowasm('compiler') }] : []),
];
