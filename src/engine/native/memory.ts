// A linear memory backed by the addon, with the policy decided here: the effective maximum is the
// module's maximum capped by a runtime-wide page limit, and the ArrayBuffer JS sees is refreshed
// after every grow (old buffers stay valid over the old length).
import type { MemoryHandle, NativeAddon } from './addon-types.js';

export const MAX_PAGES_32 = 65536;

export interface NativeMemoryOptions {
  readonly initialPages: number;
  /** The module's declared maximum, if any. */
  readonly maxPages?: number;
  /** Runtime-wide cap on any memory's size in pages (default: the 4 GiB of a 32-bit memory). */
  readonly runtimeLimitPages?: number;
  /** false: reserve only the maximum and rely on explicit bounds checks in generated code. */
  readonly guarded?: boolean;
}

export class NativeMemory {
  readonly handle: MemoryHandle;
  readonly maxPages: number;
  /** Address of byte 0; never changes. */
  readonly base: bigint;
  private view: ArrayBuffer | undefined;
  private freed = false;

  constructor(private readonly addon: NativeAddon, options: NativeMemoryOptions) {
    const limit = Math.min(options.runtimeLimitPages ?? MAX_PAGES_32, MAX_PAGES_32);
    const max = Math.min(options.maxPages ?? limit, limit);
    if (!Number.isInteger(options.initialPages) || options.initialPages < 0) {
      throw new RangeError(`invalid initial memory size ${options.initialPages} pages`);
    }
    if (options.initialPages > max) {
      throw new RangeError(
        `initial memory size ${options.initialPages} pages exceeds the limit of ${max} pages` +
          (max === limit && options.maxPages !== limit ? ' (runtime memory limit)' : ''),
      );
    }
    this.maxPages = max;
    this.handle = addon.memoryCreate(options.initialPages, max, options.guarded ?? true);
    this.base = addon.memoryInfo(this.handle).base;
  }

  get pages(): number {
    return this.addon.memoryInfo(this.handle).pages;
  }

  get byteLength(): number {
    return this.pages * 65536;
  }

  /** The current ArrayBuffer over the memory (a new one after each successful grow). */
  get buffer(): ArrayBuffer {
    this.view ??= this.addon.memoryBuffer(this.handle);
    return this.view;
  }

  /** memory.grow semantics: the previous size in pages, or -1. */
  grow(deltaPages: number): number {
    if (!Number.isInteger(deltaPages) || deltaPages < 0 || deltaPages > MAX_PAGES_32) return -1;
    const old = this.addon.memoryGrow(this.handle, deltaPages);
    if (old >= 0 && deltaPages > 0) this.view = undefined;
    return old;
  }

  free(): void {
    if (this.freed) return;
    this.freed = true;
    this.view = undefined;
    this.addon.memoryFree(this.handle);
  }
}
