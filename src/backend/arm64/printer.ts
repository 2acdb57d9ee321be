// Prints A64 instructions the way objdump does, from the same form table the encoder reads;
// the test compares this text with objdump's disassembly of the encoded words (aliases against
// objdump's default output, base forms against `-M no-aliases`).
import type { Form } from './form-table.js';
import type { Operand } from './encoder.js';
import { arityOf, isRegisterKind, K, type OperandSpec } from './operands.js';
import { condNames, Extend, extendNames, Shift, shiftNames, SP, ZR } from './registers.js';

export function regName(k: K, id: number): string {
  switch (k) {
    case K.W: return id === ZR ? 'wzr' : `w${id}`;
    case K.X: return id === ZR ? 'xzr' : `x${id}`;
    case K.WSP: return id === SP ? 'wsp' : `w${id}`;
    case K.XSP: return id === SP ? 'sp' : `x${id}`;
    case K.S: return `s${id - 32}`;
    case K.D: return `d${id - 32}`;
    case K.B: return `b${id - 32}`;
    case K.H: return `h${id - 32}`;
    default: return `q${id - 32}`;
  }
}

/** A double as objdump prints FMOV immediates: C's `%.18e` (two-digit exponent at least). */
export function formatFpImm(v: number): string {
  return v.toExponential(18).replace(/e([+-])(\d)$/, 'e$10$2');
}

function num(v: Operand): number {
  return Number(v);
}

function offset(base: string, off: number, mode: 'offset' | 'pre' | 'post'): string {
  if (mode === 'post') return `[${base}], #${off}`;
  if (mode === 'pre') return `[${base}, #${off}]!`;
  return off === 0 ? `[${base}]` : `[${base}, #${off}]`;
}

export interface PrintContext {
  /** Address of the instruction (branch targets are printed as absolute addresses). */
  address: number;
  /** Where a label operand points. */
  labelAddress(label: number): number;
}

/** Formats one instruction; `ops` are the operands the encoder was given. */
export function formatInstruction(form: Form, ops: readonly Operand[], ctx: PrintContext): string {
  const w = form.width;
  const parts: string[] = [];
  let mnemonic = form.mnemonic;
  // objdump names TBZ's register by the bit tested: w below bit 32.
  const testBit = form.operands.findIndex((o) => o.k === K.TestBit);
  const narrowTest = testBit >= 0 && num(ops[testBit]!) < 32;
  // Extended-register forms print LSL for the "natural" extend when an SP operand is involved.
  let spSeen = false;
  let i = 0;
  for (const o of form.operands) {
    const a = ops[i]!;
    const b = ops[i + 1]!;
    if (o.k === K.V) {
      parts.push(`v${num(a) - 32}.${o.arr}`);
    } else if (o.k === K.VList) {
      parts.push(`{v${num(a) - 32}.${o.arr}}`);
    } else if (isRegisterKind(o.k)) {
      if ((o.k === K.XSP || o.k === K.WSP) && num(a) === SP) spSeen = true;
      parts.push(regName(narrowTest && o.k === K.X ? K.W : o.k, num(a)));
    } else if (o.k === K.CondSuffix) {
      mnemonic += condNames[num(a)];
    } else {
      parts.push(formatOperand(o, w, ops, i, spSeen, ctx));
    }
    i += arityOf(o.k);
  }
  const text = parts.filter((p) => p !== '');
  return text.length ? `${mnemonic} ${text.join(', ')}` : mnemonic;
}

function formatOperand(o: OperandSpec, w: number, ops: readonly Operand[], i: number, spSeen: boolean, ctx: PrintContext): string {
  const a = ops[i]!;
  const b = ops[i + 1]!;
  switch (o.k) {
    case K.UImm: return o.hex ? `#0x${num(a).toString(16)}` : `#${num(a)}`;
    case K.Lsl12: return num(a) === 12 ? 'lsl #12' : '';
    case K.Bitmask: return `#0x${BigInt.asUintN(w, BigInt(a)).toString(16)}`;
    case K.MovShift: return num(a) ? `lsl #${num(a)}` : '';
    case K.Cond: case K.CondInv: return condNames[num(a)]!;
    case K.FpImm: return `#${formatFpImm(num(a))}`;
    case K.FpZero: return '#0.0';
    case K.VZero: return '#0';
    case K.VShl: case K.VShr: return `#${num(a)}`;
    case K.ByteMask: return `#0x${BigInt.asUintN(64, BigInt(a)).toString(16)}`;
    case K.MemBase: return `[${regName(K.XSP, num(a))}]`;
    case K.VListLane: return `{v${num(a) - 32}.${o.arr}}[${num(b)}]`;
    case K.VLane: return `v${num(a) - 32}.${o.arr}[${num(b)}]`;
    case K.TestBit: case K.LslImm: case K.ShrImm: return `#${num(a)}`;
    case K.Label26: case K.Label19: case K.Label14: case K.Label21:
      return `0x${ctx.labelAddress(num(a)).toString(16)}`;
    case K.Shift: return num(a) === Shift.LSL && num(b) === 0 ? '' : `${shiftNames[num(a)]} #${num(b)}`;
    case K.Bfx: case K.Bfiz: return `#${num(a)}, #${num(b)}`;
    case K.MemUOff: case K.MemSOff: case K.PairOff: return offset(regName(K.XSP, num(a)), num(b), 'offset');
    case K.MemPre: case K.PairPre: return offset(regName(K.XSP, num(a)), num(b), 'pre');
    case K.MemPost: case K.PairPost: return offset(regName(K.XSP, num(a)), num(b), 'post');
    case K.ExtReg: {
      const option = num(b);
      const amount = num(ops[i + 2]!);
      const rm = regName(w === 64 && (option & 3) === 3 ? K.X : K.W, num(a));
      if (spSeen && option === (w === 64 ? Extend.UXTX : Extend.UXTW)) return amount ? `${rm}, lsl #${amount}` : rm;
      return `${rm}, ${extendNames[option]}${amount ? ` #${amount}` : ''}`;
    }
    case K.MemReg: {
      const option = num(ops[i + 2]!);
      const scaled = num(ops[i + 3]!) === 1;
      const shift = Math.log2(o.scale);
      const index = regName((option & 3) === 3 ? K.X : K.W, num(b));
      const base = regName(K.XSP, num(a));
      if (option === Extend.UXTX) return scaled ? `[${base}, ${index}, lsl #${shift}]` : `[${base}, ${index}]`;
      return `[${base}, ${index}, ${extendNames[option]}${scaled ? ` #${shift}` : ''}]`;
    }
    default: return `?kind${o.k}`;
  }
}
