// End-to-end: the harness's quick mode (as CI runs it) in a child process, and proof that it fails
// loudly when an engine's output differs from native's or a program's self-check fails.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Results } from '../../bench/results.js';

// dist/test/bench -> repository root
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const MAIN = join(ROOT, 'dist', 'bench', 'main.js');

const FIXTURES = join(ROOT, 'test', 'bench', 'fixtures');
const FAKE_ZEROWASM = join(ROOT, 'dist', 'test', 'bench', 'fixtures', 'fake-zerowasm.js');

function bench(args: string[], quick = true, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string; results: Results; svg: string } {
  const out = mkdtempSync(join(tmpdir(), 'zw-bench-test-'));
  try {
    const mode = quick ? ['--quick'] : [];
    const r = spawnSync(process.execPath, [MAIN, ...mode, '--out', out, ...args], { encoding: 'utf8', timeout: 110_000, env: { ...process.env, ...env } });
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;
    const svg = readFileSync(join(out, 'chart.svg'), 'utf8');
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, results, svg };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

describe('bench: quick mode', function () {
  this.timeout(120_000);

  it('runs every program on every available engine with outputs matching native', () => {
    const { status, stdout, stderr, results } = bench([]);
    expect(status, stderr).to.equal(0);
    expect(stdout).to.contain('All outputs match native.');
    expect(results.mode).to.equal('quick');
    expect(results.programs.length).to.be.at.least(10);
    for (const p of results.programs) {
      expect('cells' in p.main, `${p.name}: ${JSON.stringify(p.main)}`).to.equal(true);
      if (!('cells' in p.main)) continue;
      for (const id of ['native', 'v8-turbofan', 'v8-liftoff', 'v8-default']) {
        expect(p.main.cells[id]?.status, `${p.name} on ${id}`).to.equal('ok');
      }
      expect(p.main.expectedOutput).to.match(new RegExp(`^${p.name} [0-9a-f]{16}\\n$`));
    }
    // zerowasm engines are either measured or visibly reported as unavailable, never absent.
    for (const id of ['zw-compiler', 'zw-interpreter']) {
      const engine = results.engines.find((e) => e.id === id);
      expect(engine, id).to.not.equal(undefined);
      if (engine && !engine.available) {
        expect(engine.reason).to.be.a('string').and.not.equal('');
        expect(stdout).to.contain(`engine ${id}: unavailable: ${engine.reason}`);
      }
    }
  });

  it('fails with a non-zero exit when a Wasm engine prints a different checksum', () => {
    const { status, stdout, results } = bench(['--programs', join(FIXTURES, 'mismatch'), '--engines', 'v8-liftoff']);
    expect(status).to.equal(1);
    expect(stdout).to.contain('FAILURES');
    expect(results.failures.join('\n')).to.match(/wrong on v8-liftoff: output "wrong 0+1" does not match native "wrong 0+2"/);
  });

  it('fails when a program fails its own self-check, even if every engine agrees', () => {
    const { status, results } = bench(['--programs', join(FIXTURES, 'selfcheck'), '--engines', 'v8-liftoff']);
    expect(status).to.equal(1);
    expect(results.failures.join('\n')).to.match(/native run of failing exited 1/);
  });

  it('runs zerowasm engines through the public API shape and reports unconstructible ones', () => {
    // The fake builds Runtime/WASI on V8; its interpreter throws on construction.
    const { status, stdout, results, svg } = bench(['--programs', join(FIXTURES, 'tiny'), '--zerowasm', FAKE_ZEROWASM]);
    expect(status, stdout).to.equal(0);
    const main = results.programs[0].main;
    expect('cells' in main && main.cells['zw-compiler']?.status).to.equal('ok');
    const interp = results.engines.find((e) => e.id === 'zw-interpreter');
    expect(interp?.available).to.equal(false);
    expect(interp?.reason).to.match(/fake: interpreter not built/);
    expect(stdout).to.contain('engine zw-interpreter: unavailable: new Runtime');
    expect(svg).to.contain('zerowasm interpreter: unavailable');
  });

  it('full mode writes run, reduced, compile, call and ratio figures, and the chart', () => {
    const { status, stdout, results, svg } = bench(['--programs', join(FIXTURES, 'tiny'), '--zerowasm', FAKE_ZEROWASM,
      '--runs', '2', '--no-large'], false, { ZW_FAKE_INTERPRETER: '1' });
    expect(status, stdout).to.equal(0);
    expect(results.mode).to.equal('full');
    const p = results.programs[0];
    expect(p.codeBytes).to.be.greaterThan(0).and.lessThan(p.wasmBytes);
    expect('cells' in p.main && p.main.size).to.equal(200000);
    const native = 'cells' in p.main ? p.main.cells['native'] : undefined;
    expect(native?.status === 'ok' && native.runMs.samples.length).to.equal(2);
    expect(p.reduced && 'cells' in p.reduced && p.reduced.size).to.equal(5000);
    // The slow engine runs at the reduced size only, beside native and TurboFan at that size.
    const reduced = p.reduced && 'cells' in p.reduced ? p.reduced.cells : {};
    expect(Object.keys(reduced).sort()).to.deep.equal(['native', 'v8-turbofan', 'zw-interpreter']);
    expect(reduced['zw-interpreter']?.status).to.equal('ok');
    expect('cells' in p.main && p.main.cells['zw-interpreter']).to.equal(undefined);
    expect(results.ratios['zw-interpreter'].reduced).to.equal(true);
    expect(stdout).to.contain('Run time at REDUCED sizes');
    expect(results.compile[0].cells['v8-liftoff']?.status).to.equal('ok');
    expect(results.calls['v8-turbofan']?.status).to.equal('ok');
    expect(results.ratios['zw-compiler'].vsNative.geomean).to.be.a('number');
    expect(results.machine.cores).to.be.greaterThan(0);
    expect(svg).to.match(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).to.contain('zerowasm interpreter (reduced sizes)');
  });
});
