// Runs spec scripts on the backend through its test harness (not part of `npm test`):
//   node dist/test/backend/amd64/spec-run.js i32 i64 f32 ...   (names in the core-2.0 suite)
// Prints passed/failed per file and the first failures.
import { join } from 'node:path';
import { runFile } from '../../spec/file-run.js';
import { loadWabt } from '../../spec/wat.js';
import { Amd64TestEngine } from './spec-engine.js';

await loadWabt();

const suite = process.env['ZEROWASM_TESTSUITE'] ?? join(process.cwd(), '..', 'shared', 'testsuite', 'core-2.0');
const engine = new Amd64TestEngine();
let passed = 0, failed = 0;
for (const name of process.argv.slice(2)) {
  const file = `${name}.wast`;
  const r = runFile(join(suite, file), file, engine, 'engine');
  passed += r.passed;
  failed += r.failed;
  console.log(`${file}: ${r.passed} passed, ${r.failed} failed${r.error ? ` (${r.error})` : ''}`);
  for (const f of r.failures.slice(0, Number(process.env['SHOW'] ?? 4))) console.log(`  line ${f.line} ${f.command}: ${f.detail.slice(0, 300)}`);
}
console.log(`total: ${passed} passed, ${failed} failed`);
