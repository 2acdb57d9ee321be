import { expect } from 'chai';
import { RuntimeError } from '../../src/runtime/errors.js';
import { TrapKind } from '../../src/runtime/trap.js';
import { constants, vmctxLayout } from '../../src/engine/native/layout.js';
import { callHostNTimes, callHostThenIncrement, loadI64 } from './snippets.js';
import { addon, code, context, instance, requireNative } from './harness.js';

// callHostThenIncrement: calls host import slots[0] through the bridge, then slots[0] += 1.
describe('native/host calls: the bridge, exceptions and re-entrancy', () => {
  requireNative();

  it('calls a host function that returns values through the slot buffer', () => {
    const c = code(callHostThenIncrement);
    const { slots } = context();
    let calls = 0;
    const inst = instance(undefined, [
      () => {
        calls++;
        slots.i64[0] = 1000n;
      },
      () => {
        calls++;
        slots.i64[0] = slots.i64[1]! * 3n;
      },
    ]);
    slots.i64[0] = 0n;
    context().call(inst, c);
    expect(slots.i64[0]).to.equal(1001n);
    slots.i64[0] = 1n;
    slots.i64[1] = 14n;
    context().call(inst, c);
    expect(slots.i64[0]).to.equal(43n);
    expect(calls).to.equal(2);
    addon().codeFree(c);
  });

  it('survives many host calls in one entry (one handle scope per call)', () => {
    const c = code(callHostNTimes);
    let calls = 0;
    const inst = instance(undefined, [() => void calls++]);
    context().slots.i64[1] = 100_000n;
    context().call(inst, c);
    expect(calls).to.equal(100_000);
    expect(context().slots.i64[1]).to.equal(0n);
    addon().codeFree(c);
  });

  it('detaches the host table from a freed instance', () => {
    const inst = instance(undefined, [() => {}]);
    const hostFuncs = vmctxLayout.offsets['hostFuncs']!;
    expect(inst.vmctx.getBigUint64(hostFuncs, true)).to.not.equal(0n);
    inst.free();
    expect(inst.vmctx.getBigUint64(hostFuncs, true)).to.equal(0n);
  });

  it('refuses to free code or an instance while a call is running in it', () => {
    const c = code(callHostThenIncrement);
    const errors: string[] = [];
    const inst = instance(undefined, [
      () => {
        for (const free of [() => addon().codeFree(c), () => addon().instanceFree(inst.handle)]) {
          try {
            free();
          } catch (e) {
            errors.push((e as Error).message);
          }
        }
        context().slots.i64[0] = 0n;
      },
    ]);
    context().slots.i64[0] = 0n;
    context().call(inst, c);
    expect(errors).to.deep.equal(['cannot free code that is running', 'cannot free an instance that is running']);
    addon().codeFree(c);
    addon().instanceFree(inst.handle);
  });

  it('rethrows a JS exception across Wasm frames unchanged, then works again', () => {
    const c = code(callHostThenIncrement);
    const { slots } = context();
    const thrown = new TypeError('from the host');
    const inst = instance(undefined, [
      () => {
        throw thrown;
      },
      () => {
        slots.i64[0] = 5n;
      },
    ]);
    slots.i64[0] = 0n;
    let caught: unknown;
    try {
      context().call(inst, c);
    } catch (e) {
      caught = e;
    }
    expect(caught).to.equal(thrown);
    expect(context().readExecU64('savedSp')).to.equal(0n);
    slots.i64[0] = 1n;
    context().call(inst, c);
    expect(slots.i64[0]).to.equal(6n);
    addon().codeFree(c);
  });

  it('rejects a host call to an import index the instance does not have', () => {
    const c = code(callHostThenIncrement);
    const inst = instance(undefined, []);
    context().slots.i64[0] = 3n;
    expect(() => context().call(inst, c)).to.throw(RangeError, /import index out of range/);
    addon().codeFree(c);
  });

  it('nests host -> export -> host and unwinds each level to the right entry', () => {
    const c = code(callHostThenIncrement);
    const { slots } = context();
    const depths: number[] = [];
    const depth = (): number => context().depth();
    const inst = instance(undefined, [
      () => {
        depths.push(depth());
        slots.i64[0] = 1n; // the inner export calls import 1
        context().call(inst, c);
        slots.i64[0] = slots.i64[0]! * 2n; // (100 + 1) * 2
      },
      () => {
        depths.push(depth());
        slots.i64[0] = 100n;
      },
    ]);
    slots.i64[0] = 0n;
    context().call(inst, c);
    expect(slots.i64[0]).to.equal(203n);
    expect(depths).to.deep.equal([1, 2]);
    expect(depth()).to.equal(0);
    addon().codeFree(c);
  });

  it('lets a host catch a trap from a nested export and carry on', () => {
    const hostCode = code(callHostThenIncrement);
    const load = code(loadI64);
    const m = addon().memoryCreate(1, 1, true);
    const { slots } = context();
    const trapped: unknown[] = [];
    const inst = instance(m, [
      () => {
        slots.i64[0] = 1n << 20n; // out of bounds
        try {
          context().call(inst, load);
        } catch (e) {
          trapped.push(e);
        }
        slots.i64[0] = 10n;
      },
    ]);
    slots.i64[0] = 0n;
    context().call(inst, hostCode);
    expect(slots.i64[0]).to.equal(11n);
    expect(trapped).to.have.length(1);
    expect((trapped[0] as RuntimeError).trap).to.equal(TrapKind.MemoryOutOfBounds);
    addon().codeFree(hostCode);
    addon().codeFree(load);
    addon().memoryFree(m);
  });

  it('propagates an exception thrown two host levels down through every Wasm frame', () => {
    const c = code(callHostThenIncrement);
    const { slots } = context();
    const thrown = new Error('deep');
    const inst = instance(undefined, [
      () => {
        slots.i64[0] = 1n;
        context().call(inst, c);
        slots.i64[0] = 0n;
      },
      () => {
        throw thrown;
      },
    ]);
    slots.i64[0] = 0n;
    expect(() => context().call(inst, c)).to.throw(thrown.message);
    expect(context().depth()).to.equal(0);
    addon().codeFree(c);
  });

  it('bounds the nesting depth with a call-stack-exhausted trap', () => {
    const c = code(callHostThenIncrement);
    const { slots } = context();
    let deepest = 0;
    const inst = instance(undefined, [
      () => {
        deepest = Math.max(deepest, context().depth());
        slots.i64[0] = 0n;
        context().call(inst, c); // recurses until the addon refuses
      },
    ]);
    slots.i64[0] = 0n;
    let caught: unknown;
    try {
      context().call(inst, c);
    } catch (e) {
      caught = e;
    }
    expect(caught).to.be.instanceOf(RuntimeError);
    expect((caught as RuntimeError).trap).to.equal(TrapKind.CallStackExhausted);
    expect(deepest).to.equal(constants.MAX_DEPTH);
    expect(context().depth()).to.equal(0);
    addon().codeFree(c);
  });
});
