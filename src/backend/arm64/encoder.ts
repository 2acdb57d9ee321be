// Encodes A64 instructions from the form table into a CodeBuffer: every instruction is one
// little-endian 32-bit word, the form's fixed bits with each operand's fields filled in. Label
// operands leave their field zero and record a fix-up that CodeBuffer.resolveFixups patches.
import { CodeBuffer, type FixupKind, type LabelId } from '../code-buffer.js';
import type { Form } from './form-table.js';
import { encodeBitmask, encodeFpImm } from './immediates.js';
import { arityOf, elementBits, isRegisterKind, K, type OperandSpec } from './operands.js';
import { Extend, SP, ZR } from './registers.js';

/** An encoder argument: register id, immediate, condition, label id... (bigint for 64-bit masks). */
export type Operand = number | bigint;

class OperandError extends Error {}

function bad(msg: string): never {
  throw new OperandError(msg);
}

function integer(v: Operand): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) bad(`must be an integer, got ${String(v)}`);
  return n;
}

function inRange(v: Operand, lo: number, hi: number, what: string): number {
  const n = integer(v);
  if (n < lo || n > hi) bad(`${what} ${n} is out of range ${lo}..${hi}`);
  return n;
}

function multiple(n: number, scale: number): number {
  if (n % scale !== 0) bad(`offset ${n} is not a multiple of ${scale}`);
  return n / scale;
}

/** Hardware number of a general register where 31 is the zero register. */
function gprOrZr(v: Operand): number {
  const id = integer(v);
  if (id === SP) bad('is sp, but here register 31 means the zero register');
  if (id < 0 || id > ZR) bad(`must be a general register (0..30 or zr), got id ${id}`);
  return id;
}

/** Hardware number of a general register where 31 is the stack pointer. */
function gprOrSp(v: Operand): number {
  const id = integer(v);
  if (id === SP) return 31;
  if (id === ZR) bad('is the zero register, but here register 31 means sp');
  if (id < 0 || id > 30) bad(`must be a general register (0..30 or sp), got id ${id}`);
  return id;
}

function fpReg(v: Operand): number {
  const id = integer(v);
  if (id < 32 || id > 63) bad(`must be a vector/FP register (ids 32..63), got id ${id}`);
  return id - 32;
}

function register(k: K, v: Operand): number {
  switch (k) {
    case K.W: case K.X: return gprOrZr(v);
    case K.WSP: case K.XSP: return gprOrSp(v);
    default: return fpReg(v);
  }
}

const labelFields: Partial<Record<K, { bits: number; range: string }>> = {
  [K.Label26]: { bits: 26, range: '±128 MiB' },
  [K.Label19]: { bits: 19, range: '±1 MiB' },
  [K.Label14]: { bits: 14, range: '±32 KiB' },
  [K.Label21]: { bits: 21, range: '±1 MiB' },
};

/** One fix-up kind per form and label kind, so an out-of-range error names the instruction. */
const fixupKinds = new Map<Form, FixupKind>();

function fixupFor(form: Form, o: OperandSpec): FixupKind {
  let kind = fixupKinds.get(form);
  if (kind) return kind;
  const { bits, range } = labelFields[o.k]!;
  const byteOffset = o.k === K.Label21;
  const limit = 2 ** (bits - 1);
  kind = {
    name: `arm64 ${form.name} (${range})`,
    patch(bytes, site, target) {
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      const delta = target - site;
      const units = byteOffset ? delta : delta / 4;
      if (!Number.isInteger(units) || units < -limit || units >= limit) return false;
      let word = view.getUint32(site, true);
      if (byteOffset) word |= ((units & 3) << 29) | (((units >> 2) & 0x7ffff) << 5);
      else word |= (units & (2 * limit - 1)) << o.at;
      view.setUint32(site, word >>> 0, true);
      return true;
    },
  };
  fixupKinds.set(form, kind);
  return kind;
}

const memRegOptions = new Set<number>([Extend.UXTW, Extend.UXTX, Extend.SXTW, Extend.SXTX]);

/**
 * Writeback addressing with the base also a data register (or a load pair into one register
 * twice) is CONSTRAINED UNPREDICTABLE in the architecture: refused rather than emitted.
 */
function checkWriteback(form: Form, ops: readonly Operand[]): void {
  const data: number[] = [];
  let i = 0;
  for (const o of form.operands) {
    if (o.k === K.W || o.k === K.X) data.push(Number(ops[i]));
    else if (o.k === K.MemPre || o.k === K.MemPost || o.k === K.PairPre || o.k === K.PairPost) {
      const base = Number(ops[i]);
      if (data.includes(base)) throw new Error(`arm64 ${form.name}: the writeback base x${base} is also a data register (unpredictable)`);
    }
    i += arityOf(o.k);
  }
}

function checkPairLoad(form: Form, ops: readonly Operand[]): void {
  if (ops[0] === ops[1]) throw new Error(`arm64 ${form.name}: both destinations are the same register (unpredictable)`);
}

export class Assembler {
  constructor(readonly buf: CodeBuffer = new CodeBuffer()) {}

  /** Emits one instruction of `form`; `ops` are its operands in assembly order (see operands.ts). */
  emit(form: Form, ...ops: readonly Operand[]): void {
    if (ops.length !== form.arity) throw new Error(`arm64 ${form.name}: takes ${form.arity} operands, got ${ops.length}`);
    let word = form.bits;
    let label = -1;
    let labelSpec: OperandSpec | undefined;
    let i = 0;
    for (const o of form.operands) {
      try {
        if (isRegisterKind(o.k)) {
          const r = register(o.k, ops[i]!);
          word |= r << o.at;
          if (o.also >= 0) word |= r << o.also;
        } else if (o.k >= K.Label26 && o.k <= K.Label21) {
          label = integer(ops[i]!);
          labelSpec = o;
        } else {
          word |= this.field(form, o, ops, i);
        }
      } catch (e) {
        if (e instanceof OperandError) {
          const n = arityOf(o.k);
          throw new Error(`arm64 ${form.name}: operand${n > 1 ? `s ${i + 1}..${i + n}` : ` ${i + 1}`} ${e.message}`);
        }
        throw e;
      }
      i += arityOf(o.k);
    }
    if (form.writeback) checkWriteback(form, ops);
    if (form.pairLoad) checkPairLoad(form, ops);
    if (labelSpec) this.buf.addFixup(this.buf.length, label as LabelId, fixupFor(form, labelSpec));
    this.buf.emit32(word >>> 0);
  }

  /** The bits of one non-register, non-label operand starting at `ops[i]`. */
  private field(form: Form, o: OperandSpec, ops: readonly Operand[], i: number): number {
    const w = form.width;
    const a = ops[i]!;
    const b = ops[i + 1]!;
    switch (o.k) {
      case K.UImm: {
        const n = integer(a);
        const q = multiple(n, o.scale);
        if (q < 0 || q >= 2 ** o.bits) bad(`immediate ${n} does not fit ${o.bits} unsigned bits${o.scale > 1 ? ` scaled by ${o.scale}` : ''}`);
        return q << o.at;
      }
      case K.Lsl12: {
        const n = integer(a);
        if (n !== 0 && n !== 12) bad(`immediate shift must be 0 or 12, got ${n}`);
        return n ? 1 << 22 : 0;
      }
      case K.Bitmask: {
        // Any value that fits the width, signed or unsigned (small numbers skip BigInt).
        const fits = typeof a === 'number' ? Number.isSafeInteger(a) && a >= -(2 ** (w - 1)) && a < 2 ** w
          : a >= -(1n << BigInt(w - 1)) && a < 1n << BigInt(w);
        if (!fits) bad(`logical immediate ${String(a)} does not fit ${w} bits`);
        const enc = encodeBitmask(a, w);
        if (enc < 0) bad(`0x${BigInt.asUintN(w, BigInt(a)).toString(16)} is not encodable as a logical immediate`);
        return ((enc >> 12) << 22) | (((enc >> 6) & 0x3f) << 16) | ((enc & 0x3f) << 10);
      }
      case K.MovShift: {
        const n = integer(a);
        if (n % 16 !== 0 || n < 0 || n >= w) bad(`shift must be ${w === 64 ? '0, 16, 32 or 48' : '0 or 16'}, got ${n}`);
        return (n / 16) << 21;
      }
      case K.FpZero: case K.VZero: return 0;
      case K.VShl: {
        const esize = elementBits(o.arr);
        return (esize + inRange(a, 0, esize - 1, 'shift')) << 16;
      }
      case K.VShr: {
        const esize = elementBits(o.arr);
        return (2 * esize - inRange(a, 1, esize, 'shift')) << 16;
      }
      case K.ByteMask: {
        const m = BigInt.asUintN(64, BigInt(a));
        let imm8 = 0;
        for (let byte = 0; byte < 8; byte++) {
          const b8 = Number((m >> BigInt(8 * byte)) & 0xffn);
          if (b8 !== 0 && b8 !== 0xff) bad(`0x${m.toString(16)} is not a byte mask (every byte 0x00 or 0xff)`);
          if (b8) imm8 |= 1 << byte;
        }
        return ((imm8 >> 5) << 16) | ((imm8 & 31) << 5);
      }
      case K.MemBase: return gprOrSp(a) << 5;
      case K.VListLane: {
        const bytes = elementBits(o.arr) / 8;
        const index = inRange(b, 0, 16 / bytes - 1, 'lane');
        // The byte offset of the lane, index * bytes, is Q:S:size (size low bits stay for h/s/d).
        const offset = index * bytes;
        const sizeField = bytes === 8 ? 1 : offset & 3;
        return fpReg(a) | ((offset >> 3) << 30) | (((offset >> 2) & 1) << 12) | (sizeField << 10);
      }
      case K.VLane: {
        const log2 = Math.log2(elementBits(o.arr) / 8);
        const index = inRange(b, 0, (16 >> log2) - 1, 'lane');
        return (fpReg(a) << o.at) | ((((index << 1) | 1) << log2) << 16);
      }
      case K.Cond: case K.CondSuffix: return inRange(a, 0, 15, 'condition') << o.at;
      case K.CondInv: return (inRange(a, 0, 13, 'condition (al/nv have no inverse)') ^ 1) << o.at;
      case K.FpImm: {
        const enc = encodeFpImm(Number(a));
        if (enc < 0) bad(`${Number(a)} is not encodable as an FMOV immediate`);
        return enc << 13;
      }
      case K.TestBit: {
        const n = inRange(a, 0, w - 1, 'bit number');
        return ((n >> 5) << 31) | ((n & 31) << 19);
      }
      case K.LslImm: {
        const n = inRange(a, 0, w - 1, 'shift');
        return (((w - n) % w) << 16) | ((w - 1 - n) << 10);
      }
      case K.ShrImm: return (inRange(a, 0, w - 1, 'shift') << 16) | ((w - 1) << 10);
      case K.Shift: {
        const type = inRange(a, 0, o.max, 'shift type');
        return (type << 22) | (inRange(b, 0, w - 1, 'shift amount') << 10);
      }
      case K.Bfx: case K.Bfiz: {
        const lsb = inRange(a, 0, w - 1, 'lsb');
        const width = inRange(b, 1, w - lsb, 'field width');
        const immr = o.k === K.Bfx ? lsb : (w - lsb) % w;
        const imms = o.k === K.Bfx ? lsb + width - 1 : width - 1;
        return (immr << 16) | (imms << 10);
      }
      case K.MemUOff: {
        const q = multiple(integer(b), o.scale);
        if (q < 0 || q > 4095) bad(`offset ${integer(b)} is out of range 0..${4095 * o.scale}`);
        return (gprOrSp(a) << 5) | (q << 10);
      }
      case K.MemSOff: case K.MemPre: case K.MemPost:
        return (gprOrSp(a) << 5) | ((inRange(b, -256, 255, 'offset') & 0x1ff) << 12);
      case K.PairOff: case K.PairPre: case K.PairPost: {
        const q = multiple(integer(b), o.scale);
        if (q < -64 || q > 63) bad(`offset ${integer(b)} is out of range ${-64 * o.scale}..${63 * o.scale}`);
        return (gprOrSp(a) << 5) | ((q & 0x7f) << 15);
      }
      case K.ExtReg: {
        const option = inRange(b, 0, 7, 'extend option');
        return (gprOrZr(a) << 16) | (option << 13) | (inRange(ops[i + 2]!, 0, 4, 'extend shift') << 10);
      }
      case K.MemReg: {
        const option = integer(ops[i + 2]!);
        if (!memRegOptions.has(option)) bad(`index extend must be UXTW, LSL (UXTX), SXTW or SXTX, got ${option}`);
        const scaled = inRange(ops[i + 3]!, 0, 1, 'scaled flag');
        return (gprOrSp(a) << 5) | (gprOrZr(b) << 16) | (option << 13) | (scaled << 12);
      }
      default:
        throw new Error(`arm64 ${form.name}: operand kind ${o.k} has no field encoder`);
    }
  }
}
