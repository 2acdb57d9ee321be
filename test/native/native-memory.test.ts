import { expect } from 'chai';
import { NativeMemory } from '../../src/engine/native/memory.js';
import { addon, requireNative } from './harness.js';

describe('native/NativeMemory: limits policy and buffer refresh', () => {
  requireNative();

  it('caps the maximum by the runtime-wide limit and reports which limit was hit', () => {
    const m = new NativeMemory(addon(), { initialPages: 1, maxPages: 100, runtimeLimitPages: 10 });
    expect(m.maxPages).to.equal(10);
    expect(m.grow(9)).to.equal(1);
    expect(m.grow(1)).to.equal(-1);
    m.free();
    expect(() => new NativeMemory(addon(), { initialPages: 11, runtimeLimitPages: 10 })).to.throw(
      RangeError,
      /exceeds the limit of 10 pages \(runtime memory limit\)/,
    );
    expect(() => new NativeMemory(addon(), { initialPages: 3, maxPages: 2 })).to.throw(RangeError, /limit of 2 pages$/);
  });

  it('uses the module maximum when it is below the runtime limit; no maximum means the limit', () => {
    const a = new NativeMemory(addon(), { initialPages: 0, maxPages: 3 });
    expect(a.maxPages).to.equal(3);
    const b = new NativeMemory(addon(), { initialPages: 0 });
    expect(b.maxPages).to.equal(65536);
    a.free();
    b.free();
  });

  it('refreshes its buffer after grow and keeps the base', () => {
    const m = new NativeMemory(addon(), { initialPages: 1, maxPages: 2 });
    const first = m.buffer;
    new Uint8Array(first)[65535] = 7;
    expect(m.buffer).to.equal(first);
    expect(m.grow(1)).to.equal(1);
    const second = m.buffer;
    expect(second).to.not.equal(first);
    expect(second.byteLength).to.equal(2 * 65536);
    expect(first.byteLength).to.equal(65536);
    expect(new Uint8Array(second)[65535]).to.equal(7);
    expect(addon().memoryInfo(m.handle).base).to.equal(m.base);
    expect(m.grow(-1)).to.equal(-1);
    m.free();
    m.free(); // idempotent
  });
});
