// Control flow, calls and call_indirect traps, multi-value blocks, bulk memory.
import { expect } from 'chai';
import { RuntimeError } from '../../src/index.js';
import { TrapKind } from '../../src/runtime/trap.js';
import { loadWat } from '../runtime/wat.js';
import { call, instantiate, SOURCES } from './harness.js';

function trapOf(f: () => unknown): RuntimeError {
  try { f(); } catch (e) { if (e instanceof RuntimeError) return e; throw e; }
  throw new Error('expected a trap');
}

const text = `(module
  (type $ii (func (param i32) (result i32)))
  (type $v (func))
  (table 4 funcref)
  (elem (i32.const 0) $double $noop)
  (memory 1)
  (func $double (type $ii) (i32.mul (local.get 0) (i32.const 2)))
  (func $noop (type $v))
  (func (export "indirect") (param i32 i32) (result i32)
    (call_indirect (type $ii) (local.get 1) (local.get 0)))
  (func (export "fib") (param i32) (result i64) (local i64 i64 i64)
    (local.set 2 (i64.const 1))
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get 0)))
      (local.set 3 (i64.add (local.get 1) (local.get 2)))
      (local.set 1 (local.get 2)) (local.set 2 (local.get 3))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (br $next)))
    (local.get 1))
  (func (export "classify") (param i32) (result i32)
    (block $d (block $c (block $b (block $a
      (br_table $a $b $c $d (local.get 0)))
      (return (i32.const 10)))
      (return (i32.const 11)))
      (return (i32.const 12)))
    (i32.const 13))
  (func (export "swap") (param i32 i32) (result i32 i32)
    (local.get 1) (local.get 0)
    (block (param i32 i32) (result i32 i32)))
  (func (export "divmod") (param i32 i32) (result i32 i32)
    (i32.div_u (local.get 0) (local.get 1)) (i32.rem_u (local.get 0) (local.get 1)))
  (func (export "pick") (param i32) (result i32)
    (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2))))
  (func (export "loopsum") (param i32) (result i32)
    (i32.const 0)
    (loop $l (param i32) (result i32)
      (i32.add (local.get 0))
      (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))
      (br_if $l (i32.ne (i32.const 0)) ))
    )
  (func (export "fill_copy") (result i32)
    (memory.fill (i32.const 10) (i32.const 0xab) (i32.const 4))
    (memory.copy (i32.const 12) (i32.const 10) (i32.const 4))
    (i32.load (i32.const 12)))
  (func $even (export "even") (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 1))
      (else (call_indirect (type $odd_t) (i64.sub (local.get 0) (i64.const 1)) (i32.const 3)))))
  (type $odd_t (func (param i64) (result i32)))
  (func $odd (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 0))
      (else (call $even (i64.sub (local.get 0) (i64.const 1))))))
  (elem (i32.const 3) $odd)
  (func (export "fill_oob") (memory.fill (i32.const 65535) (i32.const 1) (i32.const 2)))
  (func (export "select") (param i32) (result i64) (select (i64.const 5) (i64.const 6) (local.get 0))))`;

for (const source of SOURCES) {
  describe(`interpreter: control flow and calls (from ${source})`, () => {
    before(loadWat);
    let m: ReturnType<typeof instantiate>;
    before(() => { m = instantiate(source, text); });

    it('runs loops with branches', () => {
      expect(call(m, 'fib', 90)).to.equal(2880067194370816120n);
      expect(call(m, 'loopsum', 100)).to.equal(5050);
    });

    it('dispatches br_table, including the default for large indices', () => {
      expect([0, 1, 2, 3, 4, -1].map((i) => call(m, 'classify', i))).to.deep.equal([10, 11, 12, 13, 13, 13]);
    });

    it('returns multiple values and passes block parameters', () => {
      expect(call(m, 'swap', 1, 2)).to.deep.equal([2, 1]);
      expect(call(m, 'divmod', 17, 5)).to.deep.equal([3, 2]);
      expect(call(m, 'pick', 0)).to.equal(2);
      expect(call(m, 'select', 0)).to.equal(6n);
    });

    it('calls through tables and traps with the right kind', () => {
      expect(call(m, 'indirect', 0, 21)).to.equal(42);
      expect(trapOf(() => call(m, 'indirect', 1, 0)).trap).to.equal(TrapKind.IndirectCallTypeMismatch);
      expect(trapOf(() => call(m, 'indirect', 2, 0)).trap).to.equal(TrapKind.UninitializedElement);
      expect(trapOf(() => call(m, 'indirect', 4, 0)).trap).to.equal(TrapKind.UndefinedElement);
      expect(trapOf(() => call(m, 'indirect', -1, 0)).trap).to.equal(TrapKind.UndefinedElement);
    });

    it('recurses through call and call_indirect, and traps when the stack is exhausted', () => {
      expect(call(m, 'even', 1000n)).to.equal(1);
      expect(call(m, 'even', 777n)).to.equal(0);
      const e = trapOf(() => call(m, 'even', 10_000_000n));
      expect(e.trap).to.equal(TrapKind.CallStackExhausted);
      expect(e.wasmStack.length).to.be.greaterThan(10);
      expect(call(m, 'even', 10n)).to.equal(1); // still usable afterwards
    });

    it('runs bulk memory operations and checks their ranges before writing', () => {
      expect(call(m, 'fill_copy')).to.equal(0xabababab | 0);
      expect(trapOf(() => call(m, 'fill_oob')).trap).to.equal(TrapKind.MemoryOutOfBounds);
    });
  });
}
