import { expect } from 'chai';
import {
  IrBuilder, IrFunction, Opcode, verifyFunction, printFunction,
  eliminateDeadCode, foldConstants, eliminateRedundantParams, simplifyCfg, layoutBlocks, DomTree, LoopNest,
} from '../../src/ssa/index.js';
import { ValType } from '../../src/wasm/types.js';
import { TrapKind } from '../../src/runtime/trap.js';

const I32_ADD = 0x6a, I32_MUL = 0x6c, I32_DIV_U = 0x6e, F32_DIV = 0x95, I32_LOAD = 0x28;

function start(params: ValType[], results: ValType[]): { fn: IrFunction; b: IrBuilder; p: number[] } {
  const fn = new IrFunction();
  const b = new IrBuilder(fn);
  b.begin(params, results);
  return { fn, b, p: fn.blockParams[0]! };
}

function valid(fn: IrFunction): void {
  expect(verifyFunction(fn), printFunction(fn)).to.deep.equal([]);
}

describe('pass: dead-code elimination', () => {
  it('removes unused pure instructions but keeps loads, calls and stores', () => {
    const { fn, b, p } = start([ValType.I32], []);
    b.num(I32_MUL, p[0]!, p[0]!); // unused pure
    b.load(I32_LOAD, 0, p[0]!); // unused, but may trap
    b.call(Opcode.Call, 3, [p[0]!], 0, 1, [ValType.I32]); // unused result, has effects
    b.ret([]);
    expect(eliminateDeadCode(fn)).to.equal(true);
    valid(fn);
    const text = printFunction(fn);
    expect(text).not.to.contain('i32.mul');
    expect(text).to.contain('i32.load');
    expect(text).to.contain('call 3');
    expect(eliminateDeadCode(fn)).to.equal(false);
  });

  it('removes a loop-carried parameter used only by itself', () => {
    const { fn, b, p } = start([ValType.I32], []);
    const head = b.createBlock();
    const x = fn.addBlockParam(head, ValType.I32);
    const exit = b.createBlock();
    b.jump(head, [p[0]!]);
    b.switchTo(head);
    const x1 = b.num(I32_ADD, x, x);
    b.brIf(p[0]!, head, [x1], exit, []);
    b.switchTo(exit);
    b.ret([]);
    eliminateDeadCode(fn);
    valid(fn);
    expect(fn.blockParams[head]).to.deep.equal([]);
    expect(printFunction(fn)).not.to.contain('i32.add');
  });
});

describe('pass: constant folding', () => {
  it('folds arithmetic in place and leaves non-constant operations alone', () => {
    const { fn, b, p } = start([ValType.I32], [ValType.I32, ValType.I32]);
    const c = b.num(I32_ADD, b.iconst32(40), b.iconst32(2));
    const d = b.num(I32_ADD, p[0]!, c);
    b.ret([c, d]);
    foldConstants(fn);
    valid(fn);
    expect(printFunction(fn)).to.contain(`v${c}:i32 = iconst32 42`);
    expect(printFunction(fn)).to.contain(`i32.add v0, v${c}`);
  });

  it('applies exact integer identities but not float ones', () => {
    const { fn, b, p } = start([ValType.I32, ValType.I64, ValType.F32], [ValType.I32, ValType.I64, ValType.I32, ValType.F32]);
    const x = b.num(I32_ADD, p[0]!, b.iconst32(0));
    const y = b.num(0x86 /* i64.shl */, p[1]!, b.iconst64(64n)); // shift count taken mod 64
    const z = b.num(I32_MUL, p[0]!, b.iconst32(2)); // not an identity
    const f = b.num(0x92 /* f32.add */, p[2]!, b.fconst32Bits(0)); // -0 + 0 = +0: must stay
    b.ret([x, y, z, f]);
    foldConstants(fn);
    valid(fn);
    const text = printFunction(fn);
    expect(text).to.contain(`return v0, v1, v${z}, v${f}`);
    expect(text).to.contain('i32.mul');
    expect(text).to.contain('f32.add');
  });

  it('never folds a division by zero or a NaN result', () => {
    const { fn, b } = start([], [ValType.I32, ValType.F32]);
    const q = b.num(I32_DIV_U, b.iconst32(1), b.iconst32(0));
    const n = b.num(F32_DIV, b.fconst32Bits(0), b.fconst32Bits(0));
    b.ret([q, n]);
    foldConstants(fn);
    const text = printFunction(fn);
    expect(text).to.contain('i32.div_u');
    expect(text).to.contain('f32.div');
  });

  it('removes trap_if 0, turns trap_if 1 into a trap ending the block, and resolves constant branches', () => {
    const { fn, b } = start([], []);
    const t = b.createBlock();
    const f = b.createBlock();
    b.trapIf(b.iconst32(0), TrapKind.IntegerOverflow);
    b.brIf(b.iconst32(7), t, [], f, []);
    b.switchTo(t);
    b.trapIf(b.iconst32(1), TrapKind.IntegerDivideByZero);
    b.store(0x36, 0, b.iconst32(0), b.iconst32(0));
    b.ret([]);
    b.switchTo(f);
    b.ret([]);
    foldConstants(fn);
    simplifyCfg(fn);
    valid(fn);
    const text = printFunction(fn);
    expect(text).not.to.contain('integer overflow');
    expect(text).to.contain('trap integer divide by zero');
    expect(text).not.to.contain('i32.store');
    expect(fn.layout.length).to.equal(1); // t merged into the entry, f unreachable
  });

  it('folds select with a constant condition to the chosen operand', () => {
    const { fn, b, p } = start([ValType.I32, ValType.I32], [ValType.I32]);
    const s = b.select(b.iconst32(0), p[0]!, p[1]!);
    b.ret([s]);
    foldConstants(fn);
    valid(fn);
    expect(printFunction(fn)).to.contain('return v1');
  });
});

describe('pass: redundant block-parameter elimination', () => {
  it('replaces a parameter whose arguments are all the same value, through a loop cascade', () => {
    const { fn, b, p } = start([ValType.I32], [ValType.I32]);
    const head = b.createBlock();
    const x = fn.addBlockParam(head, ValType.I32);
    const body = b.createBlock();
    const y = fn.addBlockParam(body, ValType.I32);
    const exit = b.createBlock();
    b.jump(head, [p[0]!]);
    b.switchTo(head);
    b.brIf(p[0]!, body, [x], exit, []);
    b.switchTo(body);
    b.jump(head, [y]); // x = phi(p0, y), y = phi(x): both are p0
    b.switchTo(exit);
    b.ret([x]);
    expect(eliminateRedundantParams(fn)).to.equal(true);
    valid(fn);
    expect(fn.blockParams[head]).to.deep.equal([]);
    expect(fn.blockParams[body]).to.deep.equal([]);
    expect(printFunction(fn)).to.contain('return v0');
  });

  it('keeps a parameter that merges different values', () => {
    const { fn, b, p } = start([ValType.I32, ValType.I32], [ValType.I32]);
    const join = b.createBlock();
    const m = fn.addBlockParam(join, ValType.I32);
    b.brIf(p[0]!, join, [p[0]!], join, [p[1]!]);
    b.switchTo(join);
    b.ret([m]);
    expect(eliminateRedundantParams(fn)).to.equal(false);
    expect(fn.blockParams[join]).to.deep.equal([m]);
  });
});

describe('pass: CFG simplification', () => {
  it('removes unreachable blocks, threads empty jumps, merges single-predecessor chains', () => {
    const { fn, b, p } = start([ValType.I32], [ValType.I32]);
    const a = b.createBlock();
    const empty = b.createBlock();
    const join = b.createBlock();
    const jp = fn.addBlockParam(join, ValType.I32);
    const dead = b.createBlock();
    b.brIf(p[0]!, a, [], empty, []);
    b.switchTo(a);
    const one = b.iconst32(1);
    b.jump(join, [one]);
    b.switchTo(empty);
    b.jump(join, [p[0]!]);
    b.switchTo(dead);
    b.jump(join, [p[0]!]);
    b.switchTo(join);
    b.store(0x36, 0, jp, jp);
    b.ret([jp]);
    expect(simplifyCfg(fn)).to.equal(true);
    valid(fn);
    expect(fn.blockDead[dead]).to.equal(1);
    expect(fn.blockDead[empty]).to.equal(1);
    expect(fn.blockPreds[join]!.length).to.equal(2); // kept: it merges two values
    expect(printFunction(fn)).to.contain(`brif v0, block${a}, block${join}(v0)`);
  });

  it('does not merge a block that has two predecessors', () => {
    const { fn, b, p } = start([ValType.I32], []);
    const t = b.createBlock(), e = b.createBlock(), join = b.createBlock();
    b.brIf(p[0]!, t, [], e, []);
    b.switchTo(t); b.store(0x36, 0, p[0]!, p[0]!); b.jump(join);
    b.switchTo(e); b.store(0x36, 4, p[0]!, p[0]!); b.jump(join);
    b.switchTo(join); b.store(0x36, 8, p[0]!, p[0]!); b.ret([]);
    simplifyCfg(fn);
    valid(fn);
    expect(fn.blockDead[join]).to.equal(0);
  });
});

describe('pass: layout, dominators, loops', () => {
  it('places jump targets after their source and traps last', () => {
    const { fn, b, p } = start([ValType.I32], []);
    const trapB = b.createBlock(), exit = b.createBlock(), mid = b.createBlock();
    b.brIf(p[0]!, trapB, [], mid, []);
    b.switchTo(exit); b.ret([]);
    b.switchTo(trapB); b.trap(TrapKind.Unreachable);
    b.switchTo(mid); b.store(0x36, 0, p[0]!, p[0]!); b.jump(exit);
    layoutBlocks(fn);
    valid(fn);
    expect(fn.layout).to.deep.equal([0, mid, exit, trapB]);
  });

  it('computes dominators and loop nesting depth', () => {
    const { fn, b, p } = start([ValType.I32], []);
    const outer = b.createBlock(), inner = b.createBlock(), latch = b.createBlock(), exit = b.createBlock();
    b.jump(outer);
    b.switchTo(outer); b.jump(inner);
    b.switchTo(inner); b.brIf(p[0]!, inner, [], latch, []);
    b.switchTo(latch); b.brIf(p[0]!, outer, [], exit, []);
    b.switchTo(exit); b.ret([]);
    const dom = new DomTree().compute(fn);
    expect(dom.dominates(outer, exit)).to.equal(true);
    expect(dom.dominates(inner, outer)).to.equal(false);
    expect(dom.idom[latch]).to.equal(inner);
    const loops = new LoopNest().compute(fn, dom);
    expect(loops.headers).to.deep.equal([outer, inner]);
    expect(loops.depth[inner]).to.equal(2);
    expect(loops.depth[latch]).to.equal(1);
    expect(loops.depth[exit]).to.equal(0);
    expect(loops.header[latch]).to.equal(outer);
  });
});


describe('pass: CFG simplification (returns)', () => {
  it('replaces a jump to a block that only returns by the return itself', () => {
    const { fn, b, p } = start([ValType.I32], [ValType.I32]);
    const a = b.createBlock(), join = b.createBlock();
    const jp = fn.addBlockParam(join, ValType.I32);
    b.brIf(p[0]!, a, [], join, [p[0]!]);
    b.switchTo(a); b.jump(join, [b.iconst32(1)]);
    b.switchTo(join); b.ret([jp]);
    simplifyCfg(fn);
    valid(fn);
    expect(printFunction(fn)).to.match(/iconst32 1\n  return v\d+\n/);
  });
});
