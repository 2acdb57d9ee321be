// A cursor over the module bytes: strict LEB128, fixed-width values and UTF-8 names. It never
// allocates per byte and throws CompileError (with the offending offset) on malformed input.
import { CompileError } from '../runtime/errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class Reader {
  readonly bytes: Uint8Array;
  pos: number;
  /** One past the last readable byte (a section or body end while reading inside one). */
  end: number;
  private readonly view: DataView;

  constructor(bytes: Uint8Array, pos = 0, end = bytes.length) {
    this.bytes = bytes;
    this.pos = pos;
    this.end = end;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  fail(message: string, offset = this.pos): never {
    throw new CompileError(message, offset);
  }

  /** Ran out of bytes: of the whole module, or of the section or function body being read. */
  eof(offset = this.pos): never {
    return this.fail(this.end === this.bytes.length ? 'unexpected end' : 'unexpected end of section or function', offset);
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  u8(): number {
    if (this.pos >= this.end) this.eof();
    return this.bytes[this.pos++]!;
  }

  /** Unsigned 32-bit LEB128: at most 5 bytes, unused bits of the last byte zero. */
  u32(): number {
    const bytes = this.bytes;
    let pos = this.pos;
    if (pos < this.end) {
      const b = bytes[pos]!;
      if (b < 0x80) { this.pos = pos + 1; return b; }
    }
    const start = pos;
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (pos >= this.end) this.eof(pos);
      const b = bytes[pos++]!;
      if (shift === 28) {
        if ((b & 0x80) !== 0) this.fail('integer representation too long', start);
        if ((b & 0x70) !== 0) this.fail('integer too large', start);
      }
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
    }
    this.pos = pos;
    return result >>> 0;
  }

  /** Signed 32-bit LEB128 (i32.const). */
  s32(): number {
    return this.signed(32);
  }

  /** Checks and skips a signed 32-bit LEB128 (validation does not need the value). */
  skipS32(): void {
    const bytes = this.bytes;
    const end = this.end;
    let pos = this.pos;
    for (let i = 0; i < 4; i++) {
      if (pos >= end) this.eof(pos);
      if (bytes[pos++]! < 0x80) { this.pos = pos; return; }
    }
    // A fifth byte: let the full decoder apply the length and sign rules.
    this.signed(32);
  }

  /** Signed 33-bit LEB128 (block types); returned as a number, exact. */
  s33(): number {
    return this.signed(33);
  }

  private signed(bits: 32 | 33): number {
    const bytes = this.bytes;
    const start = this.pos;
    let pos = start;
    let result = 0;
    let shift = 0;
    let b: number;
    for (;;) {
      if (pos >= this.end) this.eof(pos);
      b = bytes[pos++]!;
      if (shift === 28) {
        if ((b & 0x80) !== 0) this.fail('integer representation too long', start);
        // The bits above the value's width must repeat its sign bit.
        const usedBits = bits - 28;
        const signBit = (b >> (usedBits - 1)) & 1;
        const high = b & 0x7f & ~((1 << usedBits) - 1);
        const expected = signBit ? 0x7f & ~((1 << usedBits) - 1) : 0;
        if (high !== expected) this.fail('integer too large', start);
        result += (b & ((1 << usedBits) - 1)) * 2 ** 28;
        if (signBit) result -= 2 ** bits;
        this.pos = pos;
        return bits === 32 ? result | 0 : result;
      }
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) break;
    }
    this.pos = pos;
    if ((b & 0x40) !== 0) result -= 2 ** shift;
    return result;
  }

  /** Signed 64-bit LEB128 (i64.const) as a bigint. */
  s64(): bigint {
    const start = this.pos;
    this.skipS64();
    let result = 0n;
    let shift = 0n;
    let b = 0;
    for (let p = start; p < this.pos; p++) {
      b = this.bytes[p]!;
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
    }
    if ((b & 0x40) !== 0 && shift < 64n) result -= 1n << shift;
    return BigInt.asIntN(64, result);
  }

  /** Checks and skips a signed 64-bit LEB128 without building its value. */
  skipS64(): void {
    const bytes = this.bytes;
    const start = this.pos;
    let pos = start;
    for (let i = 0; ; i++) {
      if (pos >= this.end) this.eof(pos);
      const b = bytes[pos++]!;
      if (i === 9) {
        if ((b & 0x80) !== 0) this.fail('integer representation too long', start);
        // Only bit 0 carries value; the rest repeat it.
        if (b !== 0 && b !== 0x7f) this.fail('integer too large', start);
        break;
      }
      if ((b & 0x80) === 0) break;
    }
    this.pos = pos;
  }

  /** Raw little-endian 32 bits (an f32's bit pattern). */
  u32Fixed(): number {
    if (this.end - this.pos < 4) this.eof();
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  /** Raw little-endian 64 bits (an f64's bit pattern). */
  u64Fixed(): bigint {
    if (this.end - this.pos < 8) this.eof();
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    return v;
  }

  skip(n: number): void {
    if (n > this.end - this.pos) this.eof();
    this.pos += n;
  }

  /** A view of the next `n` bytes (no copy). */
  bytesView(n: number): Uint8Array {
    if (n > this.end - this.pos) this.eof();
    const v = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  /** A vector length, checked against the bytes left assuming each element takes at least
   * `minElementSize` bytes, so a lying length can never cause a huge allocation. */
  vecLength(minElementSize = 1): number {
    const start = this.pos;
    const n = this.u32();
    if (minElementSize > 0 && n > (this.end - this.pos) / minElementSize) {
      this.fail(this.end === this.bytes.length ? 'unexpected end' : 'length out of bounds', start);
    }
    return n;
  }

  name(): string {
    const start = this.pos;
    const n = this.u32();
    if (n > this.end - this.pos) this.eof(start);
    const view = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    let allAscii = true;
    for (let i = 0; i < n; i++) if (view[i]! >= 0x80) { allAscii = false; break; }
    if (allAscii && n <= 4096) return String.fromCharCode.apply(null, view as unknown as number[]);
    try {
      return utf8.decode(view);
    } catch {
      return this.fail('malformed UTF-8 encoding', start);
    }
  }
}
