// Materializing an integer constant in a register with the fewest instructions: one MOVZ or
// MOVN, one ORR of a logical immediate, ORR + MOVK, or a MOVZ/MOVN followed by MOVKs for the
// 16-bit chunks that differ from the background (zeros for MOVZ, ones for MOVN).
import type { Assembler } from './encoder.js';
import { form, type Form } from './forms.js';
import { encodeBitmask } from './immediates.js';
import { ZR } from './registers.js';

export interface ConstantStep {
  readonly form: Form;
  /** The operands after the destination register. */
  readonly operands: readonly (number | bigint)[];
}

function chunksOf(value: bigint, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Number((value >> BigInt(16 * i)) & 0xffffn));
}

/** MOVZ (background 0) or MOVN (background 0xffff) of the first differing chunk, then MOVKs. */
function wide(chunks: number[], s: string, background: 0 | 0xffff): ConstantStep[] {
  const steps: ConstantStep[] = [];
  chunks.forEach((c, i) => {
    if (c === background) return;
    if (steps.length === 0) steps.push({ form: form(background ? `movn_${s}` : `movz_${s}`), operands: [background ? c ^ 0xffff : c, 16 * i] });
    else steps.push({ form: form(`movk_${s}`), operands: [c, 16 * i] });
  });
  if (steps.length === 0) steps.push({ form: form(background ? `movn_${s}` : `movz_${s}`), operands: [0, 0] });
  return steps;
}

/** ORR of a logical immediate that matches all chunks but one, then MOVK of that chunk. */
function orrThenMovk(value: bigint, chunks: number[], width: 32 | 64, s: string): ConstantStep[] | undefined {
  for (let i = 0; i < chunks.length; i++) {
    for (let j = 0; j < chunks.length; j++) {
      if (j === i) continue;
      const shift = BigInt(16 * i);
      const candidate = (value & ~(0xffffn << shift)) | (BigInt(chunks[j]!) << shift);
      if (encodeBitmask(candidate, width) >= 0) {
        return [{ form: form(`orr_${s}_imm`), operands: [ZR, candidate] }, { form: form(`movk_${s}`), operands: [chunks[i]!, 16 * i] }];
      }
    }
  }
  return undefined;
}

/** The shortest sequence found that leaves `value` (taken modulo 2^width) in a register. */
export function planConstant(value: bigint, width: 32 | 64): ConstantStep[] {
  const s = width === 64 ? 'x' : 'w';
  const v = BigInt.asUintN(width, value);
  const chunks = chunksOf(v, width / 16);
  const byZeros = wide(chunks, s, 0);
  const byOnes = wide(chunks, s, 0xffff);
  let best = byZeros.length <= byOnes.length ? byZeros : byOnes;
  if (best.length === 1) return best;
  if (encodeBitmask(v, width) >= 0) return [{ form: form(`orr_${s}_imm`), operands: [ZR, v] }];
  if (best.length > 2) best = orrThenMovk(v, chunks, width, s) ?? best;
  return best;
}

/** Emits `planConstant(value, width)` into register `rd`; returns the instruction count. */
export function loadConstant(asm: Assembler, rd: number, value: bigint, width: 32 | 64): number {
  const steps = planConstant(value, width);
  for (const step of steps) asm.emit(step.form, rd, ...step.operands);
  return steps.length;
}
