// Emission of the float operations (MK.Float) with exact Wasm semantics: min/max with NaN and
// signed-zero rules, abs/neg/copysign as bit operations, SSE4.1 rounding, unsigned conversions,
// and the float→int truncations (trapping ones are range-checked by the IR; saturating ones
// clamp here). r11 and xmm15 are the scratch registers.
import type { Amd64Emitter } from './emit.js';
import { form } from './forms.js';
import { FOp } from './isel-num.js';
import { movConst, movFloatConst } from './emit-ops.js';
import { Cond, Gpr } from './registers.js';

const X15 = 15;

const F = {
  add: [form('addss_x_xm'), form('addsd_x_xm')], sub: [form('subss_x_xm'), form('subsd_x_xm')],
  mul: [form('mulss_x_xm'), form('mulsd_x_xm')], div: [form('divss_x_xm'), form('divsd_x_xm')],
  min: [form('minss_x_xm'), form('minsd_x_xm')], max: [form('maxss_x_xm'), form('maxsd_x_xm')],
  sqrt: [form('sqrtss_x_xm'), form('sqrtsd_x_xm')], round: [form('roundss_x_xm_imm8'), form('roundsd_x_xm_imm8')],
  ucomis: [form('ucomiss_x_xm'), form('ucomisd_x_xm')],
  andps: form('andps_x_xm'), orps: form('orps_x_xm'), xorps: form('xorps_x_xm'),
  movdX: form('movd_x_rm32'), movqX: form('movq_x_rm64'), movdR: form('movd_rm32_x'), movqR: form('movq_rm64_x'),
  cvtsi2ss32: form('cvtsi2ss_x_rm32'), cvtsi2ss64: form('cvtsi2ss_x_rm64'), cvtsi2sd32: form('cvtsi2sd_x_rm32'), cvtsi2sd64: form('cvtsi2sd_x_rm64'),
  cvttss2si32: form('cvttss2si_r32_xm'), cvttss2si64: form('cvttss2si_r64_xm'), cvttsd2si32: form('cvttsd2si_r32_xm'), cvttsd2si64: form('cvttsd2si_r64_xm'),
  cvtss2sd: form('cvtss2sd_x_xm'), cvtsd2ss: form('cvtsd2ss_x_xm'),
  test64: form('test_rm64_r64'), mov64: form('mov_r64_rm64'), shr64: form('shr_rm64_imm8'), shl64: form('shl_rm64_imm8'),
  and32I8: form('and_rm32_imm8'), or64: form('or_r64_rm64'), xor64: form('xor_r64_rm64'), xor32: form('xor_r32_rm32'),
  neg64: form('neg_rm64'), cmp32I: form('cmp_rm32_imm32'), cmp32: form('cmp_r32_rm32'), cmp64: form('cmp_r64_rm64'),
  movImm32: form('mov_r32_imm32'),
};

// Rounding-control immediates of roundss/roundsd: mode | 8 (suppress the inexact exception).
const ROUND_NEAREST = 8, ROUND_FLOOR = 9, ROUND_CEIL = 10, ROUND_TRUNC = 11;

export function emitFloat(e: Amd64Emitter, i: number): void {
  const op = e.a(i) as FOp;
  const { asm } = e;
  switch (op) {
    case FOp.Add32: case FOp.Add64: binary(e, F.add[op === FOp.Add64 ? 1 : 0]!); return;
    case FOp.Sub32: case FOp.Sub64: binary(e, F.sub[op === FOp.Sub64 ? 1 : 0]!); return;
    case FOp.Mul32: case FOp.Mul64: binary(e, F.mul[op === FOp.Mul64 ? 1 : 0]!); return;
    case FOp.Div32: case FOp.Div64: binary(e, F.div[op === FOp.Div64 ? 1 : 0]!); return;
    case FOp.Min32: case FOp.Min64: minMax(e, op === FOp.Min64 ? 1 : 0, true); return;
    case FOp.Max32: case FOp.Max64: minMax(e, op === FOp.Max64 ? 1 : 0, false); return;
    case FOp.Sqrt32: breakDependency(e, false); asm.rm(F.sqrt[0]!, e.r(1), e.rm(0)); return;
    case FOp.Sqrt64: breakDependency(e, false); asm.rm(F.sqrt[1]!, e.r(1), e.rm(0)); return;
    case FOp.Ceil32: breakDependency(e, false); asm.rmi(F.round[0]!, e.r(1), e.rm(0), ROUND_CEIL); return;
    case FOp.Floor32: breakDependency(e, false); asm.rmi(F.round[0]!, e.r(1), e.rm(0), ROUND_FLOOR); return;
    case FOp.Trunc32: breakDependency(e, false); asm.rmi(F.round[0]!, e.r(1), e.rm(0), ROUND_TRUNC); return;
    case FOp.Nearest32: breakDependency(e, false); asm.rmi(F.round[0]!, e.r(1), e.rm(0), ROUND_NEAREST); return;
    case FOp.Ceil64: breakDependency(e, false); asm.rmi(F.round[1]!, e.r(1), e.rm(0), ROUND_CEIL); return;
    case FOp.Floor64: breakDependency(e, false); asm.rmi(F.round[1]!, e.r(1), e.rm(0), ROUND_FLOOR); return;
    case FOp.Trunc64: breakDependency(e, false); asm.rmi(F.round[1]!, e.r(1), e.rm(0), ROUND_TRUNC); return;
    case FOp.Nearest64: breakDependency(e, false); asm.rmi(F.round[1]!, e.r(1), e.rm(0), ROUND_NEAREST); return;
    case FOp.Abs32: signMask(e, 0x7fffffff, 0, false, F.andps); return;
    case FOp.Neg32: signMask(e, 0x80000000 | 0, 0, false, F.xorps); return;
    case FOp.Abs64: signMask(e, -1, 0x7fffffff, true, F.andps); return;
    case FOp.Neg64: signMask(e, 0, 0x80000000 | 0, true, F.xorps); return;
    case FOp.Copysign32: case FOp.Copysign64: copysign(e, op === FOp.Copysign64); return;
    case FOp.Demote: breakDependency(e, false); asm.rm(F.cvtsd2ss, e.r(1), e.rm(0)); return;
    case FOp.Promote: breakDependency(e, false); asm.rm(F.cvtss2sd, e.r(1), e.rm(0)); return;
    case FOp.CvtI32S_F32: breakDependency(e, false); asm.rm(F.cvtsi2ss32, e.r(1), e.rm(0)); return;
    case FOp.CvtI32U_F32: case FOp.CvtI64S_F32: breakDependency(e, false); asm.rm(F.cvtsi2ss64, e.r(1), e.rm(0)); return;
    case FOp.CvtI32S_F64: breakDependency(e, false); asm.rm(F.cvtsi2sd32, e.r(1), e.rm(0)); return;
    case FOp.CvtI32U_F64: case FOp.CvtI64S_F64: breakDependency(e, false); asm.rm(F.cvtsi2sd64, e.r(1), e.rm(0)); return;
    case FOp.CvtI64U_F32: case FOp.CvtI64U_F64: convertU64(e, op === FOp.CvtI64U_F64); return;
    case FOp.TruncF32_I32S: asm.rm(F.cvttss2si32, e.r(1), e.rm(0)); return;
    case FOp.TruncF64_I32S: asm.rm(F.cvttsd2si32, e.r(1), e.rm(0)); return;
    // In range [0, 2^32): the 64-bit conversion is exact and leaves the upper half zero.
    case FOp.TruncF32_I32U: case FOp.TruncF32_I64S: asm.rm(F.cvttss2si64, e.r(1), e.rm(0)); return;
    case FOp.TruncF64_I32U: case FOp.TruncF64_I64S: asm.rm(F.cvttsd2si64, e.r(1), e.rm(0)); return;
    case FOp.TruncF32_I64U: case FOp.TruncF64_I64U: truncU64(e, op === FOp.TruncF64_I64U, false); return;
    case FOp.SatF32_I32S: case FOp.SatF64_I32S: satSigned(e, op === FOp.SatF64_I32S, false); return;
    case FOp.SatF32_I64S: case FOp.SatF64_I64S: satSigned(e, op === FOp.SatF64_I64S, true); return;
    case FOp.SatF32_I32U: case FOp.SatF64_I32U: satU32(e, op === FOp.SatF64_I32U); return;
    case FOp.SatF32_I64U: case FOp.SatF64_I64U: truncU64(e, op === FOp.SatF64_I64U, true); return;
  }
}

/**
 * Scalar SSE ops that write only the low lane keep the rest of the destination, which makes
 * them wait for its previous writer (a loop-carried dependency in a loop). Clearing the
 * destination first breaks it, unless the destination is also the source.
 */
function breakDependency(e: Amd64Emitter, intSource: boolean): void {
  const d = e.r(1);
  const src = e.loc(0);
  if (!intSource && src >= 32 && (src & 31) === d) return;
  e.asm.rm(F.xorps, d, d);
}

/** d (= x, reused) op= y. */
function binary(e: Amd64Emitter, f: ReturnType<typeof form>): void {
  e.asm.rm(f, e.r(2), e.rm(1));
}

/**
 * Wasm min/max: NaN if either is NaN; -0 < +0. minss/maxss return the second operand for NaNs
 * and for equal operands, so those cases are handled first: equal values are combined bitwise
 * (or: -0 wins for min; and: +0 wins for max), unordered ones added (a quiet NaN).
 */
function minMax(e: Amd64Emitter, w: number, isMin: boolean): void {
  const { asm, buf } = e;
  const y = e.r(1), d = e.r(2);
  const nan = buf.newLabel(), normal = buf.newLabel(), done = buf.newLabel();
  asm.rm(F.ucomis[w]!, d, y);
  e.jcc(Cond.P, nan);
  e.jcc(Cond.NE, normal);
  asm.rm(isMin ? F.orps : F.andps, d, y);
  e.jmp(done);
  buf.bindLabel(nan);
  asm.rm(F.add[w]!, d, y);
  e.jmp(done);
  buf.bindLabel(normal);
  asm.rm(isMin ? F.min[w]! : F.max[w]!, d, y);
  buf.bindLabel(done);
}

/** d (= x, reused) op= mask, with the mask built in xmm15. */
function signMask(e: Amd64Emitter, lo: number, hi: number, f64: boolean, f: ReturnType<typeof form>): void {
  movFloatConst(e, X15, lo, hi, f64);
  e.asm.rm(f, e.r(1), X15);
}

function copysign(e: Amd64Emitter, f64: boolean): void {
  const { asm } = e;
  const y = e.r(1), d = e.r(2);
  if (f64) {
    movFloatConst(e, X15, -1, 0x7fffffff, true);
    asm.rm(F.andps, d, X15);
    asm.mr(F.movqR, Gpr.R11, y);
    asm.mi(F.shr64, Gpr.R11, 63);
    asm.mi(F.shl64, Gpr.R11, 63);
    asm.rm(F.movqX, X15, Gpr.R11);
  } else {
    movFloatConst(e, X15, 0x7fffffff, 0, false);
    asm.rm(F.andps, d, X15);
    asm.mr(F.movdR, Gpr.R11, y);
    asm.mi(form('and_rm32_imm32'), Gpr.R11, 0x80000000 | 0);
    asm.rm(F.movdX, X15, Gpr.R11);
  }
  asm.rm(F.orps, d, X15);
}

/** u64 → float: values with the top bit set are halved (keeping the low bit for rounding), converted and doubled. */
function convertU64(e: Amd64Emitter, f64: boolean): void {
  const { asm, buf } = e;
  const x = e.r(0), t = e.r(1), d = e.r(2);
  const cvt = f64 ? F.cvtsi2sd64 : F.cvtsi2ss64;
  const big = buf.newLabel(), done = buf.newLabel();
  asm.mr(F.test64, x, x);
  e.jcc(Cond.S, big);
  asm.rm(F.xorps, d, d);
  asm.rm(cvt, d, x);
  e.jmp(done);
  buf.bindLabel(big);
  asm.rm(F.mov64, t, x);
  asm.mi(F.shr64, t, 1);
  asm.rm(F.mov64, Gpr.R11, x);
  asm.mi(F.and32I8, Gpr.R11, 1);
  asm.rm(F.or64, t, Gpr.R11);
  asm.rm(cvt, d, t);
  asm.rm(F.add[f64 ? 1 : 0]!, d, d);
  buf.bindLabel(done);
}

/** Loads 2^63 (or 2^64) as a float of the source width into xmm15. */
function pow2(e: Amd64Emitter, f64: boolean, exp: 63 | 64): void {
  if (f64) movFloatConst(e, X15, 0, exp === 63 ? 0x43e00000 : 0x43f00000, true);
  else movFloatConst(e, X15, exp === 63 ? 0x5f000000 : 0x5f800000, 0, false);
}

/**
 * float → u64. Values ≥ 2^63 convert as -(trunc(2^63 - x)) with the top bit flipped back
 * (2^63 - x is exact there). Saturating: NaN and x ≤ 0 give 0, x ≥ 2^64 gives all ones.
 */
function truncU64(e: Amd64Emitter, f64: boolean, saturating: boolean): void {
  const { asm, buf } = e;
  const w = f64 ? 1 : 0;
  const x = e.r(0), d = e.r(1);
  const cvt = f64 ? F.cvttsd2si64 : F.cvttss2si64;
  const big = buf.newLabel(), done = buf.newLabel(), zero = buf.newLabel(), max = buf.newLabel();
  if (saturating) {
    asm.rm(F.xorps, X15, X15);
    asm.rm(F.ucomis[w]!, x, X15);
    e.jcc(Cond.BE, zero);
  }
  pow2(e, f64, 63);
  asm.rm(F.ucomis[w]!, x, X15);
  e.jcc(Cond.AE, big);
  asm.rm(cvt, d, x);
  e.jmp(done);
  buf.bindLabel(big);
  if (saturating) {
    pow2(e, f64, 64);
    asm.rm(F.ucomis[w]!, x, X15);
    e.jcc(Cond.AE, max);
    pow2(e, f64, 63);
  }
  asm.rm(F.sub[w]!, X15, x);
  asm.rm(cvt, d, X15);
  asm.m(F.neg64, d);
  movConst(e, Gpr.R11, 0, 0x80000000 | 0);
  asm.rm(F.xor64, d, Gpr.R11);
  if (saturating) {
    e.jmp(done);
    buf.bindLabel(max);
    movConst(e, d, -1, -1);
    e.jmp(done);
    buf.bindLabel(zero);
    asm.rm(F.xor32, d, d);
  }
  buf.bindLabel(done);
}

/** Saturating float → signed int: the CPU gives MIN for NaN and out of range; fix those up. */
function satSigned(e: Amd64Emitter, f64: boolean, w64: boolean): void {
  const { asm, buf } = e;
  const w = f64 ? 1 : 0;
  const x = e.r(0), d = e.r(1);
  const done = buf.newLabel(), nan = buf.newLabel();
  if (w64) {
    asm.rm(f64 ? F.cvttsd2si64 : F.cvttss2si64, d, x);
    movConst(e, Gpr.R11, 0, 0x80000000 | 0);
    asm.rm(F.cmp64, d, Gpr.R11);
  } else {
    asm.rm(f64 ? F.cvttsd2si32 : F.cvttss2si32, d, x);
    asm.mi(F.cmp32I, d, 0x80000000 | 0);
  }
  e.jcc(Cond.NE, done);
  asm.rm(F.ucomis[w]!, x, x);
  e.jcc(Cond.P, nan);
  asm.rm(F.xorps, X15, X15);
  asm.rm(F.ucomis[w]!, x, X15);
  e.jcc(Cond.B, done); // negative overflow: MIN is right
  if (w64) movConst(e, d, -1, 0x7fffffff);
  else asm.oi(F.movImm32, d, 0x7fffffff);
  e.jmp(done);
  buf.bindLabel(nan);
  asm.rm(F.xor32, d, d);
  buf.bindLabel(done);
}

/** Saturating float → u32 through the exact 64-bit conversion, clamped to [0, 2^32 - 1]. */
function satU32(e: Amd64Emitter, f64: boolean): void {
  const { asm, buf } = e;
  const w = f64 ? 1 : 0;
  const x = e.r(0), d = e.r(1);
  const done = buf.newLabel(), zero = buf.newLabel();
  asm.rm(F.xorps, X15, X15);
  asm.rm(F.ucomis[w]!, x, X15);
  e.jcc(Cond.BE, zero);
  asm.rm(f64 ? F.cvttsd2si64 : F.cvttss2si64, d, x);
  asm.oi(F.movImm32, Gpr.R11, 0xffffffff);
  asm.rm(F.cmp64, d, Gpr.R11);
  e.jcc(Cond.BE, done);
  asm.oi(F.movImm32, d, 0xffffffff);
  e.jmp(done);
  buf.bindLabel(zero);
  asm.rm(F.xor32, d, d);
  buf.bindLabel(done);
}
