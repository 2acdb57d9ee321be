// Externrefs passed into compiled code are freed once no Wasm-visible place (table, global, live
// frame) holds them, while the ones still held keep working (see externrefs.ts).
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireNative } from '../native/harness.js';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'externref-child.js');

interface ChildReport {
  n: number;
  sampled: number;
  collected: number;
  sameBack: number;
  frameOk: boolean;
  keptOk: boolean;
  stats: { live: number; capacity: number };
}

describe('engine: compiler externref lifetime', function () {
  this.timeout(120_000);
  requireNative();

  // Regression: every object ever passed in stayed in a process-wide table (never collected).
  it('lets the GC collect objects Wasm can no longer reach, and keeps the reachable ones', () => {
    const r = spawnSync(process.execPath, ['--expose-gc', CHILD, '20000'], { encoding: 'utf8', timeout: 100_000 });
    expect(r.status, r.stderr).to.equal(0);
    const out = JSON.parse(r.stdout) as ChildReport;
    expect(out.sameBack).to.equal(out.n);
    // Every sampled object was dropped by JS and left behind by 20000 later allocations.
    expect(out.collected).to.equal(out.sampled);
    // About 43 000 ids were handed out; what stays is the reachable few plus at most two sweeps' worth.
    expect(out.stats.live).to.be.below(5000);
    expect(out.keptOk, 'references in tables and globals survive').to.equal(true);
    expect(out.frameOk, 'a reference only a running frame holds survives').to.equal(true);
  });
});
