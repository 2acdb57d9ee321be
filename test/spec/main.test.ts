import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, parseArgs } from './main.js';

// A loop of `n` iterations: a command whose duration the test controls.
const SPIN_MODULE = '(module (func (export "spin") (param i32) (loop (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))))';
const SPIN_BYTES = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 1, 127, 0, 3, 2, 1, 0, 7, 8, 1, 4, 115, 112, 105, 110, 0, 0,
  10, 16, 1, 14, 0, 3, 64, 32, 0, 65, 1, 107, 34, 0, 13, 0, 11, 11]);

/**
 * Iterations of SPIN_MODULE's loop that take about `ms` on this machine now, at V8's fastest tier
 * (the best of several timed runs after a warm-up; a fresh worker may start in a slower tier).
 */
function spinIterationsFor(ms: number): number {
  const spin = new WebAssembly.Instance(new WebAssembly.Module(SPIN_BYTES)).exports['spin'] as (n: number) => void;
  const n = 1 << 22;
  let best = Infinity;
  for (let k = 0; k < 12; k++) {
    const t0 = performance.now();
    spin(n);
    if (k >= 4) best = Math.min(best, performance.now() - t0);
  }
  return Math.min(0x7fffffff, Math.round(n * ms / Math.max(best, 1e-3)));
}

async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string) => { out.push(String(s)); return true; }) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => { err.push(String(s)); return true; }) as typeof process.stderr.write;
  try {
    const code = await main(argv);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
  }
}

describe('spec: command line', () => {
  it('parses options: validation mode unless an engine is named', () => {
    expect(parseArgs([])).to.deep.include({ mode: 'validation', engine: 'interpreter', files: [], verbose: false });
    expect(parseArgs(['--engine', 'v8'])).to.deep.include({ mode: 'engine', engine: 'v8' });
    expect(parseArgs(['--engine', 'v8', '--validation-only'])).to.deep.include({ mode: 'validation' });
    expect(parseArgs(['--file', 'a', '--file', 'b.wast', '--verbose'])).to.deep.include({ files: ['a', 'b.wast'], verbose: true });
    expect(parseArgs(['--engine'])).to.equal('--engine needs a value');
    expect(parseArgs(['--engine', 'nope'])).to.contain("unknown engine 'nope'");
    expect(parseArgs(['--fast'])).to.equal("unknown option '--fast'");
    expect(parseArgs(['--timeout', '2.5'])).to.deep.include({ timeout: 2.5 });
    expect(parseArgs(['--timeout', '-1'])).to.contain('--timeout takes seconds');
  });

  describe('on a suite directory', () => {
    let dir = '';
    const saved = process.env['ZEROWASM_TESTSUITE'];
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'zw-spec-'));
      writeFileSync(join(dir, 'good.wast'), '(module (func (export "f") (result i32) (i32.const 1)))\n(assert_return (invoke "f") (i32.const 1))\n');
      writeFileSync(join(dir, 'bad.wast'), '(module (func (export "f") (result i32) (i32.const 1)))\n(assert_return (invoke "f") (i32.const 2))\n'
        + '(assert_malformed (module quote "(func") "unexpected end")\n');
      writeFileSync(join(dir, 'broken.wast'), '(module');
      writeFileSync(join(dir, 'hang.wast'), '(module (func (export "f") (loop (br 0))))\n(invoke "f")\n');
      process.env['ZEROWASM_TESTSUITE'] = dir;
    });
    after(() => {
      rmSync(dir, { recursive: true, force: true });
      if (saved === undefined) delete process.env['ZEROWASM_TESTSUITE']; else process.env['ZEROWASM_TESTSUITE'] = saved;
    });

    it('prints a line per file and the engine total, exit 0 when all pass', async () => {
      const r = await capture(['--engine', 'v8', '--file', 'good']);
      expect(r.code).to.equal(0);
      expect(r.out).to.match(/^good\.wast: 2 passed, 0 failed, 0 skipped \(\d+ ms\)$/m);
      expect(r.out).to.match(/^v8: 2 passed, 0 failed, 0 skipped$/m);
    });

    it('exits 1 on failures, lists details and skip reasons with --verbose', async () => {
      const r = await capture(['--engine', 'v8', '--file', 'bad.wast', '--verbose']);
      expect(r.code).to.equal(1);
      expect(r.out).to.contain('FAIL bad.wast:2 assert_return: invoke "f"(): expected (i32:2) got (i32:1)');
      expect(r.out).to.contain('skip bad.wast:3 text-format only');
      expect(r.out).to.match(/^v8: 1 passed, 1 failed, 1 skipped$/m);
    });

    it('counts an unreadable script as a failure and goes on', async () => {
      const r = await capture([]);
      expect(r.code).to.equal(1);
      expect(r.out).to.contain('broken.wast: script error: line 1: unclosed parenthesis');
      expect(r.out).to.match(/^validation: 3 passed, 1 failed, 1 skipped$/m);
    });

    it('stops a file that hangs, names the command, and goes on with the next file', async () => {
      const r = await capture(['--engine', 'v8', '--file', 'hang', '--file', 'good', '--timeout', '0.5']);
      expect(r.code).to.equal(1);
      expect(r.out).to.contain('hang.wast: timed out after 0.5 s in the command at line 2');
      expect(r.out).to.match(/^good\.wast: 2 passed, 0 failed/m);
      expect(r.out).to.match(/^v8: 2 passed, 1 failed, 0 skipped$/m);
    });

    // Regression: the limit was the file's wall time, so a big healthy file on a loaded machine
    // was killed. Now it is the time one command goes without progress.
    it('lets a file run past the limit while its commands keep finishing', async function () {
      this.timeout(30_000); // the file takes about 1.5 times the limit, by design
      const limitS = 1;
      // Each command takes a tenth of the limit at V8's top tier (a few times that before tier-up).
      const n = spinIterationsFor(limitS * 1000 / 10);
      const commands = 15;
      writeFileSync(join(dir, 'slow.wast'), `${SPIN_MODULE}\n${`(invoke "spin" (i32.const ${n}))\n`.repeat(commands)}`);
      const t0 = Date.now();
      const r = await capture(['--engine', 'v8', '--file', 'slow', '--timeout', String(limitS)]);
      const elapsed = Date.now() - t0;
      expect(elapsed, 'the file must outlast the limit for this test to mean anything').to.be.above(limitS * 1000);
      expect(r.out).to.match(new RegExp(`^slow\\.wast: ${commands + 1} passed, 0 failed`, 'm'));
      expect(r.code).to.equal(0);
    });

    it('runs in-process with --timeout 0', async () => {
      const r = await capture(['--engine', 'v8', '--file', 'good', '--timeout', '0']);
      expect(r.code).to.equal(0);
      expect(r.out).to.match(/^v8: 2 passed, 0 failed, 0 skipped$/m);
    });

    it('runs a .wast given by path, outside the suite', async () => {
      const r = await capture(['--engine', 'v8', '--file', join(dir, 'good.wast')]);
      expect(r.code).to.equal(0);
      expect(r.out).to.match(/^good\.wast: 2 passed/m);
      const missing = await capture(['--file', join(dir, 'nope.wast')]);
      expect(missing.code).to.equal(2);
      expect(missing.err).to.contain('no such file');
    });

    it('refuses an unknown file name', async () => {
      const r = await capture(['--file', 'nope']);
      expect(r.code).to.equal(2);
      expect(r.err).to.contain('no such script');
    });

    it('explains how to get the suite when it is missing', async () => {
      process.env['ZEROWASM_TESTSUITE'] = join(dir, 'absent');
      try {
        const r = await capture([]);
        expect(r.code).to.equal(2);
        expect(r.err).to.contain('WebAssembly/testsuite').and.contain('16a839d5');
      } finally {
        process.env['ZEROWASM_TESTSUITE'] = dir;
      }
    });
  });
});
