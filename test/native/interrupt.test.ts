import { expect } from 'chai';
import { RuntimeError } from '../../src/runtime/errors.js';
import { TrapKind } from '../../src/runtime/trap.js';
import { execLayout } from '../../src/engine/native/layout.js';
import { addI64, callHostThenIncrement, recurseForever, recurseUnchecked, spinUntilInterrupted } from './snippets.js';
import { addon, code, context, instance, requireNative } from './harness.js';

function trapOf(run: () => void): TrapKind | undefined {
  try {
    run();
  } catch (e) {
    if (e instanceof RuntimeError) return e.trap;
    throw e;
  }
  return undefined;
}

describe('native/interrupts and stack limit', () => {
  requireNative();

  it('stops an infinite loop with an interrupted trap within the deadline', () => {
    const c = code(spinUntilInterrupted);
    const inst = instance();
    for (const limit of [20, 50]) {
      const start = process.hrtime.bigint();
      expect(trapOf(() => context().call(inst, c, 0, limit))).to.equal(TrapKind.Interrupted);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      expect(ms).to.be.at.least(limit - 1);
      expect(ms).to.be.below(limit + 500); // generous: the machine is shared
    }
    expect(trapOf(() => context().callEntry(inst.entry(c), 20))).to.equal(TrapKind.Interrupted);
    addon().codeFree(c);
  });

  it('clears the interrupt flag for the next call, and a call that finishes in time is untouched', () => {
    const spin = code(spinUntilInterrupted);
    const add = code(addI64);
    const inst = instance();
    expect(trapOf(() => context().call(inst, spin, 0, 10))).to.equal(TrapKind.Interrupted);
    context().slots.i64[0] = 1n;
    context().slots.i64[1] = 2n;
    expect(trapOf(() => context().call(inst, add, 0, 1000))).to.equal(undefined);
    expect(context().slots.i64[0]).to.equal(3n);
    expect(context().exec.getUint32(execLayout.offsets['interrupt']!, true)).to.equal(0);
    addon().codeFree(spin);
    addon().codeFree(add);
  });

  it("a nested call's deadline stops only that call, not the enclosing one", () => {
    const spin = code(spinUntilInterrupted);
    const hostCode = code(callHostThenIncrement);
    const flags: number[] = [];
    const traps: Array<TrapKind | undefined> = [];
    const interruptFlag = (): number => context().exec.getUint32(execLayout.offsets['interrupt']!, true);
    const inst = instance(undefined, [
      () => {
        traps.push(trapOf(() => context().call(inst, spin, 0, 10)));
        flags.push(interruptFlag());
        context().slots.i64[0] = 1n;
      },
    ]);
    context().slots.i64[0] = 0n;
    context().call(inst, hostCode, 0, 5000);
    expect(traps).to.deep.equal([TrapKind.Interrupted]);
    expect(flags).to.deep.equal([0]);
    expect(context().slots.i64[0]).to.equal(2n);
    addon().codeFree(spin);
    addon().codeFree(hostCode);
  });

  it('traps deep recursion against the stack limit instead of crashing', () => {
    const c = code(recurseForever);
    const inst = instance();
    const limit = context().readExecU64('stackLimit');
    expect(limit > 0n).to.equal(true);
    expect(trapOf(() => context().call(inst, c))).to.equal(TrapKind.CallStackExhausted);
    // And again: nothing was left behind.
    expect(trapOf(() => context().call(inst, c))).to.equal(TrapKind.CallStackExhausted);
    expect(context().depth()).to.equal(0);
    addon().codeFree(c);
  });

  it('traps a stack overflow that skipped the prologue check (guard-page fault) and keeps running', () => {
    const unchecked = code(recurseUnchecked);
    const add = code(addI64);
    const inst = instance();
    expect(trapOf(() => context().call(inst, unchecked))).to.equal(TrapKind.CallStackExhausted);
    expect(context().lastFaultAddress() < context().readExecU64('stackLimit')).to.equal(true);
    context().slots.i64[0] = 2n;
    context().slots.i64[1] = 3n;
    context().call(inst, add);
    expect(context().slots.i64[0]).to.equal(5n);
    addon().codeFree(unchecked);
    addon().codeFree(add);
  });
});
