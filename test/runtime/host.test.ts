// Host functions and export wrappers: value conversions both ways, multi-value, exceptions,
// re-entrancy.
import { expect } from 'chai';
import { Runtime } from '../../src/index.js';
import { loadWat, wat } from './wat.js';

type Fn = (...args: unknown[]) => unknown;

describe('runtime: host functions and conversions', () => {
  before(loadWat);
  const rt = new Runtime({ engine: 'interpreter' });

  it('converts arguments like the JS API: ToInt32, BigInt for i64, fround for f32', () => {
    const m = rt.compile(wat(`(module
      (func (export "i32") (param i32) (result i32) local.get 0)
      (func (export "i64") (param i64) (result i64) local.get 0)
      (func (export "f32") (param f32) (result f32) local.get 0)
      (func (export "f64") (param f64) (result f64) local.get 0))`));
    const e = rt.instantiate(m).exports as Record<string, Fn>;
    expect(e['i32']!(2 ** 32 + 5)).to.equal(5);
    expect(e['i32']!(-1.9)).to.equal(-1);
    expect(e['i32']!('12')).to.equal(12);
    expect(e['i64']!(2n ** 64n - 1n)).to.equal(-1n);
    expect(() => e['i64']!(1)).to.throw(TypeError, /bigint/);
    expect(e['f32']!(0.1)).to.equal(Math.fround(0.1));
    expect(e['f64']!(0.1)).to.equal(0.1);
  });

  it('passes values to host functions and converts their results, including multi-value', () => {
    const m = rt.compile(wat(`(module
      (import "h" "swap" (func $swap (param i32 i64) (result i64 i32)))
      (import "h" "half" (func $half (param f64) (result f32)))
      (func (export "run") (result i64 i32) (call $swap (i32.const -7) (i64.const 123456789012)))
      (func (export "half") (param f64) (result f32) (call $half (local.get 0))))`));
    const calls: unknown[][] = [];
    const e = rt.instantiate(m, {
      h: {
        swap: (a: unknown, b: unknown) => { calls.push([a, b]); return [b, a]; },
        half: (x: unknown) => (x as number) / 3,
      },
    }).exports as Record<string, Fn>;
    expect(e['run']!()).to.deep.equal([123456789012n, -7]);
    expect(calls).to.deep.equal([[-7, 123456789012n]]);
    expect(e['half']!(1)).to.equal(Math.fround(1 / 3));
  });

  it('rejects a host result of the wrong shape with a clear error', () => {
    const m = rt.compile(wat(`(module (import "h" "two" (func $t (result i32 i32)))
      (func (export "f") (result i32 i32) call $t))`));
    const e = rt.instantiate(m, { h: { two: () => 1 } }).exports as Record<string, Fn>;
    expect(() => e['f']!()).to.throw(TypeError, /iterable of 2 values/);
  });

  it('lets host exceptions through unchanged', () => {
    const m = rt.compile(wat('(module (import "h" "boom" (func $b)) (func (export "f") call $b))'));
    const boom = new Error('boom');
    const e = rt.instantiate(m, { h: { boom: () => { throw boom; } } }).exports as Record<string, Fn>;
    expect(() => e['f']!()).to.throw(boom);
  });

  it('supports re-entrancy: a host function calling back into an export', () => {
    const m = rt.compile(wat(`(module (import "h" "back" (func $back (param i32) (result i32)))
      (func $fact (export "fact") (param i32) (result i32)
        (if (result i32) (i32.le_s (local.get 0) (i32.const 1)) (then (i32.const 1))
          (else (i32.mul (local.get 0) (call $back (i32.sub (local.get 0) (i32.const 1))))))))`));
    let exports: Record<string, Fn> = {};
    const inst = rt.instantiate(m, { h: { back: (n: unknown) => exports['fact']!(n) } });
    exports = inst.exports as Record<string, Fn>;
    expect(exports['fact']!(10)).to.equal(3628800);
  });

  it('passes externref values and funcrefs through', () => {
    const m = rt.compile(wat(`(module (table $t 1 funcref) (elem declare func $seven)
      (func $seven (result i32) i32.const 7)
      (func (export "id") (param externref) (result externref) local.get 0)
      (func (export "ref") (result funcref) ref.func $seven)
      (func (export "call") (param funcref) (result i32)
        (table.set $t (i32.const 0) (local.get 0)) (call_indirect (result i32) (i32.const 0))))`));
    const e = rt.instantiate(m).exports as Record<string, Fn>;
    const obj = { x: 1 };
    expect(e['id']!(obj)).to.equal(obj);
    expect(e['id']!(null)).to.equal(null);
    const seven = e['ref']!() as Fn;
    expect(seven()).to.equal(7);
    expect(e['ref']!()).to.equal(seven); // stable identity
    expect(e['call']!(seven)).to.equal(7);
    expect(() => e['call']!(() => 7)).to.throw(TypeError, /funcref/);
  });

  it('uses 16-byte Uint8Arrays for v128', () => {
    const m = rt.compile(wat(`(module (func (export "add") (param v128 v128) (result v128)
      (i32x4.add (local.get 0) (local.get 1))))`));
    const e = rt.instantiate(m).exports as Record<string, Fn>;
    const a = new Uint8Array(new Int32Array([1, 2, 3, -1]).buffer);
    const b = new Uint8Array(new Int32Array([10, 20, 30, 1]).buffer);
    const r = e['add']!(a, b) as Uint8Array;
    expect([...new Int32Array(r.buffer, r.byteOffset, 4)]).to.deep.equal([11, 22, 33, 0]);
    expect(() => e['add']!(1, 2)).to.throw(TypeError, /16-byte/);
  });
});
