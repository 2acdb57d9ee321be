// Differential fuzzing in CI: a fixed range of seeds (ZW_FUZZ_SEED, ZW_FUZZ_COUNT override it),
// each a binaryen-generated module run on V8 and on the interpreter's two code sources.
import { expect } from 'chai';
import { firstDifference, fuzzOne, haveWasmOpt, withWorkDir } from './fuzz-diff.js';

const start = Number(process.env['ZW_FUZZ_SEED'] ?? '1');
const count = Number(process.env['ZW_FUZZ_COUNT'] ?? '500');

describe('regress: differential fuzzing against V8 (wasm-opt -ttf)', function () {
  this.timeout(120_000);
  before(function () {
    if (!haveWasmOpt()) {
      console.log('    skipped: wasm-opt (Debian package binaryen) is not installed');
      this.skip();
    }
  });

  it(`agrees with V8 on seeds ${start}..${start + count - 1} (both interpreter sources, IR verified)`, () => {
    const failures: string[] = [];
    let calls = 0;
    withWorkDir((dir) => {
      for (let seed = start; seed < start + count; seed++) {
        const result = fuzzOne(seed, dir);
        calls += result.calls;
        for (const m of result.mismatches) {
          failures.push(`seed ${seed} (${m.source}): ${firstDifference(m.expected, m.actual)}`);
        }
      }
    });
    // The generator must actually produce calls, or this test would pass on nothing.
    expect(calls).to.be.greaterThan(count * 3);
    expect(failures, failures.slice(0, 10).join('\n')).to.deep.equal([]);
  });
});
