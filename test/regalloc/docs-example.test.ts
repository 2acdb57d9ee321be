// The example of docs/regalloc.md, kept honest.
import { expect } from 'chai';
import { EditKind, MachFunction, Policy, RegAllocator, RegClass, checkAllocation, editToString, preg, printAllocation } from '../../src/regalloc/index.js';
import { AMD64 } from './fake-isa.js';

describe('regalloc: docs example', () => {
  it('allocates fn(a, b) = (a << b) + a on amd64 as described', () => {
    const [rax, rcx, rdi, rsi] = [preg(0, 0), preg(0, 1), preg(0, 7), preg(0, 6)];
    const f = new MachFunction();
    const ra = new RegAllocator(AMD64);
    const a = f.newVReg(RegClass.Int), b = f.newVReg(RegClass.Int);
    const s = f.newVReg(RegClass.Int), r = f.newVReg(RegClass.Int);
    f.block();
    f.defFixed(a, rdi); f.defFixed(b, rsi); f.inst();
    f.use(a); f.useFixed(b, rcx); f.defReuse(s, 0); f.inst();
    f.use(s); f.use(a, Policy.Any); f.defReuse(r, 0); f.inst();
    f.useFixed(r, rax); f.inst();
    f.finish();
    const out = ra.allocate(f);
    expect(checkAllocation(f, AMD64, out)).to.deep.equal([]);
    const before = (i: number): string[] => {
      const [x, y] = out.beforeInst(i);
      const lines: string[] = [];
      for (let j = x; j < y; j++) lines.push(editToString(AMD64, out, j));
      return lines;
    };
    const loc = (i: number, k: number): number => out.operandLoc[f.opStart.data[i]! + k]!;
    expect(before(1)).to.have.members([`move rcx <- rsi (v${b})`, `move rax <- rdi (v${a})`]);
    expect(loc(1, 0)).to.equal(rax);
    expect(loc(1, 2)).to.equal(rax);
    expect(loc(2, 2)).to.equal(loc(2, 0));
    expect(loc(2, 1)).to.equal(rdi);
    expect(before(3)).to.deep.equal([]);
    expect(out.editKind.subarray(0, out.numEdits).every((k) => k === EditKind.Move)).to.equal(true);
    expect(printAllocation(f, AMD64, out)).to.equal([
      'b0():',
      '  0: def v0:fixed(rdi)@rdi, def v1:fixed(rsi)@rsi',
      '  | move rcx <- rsi (v1)',
      '  | move rax <- rdi (v0)',
      '  1: use v0:reg@rax, use v1:fixed(rcx)@rcx, def v2:reuse(0)@rax',
      '  2: use v2:reg@rax, use v0:any@rdi, def v3:reuse(0)@rax',
      '  3: use v3:fixed(rax)@rax',
      '',
    ].join('\n'));
  });
});
