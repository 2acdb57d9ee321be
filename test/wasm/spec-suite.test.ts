// Runs the dev check (wast2json-check.ts) under mocha: every module, assert_invalid and binary
// assert_malformed of the spec suite is judged by decode + validate. Skipped, with the reason,
// when wast2json or the suite is not available.
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { checkSuite, hasWast2json, suiteDir } from './wast2json-check.js';

describe('wasm/spec suite: decode + validate verdicts', function () {
  this.timeout(120_000);
  it('judges every module of core-2.0 like the spec', function () {
    if (!existsSync(suiteDir())) {
      console.log(`    skipped: spec suite not found at ${suiteDir()}`);
      this.skip();
    }
    if (!hasWast2json()) {
      console.log('    skipped: wast2json (wabt) is not installed');
      this.skip();
    }
    const s = checkSuite(suiteDir());
    expect(s.mismatches).to.deep.equal([]);
    expect(s.checked).to.be.greaterThan(4000);
  });
});
