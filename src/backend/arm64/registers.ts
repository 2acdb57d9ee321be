// A64 register ids as the encoder takes them. They follow the register allocator's numbering
// (`class * 32 + hardware number`): general registers 0..30, the zero register 31, vector/FP
// registers 32..63. The stack pointer shares hardware number 31 with the zero register, so it gets
// an id of its own (64): a form's operand says which of the two its 31 means, and passing the
// other one is an error instead of a silent wrong encoding.

export const ZR = 31;
export const SP = 64;
/** Frame pointer and link register (AAPCS64 names). */
export const FP = 29;
export const LR = 30;

/** General register `n` (0..30); use ZR or SP for number 31. */
export function x(n: number): number {
  return n;
}

/** Vector/FP register `n` (0..31) as an operand id. */
export function v(n: number): number {
  return 32 + n;
}

export const enum Cond {
  EQ, NE, HS, LO, MI, PL, VS, VC, HI, LS, GE, LT, GT, LE, AL, NV,
}

/** Condition names as objdump prints them in operands (`cs`/`cc` for HS/LO). */
export const condNames: readonly string[] = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv'];

/** Shift types of the shifted-register forms. */
export const enum Shift { LSL, LSR, ASR, ROR }
export const shiftNames: readonly string[] = ['lsl', 'lsr', 'asr', 'ror'];

/** Extend options of the extended-register and register-offset forms. */
export const enum Extend { UXTB, UXTH, UXTW, UXTX, SXTB, SXTH, SXTW, SXTX }
export const extendNames: readonly string[] = ['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx'];
