// Traps: RuntimeError with `.trap`, the reference messages, and Wasm stack traces with names.
import { expect } from 'chai';
import { Runtime, RuntimeError } from '../../src/index.js';
import { TrapKind } from '../../src/runtime/trap.js';
import { loadWat, wat } from './wat.js';

type Fn = (...args: unknown[]) => unknown;

function trapOf(f: () => unknown): RuntimeError {
  try {
    f();
  } catch (e) {
    if (e instanceof RuntimeError) return e;
    throw e;
  }
  throw new Error('expected a trap');
}

for (const source of ['ir', 'wasm'] as const) {
  describe(`runtime: traps and stack traces (interpreter from ${source})`, () => {
    before(loadWat);
    const rt = new Runtime({ engine: 'interpreter', interpreterSource: source });

    it('reports the trap kind, message and the Wasm frames by name, innermost first', () => {
      const inst = rt.instantiate(rt.compile(wat(`(module
        (func $inner (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
        (func $middle (param i32) (result i32) (i32.add (call $inner (local.get 0)) (i32.const 1)))
        (func (export "outer") (param i32) (result i32) (call $middle (local.get 0))))`)));
      const e = trapOf(() => (inst.exports['outer'] as Fn)(0));
      expect(e.trap).to.equal(TrapKind.IntegerDivideByZero);
      expect(e.message).to.equal('integer divide by zero');
      expect(e.wasmStack.map((f) => f.name)).to.deep.equal(['inner', 'middle', 'outer']);
      expect(e.wasmStack.map((f) => f.funcIndex)).to.deep.equal([0, 1, 2]);
      expect(e.stack).to.match(/at inner \(wasm-function\[0\]\)\n {4}at middle \(wasm-function\[1\]\)/);
    });

    it('names frames across a host function boundary', () => {
      const m = rt.compile(wat(`(module (import "h" "cb" (func $cb))
        (func $boom (export "boom") unreachable)
        (func (export "start") call $cb))`));
      let ex: Record<string, Fn> = {};
      ex = rt.instantiate(m, { h: { cb: () => ex['boom']!() } }).exports as Record<string, Fn>;
      const e = trapOf(() => ex['start']!());
      expect(e.trap).to.equal(TrapKind.Unreachable);
      expect(e.wasmStack.map((f) => f.name)).to.include.members(['boom', 'start']);
    });

    it('turns runaway recursion into "call stack exhausted", and the instance stays usable', () => {
      const inst = rt.instantiate(rt.compile(wat(`(module
        (func $r (export "r") (param i32) (result i32) (i32.add (call $r (local.get 0)) (i32.const 1)))
        (func (export "ok") (result i32) i32.const 1))`)));
      const e = trapOf(() => (inst.exports['r'] as Fn)(0));
      expect(e.trap).to.equal(TrapKind.CallStackExhausted);
      expect(e.message).to.equal('call stack exhausted');
      expect((inst.exports['ok'] as Fn)()).to.equal(1);
    });

    it('traps on out-of-bounds memory access, including offsets that overflow 32 bits', () => {
      const inst = rt.instantiate(rt.compile(wat(`(module (memory 1)
        (func (export "load") (param i32) (result i32) (i32.load offset=4 (local.get 0))))`)));
      const load = inst.exports['load'] as Fn;
      expect(load(65532 - 4)).to.equal(0);
      expect(trapOf(() => load(65533 - 4)).trap).to.equal(TrapKind.MemoryOutOfBounds);
      expect(trapOf(() => load(-1)).trap).to.equal(TrapKind.MemoryOutOfBounds);
    });
  });
}

describe('runtime: time limit', () => {
  before(loadWat);
  for (const source of ['ir', 'wasm'] as const) {
    it(`stops an infinite loop and endless calls with "interrupted" (from ${source})`, () => {
      const rt = new Runtime({ engine: 'interpreter', interpreterSource: source, timeLimitMs: 50 });
      const inst = rt.instantiate(rt.compile(wat(`(module
        (func (export "spin") (loop (br 0)))
        (func (export "spin_if") (param i32) (loop (br_if 0 (i32.const 1))))
        (func $f (export "wide") (param i32) (if (local.get 0) (then
          (call $f (i32.sub (local.get 0) (i32.const 1))) (call $f (i32.sub (local.get 0) (i32.const 1))))))
        (func (export "ok") (result i32) i32.const 5))`)));
      for (const name of ['spin', 'spin_if']) {
        const t = Date.now();
        const e = trapOf(() => (inst.exports[name] as Fn)(1));
        expect(e.trap).to.equal(TrapKind.Interrupted);
        expect(e.message).to.equal('interrupted');
        expect(Date.now() - t).to.be.lessThan(5000);
      }
      expect((inst.exports['ok'] as Fn)()).to.equal(5); // the limit is per call
      // 2^60 calls at depth <= 60: only the time limit can stop it (polled at calls too).
      expect(trapOf(() => (inst.exports['wide'] as Fn)(60)).trap).to.equal(TrapKind.Interrupted);
    });
  }
  it('rejects a bad limit', () => {
    expect(() => new Runtime({ timeLimitMs: -1 })).to.throw(TypeError, /timeLimitMs/);
  });
});
