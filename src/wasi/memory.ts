// Bounds-checked access to the guest's linear memory. Every guest pointer and length goes
// through here; anything out of range becomes EFAULT (never a host RangeError). A view is
// rebuilt whenever memory.grow has replaced the ArrayBuffer.
import { Errno, fail } from './errno.js';

const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

export class GuestMemory {
  readonly buffer: ArrayBufferLike;
  readonly bytes: Uint8Array;
  private readonly view: DataView;

  constructor(buffer: ArrayBufferLike) {
    this.buffer = buffer;
    this.bytes = new Uint8Array(buffer);
    this.view = new DataView(buffer);
  }

  /** Validates [ptr, ptr+len) and returns ptr as a number. */
  check(ptr: number, len: number): number {
    const p = ptr >>> 0;
    const n = len >>> 0;
    if (p + n > this.bytes.length) fail(Errno.FAULT);
    return p;
  }

  u8(ptr: number): number { return this.view.getUint8(this.check(ptr, 1)); }
  u16(ptr: number): number { return this.view.getUint16(this.check(ptr, 2), true); }
  u32(ptr: number): number { return this.view.getUint32(this.check(ptr, 4), true); }
  u64(ptr: number): bigint { return this.view.getBigUint64(this.check(ptr, 8), true); }
  setU8(ptr: number, v: number): void { this.view.setUint8(this.check(ptr, 1), v); }
  setU16(ptr: number, v: number): void { this.view.setUint16(this.check(ptr, 2), v, true); }
  setU32(ptr: number, v: number): void { this.view.setUint32(this.check(ptr, 4), v, true); }
  setU64(ptr: number, v: bigint): void { this.view.setBigUint64(this.check(ptr, 8), BigInt.asUintN(64, v), true); }

  /** A live view (not a copy) of guest bytes. */
  slice(ptr: number, len: number): Uint8Array {
    const p = this.check(ptr, len);
    return this.bytes.subarray(p, p + (len >>> 0));
  }

  /** Reads a UTF-8 string (paths); invalid UTF-8 is EILSEQ, an embedded NUL is EINVAL. */
  string(ptr: number, len: number): string {
    const raw = this.slice(ptr, len);
    if (raw.includes(0)) fail(Errno.INVAL);
    try {
      return utf8Strict.decode(raw);
    } catch {
      return fail(Errno.ILSEQ);
    }
  }

  /** Copies host bytes into guest memory at ptr (bounds-checked as a whole first). */
  write(ptr: number, data: Uint8Array): void {
    this.slice(ptr, data.length).set(data);
  }

  /**
   * Reads an iovec array (struct { buf: u32, buf_len: u32 }, 8 bytes each) and returns the
   * guest buffers it names, all checked before any I/O happens.
   */
  iovecs(iovs: number, count: number): Uint8Array[] {
    const base = this.check(iovs, (count >>> 0) * 8);
    const out: Uint8Array[] = [];
    for (let i = 0; i < count >>> 0; i++) {
      out.push(this.slice(this.u32(base + i * 8), this.u32(base + i * 8 + 4)));
    }
    return out;
  }
}

export function encodeUtf8(s: string): Uint8Array {
  return utf8.encode(s);
}
