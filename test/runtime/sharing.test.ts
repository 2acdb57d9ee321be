// Memory, Table and Global objects shared between instances and the host.
import { expect } from 'chai';
import { Global, Memory, Runtime, Table } from '../../src/index.js';
import { loadWat, wat } from './wat.js';

type Fn = (...args: unknown[]) => unknown;

describe('runtime: Memory, Table, Global sharing', () => {
  before(loadWat);
  const rt = new Runtime({ engine: 'interpreter' });

  it('shares a memory between two instances and the host, across grow', () => {
    const a = rt.instantiate(rt.compile(wat(`(module (memory (export "mem") 1 4)
      (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`)));
    const mem = a.exports['mem'] as Memory;
    expect(mem).to.be.instanceOf(Memory);
    const b = rt.instantiate(rt.compile(wat(`(module (import "env" "mem" (memory 1))
      (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
      (func (export "size") (result i32) memory.size))`)), { env: { mem } });
    const ea = a.exports as Record<string, Fn>, eb = b.exports as Record<string, Fn>;
    ea['store']!(8, 0x12345678);
    expect(eb['load']!(8)).to.equal(0x12345678);
    expect(mem.getInt32(8)).to.equal(0x12345678);
    const before = mem.buffer;
    expect(ea['grow']!(1)).to.equal(1);
    expect(mem.buffer).not.to.equal(before); // a new ArrayBuffer after grow
    expect(mem.buffer.byteLength).to.equal(2 * 65536);
    expect(eb['size']!()).to.equal(2);
    expect(eb['load']!(8)).to.equal(0x12345678);
    mem.setInt32(65536 + 4, -2);
    expect(eb['load']!(65536 + 4)).to.equal(-2);
    expect(ea['grow']!(5)).to.equal(-1); // past the maximum: -1, not a trap
    expect(() => mem.grow(5)).to.throw(RangeError);
    expect(mem.grow(1)).to.equal(2);
  });

  it('has typed helpers that check bounds', () => {
    const mem = new Memory({ initial: 1 });
    mem.write(10, new TextEncoder().encode('héllo'));
    expect(mem.readString(10, 6)).to.equal('héllo');
    mem.setFloat64(64, 1.25);
    expect(mem.getFloat64(64)).to.equal(1.25);
    mem.setBigInt64(72, -3n);
    expect(mem.getBigInt64(72)).to.equal(-3n);
    expect(() => mem.read(65530, 10)).to.throw(RangeError);
    expect(() => new Memory({ initial: 2, maximum: 1 })).to.throw(RangeError);
  });

  it('shares a table: functions stored by one instance are callable by another', () => {
    const table = new Table({ element: 'funcref', initial: 2 });
    const a = rt.instantiate(rt.compile(wat(`(module (import "env" "t" (table 2 funcref))
      (func $f (result i32) i32.const 11) (elem (i32.const 1) $f))`)), { env: { t: table } });
    void a;
    const b = rt.instantiate(rt.compile(wat(`(module (import "env" "t" (table 2 funcref))
      (type $r (func (result i32)))
      (func (export "call") (param i32) (result i32) (call_indirect (type $r) (local.get 0)))
      (func (export "grow") (result i32) (table.grow (ref.null func) (i32.const 3))))`)), { env: { t: table } });
    const eb = b.exports as Record<string, Fn>;
    expect(eb['call']!(1)).to.equal(11);
    expect((table.get(1) as Fn)()).to.equal(11);
    table.set(0, table.get(1));
    expect(eb['call']!(0)).to.equal(11);
    expect(eb['grow']!()).to.equal(2);
    expect(table.length).to.equal(5);
    expect(() => table.get(5)).to.throw(RangeError);
  });

  it('shares a mutable global: writes on either side are seen by the other', () => {
    const g = new Global({ value: 'i64', mutable: true }, 5n);
    const inst = rt.instantiate(rt.compile(wat(`(module (import "env" "g" (global $g (mut i64)))
      (func (export "inc") (global.set $g (i64.add (global.get $g) (i64.const 1))))
      (func (export "get") (result i64) global.get $g))`)), { env: { g } });
    const e = inst.exports as Record<string, Fn>;
    e['inc']!();
    expect(g.value).to.equal(6n);
    g.value = 100n;
    expect(e['get']!()).to.equal(100n);
    const c = new Global({ value: 'f32' }, 1.1);
    expect(c.value).to.equal(Math.fround(1.1));
    expect(() => { c.value = 2; }).to.throw(TypeError, /immutable/);
  });

  it('exports globals as Global objects', () => {
    const inst = rt.instantiate(rt.compile(wat('(module (global (export "g") (mut i32) (i32.const 3)))')));
    const g = inst.exports['g'] as Global;
    expect(g).to.be.instanceOf(Global);
    expect(g.value).to.equal(3);
    g.value = 4;
    expect(g.value).to.equal(4);
  });
});
