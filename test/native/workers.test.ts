import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { TrapKind } from '../../src/runtime/trap.js';
import { addI64 } from './snippets.js';
import { addon, code, context, instance, requireNative } from './harness.js';

describe('native/workers: one execution context per thread', () => {
  requireNative();

  it('runs host calls and turns faults into traps on a worker thread, main thread unaffected', async () => {
    const script = fileURLToPath(new URL('./fixtures/worker-child.js', import.meta.url));
    const result = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const worker = new Worker(script);
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    expect(result).to.deep.equal({
      hostResult: 42n,
      guardTrap: TrapKind.MemoryOutOfBounds,
      checkedOverflow: TrapKind.CallStackExhausted,
      uncheckedOverflow: TrapKind.CallStackExhausted,
    });
    const c = code(addI64);
    context().slots.i64[0] = 1n;
    context().slots.i64[1] = 1n;
    context().call(instance(), c);
    expect(context().slots.i64[0]).to.equal(2n);
    addon().codeFree(c);
  });
});
