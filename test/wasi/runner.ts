// Runs one WASI program on one engine (engines.ts) in its own process, so every engine gets
// real process stdio (node:wasi only accepts host fds) and a fresh state.
//   node --no-warnings runner.js <engine-id> <json RunSpec>
// Exit status is the program's exit code; a trap prints "trap: <message>" and exits 134.
import * as fs from 'node:fs';
import { engineById, type RunSpec } from './engines.js';

const [id, specJson] = process.argv.slice(2);
const engine = id === undefined ? undefined : engineById(id);
if (engine === undefined || specJson === undefined) {
  process.stderr.write(`usage: runner.js ENGINE SPEC_JSON (unknown engine '${id ?? ''}')\n`);
  process.exitCode = 2;
} else {
  const spec = JSON.parse(specJson) as RunSpec;
  engine.run(fs.readFileSync(spec.wasm), spec).then(
    (code) => { process.exitCode = code; },
    (err: unknown) => {
      process.stderr.write(`trap: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 134;
    },
  );
}
