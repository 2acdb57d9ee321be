// Float operations on compiled code, compared with V8: arithmetic, min/max with NaN and signed
// zeros, rounding, bit operations, compares (fused and materialised), every conversion
// (trapping and saturating truncations included) and reinterpretations.
import { expect } from 'chai';
import { requireNative } from '../../native/harness.js';
import { diffRun, F32_INPUTS, F64_INPUTS, I32_INPUTS, I64_INPUTS, pairs } from './diff.js';

const bin = ['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign'];
const un = ['abs', 'neg', 'ceil', 'floor', 'trunc', 'nearest', 'sqrt'];
const cmp = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];

describe('backend/amd64 execution: float operations', () => {
  requireNative();

  for (const t of ['f32', 'f64'] as const) {
    it(`${t} arithmetic, min/max, rounding and compares agree with V8`, async () => {
      const ins = t === 'f32' ? F32_INPUTS : F64_INPUTS;
      const funcs: string[] = [];
      const inputs: Record<string, number[][]> = {};
      for (const op of bin) {
        funcs.push(`(func (export "${op}") (param ${t} ${t}) (result ${t}) (${t}.${op} (local.get 0) (local.get 1)))`);
        funcs.push(`(func (export "${op}_xx") (param ${t}) (result ${t}) (${t}.${op} (local.get 0) (local.get 0)))`);
        inputs[op] = pairs(ins);
        inputs[`${op}_xx`] = ins.map((x) => [x]);
      }
      for (const op of un) {
        funcs.push(`(func (export "${op}") (param ${t}) (result ${t}) (${t}.${op} (local.get 0)))`);
        inputs[op] = ins.map((x) => [x]);
      }
      for (const op of cmp) {
        funcs.push(`(func (export "${op}") (param ${t} ${t}) (result i32) (${t}.${op} (local.get 0) (local.get 1)))`);
        funcs.push(`(func (export "${op}_br") (param ${t} ${t}) (result i32) (if (result i32) (${t}.${op} (local.get 0) (local.get 1)) (then (i32.const 1)) (else (i32.const 2))))`);
        funcs.push(`(func (export "${op}_nbr") (param ${t} ${t}) (result i32) (if (result i32) (i32.eqz (${t}.${op} (local.get 0) (local.get 1))) (then (i32.const 1)) (else (i32.const 2))))`);
        funcs.push(`(func (export "${op}_sel") (param ${t} ${t}) (result ${t}) (select (local.get 0) (local.get 1) (${t}.${op} (local.get 0) (local.get 1))))`);
        funcs.push(`(func (export "${op}_isel") (param ${t} ${t}) (result i32) (select (i32.const 5) (i32.const 9) (${t}.${op} (local.get 0) (local.get 1))))`);
        for (const s of ['', '_br', '_nbr', '_sel', '_isel']) inputs[op + s] = pairs(ins);
      }
      funcs.push(`(func (export "consts") (param ${t}) (result ${t}) (${t}.add (${t}.mul (local.get 0) (${t}.const 1.5)) (${t}.const -0.25)))`);
      inputs['consts'] = ins.map((x) => [x]);
      const n = await diffRun(`(module ${funcs.join('\n')})`, inputs);
      expect(n).to.be.greaterThan(3000);
    });
  }

  it('conversions and truncations (trapping and saturating) agree with V8', async () => {
    const funcs: string[] = [];
    const inputs: Record<string, (number | bigint)[][]> = {};
    for (const it of ['i32', 'i64']) {
      for (const ft of ['f32', 'f64']) {
        for (const s of ['s', 'u']) {
          const ins = ft === 'f32' ? F32_INPUTS : F64_INPUTS;
          funcs.push(`(func (export "${it}.trunc_${ft}_${s}") (param ${ft}) (result ${it}) (${it}.trunc_${ft}_${s} (local.get 0)))`);
          funcs.push(`(func (export "${it}.trunc_sat_${ft}_${s}") (param ${ft}) (result ${it}) (${it}.trunc_sat_${ft}_${s} (local.get 0)))`);
          funcs.push(`(func (export "${ft}.convert_${it}_${s}") (param ${it}) (result ${ft}) (${ft}.convert_${it}_${s} (local.get 0)))`);
          inputs[`${it}.trunc_${ft}_${s}`] = ins.map((x) => [x]);
          inputs[`${it}.trunc_sat_${ft}_${s}`] = ins.map((x) => [x]);
          inputs[`${ft}.convert_${it}_${s}`] = (it === 'i32' ? I32_INPUTS : [...I64_INPUTS, 0x8000000000000001n, 0xffffffffffffffffn - (1n << 64n), -0x7ffffffffffffc01n, -0x7ffffffffffffbffn]).map((x) => [x]);
        }
      }
    }
    funcs.push('(func (export "demote") (param f64) (result f32) (f32.demote_f64 (local.get 0)))');
    funcs.push('(func (export "promote") (param f32) (result f64) (f64.promote_f32 (local.get 0)))');
    funcs.push('(func (export "ri32") (param f32) (result i32) (i32.reinterpret_f32 (local.get 0)))');
    funcs.push('(func (export "ri64") (param f64) (result i64) (i64.reinterpret_f64 (local.get 0)))');
    funcs.push('(func (export "rf32") (param i32) (result f32) (f32.reinterpret_i32 (local.get 0)))');
    funcs.push('(func (export "rf64") (param i64) (result f64) (f64.reinterpret_i64 (local.get 0)))');
    inputs['demote'] = F64_INPUTS.map((x) => [x]);
    inputs['promote'] = F32_INPUTS.map((x) => [x]);
    inputs['ri32'] = F32_INPUTS.filter((x) => !Number.isNaN(x)).map((x) => [x]);
    inputs['ri64'] = F64_INPUTS.filter((x) => !Number.isNaN(x)).map((x) => [x]);
    inputs['rf32'] = I32_INPUTS.map((x) => [x]);
    inputs['rf64'] = I64_INPUTS.map((x) => [x]);
    const n = await diffRun(`(module ${funcs.join('\n')})`, inputs);
    expect(n).to.be.greaterThan(700);
  });
});
