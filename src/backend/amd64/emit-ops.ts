// Emission of each machine-instruction kind (minst.ts documents operand orders), one function
// per kind in a table. Float operations are in emit-float.ts.
import { RegClass } from '../../regalloc/operand.js';
import { TrapKind } from '../../runtime/trap.js';
import { ValType } from '../../wasm/types.js';
import { FUNC_RECORD, FUNC_RECORD_BYTES, GLOBAL_CELL_BYTES, Helper, IMPORTED_FUNC, RelocKind, TABLE_DESC, TABLE_ELEM_BYTES, VMCTX, VMCTX_REG } from './abi.js';
import type { Amd64Emitter } from './emit.js';
import { emitFloat } from './emit-float.js';
import { form, type Form } from './forms.js';
import { CallKind, CmpKind, COND_FEQ, COND_FNE, MK, SelKind, invertCondition } from './minst.js';
import { mem, NO_REG, type Mem } from './operands.js';
import { Cond, Gpr } from './registers.js';
import { UnOp } from './isel-num.js';
import { emitSimd, emitVconst, emitVLoad, emitVStore } from './emit-simd.js';

const F = {
  mov64: form('mov_r64_rm64'), mov32: form('mov_r32_rm32'), movMR64: form('mov_rm64_r64'), movMR32: form('mov_rm32_r32'),
  movImm32: form('mov_r32_imm32'), movImm64: form('mov_r64_imm64'), movRm64Imm: form('mov_rm64_imm32'),
  xor32: form('xor_r32_rm32'), lea32: form('lea_r32_m'), lea64: form('lea_r64_m'),
  cmp32: form('cmp_r32_rm32'), cmp64: form('cmp_r64_rm64'), cmpMR32: form('cmp_rm32_r32'),
  cmpI32: form('cmp_rm32_imm32'), cmpI64: form('cmp_rm64_imm32'), cmpI8_32: form('cmp_rm32_imm8'), cmpI8_64: form('cmp_rm64_imm8'),
  test32: form('test_rm32_r32'), test64: form('test_rm64_r64'), testI32: form('test_rm32_imm32'), testI64: form('test_rm64_imm32'),
  setcc: form('set_rm8'), movzx8: form('movzx_r32_rm8'), and32: form('and_r32_rm32'), or32: form('or_r32_rm32'),
  cmov32: form('cmov_r32_rm32'), cmov64: form('cmov_r64_rm64'),
  imul32: form('imul_r32_rm32'), imul64: form('imul_r64_rm64'), imulI32: form('imul_r32_rm32_imm32'), imulI64: form('imul_r64_rm64_imm32'),
  cdq: form('cdq'), cqo: form('cqo'), div32: form('div_rm32'), div64: form('div_rm64'), idiv32: form('idiv_rm32'), idiv64: form('idiv_rm64'),
  jmpM: form('jmp_rm64'), callRel: form('call_rel32'), callM: form('call_rm64'),
  movsxd: form('movsxd_r64_rm32'), movsx8_32: form('movsx_r32_rm8'), movsx16_32: form('movsx_r32_rm16'),
  movsx8_64: form('movsx_r64_rm8'), movsx16_64: form('movsx_r64_rm16'), movzx16: form('movzx_r32_rm16'),
  movMR8: form('mov_rm8_r8'), movMR16: form('mov_rm16_r16'),
  movMI8: form('mov_rm8_imm8'), movMI16: form('mov_rm16_imm16'), movMI32: form('mov_rm32_imm32'), movMI64: form('mov_rm64_imm32'),
  movss: form('movss_x_xm'), movsd: form('movsd_x_xm'), movssM: form('movss_m_x'), movsdM: form('movsd_m_x'),
  movaps: form('movaps_x_xm'), movdX: form('movd_x_rm32'), movqX: form('movq_x_rm64'), movdR: form('movd_rm32_x'), movqR: form('movq_rm64_x'),
  xorps: form('xorps_x_xm'), ucomiss: form('ucomiss_x_xm'), ucomisd: form('ucomisd_x_xm'),
  shr64I: form('shr_rm64_imm8'), shr32I: form('shr_rm32_imm8'),
  popcnt32: form('popcnt_r32_rm32'), popcnt64: form('popcnt_r64_rm64'), lzcnt32: form('lzcnt_r32_rm32'), lzcnt64: form('lzcnt_r64_rm64'),
  tzcnt32: form('tzcnt_r32_rm32'), tzcnt64: form('tzcnt_r64_rm64'), bsr32: form('bsr_r32_rm32'), bsr64: form('bsr_r64_rm64'),
  bsf32: form('bsf_r32_rm32'), bsf64: form('bsf_r64_rm64'),
};

const alu = (op: string, w: string): [Form, Form, Form, Form] =>
  [form(`${op}_r${w}_rm${w}`), form(`${op}_rm${w}_imm32`), form(`${op}_rm${w}_imm8`), form(`${op}_rm${w}_r${w}`)];
/** Per AluOp (its /digit) and width: [reg,r/m], [r/m,imm32], [r/m,imm8]. */
const aluForms: ([Form, Form, Form, Form][] | undefined)[] = [];
for (const [op, n] of [['add', 0], ['or', 1], ['and', 4], ['sub', 5], ['xor', 6], ['cmp', 7]] as const) aluForms[n] = [alu(op, '32'), alu(op, '64')];
const shiftForms: ([Form, Form][] | undefined)[] = [];
for (const [op, n] of [['rol', 0], ['ror', 1], ['shl', 4], ['shr', 5], ['sar', 7]] as const) {
  shiftForms[n] = [[form(`${op}_rm32_cl`), form(`${op}_rm32_imm8`)], [form(`${op}_rm64_cl`), form(`${op}_rm64_imm8`)]];
}

/** Float binary operations with a memory operand, by FOp (Add32 .. Div64). */
const floatMemForms = ['addss', 'subss', 'mulss', 'divss', 'addsd', 'subsd', 'mulsd', 'divsd'].map((n) => form(`${n}_x_xm`));

/** Stack-slot loads by slot kind: an i32 is loaded with a zero-extending 32-bit move. */
const slotLoad = [F.mov64, F.movsd, F.mov32, form('movdqu_x_xm')];
/** Stack-slot stores by slot kind. */
const slotStore = [F.movMR64, F.movsdM, F.movMR64, form('movdqu_m_x')];

const fits8 = (v: number): boolean => v >= -128 && v <= 127;

type Emit = (e: Amd64Emitter, i: number) => void;

/** Moves a 32- or 64-bit constant into GPR r (xor is not used: it would clobber the flags). */
export function movConst(e: Amd64Emitter, r: number, lo: number, hi: number): void {
  if (hi === 0) e.asm.oi(F.movImm32, r, lo >>> 0);
  else if ((hi === -1 && lo < 0)) e.asm.mi(F.movRm64Imm, r, lo);
  else e.asm.oi(F.movImm64, r, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
}

/** Loads a float bit pattern into XMM register x through r11. */
export function movFloatConst(e: Amd64Emitter, x: number, lo: number, hi: number, f64: boolean): void {
  if (lo === 0 && hi === 0) {
    e.asm.rm(F.xorps, x, x);
    return;
  }
  movConst(e, Gpr.R11, lo, f64 ? hi : 0);
  e.asm.rm(f64 ? F.movqX : F.movdX, x, Gpr.R11);
}

function emitConst(e: Amd64Emitter, i: number, dst: number, cls: RegClass): void {
  const kind = e.isel.mi.kind.data[i]! as MK;
  const lo = e.a(i);
  const hi = kind === MK.Const64 ? e.b(i) : 0;
  if (cls === RegClass.Float) movFloatConst(e, dst, lo, hi, kind === MK.Const64);
  // xor is shorter; flags are never live between machine instructions (compares are emitted
  // by their consumers), so a constant or its rematerialisation may clobber them.
  else if (lo === 0 && hi === 0) e.asm.rm(F.xor32, dst, dst);
  else movConst(e, dst, lo, hi);
}

/** Re-emits the definition of a rematerialisable value into register `dst`. */
export function emitRemat(e: Amd64Emitter, i: number, dst: number, cls: RegClass): void {
  const kind = e.isel.mi.kind.data[i]! as MK;
  if (kind === MK.Const32 || kind === MK.Const64) emitConst(e, i, dst, cls);
  else if (kind === MK.VConst) emitVconst(e, i, dst);
  else if (kind === MK.VmLoad) e.asm.rm(F.mov64, dst, mem(VMCTX_REG, e.a(i)));
  else throw new Error(`internal: cannot rematerialise machine instruction kind ${kind}`);
}

/** Emits the compare of condition kind k reading operands from index `first`; returns the operand count. */
function emitCompare(e: Amd64Emitter, i: number, k: CmpKind): number {
  const { asm } = e;
  const imm = e.c(i);
  switch (k) {
    case CmpKind.Rr32: asm.rm(F.cmp32, e.r(0), e.rm(1)); return 2;
    case CmpKind.Rr64: asm.rm(F.cmp64, e.r(0), e.rm(1)); return 2;
    case CmpKind.Ri32: asm.mi(fits8(imm) ? F.cmpI8_32 : F.cmpI32, e.rm(0), imm); return 1;
    case CmpKind.Ri64: asm.mi(fits8(imm) ? F.cmpI8_64 : F.cmpI64, e.rm(0), imm); return 1;
    case CmpKind.Test32: asm.mr(F.test32, e.r(0), e.r(0)); return 1;
    case CmpKind.Test64: asm.mr(F.test64, e.r(0), e.r(0)); return 1;
    case CmpKind.F32: asm.rm(F.ucomiss, e.r(0), e.rm(1)); return 2;
    case CmpKind.F64: asm.rm(F.ucomisd, e.r(0), e.rm(1)); return 2;
    case CmpKind.TestRr32: asm.mr(F.test32, e.r(0), e.r(1)); return 2;
    case CmpKind.TestRr64: asm.mr(F.test64, e.r(0), e.r(1)); return 2;
    case CmpKind.TestRi32: asm.mi(F.testI32, e.rm(0), imm); return 1;
    case CmpKind.TestRi64: asm.mi(F.testI64, e.rm(0), imm); return 1;
    case CmpKind.Rm32: asm.rm(F.cmp32, e.r(0), memAddress(e, e.r(1), e.r(2), imm, 0x28)); return 3;
    case CmpKind.Rm64: asm.rm(F.cmp64, e.r(0), memAddress(e, e.r(1), e.r(2), imm, 0x29)); return 3;
    case CmpKind.TypeIs:
      asm.rm(F.mov64, Gpr.R11, mem(VMCTX_REG, VMCTX.typeIds));
      asm.rm(F.mov32, Gpr.R11, mem(Gpr.R11, 4 * imm));
      asm.mr(F.cmpMR32, mem(e.r(0), FUNC_RECORD.typeId), Gpr.R11);
      return 1;
  }
}

function setcc(e: Amd64Emitter, cond: number, d: number): void {
  const { asm } = e;
  if (cond < 16) {
    asm.m(F.setcc, d, cond as Cond);
    asm.rm(F.movzx8, d, d);
    return;
  }
  // Float equality also needs the parity flag (unordered sets it).
  asm.m(F.setcc, Gpr.R11, cond === COND_FEQ ? Cond.NP : Cond.P);
  asm.m(F.setcc, d, cond === COND_FEQ ? Cond.E : Cond.NE);
  asm.rm(F.movzx8, d, d);
  asm.rm(F.movzx8, Gpr.R11, Gpr.R11);
  asm.rm(cond === COND_FEQ ? F.and32 : F.or32, d, Gpr.R11);
}

const loadForms: Record<number, Form> = {
  0x28: F.mov32, 0x29: F.mov64, 0x2a: F.movss, 0x2b: F.movsd, 0x2c: F.movsx8_32, 0x2d: F.movzx8, 0x2e: F.movsx16_32,
  0x2f: F.movzx16, 0x30: F.movsx8_64, 0x31: F.movzx8, 0x32: F.movsx16_64, 0x33: F.movzx16, 0x34: F.movsxd, 0x35: F.mov32,
};
const storeForms: Record<number, Form> = {
  0x36: F.movMR32, 0x37: F.movMR64, 0x38: F.movssM, 0x39: F.movsdM, 0x3a: F.movMR8, 0x3b: F.movMR16,
  0x3c: F.movMR8, 0x3d: F.movMR16, 0x3e: F.movMR32,
};

/** Bytes accessed by each load/store code (for explicit bounds checks). */
const accessBytes: Record<number, number> = {
  0x28: 4, 0x29: 8, 0x2a: 4, 0x2b: 8, 0x2c: 1, 0x2d: 1, 0x2e: 2, 0x2f: 2, 0x30: 1, 0x31: 1, 0x32: 2, 0x33: 2, 0x34: 4, 0x35: 4,
  0x36: 4, 0x37: 8, 0x38: 4, 0x39: 8, 0x3a: 1, 0x3b: 2, 0x3c: 1, 0x3d: 2, 0x3e: 4,
};

/**
 * [base + u32 index + u32 offset]: offsets beyond the disp32 range are added through r11.
 * With explicit bounds checks, index + offset + size (computed in 64 bits) must not exceed
 * vmctx.memorySize.
 */
function memAddress(e: Amd64Emitter, addr: number, base: number, offset: number, code: number): Mem {
  return memAccess(e, addr, base, offset, accessBytes[code]!);
}

/** memAddress for an access of `bytes` bytes. */
export function memAccess(e: Amd64Emitter, addr: number, base: number, offset: number, bytes: number): Mem {
  if (e.opts.boundsChecks) {
    const end = (offset >>> 0) + bytes;
    if (end <= 0x7fffffff) {
      e.asm.rm(F.lea64, Gpr.R11, mem(addr, end));
    } else {
      movConst(e, Gpr.R11, end | 0, Math.floor(end / 2 ** 32));
      e.asm.rm(form('add_r64_rm64'), Gpr.R11, addr);
    }
    e.asm.rm(F.cmp64, Gpr.R11, mem(VMCTX_REG, VMCTX.memorySize));
    e.jcc(Cond.A, e.trapLabel(TrapKind.MemoryOutOfBounds));
  }
  if (offset >= 0) return mem(base, offset, addr, 1);
  e.asm.oi(F.movImm32, Gpr.R11, offset >>> 0);
  e.asm.rm(form('add_r64_rm64'), Gpr.R11, addr);
  return mem(base, 0, Gpr.R11, 1);
}

function loadTyped(e: Amd64Emitter, t: ValType, d: number, m: Mem): void {
  const f = t === ValType.V128 ? slotLoad[3]! : t === ValType.I32 ? F.mov32 : t === ValType.F32 ? F.movss : t === ValType.F64 ? F.movsd : F.mov64;
  e.asm.rm(f, d, m);
}
function storeTyped(e: Amd64Emitter, t: ValType, m: Mem, x: number): void {
  const f = t === ValType.V128 ? slotStore[3]! : t === ValType.I32 ? F.movMR32 : t === ValType.F32 ? F.movssM : t === ValType.F64 ? F.movsdM : F.movMR64;
  e.asm.mr(f, m, x);
}

/** Address of global g's value, with r11 as the scratch. */
function globalMem(e: Amd64Emitter, g: number, imported: boolean): Mem {
  e.asm.rm(F.mov64, Gpr.R11, mem(VMCTX_REG, VMCTX.globals));
  if (!imported) return mem(Gpr.R11, GLOBAL_CELL_BYTES * g);
  e.asm.rm(F.mov64, Gpr.R11, mem(Gpr.R11, GLOBAL_CELL_BYTES * g));
  return mem(Gpr.R11, 0);
}

function tableDesc(e: Amd64Emitter, t: number): void {
  e.asm.rm(F.mov64, Gpr.R11, mem(VMCTX_REG, VMCTX.tables));
  if (t !== 0) e.asm.rm(F.lea64, Gpr.R11, mem(Gpr.R11, TABLE_DESC.bytes * t));
}

function emitUnary(e: Amd64Emitter, i: number): void {
  const { asm } = e;
  const x = e.r(0), d = e.r(1);
  const cpu = e.isel.opts.cpu;
  switch (e.a(i) as UnOp) {
    case UnOp.Mov32: asm.rm(F.mov32, d, x); return;
    case UnOp.Ext8s32: asm.rm(F.movsx8_32, d, x); return;
    case UnOp.Ext16s32: asm.rm(F.movsx16_32, d, x); return;
    case UnOp.Ext8s64: asm.rm(F.movsx8_64, d, x); return;
    case UnOp.Ext16s64: asm.rm(F.movsx16_64, d, x); return;
    case UnOp.Ext32s64: asm.rm(F.movsxd, d, x); return;
    case UnOp.F32ToI32: asm.mr(F.movdR, d, x); return;
    case UnOp.F64ToI64: asm.mr(F.movqR, d, x); return;
    case UnOp.I32ToF32: asm.rm(F.movdX, d, x); return;
    case UnOp.I64ToF64: asm.rm(F.movqX, d, x); return;
    case UnOp.Clz32: case UnOp.Clz64: {
      const w = e.a(i) === UnOp.Clz64;
      if (cpu.lzcnt) { asm.rm(w ? F.lzcnt64 : F.lzcnt32, d, x); return; }
      // bsr gives the index of the top bit (ZF and no result for 0): clz = (bits-1) ^ index,
      // and 0 maps through (2*bits-1) ^ (bits-1) = bits.
      asm.oi(F.movImm32, Gpr.R11, w ? 127 : 63);
      asm.rm(w ? F.bsr64 : F.bsr32, d, x);
      asm.rm(w ? F.cmov64 : F.cmov32, d, Gpr.R11, Cond.E);
      asm.mi(aluForms[6]![w ? 1 : 0]![2], d, w ? 63 : 31);
      return;
    }
    case UnOp.Ctz32: case UnOp.Ctz64: {
      const w = e.a(i) === UnOp.Ctz64;
      if (cpu.tzcnt) { asm.rm(w ? F.tzcnt64 : F.tzcnt32, d, x); return; }
      asm.oi(F.movImm32, Gpr.R11, w ? 64 : 32);
      asm.rm(w ? F.bsf64 : F.bsf32, d, x);
      asm.rm(w ? F.cmov64 : F.cmov32, d, Gpr.R11, Cond.E);
      return;
    }
    case UnOp.Popcnt32: case UnOp.Popcnt64: {
      const w = e.a(i) === UnOp.Popcnt64;
      if (cpu.popcnt) { asm.rm(w ? F.popcnt64 : F.popcnt32, d, x); return; }
      popcountFallback(e, w, x, d, e.r(2));
      return;
    }
  }
}

/** SWAR population count: d = popcount(x), with t and r11 as temporaries (t never aliases x or d). */
function popcountFallback(e: Amd64Emitter, w64: boolean, x: number, d: number, t: number): void {
  const { asm } = e;
  const ww = w64 ? 1 : 0;
  const mov = w64 ? F.mov64 : F.mov32;
  const shrI = w64 ? F.shr64I : F.shr32I;
  const [andRR] = aluForms[4]![ww]!;
  const [subRR] = aluForms[5]![ww]!;
  const [addRR] = aluForms[0]![ww]!;
  const k = (lo: number): void => movConst(e, Gpr.R11, lo, w64 ? lo : 0);
  asm.rm(mov, d, x);
  asm.rm(mov, t, d); asm.mi(shrI, t, 1); k(0x55555555); asm.rm(andRR, t, Gpr.R11); asm.rm(subRR, d, t);
  k(0x33333333); asm.rm(mov, t, d); asm.mi(shrI, t, 2); asm.rm(andRR, t, Gpr.R11); asm.rm(andRR, d, Gpr.R11); asm.rm(addRR, d, t);
  asm.rm(mov, t, d); asm.mi(shrI, t, 4); asm.rm(addRR, d, t); k(0x0f0f0f0f); asm.rm(andRR, d, Gpr.R11);
  k(0x01010101); asm.rm(w64 ? F.imul64 : F.imul32, d, Gpr.R11); asm.mi(shrI, d, w64 ? 56 : 24);
}

function emitDiv(e: Amd64Emitter, i: number): void {
  const { asm } = e;
  const signed = e.a(i) === 1, w = e.b(i) === 1, rem = e.c(i) === 1;
  const y = e.r(1);
  if (!signed) {
    asm.rm(F.xor32, Gpr.RDX, Gpr.RDX);
    asm.m(w ? F.div64 : F.div32, y);
    return;
  }
  if (!rem) {
    // The IR has already trapped on division by zero and MIN / -1.
    asm.zo(w ? F.cqo : F.cdq);
    asm.m(w ? F.idiv64 : F.idiv32, y);
    return;
  }
  // MIN % -1 is 0 in Wasm but faults in idiv: every x % -1 is 0.
  const minus1 = e.buf.newLabel(), done = e.buf.newLabel();
  asm.mi(w ? F.cmpI8_64 : F.cmpI8_32, y, -1);
  e.jcc(Cond.E, minus1);
  asm.zo(w ? F.cqo : F.cdq);
  asm.m(w ? F.idiv64 : F.idiv32, y);
  e.jmp(done);
  e.buf.bindLabel(minus1);
  asm.rm(F.xor32, Gpr.RDX, Gpr.RDX);
  e.buf.bindLabel(done);
}

function emitSelect(e: Amd64Emitter, i: number): void {
  const n = emitCompare(e, i, e.a(i) as CmpKind);
  const cond = e.b(i);
  const kind = e.d(i) as SelKind;
  // d already holds the "true" value (operand n, reused); replace it when the condition fails.
  const y = e.rm(n + 1), d = e.r(n + 2);
  if (kind !== SelKind.Float && cond < 16) {
    e.asm.rm(kind === SelKind.Int32 ? F.cmov32 : F.cmov64, d, y, invertCondition(cond) as Cond);
    return;
  }
  const skip = e.buf.newLabel();
  e.jcc(cond, skip);
  if (kind === SelKind.Float) e.asm.rm(F.movaps, d, y);
  else e.asm.rm(kind === SelKind.Int32 ? F.mov32 : F.mov64, d, y);
  e.buf.bindLabel(skip);
}

function emitCall(e: Amd64Emitter, i: number): void {
  const { asm } = e;
  const kind = e.a(i) as CallKind, index = e.b(i);
  const save = mem(Gpr.RBP, e.vmSaveDisp);
  if (kind === CallKind.Direct) {
    asm.relDisp(F.callRel, 0);
    e.reloc(RelocKind.Function, index);
    return;
  }
  if (kind === CallKind.Import) {
    asm.rm(F.mov64, Gpr.R11, mem(VMCTX_REG, VMCTX.importedFuncs));
    asm.mr(F.movMR64, save, VMCTX_REG);
    asm.rm(F.mov64, VMCTX_REG, mem(Gpr.R11, IMPORTED_FUNC.bytes * index + IMPORTED_FUNC.vmctx));
    asm.m(F.callM, mem(Gpr.R11, IMPORTED_FUNC.bytes * index + IMPORTED_FUNC.code));
  } else {
    const f = e.r(0);
    asm.mr(F.movMR64, save, VMCTX_REG);
    asm.rm(F.mov64, VMCTX_REG, mem(f, FUNC_RECORD.vmctx));
    asm.m(F.callM, mem(f, FUNC_RECORD.code));
  }
  asm.rm(F.mov64, VMCTX_REG, save);
}

function helperReturnsI32(h: Helper): boolean {
  return h === Helper.MemoryGrow || h === Helper.TableGrow;
}

function emitCallHelper(e: Amd64Emitter, i: number): void {
  const { asm } = e;
  const numImm = e.b(i);
  asm.rm(F.mov64, Gpr.RDI, VMCTX_REG);
  if (numImm >= 1) asm.oi(F.movImm32, Gpr.RSI, e.c(i) >>> 0);
  if (numImm >= 2) asm.oi(F.movImm32, Gpr.RDX, e.d(i) >>> 0);
  asm.relDisp(F.callRel, 0);
  e.reloc(RelocKind.Helper, e.a(i) as Helper);
  // C functions returning a 32-bit int leave the upper half of rax undefined; i32s are kept zero-extended.
  if (e.isel.mf.opStart.data[i + 1]! - e.isel.mf.opStart.data[i]! > 0 && helperReturnsI32(e.a(i) as Helper)) asm.rm(F.mov32, Gpr.RAX, Gpr.RAX);
}

function emitBrIf(e: Amd64Emitter, i: number): void {
  const n = emitCompare(e, i, e.a(i) as CmpKind);
  void n;
  const cond = e.b(i);
  const b = e.block;
  const mf = e.isel.mf;
  const e0 = mf.succStart.data[b]!;
  const taken = e.edgeTarget(e0), notTaken = e.edgeTarget(e0 + 1);
  if (e.inlineEdge[e0] || e.inlineEdge[e0 + 1]) {
    // Leave through the other edge, then the back-edge's moves, poll and jump back.
    const back = e.inlineEdge[e0] ? 0 : 1;
    e.jcc(back === 0 ? invertCondition(cond) : cond, back === 0 ? notTaken : taken);
    e.emitInlineEdge(e0 + back);
    return;
  }
  if (e.isNext(taken)) {
    e.jcc(invertCondition(cond), notTaken);
    return;
  }
  e.jcc(cond, taken);
  if (!e.isNext(notTaken)) e.jmp(notTaken);
}


const emitters: Record<MK, Emit> = {
  [MK.Args]: () => {},
  [MK.StackArg]: (e, i) => e.asm.rm(slotLoad[e.b(i)]!, e.r(0), mem(Gpr.RBP, 16 + e.a(i))),
  [MK.VmLoad]: (e, i) => e.asm.rm(F.mov64, e.r(0), mem(VMCTX_REG, e.a(i))),
  [MK.Const32]: (e, i) => emitConst(e, i, e.r(0), e.b(i) ? RegClass.Float : RegClass.Int),
  [MK.Const64]: (e, i) => emitConst(e, i, e.r(0), e.c(i) ? RegClass.Float : RegClass.Int),
  [MK.Copy]: (e, i) => {
    if (e.a(i)) e.asm.rm(F.movaps, e.r(1), e.r(0));
    else e.asm.rm(F.mov64, e.r(1), e.rm(0));
  },
  [MK.AluRR]: (e, i) => e.asm.rm(aluForms[e.a(i)]![e.b(i)]![0], e.r(2), e.rm(1)),
  [MK.AluRI]: (e, i) => {
    const imm = e.c(i);
    const f = aluForms[e.a(i)]![e.b(i)]!;
    e.asm.mi(fits8(imm) ? f[2] : f[1], e.r(1), imm);
  },
  [MK.LeaRR]: (e, i) => e.asm.rm(e.b(i) ? F.lea64 : F.lea32, e.r(2), mem(e.r(0), 0, e.r(1), (1 << e.a(i)) as 1 | 2 | 4 | 8)),
  [MK.LeaRI]: (e, i) => e.asm.rm(e.b(i) ? F.lea64 : F.lea32, e.r(1), mem(e.r(0), e.c(i))),
  [MK.Imul]: (e, i) => e.asm.rm(e.b(i) ? F.imul64 : F.imul32, e.r(2), e.rm(1)),
  [MK.ImulRI]: (e, i) => e.asm.rmi(e.b(i) ? F.imulI64 : F.imulI32, e.r(1), e.rm(0), e.c(i)),
  [MK.Shift]: (e, i) => e.asm.mc(shiftForms[e.a(i)]![e.b(i)]![0], e.r(2)),
  [MK.ShiftRI]: (e, i) => {
    if (e.c(i) !== 0) e.asm.mi(shiftForms[e.a(i)]![e.b(i)]![1], e.r(1), e.c(i));
    else if (!e.b(i)) e.asm.rm(F.mov32, e.r(1), e.r(1)); // shift by 0: value unchanged (already zero-extended)
  },
  [MK.Unary]: emitUnary,
  [MK.Div]: emitDiv,
  [MK.SetCC]: (e, i) => {
    const n = emitCompare(e, i, e.a(i) as CmpKind);
    setcc(e, e.b(i), e.r(n));
  },
  [MK.Select]: emitSelect,
  [MK.TrapIf]: (e, i) => {
    emitCompare(e, i, e.a(i) as CmpKind);
    e.jcc(e.b(i), e.trapLabel(e.d(i) as TrapKind));
  },
  [MK.Trap]: (e, i) => e.jmp(e.trapLabel(e.a(i) as TrapKind)),
  [MK.Jump]: (e) => {
    const b = e.block;
    const edge = e.isel.mf.succStart.data[b]!;
    if (e.inlineEdge[edge]) {
      e.emitInlineEdge(edge);
      return;
    }
    const target = e.edgeTarget(edge);
    if (!e.isNext(target)) e.jmp(target);
  },
  [MK.BrIf]: emitBrIf,
  [MK.BrTableAddr]: (e, i) => {
    const { asm } = e;
    const x = e.r(0), t = e.r(1), n = e.a(i);
    // t = min(index, n) (entry n is the default), then the entry's offset plus the table address.
    asm.rm(F.mov32, t, x);
    asm.oi(F.movImm32, Gpr.R11, n);
    asm.rm(F.cmp32, t, Gpr.R11);
    asm.rm(F.cmov32, t, Gpr.R11, Cond.A);
    e.pendingTable = e.buf.newLabel();
    asm.rm(F.lea64, Gpr.R11, { base: NO_REG, index: NO_REG, scale: 1, disp: 0, ripLabel: e.pendingTable });
    asm.rm(F.movsxd, t, mem(Gpr.R11, 0, t, 4));
    asm.rm(form('add_r64_rm64'), t, Gpr.R11);
  },
  [MK.BrTable]: (e, i) => {
    const b = e.block;
    const first = e.isel.mf.succStart.data[b]!;
    const edges: number[] = [];
    for (let k = 0; k <= e.a(i); k++) edges.push(first + k);
    e.addTable(e.pendingTable, edges);
    e.asm.m(F.jmpM, e.r(0));
  },
  [MK.Ret]: (e) => e.epilogue(),
  [MK.StoreStackResult]: (e, i) => e.asm.mr(slotStore[e.b(i)]!, mem(Gpr.RBP, 16 + e.a(i)), e.r(0)),
  [MK.StoreOutArg]: (e, i) => e.asm.mr(slotStore[e.b(i)]!, mem(Gpr.RSP, e.a(i)), e.r(0)),
  [MK.LoadOutResult]: (e, i) => e.asm.rm(slotLoad[e.b(i)]!, e.r(0), mem(Gpr.RSP, e.a(i))),
  [MK.Call]: emitCall,
  [MK.CallHelper]: emitCallHelper,
  [MK.Float]: emitFloat,
  [MK.Load]: (e, i) => {
    const f = loadForms[e.a(i)];
    if (f === undefined) throw new Error(`amd64: no load form for Wasm code 0x${e.a(i).toString(16)}`);
    e.asm.rm(f, e.r(2), memAddress(e, e.r(0), e.r(1), e.c(i), e.a(i)));
  },
  [MK.Store]: (e, i) => {
    const f = storeForms[e.a(i)];
    if (f === undefined) throw new Error(`amd64: no store form for Wasm code 0x${e.a(i).toString(16)}`);
    e.asm.mr(f, memAddress(e, e.r(0), e.r(2), e.c(i), e.a(i)), e.r(1));
  },
  [MK.StoreImm]: (e, i) => {
    const code = e.a(i);
    const f = code === 0x37 ? F.movMI64 : code === 0x3a || code === 0x3c ? F.movMI8 : code === 0x3b || code === 0x3d ? F.movMI16 : F.movMI32;
    e.asm.mi(f, memAddress(e, e.r(0), e.r(1), e.c(i), code), f === F.movMI8 ? e.b(i) & 0xff : f === F.movMI16 ? e.b(i) & 0xffff : e.b(i));
  },
  [MK.MemOperand]: (e, i) => {
    const kind = e.a(i) >> 8, op = e.a(i) & 0xff;
    const m = memAddress(e, e.r(1), e.r(2), e.c(i), e.d(i));
    const f = kind === 0 ? aluForms[op]![e.b(i)]![0] : kind === 1 ? (e.b(i) ? F.imul64 : F.imul32) : floatMemForms[op]!;
    e.asm.rm(f, e.r(3), m);
  },
  [MK.GlobalGet]: (e, i) => loadTyped(e, e.b(i) as ValType, e.r(0), globalMem(e, e.a(i), e.c(i) === 1)),
  [MK.GlobalSet]: (e, i) => storeTyped(e, e.b(i) as ValType, globalMem(e, e.a(i), e.c(i) === 1), e.r(0)),
  [MK.TableGet]: (e, i) => {
    tableDesc(e, e.a(i));
    e.asm.rm(F.mov64, Gpr.R11, mem(Gpr.R11, TABLE_DESC.base));
    e.asm.rm(F.mov64, e.r(1), mem(Gpr.R11, 0, e.r(0), TABLE_ELEM_BYTES));
  },
  [MK.TableSet]: (e, i) => {
    tableDesc(e, e.a(i));
    e.asm.rm(F.mov64, Gpr.R11, mem(Gpr.R11, TABLE_DESC.base));
    e.asm.mr(F.movMR64, mem(Gpr.R11, 0, e.r(0), TABLE_ELEM_BYTES), e.r(1));
  },
  [MK.TableSize]: (e, i) => {
    tableDesc(e, e.a(i));
    e.asm.rm(F.mov32, e.r(0), mem(Gpr.R11, TABLE_DESC.length));
  },
  [MK.RefFunc]: (e, i) => {
    e.asm.rm(F.mov64, e.r(0), mem(VMCTX_REG, VMCTX.funcRecords));
    e.asm.rm(F.lea64, e.r(0), mem(e.r(0), FUNC_RECORD_BYTES * e.a(i)));
  },
  [MK.MemorySize]: (e) => {
    e.asm.rm(F.mov64, e.r(0), mem(VMCTX_REG, VMCTX.memorySize));
    e.asm.mi(F.shr64I, e.r(0), 16);
  },
  [MK.VConst]: (e, i) => emitVconst(e, i, e.r(0)),
  [MK.VLoad]: emitVLoad,
  [MK.VStore]: emitVStore,
  [MK.Simd]: emitSimd,
};

export function emitInst(e: Amd64Emitter, kind: MK, i: number): void {
  emitters[kind](e, i);
}
