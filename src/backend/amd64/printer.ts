// Prints amd64 instructions in the Intel syntax objdump uses, from the same form table the
// encoder reads; tests compare this text with objdump's disassembly of the encoded bytes.
import { Shape, type Form } from './forms.js';
import { type Mem, NO_REG } from './operands.js';
import { condNames, regName, RegKind } from './registers.js';

const ptrNames: Record<number, string> = { 1: 'BYTE', 2: 'WORD', 4: 'DWORD', 8: 'QWORD', 16: 'XMMWORD' };

function hex(v: bigint): string {
  return `0x${v.toString(16)}`;
}

function formatMem(form: Form, m: Mem): string {
  let inner: string;
  if (m.ripLabel !== undefined) {
    inner = `rip${m.disp < 0 ? '-' : '+'}${hex(BigInt(Math.abs(m.disp)))}`;
  } else {
    const parts: string[] = [];
    if (m.base !== NO_REG) parts.push(regName(RegKind.Gpr64, m.base));
    if (m.index !== NO_REG) parts.push(`${regName(RegKind.Gpr64, m.index)}*${m.scale}`);
    inner = parts.join('+');
    // A displacement is printed when encoded: always without a base, and for rbp/r13 bases.
    const dispEncoded = m.disp !== 0 || m.base === NO_REG || (m.base & 7) === 5;
    if (dispEncoded) inner += `${m.disp < 0 ? '-' : '+'}${hex(BigInt(Math.abs(m.disp)))}`;
  }
  if (form.memBytes < 0) return `[${inner}]`;
  return `${ptrNames[form.memBytes]} PTR [${inner}]`;
}

function formatRm(form: Form, rm: number | Mem): string {
  return typeof rm === 'number' ? regName(form.rmKind, rm) : formatMem(form, rm);
}

/** The immediate as objdump shows it: sign-extended to the operand width, printed unsigned. */
function formatImm(form: Form, imm: number | bigint): string {
  const bits = form.immBytes * 8;
  const signed = BigInt.asIntN(bits, BigInt(imm));
  return hex(BigInt.asUintN(form.immWidth * 8, signed));
}

export interface PrintOperands {
  reg?: number;
  rm?: number | Mem;
  imm?: number | bigint;
  cond?: number;
  /** Address of the instruction and its length, for relative branch targets. */
  address?: number;
  length?: number;
}

/** Formats one instruction; `ops` holds the operands the encoder was given. */
export function formatInstruction(form: Form, ops: PrintOperands): string {
  const mnemonic = form.conditional ? `${form.mnemonic}${condNames[ops.cond ?? 0]}` : form.mnemonic;
  const reg = ops.reg ?? 0;
  let operands: string[];
  switch (form.shape) {
    case Shape.RM: operands = [regName(form.regKind, reg), formatRm(form, ops.rm!)]; break;
    case Shape.MR: operands = [formatRm(form, ops.rm!), regName(form.regKind, reg)]; break;
    case Shape.MI: operands = [formatRm(form, ops.rm!), formatImm(form, ops.imm ?? 0)]; break;
    case Shape.M: operands = [formatRm(form, ops.rm!)]; break;
    case Shape.MC: operands = [formatRm(form, ops.rm!), 'cl']; break;
    case Shape.O: operands = [regName(form.regKind, reg)]; break;
    case Shape.OI: operands = [regName(form.regKind, reg), formatImm(form, ops.imm ?? 0)]; break;
    case Shape.MRI: operands = [formatRm(form, ops.rm!), regName(form.regKind, reg), formatImm(form, ops.imm ?? 0)]; break;
    case Shape.RMI: operands = [regName(form.regKind, reg), formatRm(form, ops.rm!), formatImm(form, ops.imm ?? 0)]; break;
    case Shape.Rel: {
      const next = (ops.address ?? 0) + (ops.length ?? 0);
      operands = [hex(BigInt(next + Number(BigInt.asIntN(form.immBytes * 8, BigInt(ops.imm ?? 0)))))];
      break;
    }
    case Shape.ZO: operands = []; break;
  }
  return operands.length ? `${mnemonic} ${operands.join(',')}` : mnemonic;
}
