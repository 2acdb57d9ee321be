// Arithmetic edge cases: i32/i64 wrap-around, division and truncation traps, NaN bits,
// conversions that must round once.
import { expect } from 'chai';
import { RuntimeError } from '../../src/index.js';
import { TrapKind } from '../../src/runtime/trap.js';
import { loadWat } from '../runtime/wat.js';
import { call, f64Bits, f64FromBits, instantiate, raw, SOURCES } from './harness.js';

function trapKind(f: () => unknown): TrapKind | undefined {
  try { f(); } catch (e) { if (e instanceof RuntimeError) return e.trap; throw e; }
  return undefined;
}

const binops = ['i32.add', 'i32.mul', 'i32.div_s', 'i32.div_u', 'i32.rem_s', 'i32.rem_u', 'i32.shl', 'i32.shr_s', 'i32.shr_u', 'i32.rotl', 'i32.rotr',
  'i64.add', 'i64.sub', 'i64.mul', 'i64.div_s', 'i64.div_u', 'i64.rem_s', 'i64.rem_u', 'i64.shl', 'i64.shr_s', 'i64.shr_u', 'i64.rotl', 'i64.rotr'];
const unops = ['i32.clz', 'i32.ctz', 'i32.popcnt', 'i64.clz', 'i64.ctz', 'i64.popcnt', 'i64.extend8_s', 'i64.extend32_s',
  'f32.neg', 'f32.abs', 'f64.neg', 'f64.abs', 'f64.floor', 'f32.nearest', 'f64.nearest'];
const convs: [string, string, string][] = [
  ['i32.trunc_f32_s', 'f32', 'i32'], ['i32.trunc_f64_u', 'f64', 'i32'], ['i64.trunc_f64_s', 'f64', 'i64'], ['i64.trunc_f32_u', 'f32', 'i64'],
  ['i32.trunc_sat_f64_s', 'f64', 'i32'], ['i64.trunc_sat_f64_u', 'f64', 'i64'],
  ['f32.convert_i64_s', 'i64', 'f32'], ['f32.convert_i64_u', 'i64', 'f32'], ['f64.convert_i64_u', 'i64', 'f64'],
  ['f32.demote_f64', 'f64', 'f32'], ['i32.wrap_i64', 'i64', 'i32'], ['i64.extend_i32_u', 'i32', 'i64'],
];

function moduleText(): string {
  const fns: string[] = [];
  for (const op of binops) {
    const t = op.slice(0, 3);
    fns.push(`(func (export "${op}") (param ${t} ${t}) (result ${t}) (${op} (local.get 0) (local.get 1)))`);
  }
  for (const op of unops) {
    const t = op.slice(0, 3);
    fns.push(`(func (export "${op}") (param ${t}) (result ${t}) (${op} (local.get 0)))`);
  }
  for (const [op, from, to] of convs) fns.push(`(func (export "${op}") (param ${from}) (result ${to}) (${op} (local.get 0)))`);
  fns.push('(func (export "f32.copysign") (param f32 f32) (result f32) (f32.copysign (local.get 0) (local.get 1)))');
  fns.push('(func (export "f64.min") (param f64 f64) (result f64) (f64.min (local.get 0) (local.get 1)))');
  fns.push('(func (export "f32.add") (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1)))');
  fns.push('(func (export "f64.const.snan") (result f64) (f64.const nan:0x4000000000001))');
  return `(module ${fns.join('\n')})`;
}

for (const source of SOURCES) {
  describe(`interpreter: numeric edge cases (from ${source})`, () => {
    before(loadWat);
    let m: ReturnType<typeof instantiate>;
    before(() => { m = instantiate(source, moduleText()); });

    it('wraps i32 arithmetic and masks shift counts', () => {
      expect(call(m, 'i32.add', 0x7fffffff, 1)).to.equal(-0x80000000);
      expect(call(m, 'i32.mul', 0x10000, 0x10000)).to.equal(0);
      expect(call(m, 'i32.shl', 1, 33)).to.equal(2);
      expect(call(m, 'i32.shr_u', -1, 28)).to.equal(15);
      expect(call(m, 'i32.shr_s', -16, 2)).to.equal(-4);
      expect(call(m, 'i32.rotl', 0x80000001 | 0, 1)).to.equal(3);
      expect(call(m, 'i32.rotr', 1, 1)).to.equal(-0x80000000);
      expect(call(m, 'i32.div_u', -1, 2)).to.equal(0x7fffffff);
      expect(call(m, 'i32.rem_s', -7, 2)).to.equal(-1);
      expect(call(m, 'i32.rem_s', -0x80000000, -1)).to.equal(0);
      expect(call(m, 'i32.clz', 0)).to.equal(32);
      expect(call(m, 'i32.ctz', 0x80000000 | 0)).to.equal(31);
      expect(call(m, 'i32.popcnt', -1)).to.equal(32);
    });

    it('computes i64 with 64-bit wrap-around', () => {
      const MIN = -(2n ** 63n), MAX = 2n ** 63n - 1n;
      expect(call(m, 'i64.add', MAX, 1n)).to.equal(MIN);
      expect(call(m, 'i64.sub', MIN, 1n)).to.equal(MAX);
      expect(call(m, 'i64.mul', 0x100000001n, 0x100000001n)).to.equal(0x200000001n);
      expect(call(m, 'i64.div_u', -1n, 2n)).to.equal(MAX);
      expect(call(m, 'i64.div_s', -7n, 2n)).to.equal(-3n);
      expect(call(m, 'i64.rem_u', -1n, 10n)).to.equal(5n);
      expect(call(m, 'i64.rem_s', MIN, -1n)).to.equal(0n);
      expect(call(m, 'i64.shl', 1n, 65n)).to.equal(2n);
      expect(call(m, 'i64.shr_u', -1n, 60n)).to.equal(15n);
      expect(call(m, 'i64.shr_s', MIN, 63n)).to.equal(-1n);
      expect(call(m, 'i64.rotl', MIN + 1n, 1n)).to.equal(3n);
      expect(call(m, 'i64.rotr', 1n, 1n)).to.equal(MIN);
      expect(call(m, 'i64.clz', 1n)).to.equal(63n);
      expect(call(m, 'i64.ctz', 0n)).to.equal(64n);
      expect(call(m, 'i64.popcnt', -1n)).to.equal(64n);
      expect(call(m, 'i64.extend8_s', 0x80n)).to.equal(-128n);
      expect(call(m, 'i64.extend32_s', 0xffffffffn)).to.equal(-1n);
      expect(call(m, 'i32.wrap_i64', 0x1_0000_0005n)).to.equal(5);
      expect(call(m, 'i64.extend_i32_u', -1)).to.equal(0xffffffffn);
    });

    it('traps on division by zero and signed overflow', () => {
      expect(trapKind(() => call(m, 'i32.div_s', 1, 0))).to.equal(TrapKind.IntegerDivideByZero);
      expect(trapKind(() => call(m, 'i32.rem_u', 1, 0))).to.equal(TrapKind.IntegerDivideByZero);
      expect(trapKind(() => call(m, 'i32.div_s', -0x80000000, -1))).to.equal(TrapKind.IntegerOverflow);
      expect(trapKind(() => call(m, 'i64.div_s', -(2n ** 63n), -1n))).to.equal(TrapKind.IntegerOverflow);
      expect(trapKind(() => call(m, 'i64.rem_s', 5n, 0n))).to.equal(TrapKind.IntegerDivideByZero);
    });

    it('traps on invalid float-to-int truncations and saturates with trunc_sat', () => {
      expect(trapKind(() => call(m, 'i32.trunc_f32_s', NaN))).to.equal(TrapKind.InvalidConversionToInteger);
      expect(trapKind(() => call(m, 'i32.trunc_f32_s', 2147483648))).to.equal(TrapKind.IntegerOverflow);
      expect(call(m, 'i32.trunc_f32_s', -2147483648)).to.equal(-2147483648);
      expect(call(m, 'i32.trunc_f64_u', -0.9)).to.equal(0);
      expect(trapKind(() => call(m, 'i32.trunc_f64_u', -1))).to.equal(TrapKind.IntegerOverflow);
      expect(call(m, 'i32.trunc_f64_u', 4294967295.9)).to.equal(-1);
      expect(trapKind(() => call(m, 'i64.trunc_f64_s', 2 ** 63))).to.equal(TrapKind.IntegerOverflow);
      expect(call(m, 'i64.trunc_f64_s', -(2 ** 63))).to.equal(-(2n ** 63n));
      expect(call(m, 'i64.trunc_f32_u', 2 ** 63)).to.equal(-(2n ** 63n));
      expect(call(m, 'i32.trunc_sat_f64_s', 1e10)).to.equal(0x7fffffff);
      expect(call(m, 'i32.trunc_sat_f64_s', NaN)).to.equal(0);
      expect(call(m, 'i64.trunc_sat_f64_u', -5)).to.equal(0n);
      expect(call(m, 'i64.trunc_sat_f64_u', 1e30)).to.equal(-1n);
    });

    it('keeps NaN payloads through sign operations, bit-exactly (f32 as raw bits)', () => {
      const snan32 = 0x7fa00000 | 0; // signalling NaN, payload 0x200000
      expect(raw(m, 'f32.neg', snan32)).to.equal(0xffa00000 | 0);
      expect(raw(m, 'f32.abs', 0xffa00000 | 0)).to.equal(snan32);
      expect(raw(m, 'f32.copysign', snan32, 0x80000000 | 0)).to.equal(0xffa00000 | 0);
      const snan64 = f64FromBits(0x7ff4000000000001n);
      expect(f64Bits(raw(m, 'f64.neg', snan64) as number)).to.equal(0xfff4000000000001n);
      expect(f64Bits(raw(m, 'f64.abs', f64FromBits(0xfff4000000000001n)) as number)).to.equal(0x7ff4000000000001n);
      expect(f64Bits(raw(m, 'f64.const.snan') as number)).to.equal(0x7ff4000000000001n);
    });

    it('returns quiet NaNs from arithmetic on NaNs', () => {
      const r = raw(m, 'f32.add', 0x7fa00000 | 0, 0) as number;
      expect(r & 0x7fc00000).to.equal(0x7fc00000);
      const f = f64Bits(raw(m, 'f64.floor', f64FromBits(0x7ff4000000000000n)) as number);
      expect(f & 0x7ff8000000000000n).to.equal(0x7ff8000000000000n);
      expect(Number.isNaN(call(m, 'f64.min', NaN, 1))).to.equal(true);
      expect(Object.is(call(m, 'f64.min', 0, -0), -0)).to.equal(true);
    });

    it('rounds ties to even in nearest and converts i64 to f32 with one rounding', () => {
      expect(call(m, 'f64.nearest', 2.5)).to.equal(2);
      expect(call(m, 'f64.nearest', -3.5)).to.equal(-4);
      expect(Object.is(call(m, 'f64.nearest', -0.5), -0)).to.equal(true);
      expect(call(m, 'f32.nearest', 0.5)).to.equal(0);
      // 2^53 + 2^29 + 1 rounds up to 2^53 + 2^30 only if the sticky low bit is kept.
      expect(call(m, 'f32.convert_i64_s', 0x20000020000001n)).to.equal(9007200328482816);
      expect(call(m, 'f32.convert_i64_u', -1n)).to.equal(2 ** 64);
      expect(call(m, 'f64.convert_i64_u', -1n)).to.equal(2 ** 64);
      expect(call(m, 'f32.demote_f64', 1e300)).to.equal(Infinity);
    });
  });
}

describe('interpreter: raw arrays keep f64 NaN payloads', () => {
  it('rawArray stays tagged even when created empty', async () => {
    const { rawArray } = await import('../../src/runtime/values.js');
    const snan = f64FromBits(0x7ff4000000000001n);
    for (const n of [0, 1, 3]) {
      const a = rawArray(n);
      a.push(snan);
      expect(f64Bits(a[a.length - 1] as number)).to.equal(0x7ff4000000000001n);
    }
  });
});
