// The loader reports one clear reason when the addon cannot be used, and the install script
// never fails `npm install`, whatever happens to the build.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../src/engine/native/gen-layout.js';
import { constants, layoutFingerprint } from '../../src/engine/native/layout.js';
import { loadNative } from '../../src/engine/native/loader.js';

describe('native/loader', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'zw-loader-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a missing addon with its path', () => {
    const r = loadNative({ path: join(dir, 'nope.node'), env: {} });
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r.reason).to.match(/native addon not found at .*nope\.node/);
  });

  it('honours ZEROWASM_SKIP_NATIVE=1', () => {
    const r = loadNative({ env: { ZEROWASM_SKIP_NATIVE: '1' } });
    expect(r).to.deep.equal({ ok: false, reason: 'native engine disabled by ZEROWASM_SKIP_NATIVE=1' });
  });

  it('reports a file that is not a loadable addon', () => {
    const bogus = join(dir, 'bogus.node');
    writeFileSync(bogus, 'not an ELF file');
    const r = loadNative({ path: bogus, env: {} });
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r.reason).to.match(/^native addon failed to load: /);
  });

  it('rejects a stale addon: other ABI version, other layout, no fault handler', () => {
    const fake = (name: string, fields: Record<string, unknown>): string => {
      const path = join(dir, `${name}.cjs`);
      writeFileSync(path, `module.exports = ${JSON.stringify(fields)};`);
      return path;
    };
    const good = { abiVersion: constants.ABI_VERSION, layoutFingerprint: layoutFingerprint(), signalError: null };
    const reasons = [
      fake('abi', { ...good, abiVersion: 999 }),
      fake('layout', { ...good, layoutFingerprint: layoutFingerprint() ^ 1 }),
      fake('signals', { ...good, signalError: 'sigaction(SIGSEGV) failed' }),
    ].map((path) => {
      const r = loadNative({ path, env: {} });
      return r.ok ? 'loaded' : r.reason;
    });
    expect(reasons[0]).to.match(/ABI 999 does not match/);
    expect(reasons[1]).to.match(/different context layout; rebuild it/);
    expect(reasons[2]).to.equal('native fault handler unavailable: sigaction(SIGSEGV) failed');
    expect(loadNative({ path: fake('ok', good), env: {} }).ok).to.equal(true);
  });

  it('loads the built addon on this machine (linux-x64 with a compiler)', function () {
    if (process.env['ZEROWASM_SKIP_NATIVE'] === '1') {
      console.warn('  skipped: ZEROWASM_SKIP_NATIVE=1 is set for this run');
      this.skip();
    }
    const r = loadNative();
    expect(r.ok, r.ok ? '' : r.reason).to.equal(true);
    expect(loadNative()).to.equal(r); // cached
  });

  describe('install script (scripts/build-native.mjs)', () => {
    const script = join(repoRoot(), 'scripts', 'build-native.mjs');
    function install(env: Record<string, string>): { status: number | null; recorded: string } {
      const statusFile = join(dir, 'status.txt');
      const r = spawnSync(process.execPath, [script], {
        env: { ...process.env, ...env, ZEROWASM_NATIVE_STATUS_FILE: statusFile },
        encoding: 'utf8',
        timeout: 60_000,
      });
      return { status: r.status, recorded: readFileSync(statusFile, 'utf8').trim() };
    }

    it('succeeds without building when ZEROWASM_SKIP_NATIVE=1', () => {
      expect(install({ ZEROWASM_SKIP_NATIVE: '1' })).to.deep.equal({ status: 0, recorded: 'skipped: ZEROWASM_SKIP_NATIVE=1' });
    });

    it('succeeds and records the failure when the build cannot run', () => {
      const r = install({ ZEROWASM_SKIP_NATIVE: '0', npm_config_node_gyp: join(dir, 'missing-node-gyp.js') });
      expect(r.status).to.equal(0);
      expect(r.recorded).to.match(/^failed: node-gyp exited with 1$/);
    });
  });
});
