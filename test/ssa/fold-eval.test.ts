import { expect } from 'chai';
import { foldNumeric, f32Bits, f64Bits } from '../../src/ssa/passes/fold-eval.js';

const i32 = (v: number) => ({ lo: v | 0, hi: 0 });
const i64 = (v: bigint) => ({ lo: Number(BigInt.asIntN(32, v)), hi: Number(BigInt.asIntN(32, v >> 32n)) });
const f32 = (x: number) => ({ lo: f32Bits(x) | 0, hi: 0 });
const f64 = (x: number) => { const [lo, hi] = f64Bits(x); return { lo, hi }; };
const asI64 = (r: { lo: number; hi: number } | undefined): bigint | undefined =>
  r === undefined ? undefined : BigInt.asIntN(64, (BigInt(r.hi) << 32n) | BigInt(r.lo >>> 0));

describe('constant evaluation (exact Wasm semantics)', () => {
  it('integer division: refuses trapping cases, truncates toward zero otherwise', () => {
    expect(foldNumeric(0x6d, [i32(-0x80000000), i32(-1)])).to.equal(undefined); // i32.div_s overflow
    expect(foldNumeric(0x6e, [i32(5), i32(0)])).to.equal(undefined);
    expect(foldNumeric(0x6d, [i32(-7), i32(2)])?.lo).to.equal(-3);
    expect(foldNumeric(0x6f, [i32(-0x80000000), i32(-1)])?.lo).to.equal(0); // rem_s MIN % -1 = 0
    expect(foldNumeric(0x6e, [i32(-1), i32(2)])?.lo).to.equal(0x7fffffff);
    expect(foldNumeric(0x7f, [i64(-(1n << 63n)), i64(-1n)])).to.equal(undefined);
    expect(asI64(foldNumeric(0x80, [i64(-1n), i64(3n)]))).to.equal(0x5555555555555555n);
  });

  it('shifts and rotates use the count modulo the width', () => {
    expect(foldNumeric(0x74, [i32(1), i32(33)])?.lo).to.equal(2);
    expect(foldNumeric(0x77, [i32(0x80000001), i32(1)])?.lo).to.equal(3);
    expect(foldNumeric(0x78, [i32(1), i32(1)])?.lo).to.equal(-0x80000000);
    expect(foldNumeric(0x77, [i32(0x12345678), i32(0)])?.lo).to.equal(0x12345678);
    expect(asI64(foldNumeric(0x89, [i64(-(1n << 63n) + 1n), i64(65n)]))).to.equal(3n);
    expect(asI64(foldNumeric(0x8a, [i64(1n), i64(1n)]))).to.equal(-(1n << 63n));
    expect(asI64(foldNumeric(0x87, [i64(-256n), i64(68n)]))).to.equal(-16n);
  });

  it('bit counts', () => {
    expect(foldNumeric(0x67, [i32(0)])?.lo).to.equal(32);
    expect(foldNumeric(0x68, [i32(0x80000000)])?.lo).to.equal(31);
    expect(foldNumeric(0x69, [i32(-1)])?.lo).to.equal(32);
    expect(asI64(foldNumeric(0x7a, [i64(1n << 40n)]))).to.equal(40n);
    expect(asI64(foldNumeric(0x79, [i64(1n)]))).to.equal(63n);
  });

  it('float arithmetic: exact f32 rounding, signed zeros, no NaN results', () => {
    expect(foldNumeric(0x92, [f32(0.1), f32(0.2)])?.lo).to.equal(f32Bits(Math.fround(Math.fround(0.1) + Math.fround(0.2))) | 0);
    expect(foldNumeric(0x96, [f32(0), f32(-0)])?.lo).to.equal(f32Bits(-0) | 0); // min(0, -0) = -0
    expect(foldNumeric(0x95, [f32(0), f32(0)])).to.equal(undefined); // 0/0 is NaN: not folded
    expect(foldNumeric(0xa0, [f64(Infinity), f64(-Infinity)])).to.equal(undefined);
    expect(foldNumeric(0x9e, [f64(2.5)])).to.deep.equal({ kind: 'f64', ...f64(2) }); // nearest: ties to even
    expect(foldNumeric(0x9e, [f64(-0.5)])).to.deep.equal({ kind: 'f64', ...f64(-0) });
  });

  it('sign operations keep NaN payloads bit-exactly', () => {
    expect(foldNumeric(0x8c, [{ lo: 0x7fc00001, hi: 0 }])?.lo).to.equal(0xffc00001 | 0);
    expect(foldNumeric(0x8b, [{ lo: 0xffc00001 | 0, hi: 0 }])?.lo).to.equal(0x7fc00001);
    expect(foldNumeric(0x98, [{ lo: 0x7fc00001, hi: 0 }, f32(-1)])?.lo).to.equal(0xffc00001 | 0);
  });

  it('conversions: trapping ones only in range, saturating ones clamp, NaN → 0', () => {
    expect(foldNumeric(0xa8, [f32(2147483648)])).to.equal(undefined);
    expect(foldNumeric(0xa8, [f32(-2147483648)])?.lo).to.equal(-0x80000000);
    expect(foldNumeric(0xab, [f64(-0.9)])?.lo).to.equal(0);
    expect(foldNumeric(0xab, [f64(-1)])).to.equal(undefined);
    expect(foldNumeric(0xfc001, [f32(-5)])?.lo).to.equal(0);
    expect(foldNumeric(0xfc000, [{ lo: 0x7fc00000, hi: 0 }])?.lo).to.equal(0);
    expect(asI64(foldNumeric(0xfc007, [f64(1e30)]))).to.equal(-1n); // u64 max as signed bits
    expect(foldNumeric(0xb4, [i64(1n)])).to.equal(undefined); // i64→f32 not folded (double rounding)
    expect(foldNumeric(0xba, [i64(-1n)])).to.deep.equal({ kind: 'f64', ...f64(18446744073709551616) });
    expect(foldNumeric(0xc0, [i32(0x80)])?.lo).to.equal(-128);
    expect(asI64(foldNumeric(0xc4, [i64(0xffffffffn)]))).to.equal(-1n);
    expect(asI64(foldNumeric(0xad, [i32(-1)]))).to.equal(0xffffffffn);
  });

  it('does not fold SIMD', () => {
    expect(foldNumeric(0xfd000 | 174, [{ lo: 0, hi: 0 }, { lo: 0, hi: 0 }])).to.equal(undefined);
  });
});
