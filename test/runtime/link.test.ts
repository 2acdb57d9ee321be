// Linking: missing and mismatched imports, limits subtyping, the registry, instances as
// import namespaces.
import { expect } from 'chai';
import { Global, LinkError, Memory, Runtime, Table } from '../../src/index.js';
import { limitsMatch } from '../../src/runtime/link.js';
import { loadWat, wat } from './wat.js';

describe('runtime: linking', () => {
  before(loadWat);
  const rt = new Runtime({ engine: 'interpreter' });

  it('names the missing import in the LinkError', () => {
    const m = rt.compile(wat('(module (import "env" "f" (func)))'));
    expect(() => rt.instantiate(m, {})).to.throw(LinkError, /unknown import "env" "f"/);
    expect(() => rt.instantiate(m, { env: {} })).to.throw(LinkError, /"env" "f"/);
  });

  it('rejects a Wasm function of the wrong type and says why', () => {
    const a = rt.instantiate(rt.compile(wat('(module (func (export "g") (param i32)))')));
    const m = rt.compile(wat('(module (import "env" "f" (func (param i64))))'));
    expect(() => rt.instantiate(m, { env: { f: a.exports['g'] } }))
      .to.throw(LinkError, /"env" "f": expected func \[i64\] -> \[\], got func \[i32\] -> \[\]/);
  });

  it('rejects non-functions for function imports', () => {
    const m = rt.compile(wat('(module (import "env" "f" (func)))'));
    expect(() => rt.instantiate(m, { env: { f: 42 } })).to.throw(LinkError, /expected a function/);
  });

  it('implements limits subtyping', () => {
    expect(limitsMatch({ min: 2, max: 3 }, { min: 1, max: 4 })).to.equal(true);
    expect(limitsMatch({ min: 1, max: undefined }, { min: 1, max: undefined })).to.equal(true);
    expect(limitsMatch({ min: 1, max: 5 }, { min: 1, max: 4 })).to.equal(false);
    expect(limitsMatch({ min: 1, max: undefined }, { min: 1, max: 4 })).to.equal(false);
    expect(limitsMatch({ min: 0, max: 1 }, { min: 1, max: undefined })).to.equal(false);
  });

  it('checks memory and table limits of imports', () => {
    const mm = rt.compile(wat('(module (import "env" "m" (memory 1 2)))'));
    expect(() => rt.instantiate(mm, { env: { m: new Memory({ initial: 1, maximum: 2 }) } })).not.to.throw();
    expect(() => rt.instantiate(mm, { env: { m: new Memory({ initial: 1 }) } })).to.throw(LinkError, /memory limits/);
    expect(() => rt.instantiate(mm, { env: { m: new Memory({ initial: 0, maximum: 1 }) } })).to.throw(LinkError, /memory limits/);
    const tm = rt.compile(wat('(module (import "env" "t" (table 2 funcref)))'));
    expect(() => rt.instantiate(tm, { env: { t: new Table({ element: 'funcref', initial: 3 }) } })).not.to.throw();
    expect(() => rt.instantiate(tm, { env: { t: new Table({ element: 'funcref', initial: 1 }) } })).to.throw(LinkError, /table limits/);
    expect(() => rt.instantiate(tm, { env: { t: new Table({ element: 'externref', initial: 3 }) } })).to.throw(LinkError, /externref table/);
  });

  it('checks global types and mutability', () => {
    const m = rt.compile(wat('(module (import "env" "g" (global (mut i32))))'));
    expect(() => rt.instantiate(m, { env: { g: new Global({ value: 'i32', mutable: true }, 1) } })).not.to.throw();
    expect(() => rt.instantiate(m, { env: { g: new Global({ value: 'i32' }, 1) } })).to.throw(LinkError, /expected global mut i32, got global i32/);
    expect(() => rt.instantiate(m, { env: { g: 1 } })).to.throw(LinkError, /mutable global import needs a Global/);
    const c = rt.compile(wat('(module (import "env" "g" (global i64)) (func (export "get") (result i64) global.get 0))'));
    expect(rt.instantiate(c, { env: { g: 5n } }).exports['get']!).to.be.a('function');
    expect(() => rt.instantiate(c, { env: { g: 5 } })).to.throw(LinkError, /bigint/);
  });

  it('links registered instances by name, and instances passed in imports', () => {
    const a = rt.instantiate(rt.compile(wat('(module (func (export "seven") (result i32) i32.const 7))')));
    rt.register('lib', a);
    const src = '(module (import "lib" "seven" (func $s (result i32))) (func (export "f") (result i32) call $s))';
    const b = rt.instantiate(rt.compile(wat(src)));
    expect((b.exports['f'] as () => number)()).to.equal(7);
    const other = new Runtime({ engine: 'interpreter' });
    const c = other.instantiate(other.compile(wat(src)), { lib: a });
    expect((c.exports['f'] as () => number)()).to.equal(7);
    expect(() => other.instantiate(other.compile(wat(src)))).to.throw(LinkError, /unknown import "lib" "seven"/);
  });
});
