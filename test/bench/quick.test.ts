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

function bench(args: string[]): { status: number | null; stdout: string; stderr: string; results: Results } {
  const out = mkdtempSync(join(tmpdir(), 'zw-bench-test-'));
  try {
    const r = spawnSync(process.execPath, [MAIN, '--quick', '--out', out, ...args], { encoding: 'utf8', timeout: 110_000 });
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, results };
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
    const { status, stdout, results } = bench(['--programs', join(ROOT, 'test', 'bench', 'fixtures', 'mismatch'), '--engines', 'v8-liftoff']);
    expect(status).to.equal(1);
    expect(stdout).to.contain('FAILURES');
    expect(results.failures.join('\n')).to.match(/wrong on v8-liftoff: output "wrong 0+1" does not match native "wrong 0+2"/);
  });

  it('fails when a program fails its own self-check, even if every engine agrees', () => {
    const { status, results } = bench(['--programs', join(ROOT, 'test', 'bench', 'fixtures', 'selfcheck'), '--engines', 'v8-liftoff']);
    expect(status).to.equal(1);
    expect(results.failures.join('\n')).to.match(/native run of failing exited 1/);
  });
});
