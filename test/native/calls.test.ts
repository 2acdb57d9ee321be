import { expect } from 'chai';
import { NativeInstance } from '../../src/engine/native/instance.js';
import { addI64, mulF64 } from './snippets.js';
import { addon, code, context, instance, requireNative } from './harness.js';

describe('native/calls: entry and the slot buffer', () => {
  requireNative();

  it('passes i64 arguments and results through the slot buffer', () => {
    const c = code(addI64);
    const inst = instance();
    const { slots } = context();
    slots.i64[0] = 40n;
    slots.i64[1] = 2n;
    context().call(inst, c);
    expect(slots.i64[0]).to.equal(42n);
    slots.i64[0] = -(2n ** 62n);
    slots.i64[1] = -(2n ** 62n) - 1n;
    context().call(inst, c);
    expect(slots.i64[0]).to.equal(2n ** 63n - 1n); // wraps like i64.add
    addon().codeFree(c);
  });

  it('passes f64 values bit-exactly', () => {
    const c = code(mulF64);
    const inst = instance();
    const { slots } = context();
    slots.f64[0] = 1.5;
    slots.f64[1] = -0.1;
    context().call(inst, c);
    expect(slots.f64[0]).to.equal(1.5 * -0.1);
    addon().codeFree(c);
  });

  it('returns undefined on success and leaves the context idle after a call', () => {
    const c = code(addI64);
    const inst = instance();
    expect(addon().call(inst.handle, c, 0)).to.equal(undefined);
    expect(context().readExecU64('savedSp')).to.equal(0n);
    addon().codeFree(c);
  });

  it('rejects an entry offset outside the code region and handles of the wrong kind', () => {
    const c = code(addI64);
    const inst = instance();
    expect(() => addon().call(inst.handle, c, 4096)).to.throw(RangeError, /outside the code region/);
    expect(() => addon().call(c as never, c, 0)).to.throw(TypeError, /handle/);
    addon().codeFree(c);
    expect(() => addon().call(inst.handle, c, 0)).to.throw(/already freed/);
  });

  it('calls through a prepared entry, which notices when its code or instance is freed', () => {
    const c = code(addI64);
    const inst = instance();
    const entry = inst.entry(c);
    const { slots } = context();
    slots.i64[0] = 20n;
    slots.i64[1] = 22n;
    context().callEntry(entry);
    expect(slots.i64[0]).to.equal(42n);
    expect(addon().callEntry(entry.handle, 1000)).to.equal(undefined);
    expect(() => inst.entry(c, 1 << 20)).to.throw(RangeError, /outside the code region/);
    expect(() => addon().callEntry(c as never)).to.throw(TypeError, /handle/);
    addon().codeFree(c);
    expect(() => context().callEntry(entry)).to.throw(/already freed/);
    expect(() => inst.entry(c)).to.throw(/already freed/);
  });

  it('rejects bad instance descriptions', () => {
    expect(() => addon().instanceCreate(new ArrayBuffer(8), [])).to.throw(RangeError, /too small/);
    expect(() => addon().instanceCreate(new ArrayBuffer(128), [42 as never])).to.throw(TypeError, /must be a function/);
    expect(() => addon().instanceCreate(new Uint8Array(128) as never, [])).to.throw(TypeError, /ArrayBuffer/);
    expect(() => new NativeInstance(addon(), [], 16)).to.throw(RangeError, /at least/);
  });

  it('rejects bad code images', () => {
    expect(() => addon().codeCreate(new Uint8Array(0))).to.throw(/empty/);
    expect(() => addon().codeCreate([1, 2] as never)).to.throw(TypeError, /Uint8Array/);
  });
});
