import { expect } from 'chai';
import { F32, F64, LiteralError, parseFloatBits, parseIntBits } from './floats.js';

const f32 = (s: string): string => '0x' + parseFloatBits(s, F32).toString(16).padStart(8, '0');
const f64 = (s: string): string => '0x' + parseFloatBits(s, F64).toString(16).padStart(16, '0');

function jsF64Bits(x: number): string {
  return '0x' + new BigUint64Array(new Float64Array([x]).buffer)[0]!.toString(16).padStart(16, '0');
}

describe('spec: float literals', () => {
  it('parses special values', () => {
    expect(f32('inf')).to.equal('0x7f800000');
    expect(f32('-inf')).to.equal('0xff800000');
    expect(f32('nan')).to.equal('0x7fc00000');
    expect(f32('-nan')).to.equal('0xffc00000');
    expect(f32('nan:0x200000')).to.equal('0x7fa00000');
    expect(f32('-nan:0x7f_ffff')).to.equal('0xffffffff');
    expect(f64('nan:0x1')).to.equal('0x7ff0000000000001');
    expect(f64('-0')).to.equal('0x8000000000000000');
    expect(f64('+0.0')).to.equal('0x0000000000000000');
  });

  it('parses hex floats exactly, with rounding to nearest even', () => {
    expect(f32('0x1p-149')).to.equal('0x00000001'); // smallest subnormal
    expect(f32('0x1p-150')).to.equal('0x00000000'); // exact half of it: ties to even (0)
    expect(f32('0x1.8p-149')).to.equal('0x00000002'); // 1.5 ulp: ties to even (2)
    expect(f32('0x1.fffffep127')).to.equal('0x7f7fffff'); // largest finite
    expect(f32('0x1.ffffffp127')).to.equal('0x7f800000'); // rounds up to infinity
    expect(f32('0x1.000001p0')).to.equal('0x3f800000'); // half ulp: ties to even (down)
    expect(f32('0x1.000003p0')).to.equal('0x3f800002'); // 1.5 ulp: ties to even (up)
    expect(f32('0x1.0000010000000000001p0')).to.equal('0x3f800001'); // just above half: up
    expect(f64('0x1p-1074')).to.equal('0x0000000000000001');
    expect(f64('0x1.fffffffffffff8p1023')).to.equal('0x7ff0000000000000');
    expect(f64('0x1_0.8p0')).to.equal(jsF64Bits(16.5));
    expect(f64('0x.8')).to.equal(jsF64Bits(0.5));
    expect(f64('0x1P+1000000000')).to.equal('0x7ff0000000000000');
  });

  it('rounds f32 decimals once (no double rounding through f64)', () => {
    // 1 + 2^-24 + 2^-60: above the f32 halfway point, but rounds to exactly the halfway
    // point in f64 first, and then (ties-to-even) down to 1.0 if rounded twice.
    const exact = '1.000000059604644776154175154974';
    expect(f32(exact)).to.equal('0x3f800001');
    expect(Math.fround(parseFloat(exact))).to.equal(1); // the double-rounding answer, for contrast
  });

  it('agrees with JavaScript on f64 decimals (JS parsing is correctly rounded)', () => {
    const samples = ['0.1', '1e23', '2.2250738585072011e-308', '4.9e-324', '2.4703282292062328e-324',
      '1.7976931348623157e308', '1.7976931348623158e308', '123_456.789e-3', '9007199254740993', '5e-325'];
    for (const s of samples) expect(f64(s), s).to.equal(jsF64Bits(Number(s.replace(/_/g, ''))));
    let seed = 12345;
    for (let i = 0; i < 300; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const x = (seed / 2147483648) * 10 ** ((seed % 600) - 300);
      const s = x.toPrecision(1 + (seed % 21));
      expect(f64(s), s).to.equal(jsF64Bits(Number(s)));
    }
  });

  it('rejects malformed literals', () => {
    for (const s of ['', '1..0', '0x', 'nan:0x0', 'nan:0x800000', '1__0', 'infinity', '_1']) {
      expect(() => parseFloatBits(s, F32), s).to.throw(LiteralError);
    }
  });
});

describe('spec: integer literals', () => {
  it('parses signed and unsigned ranges into unsigned bits', () => {
    expect(parseIntBits('-1', 32)).to.equal(0xffffffffn);
    expect(parseIntBits('0xffff_ffff', 32)).to.equal(0xffffffffn);
    expect(parseIntBits('-0x8000_0000', 32)).to.equal(0x80000000n);
    expect(parseIntBits('-9223372036854775808', 64)).to.equal(1n << 63n);
    expect(parseIntBits('+255', 8)).to.equal(255n);
    expect(parseIntBits('-128', 8)).to.equal(128n);
    expect(parseIntBits('-0', 32)).to.equal(0n);
  });

  it('rejects out-of-range and malformed integers', () => {
    for (const [s, w] of [['4294967296', 32], ['-2147483649', 32], ['256', 8], ['-129', 8], ['1_', 32], ['0x', 32], ['1.0', 32]] as const) {
      expect(() => parseIntBits(s, w), s).to.throw(LiteralError);
    }
  });
});
