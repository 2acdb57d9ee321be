// The guest's file descriptor table: what each fd number refers to on the host and which
// rights it carries. Rights are checked here so every syscall states what it needs in one call.
import { Errno, fail } from './errno.js';
import type { InputSource, OutputSink } from './options.js';

interface EntryBase {
  filetype: number;
  rightsBase: bigint;
  rightsInheriting: bigint;
  fdflags: number;
}

/** stdin: reads come from a host fd or from fixed bytes consumed front to back. */
export interface StdinEntry extends EntryBase {
  readonly kind: 'stdin';
  readonly source: number | Uint8Array;
  offset: number;
}

export interface OutputEntry extends EntryBase {
  readonly kind: 'output';
  readonly sink: OutputSink;
}

export interface FileEntry extends EntryBase {
  readonly kind: 'file';
  readonly hostFd: number;
  readonly hostPath: string;
  position: bigint;
}

export interface DirEntry extends EntryBase {
  readonly kind: 'dir';
  /** Absolute, symlink-free host path; also the sandbox root for paths relative to this fd. */
  readonly hostPath: string;
  /** The guest name when this fd is a preopen (fd_prestat_*), else undefined. */
  readonly preopenName: string | undefined;
  /** Directory listing captured at cookie 0 so later cookies index a stable list. */
  listing: DirListingEntry[] | undefined;
}

export interface DirListingEntry {
  readonly name: Uint8Array;
  readonly ino: bigint;
  readonly filetype: number;
}

export type FdEntry = StdinEntry | OutputEntry | FileEntry | DirEntry;

export function stdinSource(src: InputSource): number | Uint8Array {
  return typeof src === 'string' ? new TextEncoder().encode(src) : src;
}

export class FdTable {
  private readonly entries = new Map<number, FdEntry>();
  private nextFd = 0;

  add(entry: FdEntry): number {
    while (this.entries.has(this.nextFd)) this.nextFd++;
    const fd = this.nextFd++;
    this.entries.set(fd, entry);
    return fd;
  }

  /** The entry for fd, or EBADF; with rights, ENOTCAPABLE unless all are held. */
  get(fd: number, rights = 0n): FdEntry {
    const e = this.entries.get(fd >>> 0);
    if (e === undefined) fail(Errno.BADF);
    if ((e.rightsBase & rights) !== rights) fail(Errno.NOTCAPABLE);
    return e;
  }

  file(fd: number, rights = 0n): FileEntry {
    const e = this.get(fd, rights);
    if (e.kind === 'dir') fail(Errno.ISDIR);
    if (e.kind !== 'file') fail(Errno.BADF);
    return e;
  }

  dir(fd: number, rights = 0n): DirEntry {
    const e = this.entries.get(fd >>> 0);
    if (e === undefined) fail(Errno.BADF);
    if (e.kind !== 'dir') fail(Errno.NOTDIR);
    if ((e.rightsBase & rights) !== rights) fail(Errno.NOTCAPABLE);
    return e;
  }

  /** Removes fd and returns its entry (the caller releases host resources). */
  remove(fd: number): FdEntry {
    const e = this.get(fd);
    this.entries.delete(fd >>> 0);
    if (fd >>> 0 < this.nextFd) this.nextFd = fd >>> 0;
    return e;
  }

  /** fd_renumber: `to` must be open; it is replaced by `from` and returned for closing. */
  renumber(from: number, to: number): FdEntry | undefined {
    const src = this.get(from);
    const old = this.get(to);
    if (from >>> 0 === to >>> 0) return undefined;
    this.entries.delete(from >>> 0);
    this.entries.set(to >>> 0, src);
    if (from >>> 0 < this.nextFd) this.nextFd = from >>> 0;
    return old;
  }

  all(): IterableIterator<[number, FdEntry]> {
    return this.entries.entries();
  }
}
