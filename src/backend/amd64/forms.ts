// amd64 instruction forms as data: one row per encoding the backend may emit. The encoder, the
// printer and the disassembler cross-check (test/backend/amd64) all read these rows, so adding a
// form here is enough to have it encoded, printed and checked against objdump.
import { RegKind } from './registers.js';

/** Operand shapes, named after the Intel manual's operand-encoding columns. */
export const enum Shape {
  /** reg ← r/m: ModRM.reg is operand 1, ModRM.rm operand 2. */
  RM,
  /** r/m ← reg: ModRM.rm is operand 1, ModRM.reg operand 2. */
  MR,
  /** r/m, immediate: ModRM.reg holds the /digit. */
  MI,
  /** r/m only: ModRM.reg holds the /digit. */
  M,
  /** r/m, cl: shifts by the count register; ModRM.reg holds the /digit. */
  MC,
  /** Register in the low 3 bits of the opcode. */
  O,
  /** Register in the opcode, then an immediate. */
  OI,
  /** reg, r/m, immediate. */
  RMI,
  /** r/m ← reg, immediate (pextr*: ModRM.rm is the destination). */
  MRI,
  /** A relative branch target (rel8 or rel32). */
  Rel,
  /** No operands. */
  ZO,
}

export interface Form {
  /** Unique name used by the backend and in test output. */
  readonly name: string;
  /** The mnemonic as objdump prints it (conditional forms: the prefix before the condition). */
  readonly mnemonic: string;
  readonly shape: Shape;
  /** Mandatory or operand-size prefix (0x66, 0xf2, 0xf3), or 0. */
  readonly prefix: number;
  readonly rexW: boolean;
  readonly opcode: readonly number[];
  /** ModRM.reg extension for MI/M/MC shapes. */
  readonly digit: number;
  /** Kind of the register operand encoded in ModRM.reg or the opcode. */
  readonly regKind: RegKind;
  /** Kind of the r/m operand when it is a register (None: memory only). */
  readonly rmKind: RegKind;
  /** Width in bytes of a memory r/m operand (for `PTR` printing); 0: no memory form; -1: address only (lea). */
  readonly memBytes: number;
  /** Immediate size in bytes (0, 1, 2, 4 or 8). */
  readonly immBytes: 0 | 1 | 2 | 4 | 8;
  /** The immediate is sign-extended to this many bytes when printed (operand width). */
  readonly immWidth: number;
  /** Condition code is added to the last opcode byte (Jcc, SETcc, CMOVcc). */
  readonly conditional: boolean;
  /** A fixed byte after ModRM that selects the operation (cmpps predicates), or -1. */
  readonly suffix: number;
}

type K = 'b' | 'w' | 'd' | 'q' | 'x' | '-';
const kind: Record<K, RegKind> = { b: RegKind.Gpr8, w: RegKind.Gpr16, d: RegKind.Gpr32, q: RegKind.Gpr64, x: RegKind.Xmm, '-': RegKind.None };
const widthOf: Record<K, number> = { b: 1, w: 2, d: 4, q: 8, x: 16, '-': 0 };

const forms: Form[] = [];
const byName = new Map<string, Form>();

interface RowOptions {
  prefix?: number;
  w?: boolean;
  digit?: number;
  reg?: K;
  rm?: K;
  mem?: number;
  imm?: 0 | 1 | 2 | 4 | 8;
  immWidth?: number;
  cond?: boolean;
  suffix?: number;
}

function row(name: string, mnemonic: string, shape: Shape, opcode: number[], o: RowOptions = {}): void {
  if (byName.has(name)) throw new Error(`duplicate amd64 form ${name}`);
  const rm = o.rm ?? '-';
  const form: Form = {
    name, mnemonic, shape, opcode,
    prefix: o.prefix ?? 0,
    rexW: o.w ?? false,
    digit: o.digit ?? 0,
    regKind: kind[o.reg ?? '-'],
    rmKind: kind[rm],
    memBytes: o.mem ?? widthOf[rm],
    immBytes: o.imm ?? 0,
    immWidth: o.immWidth ?? o.imm ?? 0,
    conditional: o.cond ?? false,
    suffix: o.suffix ?? -1,
  };
  forms.push(form);
  byName.set(name, form);
}

// Integer ALU: op r/m,r (base+1), op r,r/m (base+3), 81 /n imm32, 83 /n imm8.
const aluOps = ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp'] as const;
aluOps.forEach((op, n) => {
  if (op === 'adc' || op === 'sbb') return;
  for (const [s, k, w] of [['32', 'd', false], ['64', 'q', true]] as const) {
    row(`${op}_rm${s}_r${s}`, op, Shape.MR, [n * 8 + 1], { w, reg: k, rm: k });
    row(`${op}_r${s}_rm${s}`, op, Shape.RM, [n * 8 + 3], { w, reg: k, rm: k });
    row(`${op}_rm${s}_imm32`, op, Shape.MI, [0x81], { w, digit: n, rm: k, imm: 4, immWidth: widthOf[k] });
    row(`${op}_rm${s}_imm8`, op, Shape.MI, [0x83], { w, digit: n, rm: k, imm: 1, immWidth: widthOf[k] });
  }
});

for (const [s, k, w] of [['32', 'd', false], ['64', 'q', true]] as const) {
  row(`test_rm${s}_r${s}`, 'test', Shape.MR, [0x85], { w, reg: k, rm: k });
  row(`test_rm${s}_imm32`, 'test', Shape.MI, [0xf7], { w, digit: 0, rm: k, imm: 4, immWidth: widthOf[k] });
  row(`mov_rm${s}_r${s}`, 'mov', Shape.MR, [0x89], { w, reg: k, rm: k });
  row(`mov_r${s}_rm${s}`, 'mov', Shape.RM, [0x8b], { w, reg: k, rm: k });
  row(`mov_rm${s}_imm32`, 'mov', Shape.MI, [0xc7], { w, digit: 0, rm: k, imm: 4, immWidth: widthOf[k] });
  row(`lea_r${s}_m`, 'lea', Shape.RM, [0x8d], { w, reg: k, mem: -1 });
  row(`imul_r${s}_rm${s}`, 'imul', Shape.RM, [0x0f, 0xaf], { w, reg: k, rm: k });
  row(`imul_r${s}_rm${s}_imm32`, 'imul', Shape.RMI, [0x69], { w, reg: k, rm: k, imm: 4, immWidth: widthOf[k] });
  row(`imul_r${s}_rm${s}_imm8`, 'imul', Shape.RMI, [0x6b], { w, reg: k, rm: k, imm: 1, immWidth: widthOf[k] });
  row(`not_rm${s}`, 'not', Shape.M, [0xf7], { w, digit: 2, rm: k });
  row(`neg_rm${s}`, 'neg', Shape.M, [0xf7], { w, digit: 3, rm: k });
  row(`div_rm${s}`, 'div', Shape.M, [0xf7], { w, digit: 6, rm: k });
  row(`idiv_rm${s}`, 'idiv', Shape.M, [0xf7], { w, digit: 7, rm: k });
  for (const [op, digit] of [['rol', 0], ['ror', 1], ['shl', 4], ['shr', 5], ['sar', 7]] as const) {
    row(`${op}_rm${s}_cl`, op, Shape.MC, [0xd3], { w, digit, rm: k });
    row(`${op}_rm${s}_imm8`, op, Shape.MI, [0xc1], { w, digit, rm: k, imm: 1, immWidth: 1 });
  }
  for (const [op, code] of [['popcnt', 0xb8], ['tzcnt', 0xbc], ['lzcnt', 0xbd]] as const) {
    row(`${op}_r${s}_rm${s}`, op, Shape.RM, [0x0f, code], { prefix: 0xf3, w, reg: k, rm: k });
  }
  row(`bsf_r${s}_rm${s}`, 'bsf', Shape.RM, [0x0f, 0xbc], { w, reg: k, rm: k });
  row(`bsr_r${s}_rm${s}`, 'bsr', Shape.RM, [0x0f, 0xbd], { w, reg: k, rm: k });
  row(`cmov_r${s}_rm${s}`, 'cmov', Shape.RM, [0x0f, 0x40], { w, reg: k, rm: k, cond: true });
}
row('mov_rm8_r8', 'mov', Shape.MR, [0x88], { reg: 'b', rm: 'b' });
row('mov_rm16_r16', 'mov', Shape.MR, [0x89], { prefix: 0x66, reg: 'w', rm: 'w' });
row('mov_rm8_imm8', 'mov', Shape.MI, [0xc6], { digit: 0, rm: 'b', imm: 1 });
row('mov_rm16_imm16', 'mov', Shape.MI, [0xc7], { prefix: 0x66, digit: 0, rm: 'w', imm: 2 });
row('mov_r32_imm32', 'mov', Shape.OI, [0xb8], { reg: 'd', imm: 4 });
row('mov_r64_imm64', 'movabs', Shape.OI, [0xb8], { w: true, reg: 'q', imm: 8 });
row('movzx_r32_rm8', 'movzx', Shape.RM, [0x0f, 0xb6], { reg: 'd', rm: 'b' });
row('movzx_r32_rm16', 'movzx', Shape.RM, [0x0f, 0xb7], { reg: 'd', rm: 'w' });
row('movsx_r32_rm8', 'movsx', Shape.RM, [0x0f, 0xbe], { reg: 'd', rm: 'b' });
row('movsx_r32_rm16', 'movsx', Shape.RM, [0x0f, 0xbf], { reg: 'd', rm: 'w' });
row('movsx_r64_rm8', 'movsx', Shape.RM, [0x0f, 0xbe], { w: true, reg: 'q', rm: 'b' });
row('movsx_r64_rm16', 'movsx', Shape.RM, [0x0f, 0xbf], { w: true, reg: 'q', rm: 'w' });
row('movsxd_r64_rm32', 'movsxd', Shape.RM, [0x63], { w: true, reg: 'q', rm: 'd' });
row('cdq', 'cdq', Shape.ZO, [0x99]);
row('cqo', 'cqo', Shape.ZO, [0x99], { w: true });
row('set_rm8', 'set', Shape.M, [0x0f, 0x90], { digit: 0, rm: 'b', cond: true });

// Control flow. Rel forms take a displacement (imm field) relative to the next instruction.
row('jcc_rel32', 'j', Shape.Rel, [0x0f, 0x80], { imm: 4, cond: true });
row('jcc_rel8', 'j', Shape.Rel, [0x70], { imm: 1, cond: true });
row('jmp_rel32', 'jmp', Shape.Rel, [0xe9], { imm: 4 });
row('jmp_rel8', 'jmp', Shape.Rel, [0xeb], { imm: 1 });
row('call_rel32', 'call', Shape.Rel, [0xe8], { imm: 4 });
row('jmp_rm64', 'jmp', Shape.M, [0xff], { digit: 4, rm: 'q' });
row('call_rm64', 'call', Shape.M, [0xff], { digit: 2, rm: 'q' });
row('push_r64', 'push', Shape.O, [0x50], { reg: 'q' });
row('pop_r64', 'pop', Shape.O, [0x58], { reg: 'q' });
row('ret', 'ret', Shape.ZO, [0xc3]);
row('ud2', 'ud2', Shape.ZO, [0x0f, 0x0b]);
row('int3', 'int3', Shape.ZO, [0xcc]);
row('nop', 'nop', Shape.ZO, [0x90]);

// SSE scalar floating point: F3 = single, F2 = double.
for (const [t, prefix, mem] of [['ss', 0xf3, 4], ['sd', 0xf2, 8]] as const) {
  row(`movs${t[1]}_x_xm`, `movs${t[1]}`, Shape.RM, [0x0f, 0x10], { prefix, reg: 'x', rm: 'x', mem });
  row(`movs${t[1]}_m_x`, `movs${t[1]}`, Shape.MR, [0x0f, 0x11], { prefix, reg: 'x', rm: '-', mem });
  for (const [op, code] of [['sqrt', 0x51], ['add', 0x58], ['mul', 0x59], ['sub', 0x5c], ['min', 0x5d], ['div', 0x5e], ['max', 0x5f]] as const) {
    row(`${op}${t}_x_xm`, `${op}${t}`, Shape.RM, [0x0f, code], { prefix, reg: 'x', rm: 'x', mem });
  }
  const round = t === 'ss' ? 0x0a : 0x0b;
  row(`round${t}_x_xm_imm8`, `round${t}`, Shape.RMI, [0x0f, 0x3a, round], { prefix: 0x66, reg: 'x', rm: 'x', mem, imm: 1 });
  for (const [s, k, w] of [['32', 'd', false], ['64', 'q', true]] as const) {
    row(`cvtsi2${t}_x_rm${s}`, `cvtsi2${t}`, Shape.RM, [0x0f, 0x2a], { prefix, w, reg: 'x', rm: k });
    row(`cvtt${t}2si_r${s}_xm`, `cvtt${t}2si`, Shape.RM, [0x0f, 0x2c], { prefix, w, reg: k, rm: 'x', mem });
  }
}
row('cvtss2sd_x_xm', 'cvtss2sd', Shape.RM, [0x0f, 0x5a], { prefix: 0xf3, reg: 'x', rm: 'x', mem: 4 });
row('cvtsd2ss_x_xm', 'cvtsd2ss', Shape.RM, [0x0f, 0x5a], { prefix: 0xf2, reg: 'x', rm: 'x', mem: 8 });
row('ucomiss_x_xm', 'ucomiss', Shape.RM, [0x0f, 0x2e], { reg: 'x', rm: 'x', mem: 4 });
row('ucomisd_x_xm', 'ucomisd', Shape.RM, [0x0f, 0x2e], { prefix: 0x66, reg: 'x', rm: 'x', mem: 8 });
for (const [op, code] of [['and', 0x54], ['andn', 0x55], ['or', 0x56], ['xor', 0x57]] as const) {
  row(`${op}ps_x_xm`, `${op}ps`, Shape.RM, [0x0f, code], { reg: 'x', rm: 'x' });
  row(`${op}pd_x_xm`, `${op}pd`, Shape.RM, [0x0f, code], { prefix: 0x66, reg: 'x', rm: 'x' });
}
row('movaps_x_xm', 'movaps', Shape.RM, [0x0f, 0x28], { reg: 'x', rm: 'x' });
row('movups_x_xm', 'movups', Shape.RM, [0x0f, 0x10], { reg: 'x', rm: 'x' });
row('movups_m_x', 'movups', Shape.MR, [0x0f, 0x11], { reg: 'x', rm: '-', mem: 16 });
row('movd_x_rm32', 'movd', Shape.RM, [0x0f, 0x6e], { prefix: 0x66, reg: 'x', rm: 'd' });
row('movq_x_rm64', 'movq', Shape.RM, [0x0f, 0x6e], { prefix: 0x66, w: true, reg: 'x', rm: 'q' });
row('movd_rm32_x', 'movd', Shape.MR, [0x0f, 0x7e], { prefix: 0x66, reg: 'x', rm: 'd' });
row('movq_rm64_x', 'movq', Shape.MR, [0x0f, 0x7e], { prefix: 0x66, w: true, reg: 'x', rm: 'q' });

// SSE packed (v128) forms, baseline SSE4.1: 66-prefixed 0F xx integer ops, 0F 38 (SSSE3,
// SSE4.1) and 0F 3A (SSE4.1 with an immediate). Register-register and 16-byte memory forms.
const packedInt: [string, number[]][] = [
  ['paddb', [0xfc]], ['paddw', [0xfd]], ['paddd', [0xfe]], ['paddq', [0xd4]],
  ['psubb', [0xf8]], ['psubw', [0xf9]], ['psubd', [0xfa]], ['psubq', [0xfb]],
  ['paddsb', [0xec]], ['paddsw', [0xed]], ['paddusb', [0xdc]], ['paddusw', [0xdd]],
  ['psubsb', [0xe8]], ['psubsw', [0xe9]], ['psubusb', [0xd8]], ['psubusw', [0xd9]],
  ['pmullw', [0xd5]], ['pmulhw', [0xe5]], ['pmuludq', [0xf4]], ['pmaddwd', [0xf5]], ['pavgb', [0xe0]], ['pavgw', [0xe3]],
  ['pminub', [0xda]], ['pmaxub', [0xde]], ['pminsw', [0xea]], ['pmaxsw', [0xee]],
  ['pand', [0xdb]], ['pandn', [0xdf]], ['por', [0xeb]], ['pxor', [0xef]],
  ['pcmpeqb', [0x74]], ['pcmpeqw', [0x75]], ['pcmpeqd', [0x76]], ['pcmpgtb', [0x64]], ['pcmpgtw', [0x65]], ['pcmpgtd', [0x66]],
  ['packsswb', [0x63]], ['packuswb', [0x67]], ['packssdw', [0x6b]],
  ['punpcklbw', [0x60]], ['punpcklwd', [0x61]], ['punpckldq', [0x62]], ['punpcklqdq', [0x6c]],
  ['punpckhbw', [0x68]], ['punpckhwd', [0x69]], ['punpckhdq', [0x6a]], ['punpckhqdq', [0x6d]],
  ['psrlw', [0xd1]], ['psrld', [0xd2]], ['psrlq', [0xd3]], ['psraw', [0xe1]], ['psrad', [0xe2]],
  ['psllw', [0xf1]], ['pslld', [0xf2]], ['psllq', [0xf3]],
  ['pshufb', [0x38, 0x00]], ['pmaddubsw', [0x38, 0x04]], ['pmulhrsw', [0x38, 0x0b]],
  ['pabsb', [0x38, 0x1c]], ['pabsw', [0x38, 0x1d]], ['pabsd', [0x38, 0x1e]],
  ['pmuldq', [0x38, 0x28]], ['pcmpeqq', [0x38, 0x29]], ['packusdw', [0x38, 0x2b]],
  ['pminsb', [0x38, 0x38]], ['pminsd', [0x38, 0x39]], ['pminuw', [0x38, 0x3a]], ['pminud', [0x38, 0x3b]],
  ['pmaxsb', [0x38, 0x3c]], ['pmaxsd', [0x38, 0x3d]], ['pmaxuw', [0x38, 0x3e]], ['pmaxud', [0x38, 0x3f]],
  ['pmulld', [0x38, 0x40]], ['ptest', [0x38, 0x17]],
  ['addpd', [0x58]], ['subpd', [0x5c]], ['mulpd', [0x59]], ['divpd', [0x5e]], ['minpd', [0x5d]], ['maxpd', [0x5f]], ['sqrtpd', [0x51]],
  ['cvttps2dq', [0x5b]], ['cvtpd2ps', [0x5a]], ['cvttpd2dq', [0xe6]], ['unpcklpd', [0x14]],
];
for (const [m, op] of packedInt) {
  const prefix = m === 'cvttps2dq' ? 0xf3 : 0x66;
  row(`${m}_x_xm`, m, Shape.RM, [0x0f, ...op], { prefix, reg: 'x', rm: 'x' });
}
const packedSingle: [string, number][] = [
  ['addps', 0x58], ['subps', 0x5c], ['mulps', 0x59], ['divps', 0x5e], ['minps', 0x5d], ['maxps', 0x5f], ['sqrtps', 0x51],
  ['cvtdq2ps', 0x5b], ['unpcklps', 0x14], ['movhlps', 0x12], ['movlhps', 0x16],
];
for (const [m, op] of packedSingle) {
  const regOnly = m === 'movhlps' || m === 'movlhps';
  row(`${m}_x_xm`, m, Shape.RM, [0x0f, op], { reg: 'x', rm: 'x', mem: regOnly ? 0 : 16 });
}
// Widening forms read 8 bytes from memory.
for (const [m, op] of [['pmovsxbw', 0x20], ['pmovsxwd', 0x23], ['pmovsxdq', 0x25], ['pmovzxbw', 0x30], ['pmovzxwd', 0x33], ['pmovzxdq', 0x35]] as const) {
  row(`${m}_x_xm`, m, Shape.RM, [0x0f, 0x38, op], { prefix: 0x66, reg: 'x', rm: 'x', mem: 8 });
}
row('cvtdq2pd_x_xm', 'cvtdq2pd', Shape.RM, [0x0f, 0xe6], { prefix: 0xf3, reg: 'x', rm: 'x', mem: 8 });
row('cvtps2pd_x_xm', 'cvtps2pd', Shape.RM, [0x0f, 0x5a], { reg: 'x', rm: 'x', mem: 8 });
row('movddup_x_xm', 'movddup', Shape.RM, [0x0f, 0x12], { prefix: 0xf2, reg: 'x', rm: 'x', mem: 8 });
row('movq_x_xm', 'movq', Shape.RM, [0x0f, 0x7e], { prefix: 0xf3, reg: 'x', rm: 'x', mem: 8 });
row('movq_m_x', 'movq', Shape.MR, [0x0f, 0xd6], { prefix: 0x66, reg: 'x', rm: '-', mem: 8 });
row('movd_x_m32', 'movd', Shape.RM, [0x0f, 0x6e], { prefix: 0x66, reg: 'x', rm: '-', mem: 4 });
row('movdqu_x_xm', 'movdqu', Shape.RM, [0x0f, 0x6f], { prefix: 0xf3, reg: 'x', rm: 'x' });
row('movdqu_m_x', 'movdqu', Shape.MR, [0x0f, 0x7f], { prefix: 0xf3, reg: 'x', rm: '-', mem: 16 });
row('pmovmskb_r32_x', 'pmovmskb', Shape.RM, [0x0f, 0xd7], { prefix: 0x66, reg: 'd', rm: 'x', mem: 0 });
row('movmskps_r32_x', 'movmskps', Shape.RM, [0x0f, 0x50], { reg: 'd', rm: 'x', mem: 0 });
row('movmskpd_r32_x', 'movmskpd', Shape.RM, [0x0f, 0x50], { prefix: 0x66, reg: 'd', rm: 'x', mem: 0 });
row('pshufd_x_xm_imm8', 'pshufd', Shape.RMI, [0x0f, 0x70], { prefix: 0x66, reg: 'x', rm: 'x', imm: 1 });
row('pshuflw_x_xm_imm8', 'pshuflw', Shape.RMI, [0x0f, 0x70], { prefix: 0xf2, reg: 'x', rm: 'x', imm: 1 });
row('pshufhw_x_xm_imm8', 'pshufhw', Shape.RMI, [0x0f, 0x70], { prefix: 0xf3, reg: 'x', rm: 'x', imm: 1 });
row('shufps_x_xm_imm8', 'shufps', Shape.RMI, [0x0f, 0xc6], { reg: 'x', rm: 'x', imm: 1 });
// Packed float compares: the predicate byte after ModRM is part of the name objdump prints.
['eq', 'lt', 'le', 'unord', 'neq', 'nlt', 'nle', 'ord'].forEach((p, n) => {
  row(`cmp${p}ps_x_xm`, `cmp${p}ps`, Shape.RM, [0x0f, 0xc2], { reg: 'x', rm: 'x', suffix: n });
  row(`cmp${p}pd_x_xm`, `cmp${p}pd`, Shape.RM, [0x0f, 0xc2], { prefix: 0x66, reg: 'x', rm: 'x', suffix: n });
});
row('roundps_x_xm_imm8', 'roundps', Shape.RMI, [0x0f, 0x3a, 0x08], { prefix: 0x66, reg: 'x', rm: 'x', imm: 1 });
row('roundpd_x_xm_imm8', 'roundpd', Shape.RMI, [0x0f, 0x3a, 0x09], { prefix: 0x66, reg: 'x', rm: 'x', imm: 1 });
row('pblendw_x_xm_imm8', 'pblendw', Shape.RMI, [0x0f, 0x3a, 0x0e], { prefix: 0x66, reg: 'x', rm: 'x', imm: 1 });
row('insertps_x_xm_imm8', 'insertps', Shape.RMI, [0x0f, 0x3a, 0x21], { prefix: 0x66, reg: 'x', rm: 'x', mem: 4, imm: 1 });
row('pinsrb_x_rm32_imm8', 'pinsrb', Shape.RMI, [0x0f, 0x3a, 0x20], { prefix: 0x66, reg: 'x', rm: 'd', mem: 1, imm: 1 });
row('pinsrw_x_rm32_imm8', 'pinsrw', Shape.RMI, [0x0f, 0xc4], { prefix: 0x66, reg: 'x', rm: 'd', mem: 2, imm: 1 });
row('pinsrd_x_rm32_imm8', 'pinsrd', Shape.RMI, [0x0f, 0x3a, 0x22], { prefix: 0x66, reg: 'x', rm: 'd', imm: 1 });
row('pinsrq_x_rm64_imm8', 'pinsrq', Shape.RMI, [0x0f, 0x3a, 0x22], { prefix: 0x66, w: true, reg: 'x', rm: 'q', imm: 1 });
row('pextrb_rm32_x_imm8', 'pextrb', Shape.MRI, [0x0f, 0x3a, 0x14], { prefix: 0x66, reg: 'x', rm: 'd', mem: 1, imm: 1 });
row('pextrw_rm32_x_imm8', 'pextrw', Shape.MRI, [0x0f, 0x3a, 0x15], { prefix: 0x66, reg: 'x', rm: 'd', mem: 2, imm: 1 });
row('pextrd_rm32_x_imm8', 'pextrd', Shape.MRI, [0x0f, 0x3a, 0x16], { prefix: 0x66, reg: 'x', rm: 'd', imm: 1 });
row('pextrq_rm64_x_imm8', 'pextrq', Shape.MRI, [0x0f, 0x3a, 0x16], { prefix: 0x66, w: true, reg: 'x', rm: 'q', imm: 1 });
// Shifts of every lane by an immediate: 66 0F 71 (words), 72 (dwords), 73 (qwords, and byte shifts of the whole register).
for (const [m, op, digit] of [
  ['psrlw', 0x71, 2], ['psraw', 0x71, 4], ['psllw', 0x71, 6], ['psrld', 0x72, 2], ['psrad', 0x72, 4], ['pslld', 0x72, 6],
  ['psrlq', 0x73, 2], ['psrldq', 0x73, 3], ['psllq', 0x73, 6], ['pslldq', 0x73, 7],
] as const) {
  row(`${m}_x_imm8`, m, Shape.MI, [0x0f, op], { prefix: 0x66, digit, rm: 'x', mem: 0, imm: 1 });
}

/** Every form, in table order. */
export const allForms: readonly Form[] = forms;

/** Looks a form up by name; throws for an unknown name so typos fail at module load. */
export function form(name: string): Form {
  const f = byName.get(name);
  if (f === undefined) throw new Error(`unknown amd64 form '${name}'`);
  return f;
}
