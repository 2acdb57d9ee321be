// Dropped compiled instances are garbage-collected (their code, vmctx and memory reservation
// with them), while a table or global that still holds one of their functions keeps it working.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireNative } from '../native/harness.js';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'gc-child.js');

describe('engine: compiler instance lifetime', function () {
  this.timeout(120_000);
  requireNative();

  it('collects dropped instances and keeps functions a live table still holds (stored by Wasm or passed in as arguments)', () => {
    const r = spawnSync(process.execPath, ['--expose-gc', CHILD, '300'], { encoding: 'utf8', timeout: 100_000 });
    expect(r.status, r.stderr).to.equal(0);
    const out = JSON.parse(r.stdout) as { n: number; collected: number; keptWorks: boolean; argKeptWorks: boolean };
    expect(out.keptWorks).to.equal(true);
    expect(out.argKeptWorks).to.equal(true);
    expect(out.collected).to.be.at.least(out.n - 10); // a few may still be referenced from the last frames
  });
});
