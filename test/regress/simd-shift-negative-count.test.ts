// Regression (differential fuzzer, seed 985): a SIMD shift by a negative constant count
// (`i32x4.shr_s` by -64, which shifts by -64 mod 32 = 0) was compiled as a shift by a register
// count, reading a register nobody had set: lanes came out as sign fills (a NaN instead of
// -0.6455 in the fuzzer's trace). The count must be taken modulo the lane width like any other.
import { expect } from 'chai';
import { compilerAvailability } from '../../src/engine/compiler/native.js';
import { loadWabt, runOnV8, runOnZerowasm, wat, type Call } from './harness.js';

// Each export shifts the lanes of a fixed vector by a negative constant and returns two lanes as
// i64 (the JS boundary carries no v128).
const shapes = [
  ['i8x16', 'shl', -1], ['i8x16', 'shr_s', -9], ['i8x16', 'shr_u', -15],
  ['i16x8', 'shl', -3], ['i16x8', 'shr_s', -17], ['i16x8', 'shr_u', -31],
  ['i32x4', 'shl', -1], ['i32x4', 'shr_s', -64], ['i32x4', 'shr_u', -33],
  ['i64x2', 'shl', -1], ['i64x2', 'shr_s', -64], ['i64x2', 'shr_u', -65],
] as const;
const text = `(module
${shapes.map(([shape, op, n]) => `  (func (export "${shape}_${op}_${-n}") (result i64)
    (i64x2.extract_lane 1 (${shape}.${op} (v128.const i32x4 0x3b0000ff 0xbf64a801 0x52207f00 0xffcf9480) (i32.const ${n}))))`).join('\n')})`;
const calls: Call[] = shapes.map(([shape, op, n]) => [`${shape}_${op}_${-n}`, []]);

describe('regress: SIMD shifts by a negative constant count', () => {
  before(loadWabt);

  it('compute like V8 on the compiler engine', function () {
    const available = compilerAvailability();
    if (!available.ok) {
      console.log(`    skipped: the compiler engine is not available here (${available.reason})`);
      this.skip();
    }
    const bytes = wat(text);
    const expected = runOnV8(bytes, calls);
    expect(expected.every((r) => r.startsWith('i64:')), expected.join(' ')).to.equal(true);
    expect(runOnZerowasm(bytes, calls, 'compiler')).to.deep.equal(expected);
    expect(runOnZerowasm(bytes, calls, 'ir')).to.deep.equal(expected);
  });
});
