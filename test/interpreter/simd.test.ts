// SIMD lanes: integer saturation, shuffles, lane access, float lanes, conversions, lane loads.
import { expect } from 'chai';
import { loadWat } from '../runtime/wat.js';
import { call, instantiate, raw, SOURCES } from './harness.js';

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);
const i32s = (v: unknown): number[] => [...new Int32Array((v as Uint8Array).slice().buffer)];
const i16s = (v: unknown): number[] => [...new Int16Array((v as Uint8Array).slice().buffer)];
const f32s = (v: unknown): number[] => [...new Float32Array((v as Uint8Array).slice().buffer)];
const fromI32 = (...x: number[]): Uint8Array => new Uint8Array(new Int32Array(x).buffer);
const fromF32 = (...x: number[]): Uint8Array => new Uint8Array(new Float32Array(x).buffer);

const text = `(module (memory 1) (data (i32.const 0) "\\01\\02\\03\\04\\05\\06\\07\\08")
  (func (export "add_sat_s") (param v128 v128) (result v128) (i8x16.add_sat_s (local.get 0) (local.get 1)))
  (func (export "sub_sat_u") (param v128 v128) (result v128) (i8x16.sub_sat_u (local.get 0) (local.get 1)))
  (func (export "shuffle") (param v128 v128) (result v128)
    (i8x16.shuffle 31 0 30 1 29 2 28 3 27 4 26 5 25 6 24 7 (local.get 0) (local.get 1)))
  (func (export "extract") (param v128) (result i32) (i8x16.extract_lane_s 15 (local.get 0)))
  (func (export "replace") (param v128 i32) (result v128) (i32x4.replace_lane 2 (local.get 0) (local.get 1)))
  (func (export "fmul") (param v128 v128) (result v128) (f32x4.mul (local.get 0) (local.get 1)))
  (func (export "fneg") (param v128) (result v128) (f32x4.neg (local.get 0)))
  (func (export "bitmask") (param v128) (result i32) (i32x4.bitmask (local.get 0)))
  (func (export "dot") (param v128 v128) (result v128) (i32x4.dot_i16x8_s (local.get 0) (local.get 1)))
  (func (export "trunc_sat") (param v128) (result v128) (i32x4.trunc_sat_f32x4_s (local.get 0)))
  (func (export "shl") (param v128 i32) (result v128) (i16x8.shl (local.get 0) (local.get 1)))
  (func (export "narrow") (param v128 v128) (result v128) (i16x8.narrow_i32x4_s (local.get 0) (local.get 1)))
  (func (export "load_ext") (result v128) (v128.load8x8_u (i32.const 0)))
  (func (export "load_lane") (param v128) (result v128) (v128.load32_lane offset=4 1 (i32.const 0) (local.get 0)))
  (func (export "splat_extract") (param f64) (result f64) (f64x2.extract_lane 1 (f64x2.splat (local.get 0))))
  (func (export "all_true") (param v128) (result i32) (i16x8.all_true (local.get 0))))`;

for (const source of SOURCES) {
  describe(`interpreter: SIMD (from ${source})`, () => {
    before(loadWat);
    let m: ReturnType<typeof instantiate>;
    before(() => { m = instantiate(source, text); });

    it('saturates integer lanes', () => {
      const a = bytes(127, 0x80, 1, ...new Array<number>(13).fill(0));
      const b = bytes(1, 0xff, 1, ...new Array<number>(13).fill(0));
      expect([...(call(m, 'add_sat_s', a, b) as Uint8Array).slice(0, 3)]).to.deep.equal([127, 0x80, 2]);
      expect([...(call(m, 'sub_sat_u', b, a) as Uint8Array).slice(0, 3)]).to.deep.equal([0, 0x7f, 0]);
    });

    it('shuffles, extracts and replaces lanes', () => {
      const a = Uint8Array.from({ length: 16 }, (_, i) => i);
      const b = Uint8Array.from({ length: 16 }, (_, i) => 16 + i);
      expect([...(call(m, 'shuffle', a, b) as Uint8Array)]).to.deep.equal([31, 0, 30, 1, 29, 2, 28, 3, 27, 4, 26, 5, 25, 6, 24, 7]);
      expect(call(m, 'extract', bytes(...new Array<number>(15).fill(0), 0xfe))).to.equal(-2);
      expect(i32s(call(m, 'replace', fromI32(1, 2, 3, 4), -9))).to.deep.equal([1, 2, -9, 4]);
      expect(call(m, 'splat_extract', 2.5)).to.equal(2.5);
    });

    it('computes float lanes and keeps NaN bits through neg', () => {
      expect(f32s(call(m, 'fmul', fromF32(1.5, -2, 0, 3), fromF32(2, 2, -1, 0.5)))).to.deep.equal([3, -4, -0, 1.5]);
      const snan = fromI32(0x7fa00000, 0, 0, 0);
      expect(i32s(raw(m, 'fneg', snan))[0]).to.equal(0xffa00000 | 0);
    });

    it('converts, narrows, dots and masks', () => {
      expect(call(m, 'bitmask', fromI32(-1, 0, -5, 7))).to.equal(0b0101);
      expect(i32s(call(m, 'dot', new Uint8Array(new Int16Array([1, 2, 3, 4, -32768, -32768, 0, 0]).buffer),
        new Uint8Array(new Int16Array([5, 6, 7, 8, -32768, -32768, 0, 0]).buffer)))).to.deep.equal([17, 53, -2147483648, 0]);
      expect(i32s(call(m, 'trunc_sat', fromF32(NaN, 3e9, -3e9, -1.9)))).to.deep.equal([0, 2147483647, -2147483648, -1]);
      expect(i16s(call(m, 'shl', new Uint8Array(new Int16Array([1, -1, 0x4000, 3, 0, 0, 0, 0]).buffer), 17)))
        .to.deep.equal([2, -2, -0x8000, 6, 0, 0, 0, 0]);
      expect(i16s(call(m, 'narrow', fromI32(70000, -70000, 5, -5), fromI32(0, 1, 2, 3)))).to.deep.equal([32767, -32768, 5, -5, 0, 1, 2, 3]);
      expect(call(m, 'all_true', new Uint8Array(new Int16Array([1, 1, 1, 1, 1, 1, 1, 256]).buffer))).to.equal(1);
      expect(call(m, 'all_true', new Uint8Array(new Int16Array([1, 1, 1, 1, 1, 1, 1, 0]).buffer))).to.equal(0);
    });

    it('loads extended lanes and single lanes from memory', () => {
      expect(i16s(call(m, 'load_ext'))).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(i32s(call(m, 'load_lane', fromI32(9, 9, 9, 9)))).to.deep.equal([9, 0x08070605, 9, 9]);
    });
  });
}
