// The arm64 entry/exit glue and fault handler, run for real under qemu-aarch64: a small C++ driver
// (test/native/arm64/glue-test.cc) links the Node-independent addon sources with hand-written
// arm64 code, whose words are first checked against aarch64 objdump.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../src/engine/native/gen-layout.js';

const tools = ['aarch64-linux-gnu-g++', 'aarch64-linux-gnu-objdump', 'qemu-aarch64'];
const missing = tools.filter((t) => spawnSync(t, ['--version']).error !== undefined);
const root = repoRoot();
const driver = join(root, 'test', 'native', 'arm64', 'glue-test.cc');
const sources = ['entry.cc', 'signals.cc', 'ranges.cc', 'code_memory.cc', 'linear_memory.cc'].map((f) => join(root, 'native', f));

const normalize = (asm: string): string => asm.replace(/\s*\/\/.*$/, '').replace(/\s+/g, ' ').replace(/, /g, ',').trim();

describe('native/arm64 glue under qemu', function () {
  this.timeout(120_000);
  let dir: string;
  before(function () {
    if (missing.length > 0) {
      console.warn(`  skipped: missing ${missing.join(', ')} (Debian: g++-aarch64-linux-gnu binutils-aarch64-linux-gnu qemu-user)`);
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), 'zw-arm64-glue-'));
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('hand-written arm64 words disassemble as their comments say', () => {
    const object = join(dir, 'driver.o');
    const cc = spawnSync('aarch64-linux-gnu-g++', ['-std=c++17', '-O2', '-c', '-o', object, driver], { encoding: 'utf8' });
    expect(cc.status, cc.stderr).to.equal(0);
    const claimed = [...readFileSync(driver, 'utf8').matchAll(/0x([0-9a-f]{8}),\s+\/\/ (.*)$/gm)].map((m) => [m[1]!, normalize(m[2]!)]);
    const dump = spawnSync('aarch64-linux-gnu-objdump', ['-D', '-j', '.text.zwcode', object], { encoding: 'utf8' });
    const got = [...dump.stdout.matchAll(/^\s+[0-9a-f]+:\t([0-9a-f]{8})\s+\t(.*)$/gm)].map((m) => [m[1]!, normalize(m[2]!)]);
    expect(claimed.length).to.be.greaterThan(10);
    expect(got).to.deep.equal(claimed);
  });

  it('enters, returns, traps on a guard fault, exits explicitly and nests on arm64', () => {
    const exe = join(dir, 'glue-test');
    const cc = spawnSync('aarch64-linux-gnu-g++', ['-std=c++17', '-O1', '-static', '-pthread', '-o', exe, driver, ...sources], {
      encoding: 'utf8',
    });
    expect(cc.status, cc.stderr).to.equal(0);
    const run = spawnSync('qemu-aarch64', [exe], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stdout).to.not.match(/FAIL/);
    expect(run.stdout.match(/^ok /gm)).to.have.length(12);
    expect(run.status, run.stdout + run.stderr).to.equal(0);
  });
});
