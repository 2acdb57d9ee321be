import { expect } from 'chai';
import { IrBuilder, IrFunction, printFunction, verifyFunction, SsaVars, Opcode } from '../../src/ssa/index.js';
import { ValType } from '../../src/wasm/types.js';
import { TrapKind } from '../../src/runtime/trap.js';

const I32_ADD = 0x6a;
const I32_LT_S = 0x48;

describe('ssa builder, printer, verifier', () => {
  it('builds, prints and verifies a loop with a block parameter', () => {
    const fn = new IrFunction();
    const b = new IrBuilder(fn);
    b.begin([ValType.I32], [ValType.I32], 'count');
    const [n] = fn.blockParams[0]!;
    const head = b.createBlock();
    const i = fn.addBlockParam(head, ValType.I32);
    const exit = b.createBlock();
    const zero = b.iconst32(0);
    b.jump(head, [zero]);
    b.switchTo(head);
    const one = b.iconst32(1);
    const next = b.num(I32_ADD, i, one);
    const c = b.num(I32_LT_S, next, n!);
    b.brIf(c, head, [next], exit, []);
    b.switchTo(exit);
    b.ret([next]);
    expect(verifyFunction(fn)).to.deep.equal([]);
    expect(printFunction(fn)).to.equal(
      'function count (i32) -> (i32) {\n' +
      'block0(v0:i32):\n  v2:i32 = iconst32 0\n  jump block1(v2)\n' +
      'block1(v1:i32):\n  v3:i32 = iconst32 1\n  v4:i32 = i32.add v1, v3\n  v5:i32 = i32.lt_s v4, v0\n' +
      '  brif v5, block1(v4), block2\n' +
      'block2:\n  return v4\n}\n');
  });

  it('reports type errors, missing terminators and dominance violations', () => {
    const fn = new IrFunction();
    const b = new IrBuilder(fn);
    b.begin([ValType.I64], [ValType.I32]);
    const other = b.createBlock();
    const x = b.num(I32_ADD, fn.blockParams[0]![0]!, b.iconst32(1));
    b.brIf(x, other, [], other, []);
    b.switchTo(other);
    b.trapIf(x, TrapKind.Unreachable);
    expect(verifyFunction(fn).join('\n')).to.match(/block1 does not end in a terminator/);
    b.ret([x]);
    expect(verifyFunction(fn).join('\n')).to.match(/has type i64, expected i32/);
  });

  it('checks call signatures and global types against a module context', () => {
    const fn = new IrFunction();
    const b = new IrBuilder(fn);
    b.begin([ValType.I32], []);
    b.call(Opcode.Call, 0, [fn.blockParams[0]![0]!], 0, 1, [ValType.I64]);
    b.emit(Opcode.GlobalSet, 0, 0, 0, 0, 1, fn.blockParams[0]![0]!);
    b.ret([]);
    const context = {
      funcType: () => ({ params: [ValType.F32], results: [ValType.I64] }),
      type: () => undefined,
      globalType: () => ValType.I64,
      tableElemType: () => undefined,
    };
    expect(verifyFunction(fn)).to.deep.equal([]);
    const errs = verifyFunction(fn, context).join('\n');
    expect(errs).to.match(/call 0\(v0\)': v0 has type i32, expected f32/);
    expect(errs).to.match(/global.set 0 v0': v0 has type i32, expected i64/);
  });

  it('flags a use not dominated by its definition', () => {
    const fn = new IrFunction();
    const b = new IrBuilder(fn);
    b.begin([ValType.I32], []);
    const left = b.createBlock();
    const right = b.createBlock();
    const join = b.createBlock();
    b.brIf(fn.blockParams[0]![0]!, left, [], right, []);
    b.switchTo(left);
    const v = b.iconst32(3);
    b.jump(join);
    b.switchTo(right);
    b.jump(join);
    b.switchTo(join);
    b.trapIf(v, TrapKind.Unreachable);
    b.ret([]);
    expect(verifyFunction(fn).join('\n')).to.match(/does not dominate its use/);
  });

  it('constructs SSA from variables with block parameters only where values merge', () => {
    const fn = new IrFunction();
    const b = new IrBuilder(fn);
    const vars = new SsaVars();
    b.begin([ValType.I32], [ValType.I32]);
    vars.begin(fn, [ValType.I32, ValType.I32]);
    vars.seal(0);
    vars.write(0, 0, fn.blockParams[0]![0]!);
    vars.write(1, 0, b.iconst32(0));
    // loop: var1 += var0 while var1 < 100; var0 is loop-invariant.
    const head = b.createBlock();
    const exit = b.createBlock();
    b.jump(head);
    b.switchTo(head);
    const sum = b.num(I32_ADD, vars.read(1, head), vars.read(0, head));
    vars.write(1, head, sum);
    const c = b.num(I32_LT_S, sum, b.iconst32(100));
    b.brIf(c, head, [], exit, []);
    vars.seal(head);
    vars.seal(exit);
    b.switchTo(exit);
    b.ret([vars.read(1, exit)]);
    vars.finish();
    expect(verifyFunction(fn)).to.deep.equal([]);
    // only var1 needs a parameter at the loop header; var0's provisional one was trivial
    expect(fn.blockParams[head]!.length).to.equal(1);
    const text = printFunction(fn);
    expect(text, text).to.match(/i32\.add v(\d+), v0/);
    expect(fn.instOp[fn.blockLast[exit]!]).to.equal(Opcode.Return);
  });
});
