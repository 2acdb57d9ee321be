import { expect } from 'chai';
import { headOf, parseSExprs, type SExpr, type SList, utf8, WastSyntaxError } from './sexpr.js';

function show(e: SExpr): string {
  if (e.kind === 'atom') return e.text;
  if (e.kind === 'string') return JSON.stringify(Array.from(e.bytes));
  return `(${e.items.map(show).join(' ')})`;
}

function only(src: string): SList {
  const top = parseSExprs(src);
  expect(top).to.have.length(1);
  return top[0]!;
}

describe('spec: S-expression reader', () => {
  it('reads nested lists and atoms', () => {
    expect(parseSExprs('(a (b c) d) (e)').map(show)).to.deep.equal(['(a (b c) d)', '(e)']);
  });

  it('skips line comments and nested block comments', () => {
    const src = ';; line\n(a (; block (; nested ;) still ;) b) ;; tail\n(; top ;)';
    expect(parseSExprs(src).map(show)).to.deep.equal(['(a b)']);
  });

  it('tracks line numbers and source offsets of lists', () => {
    const src = '\n\n  (module (func))\n(x)';
    const [m, x] = parseSExprs(src);
    expect(m!.line).to.equal(3);
    expect(src.slice(m!.start, m!.end)).to.equal('(module (func))');
    expect(x!.line).to.equal(4);
  });

  it('decodes every string escape to bytes', () => {
    const s = only('(s "a\\n\\t\\r\\\\\\\'\\"\\00\\ff\\u{41}\\u{e9}\\u{1F600}")').items[1]!;
    expect(s.kind).to.equal('string');
    if (s.kind !== 'string') return;
    expect(Array.from(s.bytes)).to.deep.equal([
      0x61, 10, 9, 13, 0x5c, 0x27, 0x22, 0x00, 0xff, 0x41, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80,
    ]);
  });

  it('keeps raw source bytes of strings (latin1 source = one char per byte)', () => {
    const src = Buffer.from('(s "\u00e9")', 'utf8').toString('latin1');
    const s = only(src).items[1]!;
    if (s.kind !== 'string') throw new Error('expected string');
    expect(utf8(s.bytes)).to.equal('\u00e9');
  });

  it('keeps a leading U+FEFF in decoded names', () => {
    expect(utf8(Uint8Array.from([0xef, 0xbb, 0xbf]))).to.equal('\ufeff');
  });

  it('does not treat ; inside atoms or strings as comments', () => {
    expect(show(only('(a "x;;y" b)'))).to.equal(`(a ${JSON.stringify(Array.from(Buffer.from('x;;y')))} b)`);
  });

  it('gives the head keyword of a list', () => {
    expect(headOf(only('(assert_return (invoke "f"))'))).to.equal('assert_return');
  });

  for (const [src, msg] of [
    ['(a', 'unclosed parenthesis'],
    ['(a "b)', 'unterminated string'],
    ['(a "\\q")', 'bad escape'],
    ['(a "\\u{110000}")', 'bad \\u escape'],
    ['(; open', 'unterminated block comment'],
    [')', "unexpected ')'"],
    ['atom', 'unexpected token'],
  ] as const) {
    it(`rejects ${JSON.stringify(src)} with "${msg}"`, () => {
      expect(() => parseSExprs(src)).to.throw(WastSyntaxError, msg);
    });
  }
});
