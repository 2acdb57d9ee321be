// The v128 operations the amd64 backend compiles, as one table from the Wasm SIMD sub-opcode to
// its operand shape (what isel-simd.ts gives the allocator) and its SSE sequence (what
// emit-simd.ts runs). Baseline is SSE4.1: no AVX, no SSE4.2 (pcmpgtq). xmm15 and r11 are the
// scratch registers; sequences that need more ask for early-def temps. An op missing here makes
// the module fall back to the interpreter (SimdUnsupportedError names it).
import { Gpr } from './registers.js';
import { type Form, form } from './forms.js';
import type { Assembler } from './encoder.js';

/**
 * Operand shapes of MK.Simd (operand order as given to the allocator). With d reusing x, a
 * sequence must not read y (or z) after writing d: the same value may be in both operands, and
 * then the allocator passes one register for both. Sequences that would use an early def.
 */
export const enum VShape {
  /** u x (Reg), u y (Reg), d reuse x. */
  Bin,
  /** u y (Reg), u x (Reg), d reuse y: the Wasm operands swapped (x86 computes d = d op src). */
  BinRev,
  /** u x (Reg), u y (Reg), e d: d aliases neither operand. */
  BinNew,
  /** u x (Reg), d reuse x. */
  Un,
  /** u x (Reg), e d: d does not alias x. */
  UnNew,
  /** u x (Reg), d (Int). */
  ToInt,
  /** u x (Int Reg), d. */
  FromInt,
  /** u x (Float Reg), d (splat of a scalar float). */
  FromFloat,
  /** u v (Reg), u x (Int or Float Reg, by the Wasm type), d reuse v. */
  Replace,
  /**
   * u a (Reg), u b (Reg), u c (Reg), e d: d aliases no operand, since the sequence reads b
   * after writing d and any two operands may be the same value in one register.
   */
  Ternary,
  /** u x (Reg), u count (Int Reg), d reuse x; a constant count is an immediate (shape Un). */
  Shift,
}

/** Registers of one MK.Simd instruction, as the emitter sees them. */
export interface VOperands {
  asm: Assembler;
  d: number;
  x: number;
  y: number;
  z: number;
  t0: number;
  t1: number;
  /** Lane index, shift count (constant shifts), or -1 when the count is in register y. */
  imm: number;
  /** Shuffle mask (i8x16.shuffle). */
  bytes: Uint8Array | undefined;
}

export interface VOp {
  readonly shape: VShape;
  /** Early-def Float temps (t0, t1). */
  readonly temps: 0 | 1 | 2;
  readonly emit: (o: VOperands) => void;
}

const X15 = 15;
const f = (name: string): Form => form(`${name}_x_xm`);
const F = {
  movaps: f('movaps'), pxor: f('pxor'), pand: f('pand'), por: f('por'), pandn: f('pandn'), andps: f('andps'), andnps: f('andnps'),
  orps: f('orps'), xorps: f('xorps'), pcmpeqd: f('pcmpeqd'), pcmpeqb: f('pcmpeqb'), pcmpeqw: f('pcmpeqw'), pcmpeqq: f('pcmpeqq'),
  pshufb: f('pshufb'), punpcklqdq: f('punpcklqdq'), punpcklbw: f('punpcklbw'), punpckhbw: f('punpckhbw'), packuswb: f('packuswb'),
  packsswb: f('packsswb'), ptest: f('ptest'), movsd: form('movsd_x_xm'), unpcklpd: f('unpcklpd'), movddup: f('movddup'),
  pshufd: form('pshufd_x_xm_imm8'), pshuflw: form('pshuflw_x_xm_imm8'), insertps: form('insertps_x_xm_imm8'),
  movdX: form('movd_x_rm32'), movqX: form('movq_x_rm64'), movdR: form('movd_rm32_x'), movqR: form('movq_rm64_x'),
  pinsrb: form('pinsrb_x_rm32_imm8'), pinsrw: form('pinsrw_x_rm32_imm8'), pinsrd: form('pinsrd_x_rm32_imm8'), pinsrq: form('pinsrq_x_rm64_imm8'),
  pextrb: form('pextrb_rm32_x_imm8'), pextrw: form('pextrw_rm32_x_imm8'), pextrd: form('pextrd_rm32_x_imm8'), pextrq: form('pextrq_rm64_x_imm8'),
  movsx8: form('movsx_r32_rm8'), movsx16: form('movsx_r32_rm16'), setcc: form('set_rm8'), movzx8: form('movzx_r32_rm8'),
  pmovmskb: form('pmovmskb_r32_x'), movmskps: form('movmskps_r32_x'), movmskpd: form('movmskpd_r32_x'), shr32: form('shr_rm32_imm8'),
  mov32: form('mov_r32_rm32'), movImm32: form('mov_r32_imm32'), movImm64: form('mov_r64_imm64'), and32: form('and_rm32_imm8'),
  add32: form('add_rm32_imm8'), psrld: form('psrld_x_imm8'), pslld: form('pslld_x_imm8'), psrlq: form('psrlq_x_imm8'),
  psllq: form('psllq_x_imm8'), psrlw: form('psrlw_x_imm8'), psllw: form('psllw_x_imm8'), psraw: form('psraw_x_imm8'), psrad: form('psrad_x_imm8'),
  cmpunordps: f('cmpunordps'), cmpunordpd: f('cmpunordpd'), cmpeqps: f('cmpeqps'), cmpeqpd: f('cmpeqpd'), cmpleps: f('cmpleps'),
  cvttps2dq: f('cvttps2dq'), cvtdq2ps: f('cvtdq2ps'), maxps: f('maxps'), maxpd: f('maxpd'), minpd: f('minpd'), subps: f('subps'),
  addps: f('addps'), addpd: f('addpd'), subpd: f('subpd'), psubd: f('psubd'), paddd: f('paddd'), pmaxsd: f('pmaxsd'), cvttpd2dq: f('cvttpd2dq'),
  roundpd: form('roundpd_x_xm_imm8'), shufps: form('shufps_x_xm_imm8'), unpcklps: f('unpcklps'), pmuludq: f('pmuludq'), paddq: f('paddq'),
  psubq: f('psubq'), pmaddwd: f('pmaddwd'), pmaddubsw: f('pmaddubsw'), paddb: f('paddb'), paddusb: f('paddusb'),
};

function mov(o: VOperands, d: number, s: number): void {
  if (d !== s) o.asm.rm(F.movaps, d, s);
}

/** All ones in x. */
function ones(o: VOperands, x: number): void {
  o.asm.rm(F.pcmpeqd, x, x);
}

/** Every 32-bit lane of x = v (through r11). */
function splat32(o: VOperands, x: number, v: number): void {
  o.asm.oi(F.movImm32, Gpr.R11, v >>> 0);
  o.asm.rm(F.movdX, x, Gpr.R11);
  o.asm.rmi(F.pshufd, x, x, 0);
}

/** Both 64-bit lanes of x = the 64-bit pattern (hi, lo) (through r11). */
function splat64(o: VOperands, x: number, hi: number, lo: number): void {
  o.asm.oi(F.movImm64, Gpr.R11, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
  o.asm.rm(F.movqX, x, Gpr.R11);
  o.asm.rm(F.punpcklqdq, x, x);
}

/** x = the 16 bytes b[0 .. 16) (through r11). */
export function loadBytes(asm: Assembler, x: number, b: Uint8Array | readonly number[]): void {
  const word = (k: number): number => (b[k]! | (b[k + 1]! << 8) | (b[k + 2]! << 16) | (b[k + 3]! << 24));
  loadWords(asm, x, word(0), word(4), word(8), word(12));
}

/** x = the v128 whose little-endian 32-bit words are w0..w3 (through r11). */
export function loadWords(asm: Assembler, x: number, w0: number, w1: number, w2: number, w3: number): void {
  if ((w0 | w1 | w2 | w3) === 0) {
    asm.rm(F.pxor, x, x);
    return;
  }
  if ((w0 & w1 & w2 & w3) === -1) {
    asm.rm(F.pcmpeqd, x, x);
    return;
  }
  const lo = (BigInt(w1 >>> 0) << 32n) | BigInt(w0 >>> 0);
  asm.oi(F.movImm64, Gpr.R11, lo);
  asm.rm(F.movqX, x, Gpr.R11);
  if ((w2 | w3) === 0) return;
  if (w2 === w0 && w3 === w1) {
    asm.rm(F.punpcklqdq, x, x);
    return;
  }
  asm.oi(F.movImm64, Gpr.R11, (BigInt(w3 >>> 0) << 32n) | BigInt(w2 >>> 0));
  asm.rmi(F.pinsrq, x, Gpr.R11, 1);
}

const ops: (VOp | undefined)[] = new Array(256).fill(undefined);
function op(sub: number, shape: VShape, emit: (o: VOperands) => void, temps: 0 | 1 | 2 = 0): void {
  if (ops[sub] !== undefined) throw new Error(`duplicate SIMD op ${sub}`);
  ops[sub] = { shape, temps, emit };
}
/** d = x op y with one instruction. */
function bin(sub: number, name: string): void {
  const g = f(name);
  op(sub, VShape.Bin, (o) => o.asm.rm(g, o.d, o.y));
}
/** d = y op x with one instruction (the Wasm operands swapped). */
function binRev(sub: number, name: string): void {
  const g = f(name);
  op(sub, VShape.BinRev, (o) => o.asm.rm(g, o.d, o.y));
}
/** d = op(x) with one instruction (d may be x). */
function un(sub: number, name: string, imm = -1): void {
  const g = imm < 0 ? f(name) : form(`${name}_x_xm_imm8`);
  op(sub, VShape.Un, (o) => (imm < 0 ? o.asm.rm(g, o.d, o.d) : o.asm.rmi(g, o.d, o.d, imm)));
}
/** d = not (x op y). */
function binNot(sub: number, name: string): void {
  const g = f(name);
  op(sub, VShape.Bin, (o) => {
    o.asm.rm(g, o.d, o.y);
    ones(o, X15);
    o.asm.rm(F.pxor, o.d, X15);
  });
}
/** Compare through min/max: x >= y ⇔ min(x, y) == y, x <= y ⇔ max(x, y) == y (optionally negated). */
function cmpVia(sub: number, minmax: string, eq: string, negate: boolean): void {
  const g = f(minmax), e = f(eq);
  op(sub, VShape.Bin, (o) => {
    o.asm.rm(g, o.d, o.y);
    o.asm.rm(e, o.d, o.y);
    if (negate) {
      ones(o, X15);
      o.asm.rm(F.pxor, o.d, X15);
    }
  });
}

// ---- bitwise ----
op(77, VShape.Un, (o) => { ones(o, X15); o.asm.rm(F.pxor, o.d, X15); }); // v128.not
bin(78, 'pand'); binRev(79, 'pandn'); bin(80, 'por'); bin(81, 'pxor');
// bitselect(a, b, c) = ((a ^ b) & c) ^ b
op(82, VShape.Ternary, (o) => {
  o.asm.rm(F.movaps, o.d, o.x);
  o.asm.rm(F.pxor, o.d, o.y);
  o.asm.rm(F.pand, o.d, o.z);
  o.asm.rm(F.pxor, o.d, o.y);
});
// v128.any_true
op(83, VShape.ToInt, (o) => { o.asm.rm(F.ptest, o.x, o.x); o.asm.m(F.setcc, o.d, 5 /* ne */); o.asm.rm(F.movzx8, o.d, o.d); });
// all_true: no lane equals zero.
for (const [sub, eq] of [[99, F.pcmpeqb], [131, F.pcmpeqw], [163, F.pcmpeqd], [195, F.pcmpeqq]] as const) {
  op(sub, VShape.ToInt, (o) => {
    o.asm.rm(F.pxor, X15, X15);
    o.asm.rm(eq, X15, o.x);
    o.asm.rm(F.ptest, X15, X15);
    o.asm.m(F.setcc, o.d, 4 /* e */);
    o.asm.rm(F.movzx8, o.d, o.d);
  });
}
// bitmask
op(100, VShape.ToInt, (o) => o.asm.rm(F.pmovmskb, o.d, o.x));
op(132, VShape.ToInt, (o) => {
  // packsswb keeps each word's sign in a byte (twice): the low 8 mask bits are the words'.
  o.asm.rm(F.movaps, X15, o.x);
  o.asm.rm(F.packsswb, X15, X15);
  o.asm.rm(F.pmovmskb, o.d, X15);
  o.asm.rm(F.movzx8, o.d, o.d);
});
op(164, VShape.ToInt, (o) => o.asm.rm(F.movmskps, o.d, o.x));
op(196, VShape.ToInt, (o) => o.asm.rm(F.movmskpd, o.d, o.x));

// ---- splat, extract, replace ----
op(15, VShape.FromInt, (o) => { o.asm.rm(F.movdX, o.d, o.x); o.asm.rm(F.pxor, X15, X15); o.asm.rm(F.pshufb, o.d, X15); });
op(16, VShape.FromInt, (o) => { o.asm.rm(F.movdX, o.d, o.x); o.asm.rmi(F.pshuflw, o.d, o.d, 0); o.asm.rmi(F.pshufd, o.d, o.d, 0); });
op(17, VShape.FromInt, (o) => { o.asm.rm(F.movdX, o.d, o.x); o.asm.rmi(F.pshufd, o.d, o.d, 0); });
op(18, VShape.FromInt, (o) => { o.asm.rm(F.movqX, o.d, o.x); o.asm.rm(F.punpcklqdq, o.d, o.d); });
op(19, VShape.FromFloat, (o) => o.asm.rmi(F.pshufd, o.d, o.x, 0));
op(20, VShape.FromFloat, (o) => o.asm.rm(F.movddup, o.d, o.x));
op(21, VShape.ToInt, (o) => { o.asm.mri(F.pextrb, o.d, o.x, o.imm); o.asm.rm(F.movsx8, o.d, o.d); });
op(22, VShape.ToInt, (o) => o.asm.mri(F.pextrb, o.d, o.x, o.imm));
op(24, VShape.ToInt, (o) => { o.asm.mri(F.pextrw, o.d, o.x, o.imm); o.asm.rm(F.movsx16, o.d, o.d); });
op(25, VShape.ToInt, (o) => o.asm.mri(F.pextrw, o.d, o.x, o.imm));
op(27, VShape.ToInt, (o) => (o.imm === 0 ? o.asm.mr(F.movdR, o.d, o.x) : o.asm.mri(F.pextrd, o.d, o.x, o.imm)));
op(29, VShape.ToInt, (o) => (o.imm === 0 ? o.asm.mr(F.movqR, o.d, o.x) : o.asm.mri(F.pextrq, o.d, o.x, o.imm)));
// Float lanes: the scalar is the low lane of d (the other lanes are don't-care for f32/f64 values).
op(31, VShape.FromFloat, (o) => (o.imm === 0 ? mov(o, o.d, o.x) : o.asm.rmi(F.pshufd, o.d, o.x, o.imm)));
op(33, VShape.FromFloat, (o) => (o.imm === 0 ? mov(o, o.d, o.x) : o.asm.rmi(F.pshufd, o.d, o.x, 0xee)));
op(23, VShape.Replace, (o) => o.asm.rmi(F.pinsrb, o.d, o.y, o.imm));
op(26, VShape.Replace, (o) => o.asm.rmi(F.pinsrw, o.d, o.y, o.imm));
op(28, VShape.Replace, (o) => o.asm.rmi(F.pinsrd, o.d, o.y, o.imm));
op(30, VShape.Replace, (o) => o.asm.rmi(F.pinsrq, o.d, o.y, o.imm));
op(32, VShape.Replace, (o) => o.asm.rmi(F.insertps, o.d, o.y, o.imm << 4));
op(34, VShape.Replace, (o) => o.asm.rm(o.imm === 0 ? F.movsd : F.unpcklpd, o.d, o.y));

// ---- shuffles ----
// i8x16.shuffle: pshufb each input with its half of the mask (0x80 zeroes a byte), then or.
op(13, VShape.Bin, (o) => {
  const m = o.bytes!;
  const pick = (lo: number): number[] => [...m].map((k) => (k >= lo && k < lo + 16 ? k - lo : 0x80));
  // One input only: a single pshufb.
  const fromX = m.every((k) => k < 16), fromY = m.every((k) => k >= 16);
  if (fromX || fromY) {
    if (fromY) mov(o, o.d, o.y);
    loadBytes(o.asm, X15, pick(fromY ? 16 : 0));
    o.asm.rm(F.pshufb, o.d, X15);
    return;
  }
  o.asm.rm(F.movaps, o.t0, o.y);
  loadBytes(o.asm, X15, pick(16));
  o.asm.rm(F.pshufb, o.t0, X15);
  loadBytes(o.asm, X15, pick(0));
  o.asm.rm(F.pshufb, o.d, X15);
  o.asm.rm(F.por, o.d, o.t0);
}, 1);
// i8x16.swizzle: indices >= 16 select 0; adding 0x70 with unsigned saturation sets their top bit.
op(14, VShape.Bin, (o) => {
  splat64(o, X15, 0x70707070, 0x70707070);
  o.asm.rm(F.paddusb, X15, o.y);
  o.asm.rm(F.pshufb, o.d, X15);
});

// ---- integer arithmetic ----
const i8 = [[110, 'paddb'], [111, 'paddsb'], [112, 'paddusb'], [113, 'psubb'], [114, 'psubsb'], [115, 'psubusb'],
  [118, 'pminsb'], [119, 'pminub'], [120, 'pmaxsb'], [121, 'pmaxub'], [123, 'pavgb'], [101, 'packsswb'], [102, 'packuswb']] as const;
const i16 = [[142, 'paddw'], [143, 'paddsw'], [144, 'paddusw'], [145, 'psubw'], [146, 'psubsw'], [147, 'psubusw'], [149, 'pmullw'],
  [150, 'pminsw'], [151, 'pminuw'], [152, 'pmaxsw'], [153, 'pmaxuw'], [155, 'pavgw'], [133, 'packssdw'], [134, 'packusdw']] as const;
const i32 = [[174, 'paddd'], [177, 'psubd'], [181, 'pmulld'], [182, 'pminsd'], [183, 'pminud'], [184, 'pmaxsd'], [185, 'pmaxud'], [186, 'pmaddwd']] as const;
const i64 = [[206, 'paddq'], [209, 'psubq']] as const;
for (const [sub, name] of [...i8, ...i16, ...i32, ...i64]) bin(sub, name);
// neg: 0 - x
for (const [sub, sb] of [[97, 'psubb'], [129, 'psubw'], [161, 'psubd'], [193, 'psubq']] as const) {
  const g = f(sb);
  op(sub, VShape.Un, (o) => { o.asm.rm(F.movaps, X15, o.d); o.asm.rm(F.pxor, o.d, o.d); o.asm.rm(g, o.d, X15); });
}
un(96, 'pabsb'); un(128, 'pabsw'); un(160, 'pabsd');
// i64x2.abs: (x ^ s) - s with s = the sign broadcast.
op(192, VShape.Un, (o) => {
  o.asm.rmi(F.pshufd, X15, o.d, 0xf5);
  o.asm.mi(F.psrad, X15, 31);
  o.asm.rm(F.pxor, o.d, X15);
  o.asm.rm(F.psubq, o.d, X15);
});
// i64x2.mul: lo·lo + ((hi(x)·lo(y) + lo(x)·hi(y)) << 32)
op(213, VShape.Bin, (o) => {
  o.asm.rm(F.movaps, o.t0, o.d);
  o.asm.mi(F.psrlq, o.t0, 32);
  o.asm.rm(F.pmuludq, o.t0, o.y);
  o.asm.rm(F.movaps, X15, o.y);
  o.asm.mi(F.psrlq, X15, 32);
  o.asm.rm(F.pmuludq, X15, o.d);
  o.asm.rm(F.paddq, o.t0, X15);
  o.asm.mi(F.psllq, o.t0, 32);
  o.asm.rm(F.pmuludq, o.d, o.y);
  o.asm.rm(F.paddq, o.d, o.t0);
}, 1);
// i16x8.q15mulr_sat_s: pmulhrsw, except 0x8000 · 0x8000 gives 0x8000 where Wasm saturates to 0x7fff.
op(130, VShape.Bin, (o) => {
  o.asm.rm(f('pmulhrsw'), o.d, o.y);
  ones(o, X15);
  o.asm.mi(F.psllw, X15, 15);
  o.asm.rm(F.pcmpeqw, X15, o.d);
  o.asm.rm(F.pxor, o.d, X15);
});
// extadd_pairwise
op(124, VShape.Un, (o) => { o.asm.rm(F.movaps, X15, o.d); splat32(o, o.d, 0x01010101); o.asm.rm(F.pmaddubsw, o.d, X15); });
op(125, VShape.Un, (o) => { splat32(o, X15, 0x01010101); o.asm.rm(F.pmaddubsw, o.d, X15); });
op(126, VShape.Un, (o) => { splat32(o, X15, 0x00010001); o.asm.rm(F.pmaddwd, o.d, X15); });
// unsigned: flip to signed (x - 0x8000), add pairs, add 2·0x8000 back.
op(127, VShape.Un, (o) => {
  splat32(o, X15, 0x80008000);
  o.asm.rm(F.pxor, o.d, X15);
  splat32(o, X15, 0x00010001);
  o.asm.rm(F.pmaddwd, o.d, X15);
  splat32(o, X15, 0x00010000);
  o.asm.rm(F.paddd, o.d, X15);
});

// ---- integer compares ----
for (const [base, eq, gt, mn, mx, mnu, mxu] of [
  [35, 'pcmpeqb', 'pcmpgtb', 'pminsb', 'pmaxsb', 'pminub', 'pmaxub'],
  [45, 'pcmpeqw', 'pcmpgtw', 'pminsw', 'pmaxsw', 'pminuw', 'pmaxuw'],
  [55, 'pcmpeqd', 'pcmpgtd', 'pminsd', 'pmaxsd', 'pminud', 'pmaxud'],
] as const) {
  bin(base, eq); binNot(base + 1, eq);
  binRev(base + 2, gt); // lt_s(x, y) = gt_s(y, x)
  cmpVia(base + 3, mnu, eq, true); // lt_u = not ge_u
  bin(base + 4, gt);
  cmpVia(base + 5, mxu, eq, true); // gt_u = not le_u
  cmpVia(base + 6, mx, eq, false); // le_s
  cmpVia(base + 7, mxu, eq, false); // le_u
  cmpVia(base + 8, mn, eq, false); // ge_s
  cmpVia(base + 9, mnu, eq, false); // ge_u
}
bin(214, 'pcmpeqq'); binNot(215, 'pcmpeqq');
/**
 * i64x2 signed order without SSE4.2's pcmpgtq: x < y is the sign of
 * (x - y) ^ ((x ^ y) & ((x - y) ^ x)) (the difference's sign, corrected on overflow), spread
 * over the lane. d holds x (reused) and o.y is y; `negate` complements the mask.
 */
function lt64(o: VOperands, negate: boolean): void {
  o.asm.rm(F.movaps, o.t0, o.d);
  o.asm.rm(F.psubq, o.t0, o.y); // t0 = x - y
  o.asm.rm(F.movaps, X15, o.d);
  o.asm.rm(F.pxor, X15, o.y); // X15 = x ^ y
  o.asm.rm(F.pxor, o.d, o.t0); // d = (x - y) ^ x
  o.asm.rm(F.pand, o.d, X15);
  o.asm.rm(F.pxor, o.d, o.t0);
  o.asm.rmi(F.pshufd, o.d, o.d, 0xf5);
  o.asm.mi(F.psrad, o.d, 31);
  if (negate) {
    ones(o, X15);
    o.asm.rm(F.pxor, o.d, X15);
  }
}
op(216, VShape.Bin, (o) => lt64(o, false), 1); // lt_s(x, y)
op(217, VShape.BinRev, (o) => lt64(o, false), 1); // gt_s(x, y) = lt_s(y, x)
op(218, VShape.BinRev, (o) => lt64(o, true), 1); // le_s(x, y) = not lt_s(y, x)
op(219, VShape.Bin, (o) => lt64(o, true), 1); // ge_s(x, y) = not lt_s(x, y)

// ---- shifts (count modulo the lane width) ----
/** Puts the shift count (register y, or the constant) masked to `mask`, plus `add`, into xmm15. */
function countToX15(o: VOperands, mask: number, add: number): void {
  if (o.imm >= 0) o.asm.oi(F.movImm32, Gpr.R11, (o.imm & mask) + add);
  else {
    o.asm.rm(F.mov32, Gpr.R11, o.y);
    o.asm.mi(F.and32, Gpr.R11, mask);
    if (add) o.asm.mi(F.add32, Gpr.R11, add);
  }
  o.asm.rm(F.movdX, X15, Gpr.R11);
}
for (const [sub, reg, imm, mask] of [
  [139, 'psllw', F.psllw, 15], [140, 'psraw', F.psraw, 15], [141, 'psrlw', F.psrlw, 15],
  [171, 'pslld', F.pslld, 31], [172, 'psrad', F.psrad, 31], [173, 'psrld', F.psrld, 31],
  [203, 'psllq', F.psllq, 63], [205, 'psrlq', F.psrlq, 63],
] as const) {
  const g = f(reg);
  op(sub, VShape.Shift, (o) => {
    if (o.imm >= 0) {
      if ((o.imm & mask) !== 0) o.asm.mi(imm, o.d, o.imm & mask);
      return;
    }
    countToX15(o, mask, 0);
    o.asm.rm(g, o.d, X15);
  });
}
// i64x2.shr_s: no psraq; with s = the sign broadcast, ((x ^ s) >>u n) ^ s.
op(204, VShape.Shift, (o) => {
  o.asm.rmi(F.pshufd, o.t0, o.d, 0xf5);
  o.asm.mi(F.psrad, o.t0, 31);
  o.asm.rm(F.pxor, o.d, o.t0);
  countToX15(o, 63, 0);
  o.asm.rm(f('psrlq'), o.d, X15);
  o.asm.rm(F.pxor, o.d, o.t0);
}, 1);
// Byte shifts: widen the bytes to words (t0: low half, d: high half), shift the words, narrow.
op(107, VShape.Shift, (o) => {
  // shl: words b << 8, shifted, then >> 8: the low byte of each result is exact.
  o.asm.rm(F.pxor, o.t0, o.t0);
  o.asm.rm(F.punpcklbw, o.t0, o.d);
  o.asm.rm(F.pxor, o.t1, o.t1);
  o.asm.rm(F.punpckhbw, o.t1, o.d);
  countToX15(o, 7, 0);
  o.asm.rm(f('psllw'), o.t0, X15);
  o.asm.rm(f('psllw'), o.t1, X15);
  o.asm.mi(F.psrlw, o.t0, 8);
  o.asm.mi(F.psrlw, o.t1, 8);
  o.asm.rm(F.movaps, o.d, o.t0);
  o.asm.rm(F.packuswb, o.d, o.t1);
}, 2);
op(108, VShape.Shift, (o) => {
  // shr_s: words b·257 (b in the high byte), arithmetic shift by n + 8 gives b >> n sign-extended.
  o.asm.rm(F.movaps, o.t0, o.d);
  o.asm.rm(F.punpcklbw, o.t0, o.t0);
  o.asm.rm(F.punpckhbw, o.d, o.d);
  countToX15(o, 7, 8);
  o.asm.rm(f('psraw'), o.t0, X15);
  o.asm.rm(f('psraw'), o.d, X15);
  o.asm.rm(F.packsswb, o.t0, o.d);
  o.asm.rm(F.movaps, o.d, o.t0);
}, 1);
op(109, VShape.Shift, (o) => {
  // shr_u: zero-extended words, logical shift, pack (no saturation: every word is < 256).
  o.asm.rm(F.pxor, o.t1, o.t1);
  o.asm.rm(F.movaps, o.t0, o.d);
  o.asm.rm(F.punpcklbw, o.t0, o.t1);
  o.asm.rm(F.punpckhbw, o.d, o.t1);
  countToX15(o, 7, 0);
  o.asm.rm(f('psrlw'), o.t0, X15);
  o.asm.rm(f('psrlw'), o.d, X15);
  o.asm.rm(F.packuswb, o.t0, o.d);
  o.asm.rm(F.movaps, o.d, o.t0);
}, 2);

// ---- widening ----
const widen = (sub: number, name: string, high: boolean): void => {
  const g = f(name);
  op(sub, VShape.UnNew, (o) => {
    if (high) {
      o.asm.rmi(F.pshufd, o.d, o.x, 0xee);
      o.asm.rm(g, o.d, o.d);
    } else o.asm.rm(g, o.d, o.x);
  });
};
widen(135, 'pmovsxbw', false); widen(136, 'pmovsxbw', true); widen(137, 'pmovzxbw', false); widen(138, 'pmovzxbw', true);
widen(167, 'pmovsxwd', false); widen(168, 'pmovsxwd', true); widen(169, 'pmovzxwd', false); widen(170, 'pmovzxwd', true);
widen(199, 'pmovsxdq', false); widen(200, 'pmovsxdq', true); widen(201, 'pmovzxdq', false); widen(202, 'pmovzxdq', true);
// extmul: widen both (d aliases neither input), multiply.
const extmul = (sub: number, ext: string, mul: string, high: boolean): void => {
  const g = f(ext), m = f(mul);
  op(sub, VShape.BinNew, (o) => {
    if (high) {
      o.asm.rmi(F.pshufd, o.d, o.x, 0xee);
      o.asm.rm(g, o.d, o.d);
      o.asm.rmi(F.pshufd, X15, o.y, 0xee);
      o.asm.rm(g, X15, X15);
    } else {
      o.asm.rm(g, o.d, o.x);
      o.asm.rm(g, X15, o.y);
    }
    o.asm.rm(m, o.d, X15);
  });
};
extmul(156, 'pmovsxbw', 'pmullw', false); extmul(157, 'pmovsxbw', 'pmullw', true);
extmul(158, 'pmovzxbw', 'pmullw', false); extmul(159, 'pmovzxbw', 'pmullw', true);
extmul(188, 'pmovsxwd', 'pmulld', false); extmul(189, 'pmovsxwd', 'pmulld', true);
extmul(190, 'pmovzxwd', 'pmulld', false); extmul(191, 'pmovzxwd', 'pmulld', true);
// 32 → 64: pmuldq / pmuludq multiply dwords 0 and 2; spread the two source lanes there.
const extmul64 = (sub: number, mul: string, high: boolean): void => {
  const m = f(mul), sel = high ? 0xfa : 0x50;
  op(sub, VShape.BinNew, (o) => {
    o.asm.rmi(F.pshufd, o.d, o.x, sel);
    o.asm.rmi(F.pshufd, X15, o.y, sel);
    o.asm.rm(m, o.d, X15);
  });
};
extmul64(220, 'pmuldq', false); extmul64(221, 'pmuldq', true); extmul64(222, 'pmuludq', false); extmul64(223, 'pmuludq', true);

// ---- float ----
for (const [base, s] of [[228, 'ps'], [240, 'pd']] as const) {
  bin(base, `add${s}`); bin(base + 1, `sub${s}`); bin(base + 2, `mul${s}`); bin(base + 3, `div${s}`);
  // pmin(x, y) = y < x ? y : x, which is minps(y, x); pmax likewise.
  binRev(base + 6, `min${s}`); binRev(base + 7, `max${s}`);
}
op(227, VShape.UnNew, (o) => o.asm.rm(f('sqrtps'), o.d, o.x));
op(239, VShape.UnNew, (o) => o.asm.rm(f('sqrtpd'), o.d, o.x));
// abs / neg: sign-bit masks.
op(224, VShape.Un, (o) => { ones(o, X15); o.asm.mi(F.psrld, X15, 1); o.asm.rm(F.andps, o.d, X15); });
op(225, VShape.Un, (o) => { ones(o, X15); o.asm.mi(F.pslld, X15, 31); o.asm.rm(F.xorps, o.d, X15); });
op(236, VShape.Un, (o) => { ones(o, X15); o.asm.mi(F.psrlq, X15, 1); o.asm.rm(F.andps, o.d, X15); });
op(237, VShape.Un, (o) => { ones(o, X15); o.asm.mi(F.psllq, X15, 63); o.asm.rm(F.xorps, o.d, X15); });
/**
 * Wasm min/max: NaN if either lane is NaN, and -0 < +0. minps/maxps return their second operand
 * for NaNs and equal zeros, so compute both orders and merge; then turn NaN lanes into
 * canonical NaNs (quiet bit set, payload cleared).
 */
function minMax(sub: number, f64: boolean, isMin: boolean): void {
  const g = f(`${isMin ? 'min' : 'max'}${f64 ? 'pd' : 'ps'}`);
  const unord = f64 ? F.cmpunordpd : F.cmpunordps;
  const srl = f64 ? F.psrlq : F.psrld;
  const sub2 = f64 ? F.subpd : F.subps;
  op(sub, VShape.Bin, (o) => {
    o.asm.rm(F.movaps, X15, o.y);
    o.asm.rm(g, X15, o.d); // X15 = op(y, x)
    o.asm.rm(g, o.d, o.y); // d = op(x, y)
    if (isMin) {
      o.asm.rm(F.orps, X15, o.d); // -0 wins, NaN propagates
      o.asm.rm(unord, o.d, X15);
      o.asm.rm(F.orps, X15, o.d);
    } else {
      o.asm.rm(F.xorps, o.d, X15); // the lanes where the orders disagree
      o.asm.rm(F.orps, X15, o.d); // NaN propagates
      o.asm.rm(sub2, X15, o.d); // +0 wins over -0; NaN stays NaN
      o.asm.rm(unord, o.d, X15);
    }
    o.asm.mi(srl, o.d, f64 ? 13 : 10);
    o.asm.rm(F.andnps, o.d, X15);
  });
}
minMax(232, false, true); minMax(233, false, false); minMax(244, true, true); minMax(245, true, false);
// compares
for (const [base, s] of [[65, 'ps'], [71, 'pd']] as const) {
  bin(base, `cmpeq${s}`); bin(base + 1, `cmpneq${s}`); bin(base + 2, `cmplt${s}`);
  binRev(base + 3, `cmplt${s}`); bin(base + 4, `cmple${s}`); binRev(base + 5, `cmple${s}`);
}
// rounding (imm: mode | 8 to suppress the inexact exception)
for (const [sub, name, mode] of [[103, 'roundps', 10], [104, 'roundps', 9], [105, 'roundps', 11], [106, 'roundps', 8],
  [116, 'roundpd', 10], [117, 'roundpd', 9], [122, 'roundpd', 11], [148, 'roundpd', 8]] as const) {
  const g = form(`${name}_x_xm_imm8`);
  op(sub, VShape.UnNew, (o) => o.asm.rmi(g, o.d, o.x, mode));
}

// ---- conversions ----
op(94, VShape.UnNew, (o) => o.asm.rm(f('cvtpd2ps'), o.d, o.x)); // f32x4.demote_f64x2_zero
op(95, VShape.UnNew, (o) => o.asm.rm(f('cvtps2pd'), o.d, o.x)); // f64x2.promote_low_f32x4
op(250, VShape.UnNew, (o) => o.asm.rm(F.cvtdq2ps, o.d, o.x)); // f32x4.convert_i32x4_s
op(254, VShape.UnNew, (o) => o.asm.rm(f('cvtdq2pd'), o.d, o.x)); // f64x2.convert_low_i32x4_s
// f32x4.convert_i32x4_u: low 16 bits and the rest (halved, so it is a positive i32) convert exactly.
op(251, VShape.Un, (o) => {
  o.asm.rm(F.movaps, X15, o.d);
  o.asm.mi(F.pslld, X15, 16);
  o.asm.mi(F.psrld, X15, 16);
  o.asm.rm(F.psubd, o.d, X15);
  o.asm.rm(F.cvtdq2ps, X15, X15);
  o.asm.mi(F.psrld, o.d, 1);
  o.asm.rm(F.cvtdq2ps, o.d, o.d);
  o.asm.rm(F.addps, o.d, o.d);
  o.asm.rm(F.addps, o.d, X15);
});
// f64x2.convert_low_i32x4_u: 2^52 + x as a double's bits, minus 2^52.
op(255, VShape.Un, (o) => {
  splat32(o, X15, 0x43300000);
  o.asm.rm(F.unpcklps, o.d, X15);
  splat64(o, X15, 0x43300000, 0);
  o.asm.rm(F.subpd, o.d, X15);
});
// i32x4.trunc_sat_f32x4_s: NaN → 0; positive overflow (cvttps2dq gives 0x80000000) → 0x7fffffff.
op(248, VShape.Un, (o) => {
  o.asm.rm(F.movaps, X15, o.d);
  o.asm.rm(F.cmpeqps, X15, X15);
  o.asm.rm(F.pand, o.d, X15);
  o.asm.rm(F.pxor, X15, o.d); // top bit: the input was >= 0
  o.asm.rm(F.cvttps2dq, o.d, o.d);
  o.asm.rm(F.pand, X15, o.d); // top bit: >= 0 became negative (overflow)
  o.asm.mi(F.psrad, X15, 31);
  o.asm.rm(F.pxor, o.d, X15);
});
// i32x4.trunc_sat_f32x4_u: clamp below at 0 (NaN → 0); lanes >= 2^31 convert x - 2^31 and add it back.
op(249, VShape.Un, (o) => {
  o.asm.rm(F.pxor, X15, X15);
  o.asm.rm(F.maxps, o.d, X15);
  ones(o, X15);
  o.asm.mi(F.psrld, X15, 1);
  o.asm.rm(F.cvtdq2ps, X15, X15); // 2^31 in every lane
  o.asm.rm(F.movaps, o.t0, o.d);
  o.asm.rm(F.subps, o.t0, X15);
  o.asm.rm(F.cmpleps, X15, o.t0); // x - 2^31 >= 2^31: saturate
  o.asm.rm(F.cvttps2dq, o.t0, o.t0);
  o.asm.rm(F.pxor, o.t0, X15);
  o.asm.rm(F.pxor, X15, X15);
  o.asm.rm(F.pmaxsd, o.t0, X15);
  o.asm.rm(F.cvttps2dq, o.d, o.d);
  o.asm.rm(F.paddd, o.d, o.t0);
}, 1);
// i32x4.trunc_sat_f64x2_s_zero: NaN → 0, clamp above at 2^31 - 1 (below, cvttpd2dq gives INT_MIN).
op(252, VShape.Un, (o) => {
  o.asm.rm(F.movaps, X15, o.d);
  o.asm.rm(F.cmpeqpd, X15, o.d);
  o.asm.rm(F.movaps, o.t0, X15);
  splat64(o, X15, 0x41dfffff, 0xffc00000); // 2147483647.0
  o.asm.rm(F.andps, X15, o.t0);
  o.asm.rm(F.minpd, o.d, X15);
  o.asm.rm(F.cvttpd2dq, o.d, o.d);
}, 1);
// i32x4.trunc_sat_f64x2_u_zero: clamp to [0, 2^32 - 1] (NaN → 0), truncate, and read the
// integer from the low mantissa bits of 2^52 + x.
op(253, VShape.Un, (o) => {
  o.asm.rm(F.pxor, X15, X15);
  o.asm.rm(F.maxpd, o.d, X15);
  splat64(o, X15, 0x41efffff, 0xffe00000); // 4294967295.0
  o.asm.rm(F.minpd, o.d, X15);
  o.asm.rmi(F.roundpd, o.d, o.d, 11);
  splat64(o, X15, 0x43300000, 0);
  o.asm.rm(F.addpd, o.d, X15);
  o.asm.rm(F.pxor, X15, X15);
  o.asm.rmi(F.shufps, o.d, X15, 0x88);
});

// ---- popcnt ----
// i8x16.popcnt: two nibble lookups with pshufb.
op(98, VShape.Un, (o) => {
  splat32(o, X15, 0x0f0f0f0f);
  o.asm.rm(F.movaps, o.t1, o.d);
  o.asm.mi(F.psrlw, o.t1, 4);
  o.asm.rm(F.pand, o.t1, X15);
  o.asm.rm(F.pand, o.d, X15);
  loadBytes(o.asm, X15, [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4]);
  o.asm.rm(F.movaps, o.t0, X15);
  o.asm.rm(F.pshufb, o.t0, o.d);
  o.asm.rm(F.pshufb, X15, o.t1);
  o.asm.rm(F.paddb, X15, o.t0);
  o.asm.rm(F.movaps, o.d, X15);
}, 2);

/** The table row of SIMD sub-opcode `sub`, or undefined when it is not compiled. */
export function simdOp(sub: number): VOp | undefined {
  return ops[sub];
}


