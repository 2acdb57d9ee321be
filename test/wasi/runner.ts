// Runs one WASI program on one engine in its own process, so every engine gets real process
// stdio (node:wasi only accepts host fds) and a fresh state. Used by programs.test.ts.
//   node --no-warnings runner.js <engine-id> <json RunSpec>
// Exit status is the program's exit code; a trap prints "trap: <message>" and exits 134.
import * as fs from 'node:fs';
import { WASI as NodeWASI } from 'node:wasi';
import { WASI } from '../../src/wasi/index.js';
import { V8Wasm } from '../../src/cli/v8-webassembly.js';

export interface RunSpec {
  readonly wasm: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly preopens: Readonly<Record<string, string>>;
}

/** How each engine id runs a program. To add an engine, add a case here and a line in engines.ts. */
async function run(engine: string, spec: RunSpec): Promise<number> {
  const bytes = fs.readFileSync(spec.wasm);
  switch (engine) {
    case 'node-wasi+v8': {
      const wasi = new NodeWASI({
        version: 'preview1', args: [...spec.args], env: { ...spec.env }, preopens: { ...spec.preopens },
        returnOnExit: true,
      });
      const instance = await V8Wasm.instantiate(await V8Wasm.compile(bytes), wasi.getImportObject());
      return wasi.start(instance as unknown as object);
    }
    case 'zerowasm-wasi+v8': {
      const wasi = new WASI({ args: spec.args, env: spec.env, preopens: spec.preopens });
      const instance = await V8Wasm.instantiate(await V8Wasm.compile(bytes), wasi.getImportObject());
      return wasi.start(instance);
    }
    default:
      throw new Error(`runner: unknown engine '${engine}'`);
  }
}

const [engine, specJson] = process.argv.slice(2);
if (engine === undefined || specJson === undefined) {
  process.stderr.write('usage: runner.js ENGINE SPEC_JSON\n');
  process.exitCode = 2;
} else {
  run(engine, JSON.parse(specJson) as RunSpec).then(
    (code) => { process.exitCode = code; },
    (err: unknown) => {
      process.stderr.write(`trap: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 134;
    },
  );
}
