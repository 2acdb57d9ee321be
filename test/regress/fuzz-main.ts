// Long differential fuzzing runs (not part of `npm test`):
//   ZW_FUZZ_SEED=1000 ZW_FUZZ_COUNT=5000 node dist/test/regress/fuzz-main.js [outDir]
// ZW_FUZZ_COMPILER=1 also compares the native compiler engine with V8.
// Each mismatching module is written to outDir (default ./fuzz-failures) as seed-N.wasm with a
// seed-N.txt holding both traces; the exit code is the number of failing seeds (capped at 100).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstDifference, fuzzOne, haveWasmOpt, withWorkDir } from './fuzz-diff.js';
import { SOURCES, type Source } from './harness.js';

const start = Number(process.env['ZW_FUZZ_SEED'] ?? '1');
const count = Number(process.env['ZW_FUZZ_COUNT'] ?? '1000');
const outDir = process.argv[2] ?? 'fuzz-failures';
const sources: readonly Source[] = process.env['ZW_FUZZ_COMPILER'] ? [...SOURCES, 'compiler'] : SOURCES;
if (!haveWasmOpt()) {
  console.error('wasm-opt (binaryen) is not installed: apt-get install binaryen');
  process.exit(100);
}
let failing = 0;
let calls = 0;
const t0 = Date.now();
withWorkDir((dir) => {
  for (let seed = start; seed < start + count; seed++) {
    let result;
    try {
      result = fuzzOne(seed, dir, sources);
    } catch (e) {
      // wasm-opt failing on some input is binaryen's problem, not a mismatch.
      console.log(`seed ${seed}: generation failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      continue;
    }
    calls += result.calls;
    if (result.mismatches.length === 0) continue;
    failing++;
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, `seed-${seed}.wasm`), result.bytes);
    const report = result.mismatches.map((m) => `== ${m.source} source\n-- V8\n${m.expected}\n-- zerowasm\n${m.actual}\n`);
    writeFileSync(join(outDir, `seed-${seed}.txt`), report.join('\n'));
    for (const m of result.mismatches) console.log(`seed ${seed} (${m.source}): ${firstDifference(m.expected, m.actual)}`);
  }
});
console.log(`${count} modules from seed ${start}, ${calls} calls, ${failing} failing, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
process.exit(Math.min(failing, 100));
