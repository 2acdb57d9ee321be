// Encodes amd64 instructions from the form table (forms.ts) into a CodeBuffer: legacy prefix,
// REX, opcode, ModRM, SIB, displacement, immediate.
import { CodeBuffer, type FixupKind, type LabelId } from '../code-buffer.js';
import { Shape, type Form } from './forms.js';
import { type Mem, NO_REG } from './operands.js';
import { RegKind, type Cond } from './registers.js';

/** rel32 displacement measured from the end of the instruction, `trailing` bytes after the field. */
function rel32Fixup(trailing: number): FixupKind {
  return {
    name: `amd64 rel32${trailing ? `+imm${trailing}` : ''}`,
    patch(bytes, site, target) {
      const rel = target - (site + 4 + trailing);
      if (rel < -0x80000000 || rel > 0x7fffffff) return false;
      new DataView(bytes.buffer, bytes.byteOffset).setInt32(site, rel, true);
      return true;
    },
  };
}

export const FIXUP_REL32: FixupKind = rel32Fixup(0);
const ripFixups = [rel32Fixup(0), rel32Fixup(1), rel32Fixup(2), rel32Fixup(4)];

export const FIXUP_REL8: FixupKind = {
  name: 'amd64 rel8',
  patch(bytes, site, target) {
    const rel = target - (site + 1);
    if (rel < -128 || rel > 127) return false;
    bytes[site] = rel & 0xff;
    return true;
  },
};

function needsRexForByteReg(kind: RegKind, reg: number): boolean {
  return kind === RegKind.Gpr8 && reg >= 4 && reg <= 7;
}

function fits8(v: number): boolean {
  return v >= -128 && v <= 127;
}

export class Assembler {
  constructor(readonly buf: CodeBuffer = new CodeBuffer()) {}

  /** Emits `form` with a register in ModRM.reg (or the opcode, or the /digit) and an r/m operand. */
  private emit(form: Form, reg: number, rm: number | Mem | undefined, cond: number): void {
    const b = this.buf;
    if (form.prefix !== 0) b.emit8(form.prefix);
    let rex = form.rexW ? 0x48 : 0;
    let forceRex = false;
    if (form.shape === Shape.O || form.shape === Shape.OI) {
      if (reg & 8) rex |= 0x41;
    } else if (form.shape !== Shape.Rel && form.shape !== Shape.ZO) {
      if (reg & 8) rex |= 0x44;
      if (needsRexForByteReg(form.regKind, reg)) forceRex = true;
      if (typeof rm === 'number') {
        if (rm & 8) rex |= 0x41;
        if (needsRexForByteReg(form.rmKind, rm)) forceRex = true;
      } else if (rm !== undefined) {
        if (rm.base !== NO_REG && rm.base & 8) rex |= 0x41;
        if (rm.index !== NO_REG && rm.index & 8) rex |= 0x42;
      }
    }
    if (rex !== 0 || forceRex) b.emit8(rex | 0x40);
    const op = form.opcode;
    for (let i = 0; i < op.length - 1; i++) b.emit8(op[i]!);
    let last = op[op.length - 1]!;
    if (form.conditional) last += cond;
    if (form.shape === Shape.O || form.shape === Shape.OI) last += reg & 7;
    b.emit8(last);
    if (rm !== undefined) this.modrm(reg & 7, rm, form.immBytes + (form.suffix >= 0 ? 1 : 0));
    if (form.suffix >= 0) b.emit8(form.suffix);
  }

  private modrm(regField: number, rm: number | Mem, trailingImm: number): void {
    const b = this.buf;
    if (typeof rm === 'number') {
      b.emit8(0xc0 | (regField << 3) | (rm & 7));
      return;
    }
    if (rm.ripLabel !== undefined) {
      b.emit8((regField << 3) | 5);
      b.addFixup(b.length, rm.ripLabel, ripFixups[trailingImm === 4 ? 3 : trailingImm]!);
      b.emit32(rm.disp);
      return;
    }
    const { base, index, disp } = rm;
    if (index === 4) throw new Error('rsp cannot be an index register');
    if (base === NO_REG) {
      if (index === NO_REG) throw new Error('memory operand needs a base or an index');
      // [index*scale + disp32]: SIB with base=101 and mod=00.
      b.emit8((regField << 3) | 4);
      b.emit8((scaleBits(rm.scale) << 6) | ((index & 7) << 3) | 5);
      b.emit32(disp);
      return;
    }
    // rbp/r13 as base cannot use mod=00 (that encodes RIP/disp32): they take a zero disp8.
    const mod = disp === 0 && (base & 7) !== 5 ? 0 : fits8(disp) ? 1 : 2;
    if (index === NO_REG && (base & 7) !== 4) {
      b.emit8((mod << 6) | (regField << 3) | (base & 7));
    } else {
      // A SIB byte is needed for an index, or for rsp/r12 as base (index=100 means none).
      b.emit8((mod << 6) | (regField << 3) | 4);
      const idx = index === NO_REG ? 4 : index & 7;
      b.emit8((scaleBits(rm.scale) << 6) | (idx << 3) | (base & 7));
    }
    if (mod === 1) b.emit8(disp & 0xff);
    else if (mod === 2) b.emit32(disp);
  }

  private imm(form: Form, value: number | bigint): void {
    switch (form.immBytes) {
      case 0: return;
      case 1: this.buf.emit8(Number(value) & 0xff); return;
      case 2: this.buf.emit16(Number(value)); return;
      case 4: this.buf.emit32(Number(BigInt.asIntN(32, BigInt(value)))); return;
      case 8: this.buf.emit64(BigInt(value)); return;
    }
  }

  private check(form: Form, shape: Shape): void {
    if (form.shape !== shape) throw new Error(`amd64 form ${form.name} used with the wrong operand shape`);
  }

  private checkRm(form: Form, rm: number | Mem): void {
    if (typeof rm === 'number' ? form.rmKind === RegKind.None : form.memBytes === 0) {
      throw new Error(`amd64 form ${form.name} does not take ${typeof rm === 'number' ? 'a register' : 'a memory'} operand`);
    }
  }

  /** reg ← r/m (Shape.RM). */
  rm(form: Form, reg: number, rm: number | Mem, cond: Cond | 0 = 0): void {
    this.check(form, Shape.RM);
    this.checkRm(form, rm);
    this.emit(form, reg, rm, cond);
  }

  /** r/m ← reg (Shape.MR). */
  mr(form: Form, rm: number | Mem, reg: number): void {
    this.check(form, Shape.MR);
    this.checkRm(form, rm);
    this.emit(form, reg, rm, 0);
  }

  /** r/m, imm (Shape.MI). */
  mi(form: Form, rm: number | Mem, imm: number): void {
    this.check(form, Shape.MI);
    this.checkRm(form, rm);
    if (form.immBytes === 1 && form.immWidth > 1 && !fits8(imm)) throw new Error(`${form.name}: ${imm} does not fit a sign-extended imm8`);
    this.emit(form, form.digit, rm, 0);
    this.imm(form, imm);
  }

  /** r/m (Shape.M), optionally with a condition (SETcc). */
  m(form: Form, rm: number | Mem, cond: Cond | 0 = 0): void {
    this.check(form, Shape.M);
    this.checkRm(form, rm);
    this.emit(form, form.digit, rm, cond);
  }

  /** r/m, cl (Shape.MC). */
  mc(form: Form, rm: number | Mem): void {
    this.check(form, Shape.MC);
    this.checkRm(form, rm);
    this.emit(form, form.digit, rm, 0);
  }

  /** Register in the opcode (Shape.O). */
  o(form: Form, reg: number): void {
    this.check(form, Shape.O);
    this.emit(form, reg, undefined, 0);
  }

  /** Register in the opcode, then an immediate (Shape.OI). */
  oi(form: Form, reg: number, imm: number | bigint): void {
    this.check(form, Shape.OI);
    this.emit(form, reg, undefined, 0);
    this.imm(form, imm);
  }

  /** reg, r/m, imm (Shape.RMI). */
  rmi(form: Form, reg: number, rm: number | Mem, imm: number): void {
    this.check(form, Shape.RMI);
    this.checkRm(form, rm);
    this.emit(form, reg, rm, 0);
    this.imm(form, imm);
  }

  /** r/m, reg, imm (Shape.MRI). */
  mri(form: Form, rm: number | Mem, reg: number, imm: number): void {
    this.check(form, Shape.MRI);
    this.checkRm(form, rm);
    this.emit(form, reg, rm, 0);
    this.imm(form, imm);
  }

  /** No operands (Shape.ZO). */
  zo(form: Form): void {
    this.check(form, Shape.ZO);
    this.emit(form, 0, undefined, 0);
  }

  /** A relative branch with a known displacement from the end of the instruction. */
  relDisp(form: Form, disp: number, cond: Cond | 0 = 0): void {
    this.check(form, Shape.Rel);
    this.emit(form, 0, undefined, cond);
    this.imm(form, disp);
  }

  /** A relative branch to a label, patched by `buf.resolveFixups()`. */
  relLabel(form: Form, label: LabelId, cond: Cond | 0 = 0): void {
    this.check(form, Shape.Rel);
    this.emit(form, 0, undefined, cond);
    this.buf.addFixup(this.buf.length, label, form.immBytes === 1 ? FIXUP_REL8 : FIXUP_REL32);
    this.imm(form, 0);
  }
}

function scaleBits(scale: 1 | 2 | 4 | 8): number {
  return scale === 1 ? 0 : scale === 2 ? 1 : scale === 4 ? 2 : 3;
}
