// amd64 register numbers as the hardware encodes them (ModRM/SIB 3 bits + REX extension bit).

export const enum Gpr {
  RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7,
  R8 = 8, R9 = 9, R10 = 10, R11 = 11, R12 = 12, R13 = 13, R14 = 14, R15 = 15,
}

/** XMM registers use the same 0..15 numbering in their own register file. */
export type Xmm = number;

const gpr64 = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
const gpr32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi', 'r8d', 'r9d', 'r10d', 'r11d', 'r12d', 'r13d', 'r14d', 'r15d'];
const gpr16 = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di', 'r8w', 'r9w', 'r10w', 'r11w', 'r12w', 'r13w', 'r14w', 'r15w'];
// With any REX prefix present, byte registers 4..7 are spl/bpl/sil/dil (the encoder always
// emits a REX for them), never ah/ch/dh/bh.
const gpr8 = ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil', 'r8b', 'r9b', 'r10b', 'r11b', 'r12b', 'r13b', 'r14b', 'r15b'];

/** Register operand kinds: a general-purpose register of a width, or an XMM register. */
export const enum RegKind {
  None = 0,
  Gpr8 = 1,
  Gpr16 = 2,
  Gpr32 = 3,
  Gpr64 = 4,
  Xmm = 5,
}

export function regName(kind: RegKind, reg: number): string {
  switch (kind) {
    case RegKind.Gpr8: return gpr8[reg]!;
    case RegKind.Gpr16: return gpr16[reg]!;
    case RegKind.Gpr32: return gpr32[reg]!;
    case RegKind.Gpr64: return gpr64[reg]!;
    case RegKind.Xmm: return `xmm${reg}`;
    case RegKind.None: return '<none>';
  }
}

/** Condition codes in their encoding order (the low nibble of Jcc/SETcc/CMOVcc opcodes). */
export const enum Cond {
  O = 0, NO = 1, B = 2, AE = 3, E = 4, NE = 5, BE = 6, A = 7,
  S = 8, NS = 9, P = 10, NP = 11, L = 12, GE = 13, LE = 14, G = 15,
}

export const condNames = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'] as const;

/** The condition that holds exactly when `c` does not. */
export function invertCond(c: Cond): Cond {
  return (c ^ 1) as Cond;
}
