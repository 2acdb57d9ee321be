// Constant materialization: every plan, replayed by a small model of MOVZ/MOVN/MOVK/ORR, yields
// the constant, and known constants take the expected number of instructions.
import { expect } from 'chai';
import { planConstant, type ConstantStep } from '../../../src/backend/arm64/constants.js';

function replay(steps: readonly ConstantStep[], width: 32 | 64): bigint {
  const mask = (1n << BigInt(width)) - 1n;
  let reg = 0xdeadn; // garbage the first step must overwrite
  for (const { form, operands } of steps) {
    const [imm, shift] = operands.map((o) => BigInt(o));
    const op = form.mnemonic;
    if (op === 'movz') reg = imm! << shift!;
    else if (op === 'movn') reg = ~(imm! << shift!) & mask;
    else if (op === 'movk') reg = (reg & ~(0xffffn << shift!)) | (imm! << shift!);
    else if (op === 'orr') reg = BigInt.asUintN(width, shift!); // orr rd, zr, #imm: operands [zr, imm]
    else throw new Error(`unexpected ${form.name}`);
  }
  return reg & mask;
}

describe('backend/arm64: constants', () => {
  it('known constants take the expected number of instructions', () => {
    const cases: [bigint, 32 | 64, number][] = [
      [0n, 64, 1], [0xffffn, 64, 1], [0xffff0000n, 64, 1], [0xabcd00000000n, 64, 1], [-1n, 64, 1], [0xffffffffffff1234n, 64, 1],
      [0x5555555555555555n, 64, 1], [0xffffffffn, 64, 1], [0x00ff00ff00ff00ffn, 64, 1],
      [0x1234000000005678n, 64, 2], [0xffff1234ffff5678n, 64, 2], [0x5555555555551234n, 64, 2],
      [0x123456789abcdef0n, 64, 4], [0x1234567800000000n, 64, 2],
      [0n, 32, 1], [-1n, 32, 1], [0xffff1234n, 32, 1], [0x12340000n, 32, 1], [0x0f0f0f0fn, 32, 1], [0x12345678n, 32, 2],
    ];
    for (const [value, width, count] of cases) {
      const steps = planConstant(value, width);
      expect(replay(steps, width), `0x${value.toString(16)}`).to.equal(BigInt.asUintN(width, value));
      expect(steps.length, `0x${value.toString(16)}: ${steps.map((s) => s.form.name).join(', ')}`).to.equal(count);
    }
  });

  it('random constants replay to themselves in at most 4 (64-bit) or 2 (32-bit) instructions', () => {
    let seed = 0x9e3779b97f4a7c15n;
    const next = (): bigint => {
      seed = BigInt.asUintN(64, seed * 6364136223846793005n + 1442695040888963407n);
      // Mix in runs of zeros and ones so every strategy is exercised.
      const r = seed >> 3n;
      return [r, r & 0xffff0000ffffn, r | 0xffff0000ffff0000n, r & 0xffffn, ~(r & 0xffff00000000n)][Number(seed & 3n) + Number((seed >> 10n) & 1n)]!;
    };
    for (let i = 0; i < 3000; i++) {
      const value = BigInt.asUintN(64, next());
      for (const width of [64, 32] as const) {
        const steps = planConstant(value, width);
        expect(replay(steps, width)).to.equal(BigInt.asUintN(width, value));
        expect(steps.length).to.be.at.most(width === 64 ? 4 : 2);
      }
    }
  });
});
