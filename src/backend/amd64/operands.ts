// Memory operands for amd64: [base + index*scale + disp], or RIP-relative to a label.
import type { LabelId } from '../code-buffer.js';

export const NO_REG = -1;

export interface Mem {
  /** Base register, or NO_REG (then index must be set, or ripLabel). */
  base: number;
  /** Index register (never rsp), or NO_REG. */
  index: number;
  /** 1, 2, 4 or 8. */
  scale: 1 | 2 | 4 | 8;
  disp: number;
  /** When set, the operand is [rip + disp32] patched to reach this label. */
  ripLabel: LabelId | undefined;
}

export function mem(base: number, disp = 0, index = NO_REG, scale: 1 | 2 | 4 | 8 = 1): Mem {
  return { base, index, scale, disp, ripLabel: undefined };
}

export function ripRelative(label: LabelId): Mem {
  return { base: NO_REG, index: NO_REG, scale: 1, disp: 0, ripLabel: label };
}

export function isMem(x: number | Mem): x is Mem {
  return typeof x !== 'number';
}
