// Operand kinds of the A64 form table. A form lists its operands in assembly order; each kind
// knows how many values it takes from the encoder's argument list, which bit fields it fills and
// how objdump prints it (encoder.ts and printer.ts switch on these kinds).

export const enum K {
  // One register: 5-bit field at `at` (and `also`, when the same register fills two fields).
  /** W register, 31 = wzr. */ W,
  /** X register, 31 = xzr. */ X,
  /** W register, 31 = wsp. */ WSP,
  /** X register, 31 = sp. */ XSP,
  /** Scalar FP registers of 32, 64 and 128 bits. */ S, D, Q,
  /** Scalar 8- and 16-bit views of vector registers (reduction results). */ B, H,
  /** Vector register with the arrangement `arr` (v0.4s). */ V,
  /** A one-register table list ({v1.16b}) for TBL. */ VList,
  // One value.
  /** Unsigned immediate: `bits` wide at `at`, a multiple of `scale` (stored divided). */ UImm,
  /** ADD/SUB immediate shift: 0 or 12 (bit 22). */ Lsl12,
  /** Logical (bitmask) immediate: N:immr:imms, rejecting values that have no encoding. */ Bitmask,
  /** MOVZ/MOVN/MOVK shift: 0, 16 (and 32, 48 for X) into hw (bit 21). */ MovShift,
  /** Condition at `at`. */ Cond,
  /** Condition stored inverted (CSET, CINC...): AL and NV are refused. */ CondInv,
  /** Condition printed as the mnemonic's suffix (B.cond). */ CondSuffix,
  /** FMOV immediate: a double with an 8-bit encoding (imm8 at 13). */ FpImm,
  /** The literal `#0.0` of FCMP with zero: no value, no field. */ FpZero,
  /** The literal `#0` of vector compares with zero: no value, no field. */ VZero,
  /** Vector shift left by immediate: immh:immb (16..22) = esize + shift, esize from `arr`. */ VShl,
  /** Vector shift right by immediate: immh:immb = 2*esize - shift (1..esize). */ VShr,
  /** MOVI 64-bit byte mask: each byte 0x00 or 0xff, one bit each in a:b:c (16..18) d:e:f:g:h (5..9). */ ByteMask,
  /** TBZ/TBNZ bit number: b5 at 31, b40 at 19. */ TestBit,
  /** LSL #n alias of UBFM: immr = -n mod width, imms = width-1-n. */ LslImm,
  /** LSR/ASR #n alias of UBFM/SBFM: immr = n, imms = width-1. */ ShrImm,
  /** Label operands: a label id, patched once bound (offset in words, signed, at `at`). */ Label26, Label19, Label14,
  /** ADR: a byte offset, immlo at 29, immhi at 5. */ Label21,
  /** [base] with no offset (SIMD structure loads/stores), base at 5. */ MemBase,
  // Two values.
  /** Shifted register amount: shift type (22..23, at most `max`), amount (10..15, < width). */ Shift,
  /** UBFX/SBFX/BFXIL (lsb, width): immr = lsb, imms = lsb+width-1. */ Bfx,
  /** UBFIZ/SBFIZ/BFI (lsb, width): immr = -lsb mod width, imms = width-1. */ Bfiz,
  /** [base, #offset]: unsigned 12-bit offset scaled by `scale` (the access size). */ MemUOff,
  /** [base, #offset]: signed 9-bit unscaled offset (LDUR/STUR). */ MemSOff,
  /** [base, #offset]!: pre-index, signed 9-bit. */ MemPre,
  /** [base], #offset: post-index, signed 9-bit. */ MemPost,
  /** LDP/STP offset, pre-index and post-index: signed 7-bit offset scaled by `scale`. */ PairOff, PairPre, PairPost,
  // Three values.
  /** Extended register: rm, extend option, left shift 0..4 (rm is W unless the option is UXTX/SXTX). */ ExtReg,
  /** A one-register list with a lane ({v0.s}[1]) for LD1/ST1 (single structure): register at
   *  0, index spread over Q (30), S (12) and size (10..11). */ VListLane,
  /** A vector lane (v1.s[2]): register (at `at`), index; imm5 at 16 holds size and index. */ VLane,
  // Four values.
  /** [base, index, extend #amount]: base, index, option (UXTW, LSL=UXTX, SXTW, SXTX), scaled (0/1). */ MemReg,
}

const arities: Record<number, number> = {
  [K.FpZero]: 0, [K.VZero]: 0, [K.VLane]: 2, [K.VListLane]: 2,
  [K.Shift]: 2, [K.Bfx]: 2, [K.Bfiz]: 2, [K.MemUOff]: 2, [K.MemSOff]: 2, [K.MemPre]: 2, [K.MemPost]: 2,
  [K.PairOff]: 2, [K.PairPre]: 2, [K.PairPost]: 2, [K.ExtReg]: 3, [K.MemReg]: 4,
};

/** How many encoder arguments an operand of kind `k` takes. */
export function arityOf(k: K): number {
  return arities[k] ?? 1;
}

export function isRegisterKind(k: K): boolean {
  return k <= K.VList;
}

/** Element size in bits of an arrangement (`16b` → 8, `4s` → 32) or lane suffix (`s` → 32). */
export function elementBits(arr: string): number {
  return { b: 8, h: 16, s: 32, d: 64 }[arr.slice(-1) as 'b' | 'h' | 's' | 'd'];
}

export interface OperandSpec {
  readonly k: K;
  /** Low bit of the operand's field (registers, immediates, conditions, labels). */
  readonly at: number;
  /** A second field the same register is written to (ROR immediate, CSET, CINC), or -1. */
  readonly also: number;
  /** Immediate width in bits. */
  readonly bits: number;
  /** Immediates and memory offsets: the value must be a multiple of this (stored divided). */
  readonly scale: number;
  /** objdump prints this immediate in hex (#0x10) rather than decimal (#16). */
  readonly hex: boolean;
  /** Shift: the largest shift type allowed (ASR for add/sub, ROR for logical). */
  readonly max: number;
  /** Vector arrangement (`16b`, `8h`, `4s`, `2d`) or lane element (`b`, `h`, `s`, `d`). */
  readonly arr: string;
  /** Test values to use instead of the defaults (e.g. only those where objdump prints the alias). */
  readonly samples?: readonly number[];
}

export function spec(k: K, at = 0, o: Partial<OperandSpec> = {}): OperandSpec {
  return { k, at, also: -1, bits: 0, scale: 1, hex: false, max: 3, arr: '', ...o };
}
