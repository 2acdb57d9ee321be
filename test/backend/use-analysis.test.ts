// The shared isel pre-pass: which values are fused into or folded by their users, and which
// need a register, on IR built directly.
import { expect } from 'chai';
import { Fused, UseAnalysis, type FoldRules } from '../../src/backend/use-analysis.js';
import { IrBuilder } from '../../src/ssa/builder.js';
import { IrFunction } from '../../src/ssa/function.js';
import { Opcode } from '../../src/ssa/opcodes.js';
import { TrapKind } from '../../src/runtime/trap.js';
import { ValType } from '../../src/wasm/types.js';

const I32_ADD = 0x6a, I32_SHL = 0x74, I32_LT_S = 0x48, I32_EQZ = 0x45, I32_LOAD = 0x28, I32_STORE = 0x36, I32_SUB = 0x6b;

function rules(fn: IrFunction): FoldRules {
  const constOf = (v: number): number | undefined => {
    const d = fn.valueDef[v]!;
    return d >= 0 && fn.instOp[d] === Opcode.Iconst32 ? fn.instImm0[d]! : undefined;
  };
  return {
    immArg: (ir, i, k) => k === 1 && ir.instOp[i] === Opcode.Num && constOf(ir.argPool[ir.instArgStart[i]! + 1]!) !== undefined,
    loadFoldsInto: (load, user) => load === I32_LOAD && user === I32_ADD,
    shiftFoldsInto: (shift, count, user) => shift === I32_SHL && user === I32_ADD && count === 2,
    constOf,
  };
}

describe('backend/use-analysis', () => {
  it('fuses a single-use compare into its branch, and eqz of it as well', () => {
    const fn = new IrFunction();
    const b = new IrBuilder(fn);
    b.begin([ValType.I32, ValType.I32], [ValType.I32]);
    const [x, y] = fn.blockParams[0]!;
    const lt = b.num(I32_LT_S, x!, y!);
    const nz = b.num(I32_EQZ, lt);
    const t = b.createBlock(), f = b.createBlock();
    b.brIf(nz, t, [], f, []);
    b.switchTo(t); b.ret([x!]);
    b.switchTo(f); b.ret([y!]);
    const a = new UseAnalysis();
    a.run(fn, rules(fn));
    expect(a.fused[lt]).to.equal(Fused.Condition);
    expect(a.fused[nz]).to.equal(Fused.Condition);
    expect(a.regUses[lt]).to.equal(0);
    expect(a.usesMemory).to.equal(false);
  });

  it('does not fuse a compare used twice, or a compare in another block', () => {
    const fn = new IrFunction();
    const b = new IrBuilder(fn);
    b.begin([ValType.I32, ValType.I32], [ValType.I32]);
    const [x, y] = fn.blockParams[0]!;
    const lt = b.num(I32_LT_S, x!, y!);
    const sum = b.num(I32_ADD, lt, x!);
    b.trapIf(lt, TrapKind.Unreachable);
    b.ret([sum]);
    const a = new UseAnalysis();
    a.run(fn, rules(fn));
    expect(a.fused[lt]).to.equal(Fused.None);
    expect(a.regUses[lt]).to.equal(2);
  });

  it('folds a load into its user unless a store lies between them', () => {
    const fn = new IrFunction();
    const b = new IrBuilder(fn);
    b.begin([ValType.I32, ValType.I32], [ValType.I32]);
    const [p, q] = fn.blockParams[0]!;
    const l1 = b.load(I32_LOAD, 0, p!);
    const s1 = b.num(I32_ADD, q!, l1);
    const l2 = b.load(I32_LOAD, 4, p!);
    b.store(I32_STORE, 0, p!, s1);
    const s2 = b.num(I32_ADD, q!, l2);
    const l3 = b.load(I32_LOAD, 8, p!);
    const s3 = b.num(I32_SUB, s2, l3); // this user cannot take a memory operand (per the rules)
    b.ret([s3]);
    const a = new UseAnalysis();
    a.run(fn, rules(fn));
    expect(a.fused[l1]).to.equal(Fused.Load);
    expect(a.fused[l2]).to.equal(Fused.None);
    expect(a.fused[l3]).to.equal(Fused.None);
    expect(a.usesMemory).to.equal(true);
  });

  it('folds a shift into an add when the rules allow the count, and skips immediates for register uses', () => {
    const fn = new IrFunction();
    const b = new IrBuilder(fn);
    b.begin([ValType.I32, ValType.I32], [ValType.I32]);
    const [x, y] = fn.blockParams[0]!;
    const two = b.iconst32(2), five = b.iconst32(5);
    const sh = b.num(I32_SHL, y!, two);
    const s = b.num(I32_ADD, x!, sh);
    const sh5 = b.num(I32_SHL, y!, five);
    const t = b.num(I32_ADD, s, sh5);
    b.ret([t]);
    const a = new UseAnalysis();
    a.run(fn, rules(fn));
    expect(a.fused[sh]).to.equal(Fused.Shift);
    expect(a.fused[sh5]).to.equal(Fused.None);
    expect(a.regUses[two]).to.equal(0);
    expect(a.regUses[five]).to.equal(0);
  });
});
