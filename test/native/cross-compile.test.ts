// The addon must at least compile for arm64 (run under qemu later): cross-compile every source,
// assembling the arch-specific ones, when the cross compiler is installed.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from '../../src/engine/native/gen-layout.js';

const compiler = 'aarch64-linux-gnu-g++';
const haveCompiler = spawnSync(compiler, ['--version']).status === 0;
const headers = join(dirname(process.execPath), '..', 'include', 'node');

describe('native/arm64 cross-compile', function () {
  this.timeout(120_000);
  before(function () {
    if (!haveCompiler || !existsSync(join(headers, 'node_api.h'))) {
      console.warn(`  skipped: needs ${compiler} (Debian g++-aarch64-linux-gnu) and Node headers in ${headers}`);
      this.skip();
    }
  });

  it('compiles native/*.cc for aarch64 (entry and signal code assembled, the rest syntax-checked)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zw-arm64-'));
    try {
      const native = join(repoRoot(), 'native');
      for (const file of readdirSync(native).filter((f) => f.endsWith('.cc'))) {
        const assemble = file === 'entry.cc' || file === 'signals.cc';
        const args = ['-std=c++17', '-Wall', '-Wextra', '-Werror', '-Wno-unused-parameter', '-DNAPI_VERSION=8',
          `-I${headers}`, ...(assemble ? ['-O2', '-c', '-o', join(dir, file + '.o')] : ['-fsyntax-only']), join(native, file)];
        const r = spawnSync(compiler, args, { encoding: 'utf8' });
        expect(r.status, `${file}: ${r.stderr}`).to.equal(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
