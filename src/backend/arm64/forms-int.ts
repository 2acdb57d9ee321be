// Integer data-processing forms: add/sub, logical, move wide, multiply/divide, shifts, bitfield,
// extract, bit counting and conditional select, each for W and X, with the aliases a compiler
// writes (MOV, CMP, CMN, TST, NEG, MVN, MUL, LSL, UBFX, SXTW, CSET...). Bit patterns are from the
// Arm ARM's A64 encoding index, operand fields zero.
import { row } from './form-table.js';
import { K, spec } from './operands.js';
import { SP } from './registers.js';

const widths = [[32, 'w', 0], [64, 'x', 0x80000000]] as const;

const addSub = [['add', 0x00000000, false], ['adds', 0x20000000, true], ['sub', 0x40000000, false], ['subs', 0x60000000, true]] as const;
const logicalShifted = [
  ['and', 0x0a000000], ['bic', 0x0a200000], ['orr', 0x2a000000], ['orn', 0x2a200000],
  ['eor', 0x4a000000], ['eon', 0x4a200000], ['ands', 0x6a000000], ['bics', 0x6a200000],
] as const;
const logicalImm = [['and', 0x12000000, false], ['orr', 0x32000000, false], ['eor', 0x52000000, false], ['ands', 0x72000000, true]] as const;
const moveWide = [['movn', 0x12800000], ['movz', 0x52800000], ['movk', 0x72800000]] as const;
const twoSource = [['udiv', 0x1ac00800, 'udiv'], ['sdiv', 0x1ac00c00, 'sdiv'], ['lslv', 0x1ac02000, 'lsl'], ['lsrv', 0x1ac02400, 'lsr'], ['asrv', 0x1ac02800, 'asr'], ['rorv', 0x1ac02c00, 'ror']] as const;
const condSelect = [['csel', 0x1a800000], ['csinc', 0x1a800400], ['csinv', 0x5a800000], ['csneg', 0x5a800400]] as const;
/** CSET/CSETM (both sources zr) and CINC/CINV/CNEG (both sources one register), condition inverted. */
const condAliases = [['cset', 0x1a800400, true], ['csetm', 0x5a800000, true], ['cinc', 0x1a800400, false], ['cinv', 0x5a800000, false], ['cneg', 0x5a800400, false]] as const;

const ZR_N = 31 << 5;
const ZR_M = 31 << 16;
const ZR_A = 31 << 10;

for (const [w, s, sf] of widths) {
  const r = w === 64 ? K.X : K.W;
  const rsp = w === 64 ? K.XSP : K.WSP;
  const imm12 = spec(K.UImm, 10, { bits: 12, hex: true });
  const lsl12 = spec(K.Lsl12, 22);
  const ext = spec(K.ExtReg, 16);
  const d = (k: K) => spec(k, 0);
  const n = (k: K) => spec(k, 5);
  const m = (k: K) => spec(k, 16);
  const sixBits = w === 64 ? 6 : 5;

  for (const [op, opBits, setsFlags] of addSub) {
    const rd = setsFlags ? r : rsp;
    row(`${op}_${s}_imm`, op, w, sf | 0x11000000 | opBits, [d(rd), n(rsp), imm12, lsl12]);
    row(`${op}_${s}_shifted`, op, w, sf | 0x0b000000 | opBits, [d(r), n(r), m(r), spec(K.Shift, 0, { max: 2 })]);
    row(`${op}_${s}_ext`, op, w, sf | 0x0b200000 | opBits, [d(rd), n(rsp), ext]);
  }
  row(`cmp_${s}_imm`, 'cmp', w, sf | 0x71000000 | 31, [n(rsp), imm12, lsl12], true);
  row(`cmn_${s}_imm`, 'cmn', w, sf | 0x31000000 | 31, [n(rsp), imm12, lsl12], true);
  row(`cmp_${s}_shifted`, 'cmp', w, sf | 0x6b000000 | 31, [n(r), m(r), spec(K.Shift, 0, { max: 2 })], true);
  row(`cmn_${s}_shifted`, 'cmn', w, sf | 0x2b000000 | 31, [n(r), m(r), spec(K.Shift, 0, { max: 2 })], true);
  row(`cmp_${s}_ext`, 'cmp', w, sf | 0x6b200000 | 31, [n(rsp), ext], true);
  row(`neg_${s}`, 'neg', w, sf | 0x4b000000 | ZR_N, [d(r), m(r), spec(K.Shift, 0, { max: 2 })], true);
  // MOV to or from SP is ADD #0; objdump prints MOV only when one side is SP.
  row(`mov_${s}_sp`, 'mov', w, sf | 0x11000000, [spec(rsp, 0, { samples: [SP, 0, 30] }), spec(rsp, 5, { samples: [1, SP, SP] })], true);

  for (const [op, bits] of logicalShifted) row(`${op}_${s}_shifted`, op, w, sf | bits, [d(r), n(r), m(r), spec(K.Shift, 0, { max: 3 })]);
  for (const [op, bits, setsFlags] of logicalImm) row(`${op}_${s}_imm`, op, w, sf | bits, [d(setsFlags ? r : rsp), n(r), spec(K.Bitmask, 10)]);
  row(`tst_${s}_imm`, 'tst', w, sf | 0x72000000 | 31, [n(r), spec(K.Bitmask, 10)], true);
  row(`tst_${s}_shifted`, 'tst', w, sf | 0x6a000000 | 31, [n(r), m(r), spec(K.Shift, 0, { max: 3 })], true);
  row(`mov_${s}_reg`, 'mov', w, sf | 0x2a000000 | ZR_N, [d(r), m(r)], true);
  row(`mvn_${s}`, 'mvn', w, sf | 0x2a200000 | ZR_N, [d(r), m(r), spec(K.Shift, 0, { max: 3 })], true);

  for (const [op, bits] of moveWide) row(`${op}_${s}`, op, w, sf | bits, [d(r), spec(K.UImm, 5, { bits: 16, hex: true }), spec(K.MovShift, 21)]);

  row(`madd_${s}`, 'madd', w, sf | 0x1b000000, [d(r), n(r), m(r), spec(r, 10)]);
  row(`msub_${s}`, 'msub', w, sf | 0x1b008000, [d(r), n(r), m(r), spec(r, 10)]);
  row(`mul_${s}`, 'mul', w, sf | 0x1b000000 | ZR_A, [d(r), n(r), m(r)], true);
  row(`mneg_${s}`, 'mneg', w, sf | 0x1b008000 | ZR_A, [d(r), n(r), m(r)], true);

  for (const [op, bits, alias] of twoSource) {
    row(`${op}_${s}`, op, w, sf | bits, [d(r), n(r), m(r)]);
    if (alias !== op) row(`${alias}_${s}_reg`, alias, w, sf | bits, [d(r), n(r), m(r)], true);
  }

  row(`rbit_${s}`, 'rbit', w, sf | 0x5ac00000, [d(r), n(r)]);
  row(`rev16_${s}`, 'rev16', w, sf | 0x5ac00400, [d(r), n(r)]);
  row(`rev_${s}`, 'rev', w, w === 64 ? 0xdac00c00 : 0x5ac00800, [d(r), n(r)]);
  row(`clz_${s}`, 'clz', w, sf | 0x5ac01000, [d(r), n(r)]);
  row(`cls_${s}`, 'cls', w, sf | 0x5ac01400, [d(r), n(r)]);

  // Bitfield moves: the N bit (22) equals sf.
  const bf = w === 64 ? 0x80400000 : 0;
  const immr = spec(K.UImm, 16, { bits: sixBits });
  const imms = spec(K.UImm, 10, { bits: sixBits });
  row(`sbfm_${s}`, 'sbfm', w, bf | 0x13000000, [d(r), n(r), immr, imms]);
  row(`bfm_${s}`, 'bfm', w, bf | 0x33000000, [d(r), n(r), immr, imms]);
  row(`ubfm_${s}`, 'ubfm', w, bf | 0x53000000, [d(r), n(r), immr, imms]);
  row(`lsl_${s}_imm`, 'lsl', w, bf | 0x53000000, [d(r), n(r), spec(K.LslImm, 0)], true);
  row(`lsr_${s}_imm`, 'lsr', w, bf | 0x53000000, [d(r), n(r), spec(K.ShrImm, 0)], true);
  row(`asr_${s}_imm`, 'asr', w, bf | 0x13000000, [d(r), n(r), spec(K.ShrImm, 0)], true);
  row(`ubfx_${s}`, 'ubfx', w, bf | 0x53000000, [d(r), n(r), spec(K.Bfx, 0)], true);
  row(`sbfx_${s}`, 'sbfx', w, bf | 0x13000000, [d(r), n(r), spec(K.Bfx, 0)], true);
  row(`bfxil_${s}`, 'bfxil', w, bf | 0x33000000, [d(r), n(r), spec(K.Bfx, 0)], true);
  row(`ubfiz_${s}`, 'ubfiz', w, bf | 0x53000000, [d(r), n(r), spec(K.Bfiz, 0)], true);
  row(`sbfiz_${s}`, 'sbfiz', w, bf | 0x13000000, [d(r), n(r), spec(K.Bfiz, 0)], true);
  row(`bfi_${s}`, 'bfi', w, bf | 0x33000000, [d(r), n(r), spec(K.Bfiz, 0)], true);
  // Sign/zero extension: the source is always a W register.
  row(`sxtb_${s}`, 'sxtb', w, bf | 0x13000000 | (7 << 10), [d(r), n(K.W)], true);
  row(`sxth_${s}`, 'sxth', w, bf | 0x13000000 | (15 << 10), [d(r), n(K.W)], true);
  if (w === 64) row('sxtw_x', 'sxtw', 64, bf | 0x13000000 | (31 << 10), [d(r), n(K.W)], true);
  if (w === 32) {
    row('uxtb_w', 'uxtb', 32, 0x53000000 | (7 << 10), [d(r), n(K.W)], true);
    row('uxth_w', 'uxth', 32, 0x53000000 | (15 << 10), [d(r), n(K.W)], true);
  }

  const ex = w === 64 ? 0x93c00000 : 0x13800000;
  row(`extr_${s}`, 'extr', w, ex, [d(r), n(r), m(r), spec(K.UImm, 10, { bits: sixBits })]);
  row(`ror_${s}_imm`, 'ror', w, ex, [d(r), spec(r, 5, { also: 16 }), spec(K.UImm, 10, { bits: sixBits })], true);

  // Conditional compares: flags = cond ? compare(rn, rm or imm5) : #nzcv.
  for (const [op, bits] of [['ccmn', 0x3a400000], ['ccmp', 0x7a400000]] as const) {
    const nzcv = spec(K.UImm, 0, { bits: 4, hex: true });
    row(`${op}_${s}_reg`, op, w, sf | bits, [n(r), m(r), nzcv, spec(K.Cond, 12)]);
    row(`${op}_${s}_imm`, op, w, sf | bits | 0x800, [n(r), spec(K.UImm, 16, { bits: 5, hex: true }), nzcv, spec(K.Cond, 12)]);
  }

  for (const [op, bits] of condSelect) row(`${op}_${s}`, op, w, sf | bits, [d(r), n(r), m(r), spec(K.Cond, 12)]);
  for (const [op, bits, zeros] of condAliases) {
    if (zeros) row(`${op}_${s}`, op, w, sf | bits | ZR_N | ZR_M, [d(r), spec(K.CondInv, 12)], true);
    else row(`${op}_${s}`, op, w, sf | bits, [d(r), spec(r, 5, { also: 16 }), spec(K.CondInv, 12)], true);
  }
}

// 64-bit only: high halves of 128-bit products and widening multiplies.
row('smulh_x', 'smulh', 64, 0x9b400000 | ZR_A, [spec(K.X, 0), spec(K.X, 5), spec(K.X, 16)]);
row('umulh_x', 'umulh', 64, 0x9bc00000 | ZR_A, [spec(K.X, 0), spec(K.X, 5), spec(K.X, 16)]);
row('smaddl_x', 'smaddl', 64, 0x9b200000, [spec(K.X, 0), spec(K.W, 5), spec(K.W, 16), spec(K.X, 10)]);
row('umaddl_x', 'umaddl', 64, 0x9ba00000, [spec(K.X, 0), spec(K.W, 5), spec(K.W, 16), spec(K.X, 10)]);
row('smull_x', 'smull', 64, 0x9b200000 | ZR_A, [spec(K.X, 0), spec(K.W, 5), spec(K.W, 16)], true);
row('umull_x', 'umull', 64, 0x9ba00000 | ZR_A, [spec(K.X, 0), spec(K.W, 5), spec(K.W, 16)], true);
row('rev32_x', 'rev32', 64, 0xdac00800, [spec(K.X, 0), spec(K.X, 5)]);
