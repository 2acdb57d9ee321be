// Linear memory on the addon's guarded reservation, behind the runtime's `LinearMemory`
// interface, so a `Memory` object behaves the same for both engines. Each instance whose vmctx
// caches the memory's size registers a view to be rewritten after every grow.
import { MAX_PAGES, PAGE_SIZE, type LinearMemory, type Memory } from '../../runtime/memory.js';
import { NativeMemory } from '../native/memory.js';
import { nativeEnv } from './native.js';

interface SizeField { readonly view: DataView; readonly at: number }

export class NativeLinearMemory implements LinearMemory {
  readonly native: NativeMemory;
  pages: number;
  private readonly sizeFields: SizeField[] = [];

  constructor(initialPages: number, readonly maxPages: number | undefined) {
    this.native = new NativeMemory(nativeEnv().addon, { initialPages, ...(maxPages === undefined ? {} : { maxPages }) });
    this.pages = initialPages;
  }

  get buffer(): ArrayBuffer { return this.native.buffer; }
  get base(): bigint { return this.native.base; }

  grow(delta: number): number {
    const old = this.pages;
    const limit = Math.min(this.maxPages ?? MAX_PAGES, MAX_PAGES);
    if (!Number.isInteger(delta) || delta < 0 || old + delta > limit) return -1;
    if (delta === 0) return old;
    const r = this.native.grow(delta);
    if (r < 0) return -1;
    this.pages = old + delta;
    const bytes = BigInt(this.pages * PAGE_SIZE);
    for (const f of this.sizeFields) f.view.setBigUint64(f.at, bytes, true);
    return old;
  }

  /** Writes the byte size into `view` at `at` now and after every grow. */
  trackSize(view: DataView, at: number): void {
    view.setBigUint64(at, BigInt(this.pages * PAGE_SIZE), true);
    this.sizeFields.push({ view, at });
  }
}

/** The native storage of `memory`, moving its bytes onto a native reservation if needed (a
 * Memory made by JS or by the interpreter engine starts on an ArrayBuffer). */
export function nativeStorageOf(memory: Memory): NativeLinearMemory {
  const s = memory.storage;
  if (s instanceof NativeLinearMemory) return s;
  const n = new NativeLinearMemory(s.pages, s.maxPages);
  new Uint8Array(n.buffer).set(new Uint8Array(s.buffer));
  // The runtime's Memory keeps its storage in a readonly field; replacing it is how a shared
  // Memory moves to native bytes without the runtime knowing about engines.
  (memory as { storage: LinearMemory }).storage = n;
  void memory.buffer; // refreshes the Memory's cached views
  return n;
}
