// Creating and freeing many memories and code regions must not leak memory or address space.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { addI64, bytesOf, storeI64 } from './snippets.js';
import { addon, context, instance, requireNative } from './harness.js';

const COUNT = 100_000;
const CHUNK = 10_000;
const MiB = 1024 * 1024;
const WARM_UP = 3 * CHUNK;
// A leak of one touched page per iteration would be 6 GiB for memories or 400 MiB for code; a
// leak of 128 bytes per iteration would exceed this bound.
const RSS_BOUND = 12 * MiB;

// A full collection between chunks makes the measurement independent of GC timing: handles
// waiting for collection pin a little native memory each (Node-API finalizer records).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

async function turnEventLoop(): Promise<void> {
  collectGarbage();
  await new Promise((resolve) => setTimeout(resolve, 10)); // finalizers run from the event loop
}

/** Resident memory outside the JS heap (whose size depends on garbage from earlier tests). */
function nativeResident(): number {
  const usage = process.memoryUsage();
  return usage.rss - usage.heapTotal;
}

/**
 * RSS growth over COUNT iterations, measured after a warm-up (allocator and heap high-water marks
 * settle). The loop runs in chunks with event-loop turns between them, because Node-API
 * finalizers of collected handles run only then.
 */
async function rssGrowth(iteration: (i: number) => void, count = COUNT): Promise<number> {
  const chunk = async (from: number): Promise<void> => {
    for (let i = from; i < from + CHUNK; i++) iteration(i);
    await turnEventLoop();
  };
  for (let done = 0; done < WARM_UP; done += CHUNK) await chunk(done);
  const before = nativeResident();
  for (let done = 0; done < count; done += CHUNK) await chunk(done);
  const grown = nativeResident() - before;
  if (process.env['ZEROWASM_TEST_VERBOSE'] === '1') console.log(`      grew ${(grown / MiB).toFixed(1)} MiB`);
  return grown;
}

describe('native/resources: no leaks over 100 000 create/free cycles', function () {
  requireNative();
  this.timeout(120_000);

  it('linear memories (each reserving 8 GiB, growing, and touched by generated code)', async () => {
    const store = addon().codeCreate(bytesOf(storeI64));
    const { slots } = context();
    const grown = await rssGrowth((i) => {
      const m = addon().memoryCreate(1, 2, true);
      addon().memoryGrow(m, 1);
      const inst = instance(m);
      slots.i64[0] = BigInt(65536 + (i % 65528));
      slots.i64[1] = BigInt(i);
      context().call(inst, store);
      inst.free();
      addon().memoryFree(m);
    });
    addon().codeFree(store);
    expect(grown).to.be.below(RSS_BOUND);
  });

  it('linear memories with JS views left to the garbage collector (30 000: views are slow to create)', async () => {
    const grown = await rssGrowth((i) => {
      const m = addon().memoryCreate(1, 1, true);
      new Uint8Array(addon().memoryBuffer(m))[i % 65536] = 1;
      addon().memoryFree(m);
    }, 30_000);
    expect(grown).to.be.below(RSS_BOUND);
  });

  it('code regions, each entered', async () => {
    const bytes = bytesOf(addI64);
    const inst = instance();
    const grown = await rssGrowth(() => {
      const c = addon().codeCreate(bytes);
      context().call(inst, c);
      addon().codeFree(c);
    });
    expect(grown).to.be.below(RSS_BOUND);
  });

  it('instances with host functions', async () => {
    const hosts = [(): void => {}];
    const grown = await rssGrowth(() => instance(undefined, hosts).free());
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
