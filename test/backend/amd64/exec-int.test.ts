// Integer operations on compiled code, compared with V8: register and immediate operands,
// shifts, division traps, counts, extensions, compare-and-branch and select fusion.
import { expect } from 'chai';
import { requireNative } from '../../native/harness.js';
import { BASELINE_CPU } from '../../../src/backend/amd64/cpu.js';
import { diffRun, I32_INPUTS, I64_INPUTS, pairs } from './diff.js';

const bin32 = ['add', 'sub', 'mul', 'div_s', 'div_u', 'rem_s', 'rem_u', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr'];
const cmp = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const consts32 = [0, 1, -1, 5, 31, 127, 128, -129, 0x7fffffff, -0x80000000];
const consts64 = ['0', '1', '-1', '5', '63', '127', '-129', '0x7fffffff', '-0x80000000', '0x80000000', '0x123456789'];

function binModule(t: 'i32' | 'i64'): { wat: string; inputs: Record<string, (number | bigint)[][]> } {
  const ins = t === 'i32' ? I32_INPUTS : I64_INPUTS;
  const consts = t === 'i32' ? consts32.map(String) : consts64;
  const funcs: string[] = [];
  const inputs: Record<string, (number | bigint)[][]> = {};
  for (const op of [...bin32, ...cmp]) {
    const rt = cmp.includes(op) ? 'i32' : t;
    funcs.push(`(func (export "${op}") (param ${t} ${t}) (result ${rt}) (${t}.${op} (local.get 0) (local.get 1)))`);
    inputs[op] = pairs<number | bigint>(ins);
    // Same value on both sides (one vreg in two operand positions).
    funcs.push(`(func (export "${op}_xx") (param ${t}) (result ${rt}) (${t}.${op} (local.get 0) (local.get 0)))`);
    inputs[`${op}_xx`] = ins.map((x) => [x]);
    for (const [k, c] of consts.entries()) {
      funcs.push(`(func (export "${op}_c${k}") (param ${t}) (result ${rt}) (${t}.${op} (local.get 0) (${t}.const ${c})))`);
      inputs[`${op}_c${k}`] = ins.map((x) => [x]);
    }
    if (cmp.includes(op)) {
      // Fused into a branch, a select and (through eqz) an inverted branch.
      funcs.push(`(func (export "${op}_br") (param ${t} ${t}) (result i32) (if (result i32) (${t}.${op} (local.get 0) (local.get 1)) (then (i32.const 11)) (else (i32.const 22))))`);
      funcs.push(`(func (export "${op}_sel") (param ${t} ${t}) (result ${t}) (select (local.get 0) (local.get 1) (${t}.${op} (local.get 0) (local.get 1))))`);
      funcs.push(`(func (export "${op}_nbr") (param ${t} ${t}) (result i32) (if (result i32) (i32.eqz (${t}.${op} (local.get 0) (${t}.const 7))) (then (i32.const 11)) (else (i32.const 22))))`);
      for (const s of ['br', 'sel', 'nbr']) inputs[`${op}_${s}`] = pairs<number | bigint>(ins);
    }
  }
  return { wat: `(module ${funcs.join('\n')})`, inputs };
}

describe('backend/amd64 execution: integer operations', () => {
  requireNative();

  for (const t of ['i32', 'i64'] as const) {
    it(`${t} binary operations and compares agree with V8`, async () => {
      const { wat, inputs } = binModule(t);
      const n = await diffRun(wat, inputs);
      expect(n).to.be.greaterThan(1000);
    });
  }

  it('bit tests (`and` fused into test) in branches, eqz, select and trap_if agree with V8', async () => {
    const funcs: string[] = [];
    const inputs: Record<string, (number | bigint)[][]> = {};
    for (const t of ['i32', 'i64'] as const) {
      const ins = t === 'i32' ? I32_INPUTS : I64_INPUTS;
      const c = t === 'i32' ? '0x10' : '0x80000000';
      const cond = t === 'i64' ? '(i32.eqz (i64.eqz (i64.and (local.get 0) (local.get 1))))' : '(i32.and (local.get 0) (local.get 1))';
      funcs.push(`(func (export "${t}.br") (param ${t} ${t}) (result i32) (if (result i32) ${cond} (then (i32.const 1)) (else (i32.const 2))))`);
      funcs.push(`(func (export "${t}.nbr") (param ${t} ${t}) (result i32) (if (result i32) (${t}.eqz (${t}.and (local.get 0) (${t}.const ${c}))) (then (i32.const 1)) (else (i32.const 2))))`);
      funcs.push(`(func (export "${t}.eqz") (param ${t} ${t}) (result i32) (${t}.eqz (${t}.and (local.get 0) (local.get 1))))`);
      funcs.push(`(func (export "${t}.sel") (param ${t} ${t}) (result ${t}) (select (local.get 0) (local.get 1) (${t}.eqz (${t}.and (local.get 0) (local.get 1)))))`);
      for (const n of ['br', 'nbr', 'eqz', 'sel']) inputs[`${t}.${n}`] = pairs<number | bigint>(ins);
    }
    funcs.push('(func (export "memtest") (param i32 i32) (result i32) (if (result i32) (i32.and (local.get 0) (i32.load (local.get 1))) (then (i32.const 1)) (else (i32.const 2))))');
    inputs['memtest'] = pairs<number | bigint>([0, 1, -1, 0x100], [0, 4, 65532, 65533]);
    // Compares against a loaded value (folded into cmp reg, [mem]), branching and materialised,
    // and one where a store sits between the compare and its branch (the load must stay first).
    funcs.push('(func (export "memcmp") (param i32 i32) (result i32) (if (result i32) (i32.lt_s (local.get 0) (i32.load offset=1 (local.get 1))) (then (i32.const 1)) (else (i32.const 2))))');
    funcs.push('(func (export "memcmp64") (param i64 i32) (result i32) (i64.ge_u (local.get 0) (i64.load (local.get 1))))');
    funcs.push('(func (export "memcmpst") (param i32 i32) (result i32) (local i32) (local.set 2 (i32.eq (local.get 0) (i32.load (local.get 1)))) (i32.store (local.get 1) (local.get 0)) (if (result i32) (local.get 2) (then (i32.const 1)) (else (i32.const 2))))');
    inputs['memcmp'] = pairs<number | bigint>([0, 0x4030201, -1, 0x7fffffff], [0, 1, 65532, 65533]);
    inputs['memcmp64'] = pairs<number | bigint>([0n, 0x807060504030201n, -1n], [0, 1, 65528, 65529]);
    inputs['memcmpst'] = pairs<number | bigint>([0, 0x4030201, 7], [0, 65532, 65533]);
    await diffRun(`(module (memory 1) (data (i32.const 0) "\\01\\02\\03\\04\\05\\06\\07\\08") ${funcs.join('\n')})`, inputs);
  });

  it('i32 operations on i32.wrap_i64 operands (the wrap folded: its user reads the i64 register) agree with V8', async () => {
    const w = (k: number): string => `(i32.wrap_i64 (local.get ${k}))`;
    const funcs: string[] = [];
    const inputs: Record<string, (number | bigint)[][]> = {};
    const add = (name: string, params: string, body: string, ins: (number | bigint)[][]): void => {
      funcs.push(`(func (export "${name}") (param ${params}) (result i32) ${body})`);
      inputs[name] = ins;
    };
    const i64Pairs = pairs<number | bigint>(I64_INPUTS);
    for (const op of [...bin32, ...cmp]) {
      add(`${op}`, 'i64 i64', `(i32.${op} ${w(0)} ${w(1)})`, i64Pairs);
      add(`${op}_l`, 'i64 i32', `(i32.${op} ${w(0)} (local.get 1))`, pairs<number | bigint>(I64_INPUTS, I32_INPUTS));
      add(`${op}_r`, 'i32 i64', `(i32.${op} (local.get 0) ${w(1)})`, pairs<number | bigint>(I32_INPUTS, I64_INPUTS));
      add(`${op}_c`, 'i64', `(i32.${op} ${w(0)} (i32.const 5))`, I64_INPUTS.map((x) => [x]));
      // Two wraps of one value: not both folded (the operands stay two registers).
      add(`${op}_xx`, 'i64', `(i32.${op} ${w(0)} ${w(0)})`, I64_INPUTS.map((x) => [x]));
    }
    for (const op of cmp) {
      add(`${op}_br`, 'i64 i64', `(if (result i32) (i32.${op} ${w(0)} ${w(1)}) (then (i32.const 11)) (else (i32.const 22)))`, i64Pairs);
      add(`${op}_sel`, 'i64 i64 i32 i32', `(select (local.get 2) (local.get 3) (i32.${op} ${w(0)} ${w(1)}))`,
        i64Pairs.map(([a, b]) => [a!, b!, 3, 4]));
    }
    add('test_br', 'i64 i64', `(if (result i32) (i32.and ${w(0)} ${w(1)}) (then (i32.const 1)) (else (i32.const 2)))`, i64Pairs);
    add('test_eqz', 'i64', `(i32.eqz (i32.and ${w(0)} (i32.const 0x10)))`, I64_INPUTS.map((x) => [x]));
    add('lea_shift', 'i64 i64', `(i32.add ${w(0)} (i32.shl ${w(1)} (i32.const 3)))`, i64Pairs);
    add('mem_operand', 'i64 i32', `(i32.add ${w(0)} (i32.load (local.get 1)))`, pairs<number | bigint>(I64_INPUTS, [0, 4, 65532]));
    // The result used as an address: any upper-half garbage would leave the page.
    const near = [0x100000005n, -0x7ffffffffn, 0x7fffffff00000003n, 9n];
    add('addr', 'i64 i64', `(i32.load8_u (i32.sub ${w(0)} ${w(1)}))`, pairs<number | bigint>(near, [0x200000003n, 0x300000001n, 1n]));
    const n = await diffRun(`(module (memory 1) (data (i32.const 0) "\\01\\02\\03\\04\\05\\06\\07\\08") ${funcs.join('\n')})`, inputs);
    expect(n).to.be.greaterThan(5000);
  });

  for (const [name, cpu] of [['this CPU', undefined], ['baseline fallbacks', BASELINE_CPU]] as const) it(`unary operations, extensions and wrap agree with V8 (${name})`, async () => {
    const un32 = ['clz', 'ctz', 'popcnt', 'eqz', 'extend8_s', 'extend16_s'];
    const un64 = ['clz', 'ctz', 'popcnt', 'eqz', 'extend8_s', 'extend16_s', 'extend32_s'];
    const funcs = [
      ...un32.map((op) => `(func (export "i32.${op}") (param i32) (result i32) (i32.${op} (local.get 0)))`),
      ...un64.map((op) => `(func (export "i64.${op}") (param i64) (result ${op === 'eqz' ? 'i32' : 'i64'}) (i64.${op} (local.get 0)))`),
      '(func (export "wrap") (param i64) (result i32) (i32.wrap_i64 (local.get 0)))',
      '(func (export "ext_s") (param i32) (result i64) (i64.extend_i32_s (local.get 0)))',
      '(func (export "ext_u") (param i32) (result i64) (i64.extend_i32_u (local.get 0)))',
    ];
    const inputs: Record<string, (number | bigint)[][]> = {};
    for (const op of un32) inputs[`i32.${op}`] = I32_INPUTS.map((x) => [x]);
    for (const op of un64) inputs[`i64.${op}`] = I64_INPUTS.map((x) => [x]);
    inputs['wrap'] = I64_INPUTS.map((x) => [x]);
    inputs['ext_s'] = I32_INPUTS.map((x) => [x]);
    inputs['ext_u'] = I32_INPUTS.map((x) => [x]);
    await diffRun(`(module ${funcs.join('\n')})`, inputs, cpu ? { cpu } : {});
  });
});
