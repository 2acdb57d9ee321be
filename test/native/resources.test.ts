// Creating and freeing many memories and code regions must not leak memory or address space.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { addI64, bytesOf, storeI64 } from './snippets.js';
import { addon, context, instance, requireNative } from './harness.js';

const COUNT = 100_000;
const MiB = 1024 * 1024;
// RSS may wobble with the JS heap (the handles are small garbage); a leak of one page per
// iteration would be 6 GiB for memories or 400 MiB for code, far above this.
const RSS_BOUND = 64 * MiB;

function rssAfter(loop: () => void): number {
  const before = process.memoryUsage.rss();
  loop();
  return process.memoryUsage.rss() - before;
}

describe('native/resources: no leaks over 100 000 create/free cycles', function () {
  requireNative();
  this.timeout(120_000);

  it('linear memories (each reserving 8 GiB, growing, and touched by generated code)', () => {
    const store = addon().codeCreate(bytesOf(storeI64));
    const { slots } = context();
    const grown = rssAfter(() => {
      for (let i = 0; i < COUNT; i++) {
        const m = addon().memoryCreate(1, 2, true);
        addon().memoryGrow(m, 1);
        const inst = instance(m);
        slots.i64[0] = BigInt(65536 + (i % 65528));
        slots.i64[1] = BigInt(i);
        context().call(inst, store);
        addon().instanceFree(inst.handle);
        addon().memoryFree(m);
      }
    });
    addon().codeFree(store);
    expect(grown).to.be.below(RSS_BOUND);
  });

  it('linear memories with JS views left to the garbage collector (fewer: views pin their pages)', () => {
    const grown = rssAfter(() => {
      for (let i = 0; i < COUNT / 10; i++) {
        const m = addon().memoryCreate(1, 1, true);
        new Uint8Array(addon().memoryBuffer(m))[i % 65536] = 1;
        addon().memoryFree(m);
      }
    });
    expect(grown).to.be.below(RSS_BOUND * 4);
  });

  it('code regions, each entered once', () => {
    const bytes = bytesOf(addI64);
    const inst = instance();
    const grown = rssAfter(() => {
      for (let i = 0; i < COUNT; i++) {
        const c = addon().codeCreate(bytes);
        if (i % 100 === 0) context().call(inst, c);
        addon().codeFree(c);
      }
    });
    expect(grown).to.be.below(RSS_BOUND);
  });

  it('instances with host functions', () => {
    const hosts = [(): void => {}];
    const grown = rssAfter(() => {
      for (let i = 0; i < COUNT; i++) addon().instanceFree(addon().instanceCreate(new ArrayBuffer(128), hosts));
    });
    expect(grown).to.be.below(RSS_BOUND);
  });

  it('unmaps code and memory (and views) and frees instances (even in host-function cycles) on garbage collection', () => {
    const child = fileURLToPath(new URL('./fixtures/gc-child.js', import.meta.url));
    const r = spawnSync(process.execPath, ['--expose-gc', child], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status, r.stderr).to.equal(0);
    expect(JSON.parse(r.stdout)).to.deep.equal({
      before: [true, true],
      after: [false, false],
      instanceCollected: true,
      forgottenHost: 'host call: the host function was garbage-collected',
    });
  });
});
