import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { RuntimeError } from '../../src/runtime/errors.js';
import { TrapKind } from '../../src/runtime/trap.js';
import { constants } from '../../src/engine/native/layout.js';
import { loadI64, storeI64 } from './snippets.js';
import { addon, code, context, instance, refreshMemory, requireNative } from './harness.js';

const PAGE = 65536;

describe('native/memory: linear memory with guard regions', () => {
  requireNative();

  it('starts zero-filled with the initial size committed, visible to JS', () => {
    const m = addon().memoryCreate(2, 10, true);
    const info = addon().memoryInfo(m);
    expect(info).to.include({ pages: 2, maxPages: 10, guarded: true, reservedBytes: constants.GUARD_RESERVATION });
    const bytes = new Uint8Array(addon().memoryBuffer(m));
    expect(bytes.length).to.equal(2 * PAGE);
    expect(bytes.every((b) => b === 0)).to.equal(true);
    addon().memoryFree(m);
  });

  it('grows in place: same base, contents preserved, new pages zero, maximum enforced', () => {
    const m = addon().memoryCreate(1, 3, true);
    const before = addon().memoryInfo(m).base;
    new Uint8Array(addon().memoryBuffer(m)).set([1, 2, 3], PAGE - 3);
    expect(addon().memoryGrow(m, 2)).to.equal(1);
    const after = addon().memoryInfo(m);
    expect(after.base).to.equal(before);
    expect(after.pages).to.equal(3);
    const bytes = new Uint8Array(addon().memoryBuffer(m));
    expect(bytes.length).to.equal(3 * PAGE);
    expect([...bytes.subarray(PAGE - 3, PAGE + 2)]).to.deep.equal([1, 2, 3, 0, 0]);
    expect(addon().memoryGrow(m, 1)).to.equal(-1);
    expect(addon().memoryGrow(m, 0)).to.equal(3);
    addon().memoryFree(m);
  });

  it('lets generated code read what JS wrote, and JS read what code wrote, after a grow', () => {
    const m = addon().memoryCreate(1, 4, true);
    const inst = instance(m);
    const load = code(loadI64);
    const store = code(storeI64);
    const { slots } = context();
    expect(addon().memoryGrow(m, 1)).to.equal(1);
    refreshMemory(inst.vmctx, m);
    slots.i64[0] = BigInt(PAGE + 8);
    slots.i64[1] = 0x1122334455667788n;
    context().call(inst, store);
    const view = new DataView(addon().memoryBuffer(m));
    expect(view.getBigUint64(PAGE + 8, true)).to.equal(0x1122334455667788n);
    view.setBigInt64(16, -5n, true);
    slots.i64[0] = 16n;
    context().call(inst, load);
    expect(slots.i64[0]).to.equal(-5n);
    addon().codeFree(load);
    addon().codeFree(store);
    addon().memoryFree(m);
  });

  it('turns an access past the committed size into an out-of-bounds trap, and keeps running', () => {
    const m = addon().memoryCreate(1, 2, true);
    const inst = instance(m);
    const load = code(loadI64);
    const { slots } = context();
    const base = addon().memoryInfo(m).base;
    for (const index of [PAGE - 7, PAGE, 2 * PAGE, 0xffffffff]) {
      slots.i64[0] = BigInt(index);
      let caught: unknown;
      try {
        context().call(inst, load);
      } catch (e) {
        caught = e;
      }
      expect(caught, `index ${index}`).to.be.instanceOf(RuntimeError);
      expect((caught as RuntimeError).trap).to.equal(TrapKind.MemoryOutOfBounds);
      expect((caught as RuntimeError).message).to.equal('out of bounds memory access');
      expect(context().lastFaultAddress() >= base + BigInt(PAGE)).to.equal(true);
    }
    // The last 8 bytes are still fine, and the thread is in a clean state afterwards.
    new DataView(addon().memoryBuffer(m)).setBigInt64(PAGE - 8, 77n, true);
    slots.i64[0] = BigInt(PAGE - 8);
    context().call(inst, load);
    expect(slots.i64[0]).to.equal(77n);
    expect(context().readExecU64('savedSp')).to.equal(0n);
    addon().codeFree(load);
    addon().memoryFree(m);
  });

  it('has an unguarded mode that reserves only the maximum', () => {
    const m = addon().memoryCreate(1, 4, false);
    const info = addon().memoryInfo(m);
    expect(info.guarded).to.equal(false);
    expect(info.reservedBytes).to.equal(4 * PAGE);
    expect(addon().memoryGrow(m, 3)).to.equal(1);
    expect(addon().memoryInfo(m).base).to.equal(info.base);
    expect(addon().memoryGrow(m, 1)).to.equal(-1);
    addon().memoryFree(m);
  });

  it('rejects impossible limits with a clear error', () => {
    expect(() => addon().memoryCreate(3, 2, true)).to.throw(/invalid memory limits/);
    expect(() => addon().memoryCreate(1, 65537, true)).to.throw(/invalid memory limits/);
    expect(() => addon().memoryCreate(-1, 2, true)).to.throw(TypeError);
  });

  it('keeps an ArrayBuffer valid after the memory is freed, returning the guard region at once', () => {
    const m = addon().memoryCreate(1, 1, true);
    const base = addon().memoryInfo(m).base;
    const bytes = new Uint8Array(addon().memoryBuffer(m));
    addon().memoryFree(m);
    const maps = readFileSync('/proc/self/maps', 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(' ')[0]!.split('-').map((x) => BigInt('0x' + x)));
    const containing = (a: bigint) => maps.find(([start, end]) => a >= start! && a < end!);
    expect(containing(base), 'the committed page stays mapped').to.not.equal(undefined);
    const guard = containing(base + 2n ** 31n);
    expect(guard === undefined || guard[0]! > base, 'the guard region was unmapped').to.equal(true);
    bytes[100] = 9;
    expect(bytes[100]).to.equal(9);
    expect(() => addon().memoryInfo(m)).to.throw(/already freed/);
  });
});
