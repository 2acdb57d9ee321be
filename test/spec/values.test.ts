import { expect } from 'chai';
import { parseSExprs } from './sexpr.js';
import { type Expected, formatExpected, formatValue, parseConst, parseExpected, type SpecValue, valueMatches } from './values.js';

const expr = (src: string) => parseSExprs(src)[0]!;
const exp = (src: string): Expected => parseExpected(expr(src));
const val = (src: string): SpecValue => parseConst(expr(src));
const f32 = (bits: number): SpecValue => ({ type: 'f32', bits });
const f64 = (bits: bigint): SpecValue => ({ type: 'f64', bits });
function v128(...u32: number[]): SpecValue {
  return { type: 'v128', bytes: new Uint8Array(new Uint32Array(u32).buffer) };
}

describe('spec: constants', () => {
  it('parses scalar constants into exact bits', () => {
    expect(val('(i32.const -1)')).to.deep.equal({ type: 'i32', bits: 0xffffffff });
    expect(val('(i64.const -1)')).to.deep.equal({ type: 'i64', bits: 0xffffffffffffffffn });
    expect(val('(f32.const -0x1p-1)')).to.deep.equal({ type: 'f32', bits: 0xbf000000 });
    expect(val('(f64.const nan:0x4)')).to.deep.equal({ type: 'f64', bits: 0x7ff0000000000004n });
  });

  it('lays out v128 lanes little-endian', () => {
    const v = val('(v128.const i16x8 1 2 3 4 5 6 7 -1)');
    expect(v.type).to.equal('v128');
    if (v.type !== 'v128') return;
    expect(Array.from(v.bytes)).to.deep.equal([1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0xff, 0xff]);
    const w = val('(v128.const i64x2 0x0102030405060708 0)');
    if (w.type !== 'v128') throw new Error('v128');
    expect(Array.from(w.bytes.subarray(0, 8))).to.deep.equal([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(val('(v128.const f32x4 1 -0 inf nan)')).to.deep.equal(v128(0x3f800000, 0x80000000, 0x7f800000, 0x7fc00000));
  });

  it('parses references', () => {
    expect(val('(ref.null func)')).to.deep.equal({ type: 'funcref', ref: null });
    expect(val('(ref.null extern)')).to.deep.equal({ type: 'externref', ref: null });
    expect(val('(ref.extern 7)')).to.deep.equal({ type: 'externref', ref: 7 });
    expect(exp('(ref.func)')).to.deep.equal({ kind: 'any-funcref' });
  });

  it('refuses patterns as arguments and bad constants', () => {
    expect(() => val('(f32.const nan:canonical)')).to.throw('not a value');
    expect(() => val('(v128.const i32x4 1 2 3)')).to.throw('needs 4 lanes');
    expect(() => val('(v128.const i3x4 1 2 3 4)')).to.throw('bad v128 shape');
    expect(() => val('(i32.const 1 2)')).to.throw('one literal');
    expect(() => val('(i33.const 1)')).to.throw('unknown constant');
    expect(() => val('\n(i32.const 1.5)')).to.throw("line 2: bad integer literal '1.5'");
    expect(() => val('(f64.const 1e)')).to.throw("line 1: bad float literal '1e'");
  });
});

describe('spec: value matching', () => {
  it('compares floats bitwise (sign of zero and NaN payload matter)', () => {
    expect(valueMatches(exp('(f32.const 0)'), f32(0))).to.equal(true);
    expect(valueMatches(exp('(f32.const 0)'), f32(0x80000000))).to.equal(false);
    expect(valueMatches(exp('(f64.const nan:0x1)'), f64(0x7ff0000000000001n))).to.equal(true);
    expect(valueMatches(exp('(f64.const nan:0x1)'), f64(0x7ff8000000000000n))).to.equal(false);
  });

  it('distinguishes types', () => {
    expect(valueMatches(exp('(i32.const 0)'), f32(0))).to.equal(false);
    expect(valueMatches(exp('(i64.const 0)'), { type: 'i64', bits: 0n })).to.equal(true);
    expect(valueMatches(exp('(f32.const nan:canonical)'), f64(0x7ff8000000000000n))).to.equal(false);
  });

  it('matches nan:canonical only for the canonical NaN of either sign', () => {
    const canon = exp('(f32.const nan:canonical)');
    expect(valueMatches(canon, f32(0x7fc00000))).to.equal(true);
    expect(valueMatches(canon, f32(0xffc00000))).to.equal(true);
    expect(valueMatches(canon, f32(0x7fc00001))).to.equal(false);
    expect(valueMatches(canon, f32(0x7f800001))).to.equal(false);
    expect(valueMatches(canon, f32(0x7f800000))).to.equal(false);
    const canon64 = exp('(f64.const nan:canonical)');
    expect(valueMatches(canon64, f64(0xfff8000000000000n))).to.equal(true);
    expect(valueMatches(canon64, f64(0x7ff8000000000001n))).to.equal(false);
  });

  it('matches nan:arithmetic for any quiet NaN, never a signalling one', () => {
    const arith = exp('(f32.const nan:arithmetic)');
    expect(valueMatches(arith, f32(0x7fc00000))).to.equal(true);
    expect(valueMatches(arith, f32(0xffe00001))).to.equal(true);
    expect(valueMatches(arith, f32(0x7fa00000))).to.equal(false);
    expect(valueMatches(arith, f32(0x3f800000))).to.equal(false);
    const arith64 = exp('(f64.const nan:arithmetic)');
    expect(valueMatches(arith64, f64(0x7ffc000000000000n))).to.equal(true);
    expect(valueMatches(arith64, f64(0x7ff4000000000000n))).to.equal(false);
  });

  it('matches v128 float lanes one by one, NaN patterns per lane', () => {
    const e = exp('(v128.const f32x4 nan:canonical 1.0 nan:arithmetic -0)');
    expect(e.kind).to.equal('v128-lanes');
    expect(valueMatches(e, v128(0xffc00000, 0x3f800000, 0x7fc00123, 0x80000000))).to.equal(true);
    expect(valueMatches(e, v128(0x7fc00001, 0x3f800000, 0x7fc00123, 0x80000000))).to.equal(false);
    expect(valueMatches(e, v128(0x7fc00000, 0x3f800000, 0x7f800123, 0x80000000))).to.equal(false);
    expect(valueMatches(e, v128(0x7fc00000, 0x3f800000, 0x7fc00000, 0))).to.equal(false);
    const d = exp('(v128.const f64x2 nan:arithmetic 2)');
    const bytes = new Uint8Array(new BigUint64Array([0x7ff8000000000abcn, 0x4000000000000000n]).buffer);
    expect(valueMatches(d, { type: 'v128', bytes })).to.equal(true);
    expect(valueMatches(d, f64(0x7ff8000000000000n))).to.equal(false);
  });

  it('matches integer-lane v128 exactly', () => {
    const e = exp('(v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 -1)');
    const bytes = Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 255]);
    expect(valueMatches(e, { type: 'v128', bytes })).to.equal(true);
    bytes[15] = 254;
    expect(valueMatches(e, { type: 'v128', bytes })).to.equal(false);
  });

  it('matches references by identity, null by type', () => {
    expect(valueMatches(exp('(ref.extern 1)'), { type: 'externref', ref: 1 })).to.equal(true);
    expect(valueMatches(exp('(ref.extern 1)'), { type: 'externref', ref: 2 })).to.equal(false);
    expect(valueMatches(exp('(ref.null extern)'), { type: 'externref', ref: null })).to.equal(true);
    expect(valueMatches(exp('(ref.null extern)'), { type: 'funcref', ref: null })).to.equal(false);
    expect(valueMatches(exp('(ref.func)'), { type: 'funcref', ref: () => 0 })).to.equal(true);
    expect(valueMatches(exp('(ref.func)'), { type: 'funcref', ref: null })).to.equal(false);
  });

  it('formats values and patterns for failure messages', () => {
    expect(formatValue(f32(0x7fc00000))).to.equal('f32:0x7fc00000 (NaN)');
    expect(formatValue({ type: 'i64', bits: 0xffffffffffffffffn })).to.equal('i64:-1');
    expect(formatExpected(exp('(f64.const nan:arithmetic)'))).to.equal('f64:nan:arithmetic');
    expect(formatExpected(exp('(v128.const f32x4 nan:canonical 1 2 3)'))).to.contain('nan:canonical 0x3f800000');
  });
});
