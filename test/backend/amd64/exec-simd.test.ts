// SIMD on compiled code compared with V8 through scalar wrappers (JS cannot pass v128): every
// SIMD memory form at the edges of memory, with the guard region and with explicit bounds
// checks, and integer/float lane operations on vectors built from i64 halves.
import { requireNative } from '../../native/harness.js';
import { diffRun, pairs } from './diff.js';

const loads = ['v128.load', 'v128.load8x8_s', 'v128.load8x8_u', 'v128.load16x4_s', 'v128.load16x4_u', 'v128.load32x2_s',
  'v128.load32x2_u', 'v128.load8_splat', 'v128.load16_splat', 'v128.load32_splat', 'v128.load64_splat', 'v128.load32_zero',
  'v128.load64_zero'];

/** Both i64 halves of a v128 folded into one i64 (rotating the high half so lane swaps show). */
const fold = (v: string): string => `(i64.xor (i64x2.extract_lane 0 ${v}) (i64.rotl (i64x2.extract_lane 1 ${v}) (i64.const 17)))`;
const vecOf = '(i64x2.replace_lane 1 (i64x2.splat (local.get 0)) (local.get 1))';

describe('backend/amd64 execution: SIMD against V8', () => {
  requireNative();

  for (const boundsChecks of [false, true]) it(`SIMD loads and stores of every form agree with V8 at the end of memory (${boundsChecks ? 'explicit bounds checks' : 'guard region'})`, async () => {
    const funcs = [
      '(func (export "fill") (local i32) (loop (i32.store8 (local.get 0) (i32.mul (local.get 0) (i32.const 37))) (local.set 0 (i32.add (local.get 0) (i32.const 1))) (br_if 0 (i32.lt_u (local.get 0) (i32.const 65536)))))',
      ...loads.map((op) => `(func (export "${op}") (param i32) (result i64) ${fold(`(${op} offset=2 (local.get 0))`)})`),
      ...[8, 16, 32, 64].map((w) => `(func (export "l${w}") (param i32) (result i64) ${fold(`(v128.load${w}_lane offset=1 ${128 / w - 2} (local.get 0) (v128.const i64x2 -1 -1))`)})`),
      ...[8, 16, 32, 64].map((w) => `(func (export "s${w}") (param i32 i64) (result i64)
        (v128.store${w}_lane offset=1 ${128 / w - 1} (local.get 0) (i64x2.splat (local.get 1))) (i64.load (i32.and (local.get 0) (i32.const 0xfff8))))`),
      '(func (export "store") (param i32 i64) (result i64) (v128.store offset=3 (local.get 0) (i64x2.splat (local.get 1))) (i64.load (i32.and (local.get 0) (i32.const 0xfff8))))',
    ];
    const addrs = [0, 5, 65516, 65517, 65518, 65519, 65525, 65526, 65527, 65530, 65533, 65534, 65535, 65536, -1, 0x7fffffff];
    const inputs: Record<string, (number | bigint)[][]> = { fill: [[]] };
    for (const op of loads) inputs[op] = addrs.map((a) => [a]);
    for (const w of [8, 16, 32, 64]) {
      inputs[`l${w}`] = addrs.map((a) => [a]);
      inputs[`s${w}`] = pairs<number | bigint>(addrs, [0x0123456789abcdefn]);
    }
    inputs['store'] = pairs<number | bigint>(addrs, [-2n]);
    await diffRun(`(module (memory 1) ${funcs.join('\n')})`, inputs, { boundsChecks });
  });

  it('integer lane operations agree with V8 on vectors built from i64 halves', async () => {
    const bin = ['i8x16.add', 'i8x16.sub_sat_s', 'i8x16.min_u', 'i8x16.avgr_u', 'i8x16.gt_u', 'i8x16.narrow_i16x8_s', 'i8x16.swizzle',
      'i16x8.mul', 'i16x8.q15mulr_sat_s', 'i16x8.le_s', 'i16x8.extmul_high_i8x16_u', 'i32x4.mul', 'i32x4.dot_i16x8_s', 'i32x4.ge_u',
      'i64x2.mul', 'i64x2.lt_s', 'i64x2.ge_s', 'i64x2.extmul_low_i32x4_s', 'v128.andnot'];
    const un = ['i8x16.popcnt', 'i8x16.abs', 'i16x8.extadd_pairwise_i8x16_s', 'i32x4.extadd_pairwise_i16x8_u', 'i64x2.abs', 'i64x2.neg',
      'i16x8.extend_high_i8x16_s', 'i64x2.extend_low_i32x4_u', 'v128.not'];
    const shifts = ['i8x16.shl', 'i8x16.shr_s', 'i8x16.shr_u', 'i16x8.shr_s', 'i32x4.shl', 'i64x2.shr_s', 'i64x2.shr_u'];
    const funcs = [
      ...bin.map((op) => `(func (export "${op}") (param i64 i64) (result i64) ${fold(`(${op} ${vecOf} (i64x2.splat (i64.rotl (local.get 1) (local.get 0))))`)})`),
      ...un.map((op) => `(func (export "${op}") (param i64 i64) (result i64) ${fold(`(${op} ${vecOf})`)})`),
      ...shifts.map((op) => `(func (export "${op}") (param i64 i64) (result i64) ${fold(`(${op} ${vecOf} (i32.wrap_i64 (local.get 1)))`)})`),
      ...shifts.map((op) => `(func (export "${op}/5") (param i64 i64) (result i64) ${fold(`(${op} ${vecOf} (i32.const 5))`)})`),
      '(func (export "bitmask") (param i64 i64) (result i32) (i32.add (i8x16.bitmask (i64x2.replace_lane 1 (i64x2.splat (local.get 0)) (local.get 1))) (i32.mul (i32.const 65536) (i16x8.bitmask (i64x2.splat (local.get 1))))))',
      '(func (export "all_true") (param i64 i64) (result i32) (i32.add (i16x8.all_true (i64x2.replace_lane 1 (i64x2.splat (local.get 0)) (local.get 1))) (i32.mul (i32.const 2) (v128.any_true (i64x2.splat (local.get 1))))))',
    ];
    const vals = [0n, -1n, 1n, 0x8000000000000000n, 0x7fffffffffffffffn, 0x0123456789abcdefn, -0x7f7f7f7f80808081n, 0x00ff00ff00ff00ffn, 0x8000800080008000n];
    const inputs: Record<string, (number | bigint)[][]> = {};
    for (const name of [...bin, ...un, ...shifts, ...shifts.map((s) => `${s}/5`), 'bitmask', 'all_true']) inputs[name] = pairs<number | bigint>(vals, vals);
    for (const s of shifts) inputs[s]!.push(...pairs<number | bigint>(vals.slice(0, 4), [7n, 8n, 9n, 63n, 64n, 65n, -1n]));
    await diffRun(`(module ${funcs.join('\n')})`, inputs);
  });
});
