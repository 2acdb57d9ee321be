import { expect } from 'chai';
import { parseFunction, printFunction, verifyFunction, optimizeFunction } from '../../src/ssa/index.js';
import { normalizeIr } from './ir-text.js';


describe('ssa parser', () => {
  const text = [
    'function count (i32) -> (i32) {',
    'block0(v0:i32):',
    '  v2:i32 = iconst32 0',
    '  jump block1(v2)',
    'block1(v1:i32):',
    '  v3:i32 = iconst32 1',
    '  v4:i32 = i32.add v1, v3',
    '  v5:i32 = i32.lt_s v4, v0',
    '  brif v5, block1(v4), block2',
    'block2:',
    '  return v4',
    '}',
    '',
  ].join('\n');

  it('parses printed IR back to an equivalent function (forward references allowed)', () => {
    const fn = parseFunction(text);
    expect(verifyFunction(fn)).to.deep.equal([]);
    expect(normalizeIr(printFunction(fn))).to.equal(normalizeIr(text));
  });

  it('lets passes be tested on IR text', () => {
    const fn = parseFunction(text.replace('v3:i32 = iconst32 1', 'v3:i32 = iconst32 0'));
    optimizeFunction(fn, { verify: true });
    // i + 0 < n with i = 0 forever: the add folds away, the loop stays
    expect(printFunction(fn)).not.to.contain('i32.add');
    expect(printFunction(fn)).to.contain('i32.lt_s');
  });

  it('reads every instruction form', () => {
    const all = [
      'function f7 (i32, v128, funcref) -> (i32) {',
      'block0(v0:i32, v1:v128, v2:funcref):',
      '  v3:i64 = iconst64 -9223372036854775808',
      '  v4:f32 = fconst32 0x7fc00001',
      '  v5:f64 = fconst64 0xfff0000000000004',
      '  v6:v128 = vconst 000102030405060708090a0b0c0d0e0f',
      '  v7:externref = ref.null externref',
      '  v8:funcref = ref.func 3',
      '  v9:v128 = i8x16.shuffle 001102130415061708190a1b0c1d0e1f v1, v6',
      '  v10:i32 = i8x16.extract_lane_s 3 v9',
      '  v11:v128 = v128.load32_lane v0, v1 offset=8 lane=1',
      '  v128.store8_lane v0, v11 offset=0 lane=15',
      '  i32.store v0, v10 offset=4294967295',
      '  v12:i32 = select v0, v10, v0',
      '  v13:i32 = ref.is_null v7',
      '  v14:i32 = memory.grow v13',
      '  memory.copy v0, v14, v12',
      '  memory.init 2 v0, v0, v0',
      '  data.drop 2',
      '  v15:funcref = table.get 1 v0',
      '  table.set 1 v0, v15',
      '  v16:i32 = table.grow 1 v2, v0',
      '  table.copy 0 1 v0, v0, v16',
      '  table.init 4 0 v0, v0, v0',
      '  elem.drop 4',
      '  v17:i64 = global.get 2',
      '  global.set 2 v3',
      '  v18:i32, v19:i64 = call 5(v0, v3)',
      '  v20:i32 = call_import 0()',
      '  v21:i32 = func_type_is 2(v2)',
      '  trap_if v21, indirect call type mismatch',
      '  v22:i32 = call_ref 2(v2, v0)',
      '  br_table v22, [block1(v22), block2, block1(v20)]',
      'block1(v23:i32):',
      '  return v23',
      'block2:',
      '  trap unreachable',
      '}',
      '',
    ].join('\n');
    const fn = parseFunction(all);
    expect(verifyFunction(fn)).to.deep.equal([]);
    expect(normalizeIr(printFunction(fn))).to.equal(normalizeIr(all));
  });

  it('reports errors with their line', () => {
    expect(() => parseFunction('function f0 () -> () {\nblock0:\n  v1:i32 = i32.frobnicate v0\n}\n')).to.throw(/line 3: unknown instruction 'i32.frobnicate'/);
    expect(() => parseFunction('function f0 () -> () {\nblock0:\n  jump block9\n}\n')).to.throw(/block9 is used but never defined/);
    expect(() => parseFunction('function f0 () -> (i32) {\nblock0:\n  return v7\n}\n')).to.throw(/line 3: unknown value v7/);
  });
});
