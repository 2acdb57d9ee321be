// Linear memory. `LinearMemory` is the storage an engine works on; `Memory` is the public,
// shareable object around it. The interpreter's storage is a plain ArrayBuffer replaced on
// grow; the compiler engine will provide one over a native reservation (an external
// ArrayBuffer) behind the same interface.
import type { Limits } from '../wasm/module.js';

export const PAGE_SIZE = 65536;
/** Core 2.0 32-bit memories address at most 2^16 pages (4 GiB). */
export const MAX_PAGES = 65536;

/** The storage behind a memory. Views must be re-read after anything that may grow it. */
export interface LinearMemory {
  readonly buffer: ArrayBuffer;
  readonly pages: number;
  readonly maxPages: number | undefined;
  /** Grows by `delta` pages; returns the previous size in pages, or -1 if it cannot. */
  grow(delta: number): number;
}

/** Storage in a JS ArrayBuffer; growing copies into a new buffer. */
export class ArrayBufferMemory implements LinearMemory {
  buffer: ArrayBuffer;
  pages: number;
  constructor(initialPages: number, readonly maxPages: number | undefined) {
    this.pages = initialPages;
    try {
      this.buffer = new ArrayBuffer(initialPages * PAGE_SIZE);
    } catch {
      throw new RangeError(`cannot allocate a memory of ${initialPages} pages (${initialPages * PAGE_SIZE} bytes)`);
    }
  }

  grow(delta: number): number {
    const old = this.pages;
    const limit = Math.min(this.maxPages ?? MAX_PAGES, MAX_PAGES);
    if (delta < 0 || old + delta > limit) return -1;
    if (delta === 0) return old;
    let next: ArrayBuffer;
    try {
      next = new ArrayBuffer((old + delta) * PAGE_SIZE);
    } catch {
      return -1; // the host cannot provide the memory: memory.grow fails, it does not trap
    }
    new Uint8Array(next).set(new Uint8Array(this.buffer));
    this.buffer = next;
    this.pages = old + delta;
    return old;
  }
}

export interface MemoryDescriptor {
  initial: number;
  maximum?: number;
}

/** A Wasm memory, importable and exportable, shared by every instance that links it. */
export class Memory {
  readonly storage: LinearMemory;
  // Views over the current buffer, refreshed on grow (engines read these per access).
  u8!: Uint8Array;
  view!: DataView;
  private viewsOf: ArrayBuffer | undefined;

  constructor(desc: MemoryDescriptor | LinearMemory) {
    if ('grow' in desc) {
      this.storage = desc;
    } else {
      const { initial, maximum } = desc;
      checkPages('initial', initial);
      if (maximum !== undefined) {
        checkPages('maximum', maximum);
        if (maximum < initial) throw new RangeError('memory maximum is below its initial size');
      }
      this.storage = new ArrayBufferMemory(initial, maximum);
    }
    this.refresh();
  }

  /** The current bytes; a new ArrayBuffer after every grow. */
  get buffer(): ArrayBuffer {
    if (this.viewsOf !== this.storage.buffer) this.refresh();
    return this.storage.buffer;
  }

  get pages(): number { return this.storage.pages; }
  get limits(): Limits { return { min: this.storage.pages, max: this.storage.maxPages }; }

  /** Grows by `delta` pages and returns the old size; throws RangeError when it cannot
   * (the `memory.grow` instruction gets -1 instead, through `growRaw`). */
  grow(delta: number): number {
    const r = this.growRaw(delta >>> 0);
    if (r < 0) throw new RangeError(`cannot grow memory by ${delta} pages`);
    return r;
  }

  growRaw(delta: number): number {
    const r = this.storage.grow(delta);
    if (r >= 0) this.refresh();
    return r;
  }

  private refresh(): void {
    const b = this.storage.buffer;
    this.viewsOf = b;
    this.u8 = new Uint8Array(b);
    this.view = new DataView(b);
  }

  // Typed helpers for hosts (little-endian, bounds-checked by DataView).
  getInt8(addr: number): number { return this.dv().getInt8(addr); }
  getUint8(addr: number): number { return this.dv().getUint8(addr); }
  getInt32(addr: number): number { return this.dv().getInt32(addr, true); }
  getUint32(addr: number): number { return this.dv().getUint32(addr, true); }
  getBigInt64(addr: number): bigint { return this.dv().getBigInt64(addr, true); }
  getFloat32(addr: number): number { return this.dv().getFloat32(addr, true); }
  getFloat64(addr: number): number { return this.dv().getFloat64(addr, true); }
  setUint8(addr: number, v: number): void { this.dv().setUint8(addr, v); }
  setInt32(addr: number, v: number): void { this.dv().setInt32(addr, v, true); }
  setUint32(addr: number, v: number): void { this.dv().setUint32(addr, v, true); }
  setBigInt64(addr: number, v: bigint): void { this.dv().setBigInt64(addr, v, true); }
  setFloat32(addr: number, v: number): void { this.dv().setFloat32(addr, v, true); }
  setFloat64(addr: number, v: number): void { this.dv().setFloat64(addr, v, true); }

  /** A copy of `length` bytes at `addr`. */
  read(addr: number, length: number): Uint8Array {
    this.refreshIfStale();
    if (addr < 0 || length < 0 || addr + length > this.u8.length) throw new RangeError('memory read out of bounds');
    return this.u8.slice(addr, addr + length);
  }

  write(addr: number, bytes: Uint8Array): void {
    this.refreshIfStale();
    if (addr < 0 || addr + bytes.length > this.u8.length) throw new RangeError('memory write out of bounds');
    this.u8.set(bytes, addr);
  }

  /** Decodes `length` bytes of UTF-8 at `addr`. */
  readString(addr: number, length: number): string {
    return new TextDecoder().decode(this.read(addr, length));
  }

  private refreshIfStale(): void {
    if (this.viewsOf !== this.storage.buffer) this.refresh();
  }

  private dv(): DataView {
    this.refreshIfStale();
    return this.view;
  }
}

function checkPages(what: string, n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_PAGES) {
    throw new RangeError(`memory ${what} must be an integer number of pages in 0..${MAX_PAGES}, got ${n}`);
  }
}
