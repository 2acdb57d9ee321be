// Encoded A64 code run for real under qemu-aarch64: small functions built with the encoder
// (arithmetic, bitfields, logical immediates, loads/stores in every addressing mode, calls,
// branches, literal pools, floating point) are called with several inputs by a static driver
// (qemu/run-code.cc) and their results compared with JavaScript references. This checks meaning,
// where the objdump test checks spelling.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodeBuffer } from '../../../src/backend/code-buffer.js';
import { loadConstant } from '../../../src/backend/arm64/constants.js';
import { Assembler, type Operand } from '../../../src/backend/arm64/encoder.js';
import { form } from '../../../src/backend/arm64/forms.js';
import { Cond, Extend, FP, LR, Shift, SP, v } from '../../../src/backend/arm64/registers.js';
import { repoRoot } from '../../../src/engine/native/gen-layout.js';

const tools = ['aarch64-linux-gnu-g++', 'qemu-aarch64'];
const missing = tools.filter((t) => spawnSync(t, ['--version']).error !== undefined);

type Args = [bigint, bigint, bigint];
/** A reference result, or 'nan' when any NaN bit pattern is right. */
type Expected = bigint | 'nan';
interface Program { name: string; build: (asm: Assembler) => void; cases: [Args, Expected][] }

const M64 = (1n << 64n) - 1n;
const u64 = (x: bigint): bigint => BigInt.asUintN(64, x);
const u32 = (x: bigint): bigint => BigInt.asUintN(32, x);
const s64 = (x: bigint): bigint => BigInt.asIntN(64, x);
const s32 = (x: bigint): bigint => BigInt.asIntN(32, x);
const sx = (bits: number, x: bigint): bigint => u64(BigInt.asIntN(bits, x));
const f64 = new Float64Array(1);
const b64 = new BigUint64Array(f64.buffer);
const f32 = new Float32Array(1);
const b32 = new Uint32Array(f32.buffer);
const dbits = (d: number): bigint => ((f64[0] = d), b64[0]!);
const dval = (b: bigint): number => ((b64[0] = b), f64[0]!);
const sbits = (s: number): bigint => ((f32[0] = s), BigInt(b32[0]!));
const sval = (b: bigint): number => ((b32[0] = Number(b)), f32[0]!);
const dres = (d: number): Expected => (Number.isNaN(d) ? 'nan' : dbits(d));

const ints: bigint[] = [0n, 1n, 0x7fn, 0x80n, 0xfedcba9876543210n, 0x123456789abcdefn, M64, 1n << 63n, 0xffffffffn, 0x80000000n];
const pairs: [bigint, bigint][] = [[7n, 3n], [u64(-7n), 2n], [0xfedcba9876543210n, 0x13n], [1n << 63n, M64], [0x80000000n, 0xffffffffn], [5n, 0n]];

/** x0 = one instruction of x0, x1, x2 (W forms zero the upper half). */
function alu(name: string, ops: Operand[], ref: (a: bigint, b: bigint, c: bigint) => bigint): Program {
  const args: Args[] = pairs.map(([a, b]) => [a, b, 0x1234n]);
  return {
    name: `${name}(${ops.join(', ')})`,
    build: (asm) => { asm.emit(form(name), ...ops); asm.emit(form('ret')); },
    cases: args.map((a) => [a, u64(ref(...a))]),
  };
}

const rotr = (x: bigint, n: bigint, w: bigint): bigint => ((x >> n) | (x << ((w - n) % w))) & ((1n << w) - 1n);
const clz = (x: bigint, w: number): bigint => { let n = 0n; for (let i = w - 1; i >= 0 && !((x >> BigInt(i)) & 1n); i--) n++; return n; };
const rbit = (x: bigint, w: number): bigint => { let r = 0n; for (let i = 0; i < w; i++) if ((x >> BigInt(i)) & 1n) r |= 1n << BigInt(w - 1 - i); return r; };
const bswap = (x: bigint, bytes: number): bigint => { let r = 0n; for (let i = 0; i < bytes; i++) r = (r << 8n) | ((x >> BigInt(8 * i)) & 0xffn); return r; };
const sdiv = (a: bigint, b: bigint, w: number): bigint => (b === 0n ? 0n : BigInt.asIntN(w, a) / BigInt.asIntN(w, b));

const integer: Program[] = [
  alu('add_x_shifted', [0, 0, 1, Shift.LSL, 3], (a, b) => a + (b << 3n)),
  alu('sub_w_ext', [0, 0, 1, Extend.SXTB, 2], (a, b) => u32(a - (BigInt.asIntN(8, b) << 2n))),
  alu('add_x_ext', [0, 0, 1, Extend.SXTW, 0], (a, b) => a + s32(b)),
  alu('and_x_imm', [0, 0, 0xffff0000ffff0000n], (a) => a & 0xffff0000ffff0000n),
  alu('orr_w_imm', [0, 0, 0x80000001], (a) => u32(a | 0x80000001n)),
  alu('eor_x_shifted', [0, 0, 1, Shift.ROR, 7], (a, b) => a ^ rotr(b, 7n, 64n)),
  alu('bic_x_shifted', [0, 0, 1, Shift.LSR, 4], (a, b) => a & ~(b >> 4n)),
  alu('lsl_x_imm', [0, 0, 13], (a) => a << 13n),
  alu('lsr_w_imm', [0, 0, 5], (a) => u32(a) >> 5n),
  alu('asr_x_imm', [0, 0, 63], (a) => s64(a) >> 63n),
  alu('ubfx_x', [0, 0, 4, 8], (a) => (a >> 4n) & 0xffn),
  alu('sbfx_x', [0, 0, 8, 8], (a) => sx(8, a >> 8n)),
  alu('ubfiz_w', [0, 0, 3, 4], (a) => (a & 0xfn) << 3n),
  alu('bfi_x', [0, 1, 8, 16], (a, b) => (a & ~(0xffffn << 8n)) | ((b & 0xffffn) << 8n)),
  alu('sxtw_x', [0, 0], (a) => sx(32, a)),
  alu('sxtb_w', [0, 0], (a) => u32(BigInt.asIntN(8, a))),
  alu('uxth_w', [0, 0], (a) => a & 0xffffn),
  alu('clz_x', [0, 0], (a) => clz(a, 64)),
  alu('clz_w', [0, 0], (a) => clz(u32(a), 32)),
  alu('rbit_x', [0, 0], (a) => rbit(a, 64)),
  alu('rev_x', [0, 0], (a) => bswap(a, 8)),
  alu('rev_w', [0, 0], (a) => bswap(u32(a), 4)),
  alu('ror_x_imm', [0, 0, 13], (a) => rotr(a, 13n, 64n)),
  alu('extr_x', [0, 0, 1, 12], (a, b) => (b >> 12n) | (a << 52n)),
  alu('udiv_x', [0, 0, 1], (a, b) => (b === 0n ? 0n : a / b)),
  alu('sdiv_w', [0, 0, 1], (a, b) => u32(sdiv(a, b, 32))),
  alu('sdiv_x', [0, 0, 1], (a, b) => sdiv(a, b, 64)),
  alu('lslv_x', [0, 0, 1], (a, b) => a << (b & 63n)),
  alu('asr_w_reg', [0, 0, 1], (a, b) => u32(s32(a) >> (b & 31n))),
  alu('rorv_x', [0, 0, 1], (a, b) => rotr(a, b & 63n, 64n)),
  alu('madd_x', [0, 0, 1, 2], (a, b, c) => a * b + c),
  alu('msub_w', [0, 0, 1, 2], (a, b, c) => u32(c - a * b)),
  alu('smulh_x', [0, 0, 1], (a, b) => (s64(a) * s64(b)) >> 64n),
  alu('umulh_x', [0, 0, 1], (a, b) => (a * b) >> 64n),
  alu('smull_x', [0, 0, 1], (a, b) => s32(a) * s32(b)),
  alu('neg_x', [0, 1, Shift.ASR, 1], (_a, b) => -(s64(b) >> 1n)),
  alu('mvn_w', [0, 1, Shift.LSL, 0], (_a, b) => u32(~b)),
  alu('movk_x', [0, 0xabcd, 16], (a) => (a & ~(0xffffn << 16n)) | (0xabcdn << 16n)),
  alu('movn_w', [0, 0x1234, 16], () => u32(~(0x1234n << 16n))),
  alu('add_x_imm', [0, 0, 0xfff, 12], (a) => a + (0xfffn << 12n)),
  alu('cmp_x_shifted', [0, 1, Shift.LSL, 0], (a) => a), // sets flags only: x0 is unchanged
];

/** Two instructions: a compare, then a conditional instruction on it. */
function cond(cmp: Operand[], name: string, ops: Operand[], ref: (a: bigint, b: bigint) => bigint): Program {
  return {
    name: `cmp; ${name}(${ops.join(', ')})`,
    build: (asm) => { asm.emit(form('cmp_x_shifted'), ...cmp); asm.emit(form(name), ...ops); asm.emit(form('ret')); },
    cases: pairs.map(([a, b]) => [[a, b, 0n], u64(ref(a, b))]),
  };
}

const conditions: Program[] = [
  cond([0, 1, Shift.LSL, 0], 'csel_x', [0, 0, 1, Cond.LT], (a, b) => (s64(a) < s64(b) ? a : b)),
  cond([0, 1, Shift.LSL, 0], 'cset_w', [0, Cond.HI], (a, b) => (a > b ? 1n : 0n)),
  cond([0, 1, Shift.LSL, 0], 'csetm_x', [0, Cond.GE], (a, b) => (s64(a) >= s64(b) ? M64 : 0n)),
  cond([0, 1, Shift.LSL, 0], 'cinc_x', [0, 1, Cond.EQ], (a, b) => (a === b ? b + 1n : b)),
  cond([0, 1, Shift.LSL, 0], 'cneg_x', [0, 1, Cond.LO], (a, b) => (a < b ? -b : b)),
];

conditions.push({
  name: 'cmp; ccmp ne; cset eq (a != b && a == c)',
  build: (asm) => {
    asm.emit(form('cmp_x_shifted'), 0, 1, Shift.LSL, 0);
    asm.emit(form('ccmp_x_reg'), 0, 2, 0, Cond.NE);
    asm.emit(form('cset_x'), 0, Cond.EQ);
    asm.emit(form('ret'));
  },
  cases: ([[1n, 2n, 1n], [1n, 1n, 1n], [1n, 2n, 3n], [M64, 0n, M64]] as Args[]).map((a) => [a, a[0] !== a[1] && a[0] === a[2] ? 1n : 0n]),
});

const memory: Program[] = [
  {
    name: 'str x; ldrsb',
    build: (asm) => { asm.emit(form('str_x_uoff'), 0, 3, 8); asm.emit(form('ldrsb_x_uoff'), 0, 3, 9); asm.emit(form('ret')); },
    cases: ints.map((a) => [[a, 0n, 0n], sx(8, a >> 8n)]),
  },
  {
    name: 'str w [x3, x1, lsl #2]; ldrsw [x3, w1, uxtw #2]; ldrh [x3, x1] ',
    build: (asm) => {
      asm.emit(form('str_w_reg'), 0, 3, 1, Extend.UXTX, 1);
      asm.emit(form('ldrsw_reg'), 9, 3, 1, Extend.UXTW, 1);
      asm.emit(form('lsl_x_imm'), 1, 1, 2);
      asm.emit(form('ldrh_reg'), 10, 3, 1, Extend.UXTX, 0);
      asm.emit(form('add_x_shifted'), 0, 9, 10, Shift.LSL, 32);
      asm.emit(form('ret'));
    },
    cases: ints.map((a) => [[a, 5n, 0n], u64(sx(32, a) + ((a & 0xffffn) << 32n))]),
  },
  {
    name: 'Wasm-style addressing: ldrsh [x3, w1, sxtw #1] with a negative index, ldrb [x3, w2, uxtw]',
    build: (asm) => {
      asm.emit(form('add_x_imm'), 9, 3, 256, 0);
      asm.emit(form('str_x_uoff'), 0, 9, 0);
      asm.emit(form('str_x_unscaled'), 0, 9, -8);
      asm.emit(form('ldrsh_w_reg'), 10, 9, 1, Extend.SXTW, 1); // w1 = -3: x9 - 6
      asm.emit(form('ldrb_reg'), 11, 3, 2, Extend.UXTW, 0); // w2 = 250: x3 + 250
      asm.emit(form('add_w_shifted'), 0, 10, 11, Shift.LSL, 8);
      asm.emit(form('ret'));
    },
    cases: ints.map((a) => [[a, u64(-3n) | (0xabcdn << 32n), 250n | (1n << 40n)], u32(BigInt.asIntN(16, a >> 16n) + (((a >> 16n) & 0xffn) << 8n))]),
  },
  {
    name: 'pre/post-index walk',
    build: (asm) => {
      asm.emit(form('add_x_imm'), 9, 3, 64, 0);
      asm.emit(form('str_x_pre'), 0, 9, -8);
      asm.emit(form('str_x_pre'), 1, 9, -8);
      asm.emit(form('ldr_x_post'), 10, 9, 8);
      asm.emit(form('ldr_x_post'), 11, 9, 8);
      asm.emit(form('sub_x_shifted'), 0, 10, 11, Shift.LSL, 0);
      asm.emit(form('sub_x_ext'), 12, 9, 3, Extend.UXTX, 0);
      asm.emit(form('add_x_shifted'), 0, 0, 12, Shift.LSL, 0);
      asm.emit(form('ret'));
    },
    cases: pairs.map(([a, b]) => [[a, b, 0n], u64(b - a + 64n)]),
  },
  {
    name: 'stack frame: stp/ldp pre/post/offset, ldur via x29',
    build: (asm) => {
      asm.emit(form('stp_x_pre'), FP, LR, SP, -32);
      asm.emit(form('mov_x_sp'), FP, SP);
      asm.emit(form('stp_x_off'), 0, 1, SP, 16);
      asm.emit(form('ldp_x_off'), 10, 9, SP, 16);
      asm.emit(form('ldr_x_unscaled'), 11, FP, 24);
      asm.emit(form('sub_x_shifted'), 0, 9, 10, Shift.LSL, 0);
      asm.emit(form('eor_x_shifted'), 0, 0, 11, Shift.LSL, 0);
      asm.emit(form('ldp_x_post'), FP, LR, SP, 32);
      asm.emit(form('ret'));
    },
    cases: pairs.map(([a, b]) => [[a, b, 0n], u64(b - a) ^ b]),
  },
  {
    name: 'fp and q memory: str d, ldr q, str q, ldr x',
    build: (asm) => {
      asm.emit(form('fmov_d_x'), v(0), 0);
      asm.emit(form('str_d_uoff'), v(0), 3, 16);
      asm.emit(form('str_x_uoff'), 1, 3, 24);
      asm.emit(form('ldr_q_uoff'), v(1), 3, 16);
      asm.emit(form('str_q_pre'), v(1), 3, 48);
      asm.emit(form('ldr_x_uoff'), 0, 3, 8); // old x3 + 56: the high half
      asm.emit(form('ret'));
    },
    cases: pairs.map(([a, b]) => [[a, b, 0n], b]),
  },
];

const branches: Program[] = [
  {
    name: 'tbz x0, #40',
    build: (asm) => {
      const set = asm.buf.newLabel();
      asm.emit(form('tbnz_x'), 0, 40, set);
      asm.emit(form('movz_x'), 0, 1, 0);
      asm.emit(form('ret'));
      asm.buf.bindLabel(set);
      asm.emit(form('movz_x'), 0, 2, 0);
      asm.emit(form('ret'));
    },
    cases: ints.map((a) => [[a, 0n, 0n], (a >> 40n) & 1n ? 2n : 1n]),
  },
  {
    name: 'loop: sum 1..n (cbz, subs, b.ne)',
    build: (asm) => {
      const top = asm.buf.newLabel();
      const done = asm.buf.newLabel();
      asm.emit(form('movz_x'), 9, 0, 0);
      asm.emit(form('cbz_x'), 0, done);
      asm.buf.bindLabel(top);
      asm.emit(form('add_x_shifted'), 9, 9, 0, Shift.LSL, 0);
      asm.emit(form('subs_x_imm'), 0, 0, 1, 0);
      asm.emit(form('b_cond'), Cond.NE, top);
      asm.buf.bindLabel(done);
      asm.emit(form('mov_x_reg'), 0, 9);
      asm.emit(form('ret'));
    },
    cases: [0n, 1n, 10n, 1000n].map((n) => [[n, 0n, 0n], (n * (n + 1n)) / 2n]),
  },
  {
    name: 'bl to a local function, br through adr, udf skipped',
    build: (asm) => {
      const twice = asm.buf.newLabel();
      const after = asm.buf.newLabel();
      asm.emit(form('stp_x_pre'), FP, LR, SP, -16);
      asm.emit(form('bl'), twice);
      asm.emit(form('adr'), 9, after);
      asm.emit(form('br'), 9);
      asm.emit(form('udf'), 1);
      asm.buf.bindLabel(after);
      asm.emit(form('add_x_imm'), 0, 0, 1, 0);
      asm.emit(form('ldp_x_post'), FP, LR, SP, 16);
      asm.emit(form('ret'));
      asm.buf.bindLabel(twice);
      asm.emit(form('add_x_shifted'), 0, 0, 0, Shift.LSL, 0);
      asm.emit(form('ret'));
    },
    cases: ints.map((a) => [[a, 0n, 0n], u64(2n * a + 1n)]),
  },
  {
    name: 'literal pool: ldr x, ldr d (lit), blr',
    build: (asm) => {
      const pool = asm.buf.newLabel();
      asm.emit(form('ldr_x_lit'), 0, pool);
      asm.emit(form('ldr_d_lit'), v(2), pool);
      asm.emit(form('fmov_x_d'), 9, v(2));
      asm.emit(form('eor_x_shifted'), 0, 0, 9, Shift.LSL, 1);
      asm.emit(form('ret'));
      asm.buf.bindLabel(pool);
      asm.buf.emit64(0x0123456789abcdefn);
    },
    cases: [[[0n, 0n, 0n], 0x0123456789abcdefn ^ u64(0x0123456789abcdefn << 1n)]],
  },
];

const constantValues = [0n, 0xffffn, -1n, 0xffffffffffff1234n, 0x5555555555551234n, 0x123456789abcdef0n, 0xffff1234ffff5678n, 0x0f0f0f0f0f0f0f0fn, 0x80000000n];
const constants: Program[] = constantValues.flatMap((value) => ([64, 32] as const).map((width): Program => ({
  name: `loadConstant(0x${value.toString(16)}, ${width})`,
  build: (asm) => { loadConstant(asm, 0, value, width); asm.emit(form('ret')); },
  cases: [[[0x1111n, 0n, 0n], BigInt.asUintN(width, value)]],
})));

/** d0 = OP(d0, d1) on doubles passed and returned as bits. */
function fp(name: string, ops: Operand[], ref: (a: number, b: number) => number, inputs: [number, number][]): Program {
  return {
    name: `${name}`,
    build: (asm) => {
      asm.emit(form('fmov_d_x'), v(0), 0);
      asm.emit(form('fmov_d_x'), v(1), 1);
      asm.emit(form(name), ...ops);
      asm.emit(form('fmov_x_d'), 0, v(0));
      asm.emit(form('ret'));
    },
    cases: inputs.map(([a, b]) => [[dbits(a), dbits(b), 0n], dres(ref(a, b))]),
  };
}

const dpairs: [number, number][] = [[1.5, 2.25], [-0, 0], [NaN, 1], [1e308, 1e308], [-3.5, 0.5], [2.5, -Infinity]];
const roundHalfEven = (x: number): number => {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
};
/** FCVTZS/FCVTZU: truncate and saturate, NaN → 0. */
const sat = (x: number, lo: bigint, hi: bigint): bigint => {
  if (Number.isNaN(x)) return 0n;
  if (x <= Number(lo)) return lo;
  if (x >= Number(hi)) return hi;
  return BigInt(Math.trunc(x));
};

const float: Program[] = [
  fp('fadd_d', [v(0), v(0), v(1)], (a, b) => a + b, dpairs),
  fp('fsub_d', [v(0), v(0), v(1)], (a, b) => a - b, dpairs),
  fp('fmul_d', [v(0), v(0), v(1)], (a, b) => a * b, dpairs),
  fp('fdiv_d', [v(0), v(0), v(1)], (a, b) => a / b, dpairs),
  fp('fmin_d', [v(0), v(0), v(1)], (a, b) => Math.min(a, b), dpairs),
  fp('fmax_d', [v(0), v(0), v(1)], (a, b) => Math.max(a, b), dpairs),
  fp('fsqrt_d', [v(0), v(1)], (_a, b) => Math.sqrt(b), dpairs),
  fp('fneg_d', [v(0), v(1)], (_a, b) => -b, dpairs),
  fp('fabs_d', [v(0), v(0)], (a) => Math.abs(a), dpairs),
  fp('frintm_d', [v(0), v(0)], (a) => Math.floor(a), [[-2.5, 0], [2.5, 0], [-0.5, 0]]),
  fp('frintp_d', [v(0), v(0)], (a) => Math.ceil(a), [[-2.5, 0], [2.5, 0], [-0.5, 0]]),
  fp('frintz_d', [v(0), v(0)], (a) => Math.trunc(a), [[-2.5, 0], [2.7, 0], [-0.5, 0]]),
  fp('frintn_d', [v(0), v(0)], roundHalfEven, [[-2.5, 0], [3.5, 0], [0.5, 0], [1.2, 0]]),
  fp('fmov_d_imm', [v(0), -0.1875], () => -0.1875, [[0, 0]]),
  {
    name: 'fcmp d0, d1; fcsel gt',
    build: (asm) => {
      asm.emit(form('fmov_d_x'), v(0), 0);
      asm.emit(form('fmov_d_x'), v(1), 1);
      asm.emit(form('fcmp_d'), v(0), v(1));
      asm.emit(form('fcsel_d'), v(0), v(0), v(1), Cond.GT);
      asm.emit(form('fmov_x_d'), 0, v(0));
      asm.emit(form('ret'));
    },
    cases: dpairs.map(([a, b]) => [[dbits(a), dbits(b), 0n], dres(a > b ? a : b)]),
  },
  {
    name: 'fcmp d0, #0.0; cset gt',
    build: (asm) => {
      asm.emit(form('fmov_d_x'), v(0), 0);
      asm.emit(form('fcmp_d_zero'), v(0));
      asm.emit(form('cset_x'), 0, Cond.GT);
      asm.emit(form('ret'));
    },
    cases: dpairs.map(([a]) => [[dbits(a), 0n, 0n], a > 0 ? 1n : 0n]),
  },
  {
    name: 'fcmp d0, d1; cset mi (ordered less than)',
    build: (asm) => {
      asm.emit(form('fmov_d_x'), v(0), 0);
      asm.emit(form('fmov_d_x'), v(1), 1);
      asm.emit(form('fcmp_d'), v(0), v(1));
      asm.emit(form('cset_x'), 0, Cond.MI);
      asm.emit(form('ret'));
    },
    cases: dpairs.map(([a, b]) => [[dbits(a), dbits(b), 0n], a < b ? 1n : 0n]),
  },
  {
    name: 'fcvtzs x, d',
    build: (asm) => {
      asm.emit(form('fmov_d_x'), v(0), 0);
      asm.emit(form('fcvtzs_x_d'), 0, v(0));
      asm.emit(form('ret'));
    },
    cases: [1.9, -1.9, 1e300, -1e300, NaN, -0.5, 9.2e18].map((d) => [[dbits(d), 0n, 0n], u64(sat(d, -(1n << 63n), (1n << 63n) - 1n))]),
  },
  {
    name: 'fcvtzu w, d',
    build: (asm) => { asm.emit(form('fmov_d_x'), v(0), 0); asm.emit(form('fcvtzu_w_d'), 0, v(0)); asm.emit(form('ret')); },
    cases: [1.9, -1.9, 5e9, NaN, 4294967295.5].map((d) => [[dbits(d), 0n, 0n], sat(d, 0n, 0xffffffffn)]),
  },
  {
    name: 'scvtf d, x',
    build: (asm) => { asm.emit(form('scvtf_d_x'), v(0), 0); asm.emit(form('fmov_x_d'), 0, v(0)); asm.emit(form('ret')); },
    cases: ints.map((a) => [[a, 0n, 0n], dbits(Number(s64(a)))]),
  },
  {
    name: 'ucvtf s, w; fcvt d, s',
    build: (asm) => {
      asm.emit(form('ucvtf_s_w'), v(0), 0);
      asm.emit(form('fcvt_d_s'), v(1), v(0));
      asm.emit(form('fmov_x_d'), 0, v(1));
      asm.emit(form('ret'));
    },
    cases: ints.map((a) => [[a, 0n, 0n], dbits(sval(sbits(Number(u32(a)))))]),
  },
  {
    name: 'fmov s, w; fadd s; fmov w, s',
    build: (asm) => {
      asm.emit(form('fmov_s_w'), v(0), 0);
      asm.emit(form('fmov_s_w'), v(1), 1);
      asm.emit(form('fadd_s'), v(0), v(0), v(1));
      asm.emit(form('fmov_w_s'), 0, v(0));
      asm.emit(form('ret'));
    },
    cases: [[1.5, 2.25], [1e38, 1e38], [0.1, 0.2]].map(([a, b]) => [[sbits(a!), sbits(b!), 0n], sbits(Math.fround(Math.fround(a!) + Math.fround(b!)))]),
  },
];

/** Lanes of a 64-bit value (the low half of a vector). */
const lanes = (x: bigint, bits: number): bigint[] => Array.from({ length: 64 / bits }, (_, i) => (x >> BigInt(i * bits)) & ((1n << BigInt(bits)) - 1n));
const joinLanes = (ls: bigint[], bits: number): bigint => ls.reduce((acc, l, i) => acc | (BigInt.asUintN(bits, l) << BigInt(i * bits)), 0n);
/** v0 = {x0, x1} as 2d; then the body; the result is v0.d[0] (or what the body leaves in x0). */
function simd(name: string, body: (asm: Assembler) => void, ref: (a: bigint, b: bigint) => bigint): Program {
  return {
    name,
    build: (asm) => {
      asm.emit(form('dup_v_2d_gpr'), v(0), 0);
      asm.emit(form('ins_v_d_gpr'), v(0), 1, 1);
      body(asm);
      asm.emit(form('ret'));
    },
    cases: pairs.map(([a, b]) => [[a, b, 0n], u64(ref(a, b))]),
  };
}
const toX0 = (asm: Assembler): void => asm.emit(form('umov_x_d'), 0, v(0), 0);

const vector: Program[] = [
  simd('add 4s of the two halves', (asm) => {
    asm.emit(form('ext_v_16b'), v(1), v(0), v(0), 8);
    asm.emit(form('add_v_4s'), v(0), v(0), v(1));
    toX0(asm);
  }, (a, b) => joinLanes(lanes(a, 32).map((l, i) => l + lanes(b, 32)[i]!), 32)),
  simd('shl 8h #3, sshr 4s #5, ushr 2d #60', (asm) => {
    asm.emit(form('shl_v_8h'), v(1), v(0), 3);
    asm.emit(form('sshr_v_4s'), v(2), v(0), 5);
    asm.emit(form('ushr_v_2d'), v(3), v(0), 60);
    asm.emit(form('eor_v_16b'), v(0), v(1), v(2));
    asm.emit(form('eor_v_16b'), v(0), v(0), v(3));
    toX0(asm);
  }, (a) => joinLanes(lanes(a, 16).map((l) => l << 3n), 16) ^ joinLanes(lanes(a, 32).map((l) => BigInt.asIntN(32, l) >> 5n), 32) ^ (a >> 60n)),
  simd('cmeq 16b with the high half', (asm) => {
    asm.emit(form('ext_v_16b'), v(1), v(0), v(0), 8);
    asm.emit(form('cmeq_v_16b'), v(0), v(0), v(1));
    toX0(asm);
  }, (a, b) => joinLanes(lanes(a, 8).map((l, i) => (l === lanes(b, 8)[i] ? 0xffn : 0n)), 8)),
  simd('addv 8h of the whole vector', (asm) => {
    asm.emit(form('addv_v_8h'), v(1), v(0));
    asm.emit(form('umov_w_h'), 0, v(1), 0);
  }, (a, b) => [...lanes(a, 16), ...lanes(b, 16)].reduce((x, y) => x + y, 0n) & 0xffffn),
  simd('tbl: reverse the bytes of the vector', (asm) => {
    asm.emit(form('movi_v_2d'), v(1), 0n); // index vector 15..0 built from a constant
    for (let i = 0; i < 16; i++) {
      asm.emit(form('movz_w'), 9, 15 - i, 0);
      asm.emit(form('ins_v_b_gpr'), v(1), i, 9);
    }
    asm.emit(form('tbl_v_16b'), v(0), v(0), v(1));
    toX0(asm);
  }, (_a, b) => bswap(b, 8)),
  simd('xtn 4h from 4s, sshll 4s from 4h (sign-extend the low 16 bits of each word)', (asm) => {
    asm.emit(form('xtn_v_4h'), v(1), v(0));
    asm.emit(form('sshll_v_4s'), v(0), v(1), 0);
    toX0(asm);
  }, (a) => joinLanes(lanes(a, 32).map((l) => BigInt.asIntN(16, l)), 32)),
  simd('smov x from h lane 5 (sign-extended)', (asm) => asm.emit(form('smov_x_h'), 0, v(0), 5), (_a, b) => sx(16, b >> 16n)),
  simd('ld1r 4s, ld1 h lane 1, st1 d lane 0', (asm) => {
    asm.emit(form('stp_x_off'), 0, 1, 3, 0);
    asm.emit(form('ld1r_v_4s'), v(0), 3);
    asm.emit(form('add_x_imm'), 9, 3, 8, 0);
    asm.emit(form('ld1_lane_h'), v(0), 1, 9);
    asm.emit(form('add_x_imm'), 10, 3, 32, 0);
    asm.emit(form('st1_lane_d'), v(0), 0, 10);
    asm.emit(form('ldr_x_uoff'), 0, 3, 32);
  }, (a, b) => {
    const lo = a & 0xffffffffn;
    return ((lo & 0xffffn) | ((b & 0xffffn) << 16n)) | (lo << 32n);
  }),
  simd('smull 4s from 4h (squares of the low halfwords)', (asm) => {
    asm.emit(form('smull_v_4s'), v(1), v(0), v(0));
    asm.emit(form('umov_x_d'), 0, v(1), 0);
  }, (a) => joinLanes(lanes(a, 16).slice(0, 2).map((l) => BigInt.asIntN(16, l) ** 2n), 32)),
  simd('uaddlp 8h from 16b (pairwise byte sums)', (asm) => {
    asm.emit(form('uaddlp_v_8h'), v(0), v(0));
    toX0(asm);
  }, (a) => joinLanes(lanes(a, 16).map((l) => (l & 0xffn) + (l >> 8n)), 16)),
  simd('uzp1 4s: even words', (asm) => {
    asm.emit(form('uzp1_v_4s'), v(0), v(0), v(0));
    toX0(asm);
  }, (a, b) => (a & 0xffffffffn) | ((b & 0xffffffffn) << 32n)),
];

describe('backend/arm64: encoded code runs under qemu-aarch64', function () {
  this.timeout(120_000);
  let dir = '';
  let exe = '';
  before(function () {
    if (missing.length > 0) {
      console.log(`    skipped: missing ${missing.join(', ')} (Debian: g++-aarch64-linux-gnu qemu-user)`);
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), 'zw-arm64-exec-'));
    exe = join(dir, 'run-code');
    const driver = join(repoRoot(), 'test', 'backend', 'arm64', 'qemu', 'run-code.cc');
    const cc = spawnSync('aarch64-linux-gnu-g++', ['-std=c++17', '-O1', '-static', '-o', exe, driver], { encoding: 'utf8' });
    expect(cc.status, cc.stderr).to.equal(0);
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('every program returns what the JavaScript reference computes', () => {
    const programs = [...integer, ...conditions, ...memory, ...branches, ...float, ...constants, ...vector];
    const asm = new Assembler(new CodeBuffer());
    const starts: number[] = [];
    for (const p of programs) {
      while (asm.buf.length % 16) asm.emit(form('nop'));
      starts.push(asm.buf.length);
      p.build(asm);
    }
    asm.buf.resolveFixups();
    const code = join(dir, 'code.bin');
    writeFileSync(code, asm.buf.finish());
    const lines: string[] = [];
    const expected: { label: string; want: Expected }[] = [];
    programs.forEach((p, i) => {
      for (const [args, want] of p.cases) {
        lines.push([BigInt(starts[i]!), ...args].map((x) => x.toString(16)).join(' '));
        expected.push({ label: `${p.name} (${args.map((x) => `0x${x.toString(16)}`).join(', ')})`, want });
      }
    });
    const run = spawnSync('qemu-aarch64', [exe, code], { input: lines.join('\n') + '\n', encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).to.equal(0);
    const got = run.stdout.trim().split('\n');
    expect(got.length, run.stderr).to.equal(expected.length);
    const wrong: string[] = [];
    expected.forEach(({ label, want }, i) => {
      const value = BigInt(`0x${got[i]}`);
      const ok = want === 'nan' ? Number.isNaN(dval(value)) : value === want;
      if (!ok) wrong.push(`${label}: got 0x${value.toString(16)}, want ${want === 'nan' ? 'NaN' : `0x${want.toString(16)}`}`);
    });
    console.log(`    ${programs.length} programs, ${expected.length} calls under qemu-aarch64`);
    expect(wrong).to.deep.equal([]);
  });
});
