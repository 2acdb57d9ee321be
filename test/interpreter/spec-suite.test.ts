// The whole Core 2.0 spec suite on the interpreter (both code sources), through the spec
// runner's adapter in test/spec/engines/zerowasm.ts. Skipped, with the reason, when the suite is not present.
import { expect } from 'chai';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFile } from '../spec/file-run.js';
import { loadWabt } from '../spec/wat.js';
import { ZerowasmSpecEngine } from '../spec/engines/zerowasm.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const suite = process.env['ZEROWASM_TESTSUITE'] ?? resolve(root, '../shared/testsuite/core-2.0');

describe('interpreter: Core 2.0 spec suite', function () {
  this.timeout(180_000);
  before(async function () {
    if (!existsSync(suite)) {
      console.log(`    skipped: spec suite not found at ${suite} (set ZEROWASM_TESTSUITE)`);
      this.skip();
    }
    await loadWabt();
  });

  for (const source of ['ir', 'wasm'] as const) {
    it(`passes every command (interpreter from ${source})`, () => {
      const engine = new ZerowasmSpecEngine('interpreter', source);
      let passed = 0;
      const failures: string[] = [];
      for (const file of readdirSync(suite).filter((f) => f.endsWith('.wast')).sort()) {
        const r = runFile(join(suite, file), file, engine, 'engine');
        passed += r.passed;
        if (r.error !== undefined) failures.push(`${file}: ${r.error}`);
        for (const f of r.failures) failures.push(`${file}:${f.line} ${f.command}: ${f.detail}`);
      }
      expect(failures.slice(0, 20)).to.deep.equal([]);
      expect(passed).to.be.greaterThan(50_000);
    });
  }
});
