// Instantiation order: globals, element then data segments in order (a trap leaves earlier
// writes to imported tables/memories in place), the start function.
import { expect } from 'chai';
import { Memory, Runtime, RuntimeError, Table } from '../../src/index.js';
import { TrapKind } from '../../src/runtime/trap.js';
import { loadWat, wat } from './wat.js';

describe('runtime: instantiation', () => {
  before(loadWat);
  const rt = new Runtime({ engine: 'interpreter' });

  it('initialises globals from constant expressions, including imported globals', () => {
    const m = rt.compile(wat(`(module (import "env" "base" (global i32))
      (global $g i32 (global.get 0)) (global $h i64 (i64.const -5)) (global $f f32 (f32.const 1.5))
      (func (export "g") (result i32) global.get $g) (func (export "h") (result i64) global.get $h)
      (func (export "f") (result f32) global.get $f))`));
    const inst = rt.instantiate(m, { env: { base: 41 } });
    const e = inst.exports as Record<string, () => unknown>;
    expect(e['g']!()).to.equal(41);
    expect(e['h']!()).to.equal(-5n);
    expect(e['f']!()).to.equal(1.5);
  });

  it('applies data segments in order and keeps writes made before a trapping segment', () => {
    const mem = new Memory({ initial: 1 });
    const m = rt.compile(wat(`(module (import "env" "m" (memory 1))
      (data (i32.const 0) "ab") (data (i32.const 1) "c") (data (i32.const 65535) "xy"))`));
    let err: unknown;
    try { rt.instantiate(m, { env: { m: mem } }); } catch (e) { err = e; }
    expect(err).to.be.instanceOf(RuntimeError);
    expect((err as RuntimeError).trap).to.equal(TrapKind.MemoryOutOfBounds);
    expect((err as RuntimeError).message).to.equal('out of bounds memory access');
    expect([...new Uint8Array(mem.buffer, 0, 3)]).to.deep.equal([0x61, 0x63, 0]);
  });

  it('applies element segments before data segments', () => {
    const mem = new Memory({ initial: 1 });
    const table = new Table({ element: 'funcref', initial: 2 });
    const m = rt.compile(wat(`(module (import "env" "m" (memory 1)) (import "env" "t" (table 2 funcref))
      (func $f (result i32) i32.const 9)
      (elem (i32.const 0) $f) (elem (i32.const 5) $f)
      (data (i32.const 0) "z"))`));
    expect(() => rt.instantiate(m, { env: { m: mem, t: table } })).to.throw(RuntimeError, /out of bounds table access/);
    expect((table.get(0) as () => number)()).to.equal(9); // the first segment was applied
    expect(new Uint8Array(mem.buffer)[0]).to.equal(0);    // data never ran
  });

  it('runs the start function after segments, and its traps fail instantiation', () => {
    const m = rt.compile(wat(`(module (import "env" "seen" (func $seen (param i32)))
      (memory 1) (data (i32.const 0) "\\2a")
      (func $start (call $seen (i32.load8_u (i32.const 0)))) (start $start))`));
    const seen: number[] = [];
    rt.instantiate(m, { env: { seen: (x: unknown) => { seen.push(x as number); } } });
    expect(seen).to.deep.equal([42]);
    const bad = rt.compile(wat('(module (func $s unreachable) (start $s))'));
    expect(() => rt.instantiate(bad)).to.throw(RuntimeError, /unreachable/);
  });

  it('describes imports and exports with kinds and types', () => {
    const m = rt.compile(wat(`(module (import "env" "f" (func (param i32) (result i64)))
      (memory (export "mem") 1 2) (global (export "g") (mut f64) (f64.const 0)))`));
    expect(m.imports.map((i) => [i.module, i.name, i.kind])).to.deep.equal([['env', 'f', 'func']]);
    expect(m.exports.map((e) => [e.name, e.kind])).to.deep.equal([['mem', 'memory'], ['g', 'global']]);
  });
});

describe('runtime: resource limits', () => {
  before(loadWat);
  it('refuses a table larger than the runtime limit with a clear RangeError', () => {
    const rt = new Runtime({ engine: 'interpreter' });
    const m = rt.compile(wat('(module (table 4000000000 funcref))'));
    expect(() => rt.instantiate(m)).to.throw(RangeError, /exceeds this runtime's limit/);
  });
});
