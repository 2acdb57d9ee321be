// Runs spec scripts on the interpreter in-process, until the lead wires the adapter into
// `npm run spec`:  node dist/test/interpreter/spec-run.js [file...]   (all files when none)
import { readdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFile } from '../spec/file-run.js';
import { loadWabt } from '../spec/wat.js';
import { ZerowasmSpecEngine } from '../spec/engines/zerowasm.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const suite = process.env['ZEROWASM_TESTSUITE'] ?? resolve(root, '../shared/testsuite/core-2.0');
const verbose = process.argv.includes('--verbose');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const files = args.length > 0 ? args.map((f) => (f.endsWith('.wast') ? f : `${f}.wast`))
  : readdirSync(suite).filter((f) => f.endsWith('.wast')).sort();
await loadWabt();
const engine = new ZerowasmSpecEngine('interpreter', process.argv.includes('--wasm-source') ? 'wasm' : 'ir');
let passed = 0, failed = 0;
for (const file of files) {
  const r = runFile(join(suite, file), file, engine, 'engine');
  passed += r.passed; failed += r.failed;
  console.log(`${file}: ${r.passed} passed, ${r.failed} failed${r.error ? ` (${r.error})` : ''} ${r.ms} ms`);
  if (verbose) for (const f of r.failures) console.log(`  line ${f.line} ${f.command}: ${f.detail}`);
}
console.log(`interpreter: ${passed} passed, ${failed} failed`);
