import { expect } from 'chai';
import { type Command, parseScript } from './script.js';
import { WastSyntaxError } from './sexpr.js';

function one(src: string): Command {
  const cmds = parseScript(src);
  expect(cmds).to.have.length(1);
  return cmds[0]!;
}

describe('spec: script commands', () => {
  it('keeps a text module as its exact source text, with its name', () => {
    const c = one('(module $M (func (export "f")))');
    expect(c).to.deep.include({ kind: 'module', line: 1 });
    if (c.kind !== 'module') return;
    expect(c.module.name).to.equal('$M');
    expect(c.module.source).to.deep.equal({ form: 'text', text: '(module $M (func (export "f")))' });
  });

  it('assembles binary modules from string literals', () => {
    const c = one('(module $B binary "\\00asm" "\\01\\00\\00\\00")');
    if (c.kind !== 'module' || c.module.source.form !== 'binary') throw new Error('expected binary module');
    expect(c.module.name).to.equal('$B');
    expect(Array.from(c.module.source.bytes)).to.deep.equal([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  });

  it('wraps quoted module fields in (module ...) unless already a whole module', () => {
    const a = one('(module quote "(func)" " (memory 1)")');
    if (a.kind !== 'module') throw new Error('module');
    expect(a.module.source).to.deep.equal({ form: 'quote', text: '(module (func) (memory 1))' });
    const b = one('(module quote "(module (func))")');
    if (b.kind !== 'module') throw new Error('module');
    expect(b.module.source).to.deep.equal({ form: 'quote', text: '(module (func))' });
  });

  it('parses actions with module names and typed arguments', () => {
    const c = one('(assert_return (invoke $M "add" (i32.const 1) (i64.const -1)) (i32.const 2))');
    if (c.kind !== 'assert_return') throw new Error('assert_return');
    expect(c.action).to.deep.equal({
      kind: 'invoke', module: '$M', field: 'add', line: 1,
      args: [{ type: 'i32', bits: 1 }, { type: 'i64', bits: 0xffffffffffffffffn }],
    });
    expect(c.expected).to.have.length(1);
    const g = one('(assert_return (get "g") (f32.const nan:canonical))');
    if (g.kind !== 'assert_return') throw new Error('assert_return');
    expect(g.action).to.deep.equal({ kind: 'get', module: undefined, field: 'g', line: 1 });
    expect(g.expected[0]).to.deep.equal({ kind: 'nan', type: 'f32', nan: 'canonical' });
  });

  it('parses every assertion form', () => {
    const src = `
      (register "M" $M) (register "N")
      (invoke "f")
      (assert_trap (invoke "f") "unreachable")
      (assert_trap (module (func $s unreachable) (start $s)) "unreachable")
      (assert_exhaustion (invoke "f") "call stack exhausted")
      (assert_invalid (module (func (result i32))) "type mismatch")
      (assert_malformed (module quote "(func") "unexpected end")
      (assert_unlinkable (module (import "x" "y" (func))) "unknown import")
      (assert_uninstantiable (module (func $s unreachable) (start $s)) "unreachable")`;
    const kinds = parseScript(src).map((c) => c.kind);
    expect(kinds).to.deep.equal(['register', 'register', 'action', 'assert_trap', 'assert_module_trap',
      'assert_exhaustion', 'assert_invalid', 'assert_malformed', 'assert_unlinkable', 'assert_uninstantiable']);
    const [r1, r2] = parseScript(src);
    expect(r1).to.deep.include({ as: 'M', module: '$M' });
    expect(r2).to.deep.include({ as: 'N', module: undefined });
  });

  it('reads a script of bare module fields as one module', () => {
    const c = one('(func) (memory 0) (func (export "f"))');
    expect(c.kind === 'module' && c.module.source).to.deep.equal({ form: 'text', text: '(module (func) (memory 0) (func (export "f")))' });
  });

  it('names the line of unknown commands and bad forms', () => {
    expect(() => parseScript('\n(assert_bogus)')).to.throw(WastSyntaxError, "line 2: unknown command 'assert_bogus'");
    expect(() => parseScript('(assert_invalid (invoke "f") "x")')).to.throw(WastSyntaxError, 'expects a module');
    expect(() => parseScript('(assert_trap (invoke "f"))')).to.throw(WastSyntaxError, 'failure message');
    expect(() => parseScript('(invoke 3)')).to.throw(WastSyntaxError, 'export name');
    expect(() => parseScript('(module binary "\\00" foo)')).to.throw(WastSyntaxError, 'only strings');
  });
});
