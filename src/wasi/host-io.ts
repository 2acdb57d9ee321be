// Moving bytes between guest iovecs and host fds / sinks, and describing host files as WASI
// filestat records. Kept apart from the syscall tables so fd_read/fd_pread/poll share it.
import * as fs from 'node:fs';
import { Errno, fail } from './errno.js';
import { FileType, FstFlags } from './constants.js';
import type { FdEntry, FileEntry } from './fd-table.js';
import type { GuestMemory } from './memory.js';

/**
 * Node refuses single I/O requests above 2 GiB, so larger iovecs are served in pieces of at
 * most this size (a short read is legal; writes loop until done).
 */
const MAX_HOST_IO = 1 << 30;

/** Reads from a host fd, retrying EAGAIN (a non-blocking stdin) after a short sleep. */
function readSyncBlocking(fd: number, buf: Uint8Array, position: number | null): number {
  for (;;) {
    try {
      return fs.readSync(fd, buf, 0, Math.min(buf.length, MAX_HOST_IO), position);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') { sleepMs(1); continue; }
      if (code === 'EOF') return 0;
      throw e;
    }
  }
}

export function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Fills the buffers in order; stops at the first short read. `at` overrides the position. */
export function readInto(e: FdEntry, bufs: Uint8Array[], at?: bigint): number {
  let total = 0;
  for (const buf of bufs) {
    if (buf.length === 0) continue;
    let n: number;
    if (e.kind === 'stdin') {
      if (typeof e.source === 'number') {
        n = readSyncBlocking(e.source, buf, null);
      } else {
        n = Math.min(buf.length, e.source.length - e.offset);
        buf.set(e.source.subarray(e.offset, e.offset + n));
        e.offset += n;
      }
    } else if (e.kind === 'file') {
      const pos = at !== undefined ? at + BigInt(total) : e.position;
      n = readSyncBlocking(e.hostFd, buf, toSafeNumber(pos));
      if (at === undefined) e.position += BigInt(n);
    } else {
      return fail(Errno.BADF);
    }
    total += n;
    if (n < buf.length) break;
  }
  return total;
}

function writeAllToFd(fd: number, data: Uint8Array, position: number | null): void {
  let off = 0;
  while (off < data.length) {
    try {
      const len = Math.min(data.length - off, MAX_HOST_IO);
      off += fs.writeSync(fd, data, off, len, position === null ? null : position + off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') { sleepMs(1); continue; }
      throw e;
    }
  }
}

/** Small scattered writes (printf's two iovecs) are gathered into one host write. */
const GATHER_LIMIT = 64 * 1024;

function gather(bufs: Uint8Array[]): Uint8Array[] {
  if (bufs.length < 2) return bufs;
  const total = bufs.reduce((n, b) => n + b.length, 0);
  if (total > GATHER_LIMIT) return bufs;
  const out = new Uint8Array(total);
  let off = 0;
  for (const b of bufs) {
    out.set(b, off);
    off += b.length;
  }
  return [out];
}

/** Writes every buffer in full; `at` (pwrite) writes at an offset without moving the cursor. */
export function writeFrom(e: FdEntry, iovs: Uint8Array[], at?: bigint): number {
  let total = 0;
  for (const buf of gather(iovs)) {
    if (buf.length === 0) continue;
    if (e.kind === 'output') {
      // Callbacks and streams get a copy: the guest may reuse its buffer.
      if (typeof e.sink === 'number') writeAllToFd(e.sink, buf, null);
      else if (typeof e.sink === 'function') e.sink(buf.slice());
      else e.sink.write(buf.slice());
    } else if (e.kind === 'file') {
      writeFile(e, buf, at === undefined ? undefined : at + BigInt(total));
    } else {
      return fail(Errno.BADF);
    }
    total += buf.length;
  }
  return total;
}

function writeFile(e: FileEntry, buf: Uint8Array, at: bigint | undefined): void {
  if (at !== undefined) {
    writeAllToFd(e.hostFd, buf, toSafeNumber(at));
    return;
  }
  if ((e.fdflags & 1) !== 0) e.position = fs.fstatSync(e.hostFd, { bigint: true }).size; // APPEND
  writeAllToFd(e.hostFd, buf, toSafeNumber(e.position));
  e.position += BigInt(buf.length);
}

/**
 * File offsets and sizes go to Node as numbers. 2^52 (4 PiB, beyond any host file system)
 * leaves room for offset + length of one request to stay an exact integer.
 */
const MAX_FILE_OFFSET = 2n ** 52n;

export function toSafeNumber(v: bigint): number {
  if (v < 0n || v > MAX_FILE_OFFSET) fail(Errno.FBIG);
  return Number(v);
}

export function filetypeOf(st: fs.BigIntStats | fs.Stats): number {
  if (st.isFile()) return FileType.REGULAR_FILE;
  if (st.isDirectory()) return FileType.DIRECTORY;
  if (st.isSymbolicLink()) return FileType.SYMBOLIC_LINK;
  if (st.isCharacterDevice()) return FileType.CHARACTER_DEVICE;
  if (st.isBlockDevice()) return FileType.BLOCK_DEVICE;
  if (st.isSocket()) return FileType.SOCKET_STREAM;
  return FileType.UNKNOWN; // FIFOs have no WASI file type
}

/** filestat: dev@0 ino@8 filetype@16 nlink@24 size@32 atim@40 mtim@48 ctim@56 (64 bytes). */
export function writeFilestat(mem: GuestMemory, ptr: number, st: fs.BigIntStats | undefined, filetype?: number): void {
  mem.check(ptr, 64);
  mem.slice(ptr, 64).fill(0);
  if (st === undefined) {
    mem.setU8(ptr + 16, filetype ?? FileType.UNKNOWN);
    return;
  }
  mem.setU64(ptr, st.dev);
  mem.setU64(ptr + 8, st.ino);
  mem.setU8(ptr + 16, filetype ?? filetypeOf(st));
  mem.setU64(ptr + 24, st.nlink);
  mem.setU64(ptr + 32, st.size);
  mem.setU64(ptr + 40, st.atimeNs);
  mem.setU64(ptr + 48, st.mtimeNs);
  mem.setU64(ptr + 56, st.ctimeNs);
}

/**
 * Computes the (atime, mtime) pair in seconds for futimes/utimes from WASI fstflags,
 * keeping the current value of a time that is not being set.
 */
export function resolveTimes(
  current: fs.BigIntStats, atim: bigint, mtim: bigint, flags: number, nowNs: bigint,
): [number, number] {
  if ((flags & ~0xf) !== 0) fail(Errno.INVAL);
  if ((flags & FstFlags.ATIM) && (flags & FstFlags.ATIM_NOW)) fail(Errno.INVAL);
  if ((flags & FstFlags.MTIM) && (flags & FstFlags.MTIM_NOW)) fail(Errno.INVAL);
  const pick = (set: number, now: number, value: bigint, cur: bigint): bigint =>
    (flags & now) ? nowNs : (flags & set) ? BigInt.asUintN(64, value) : cur;
  const a = pick(FstFlags.ATIM, FstFlags.ATIM_NOW, atim, current.atimeNs);
  const m = pick(FstFlags.MTIM, FstFlags.MTIM_NOW, mtim, current.mtimeNs);
  return [Number(a) / 1e9, Number(m) / 1e9];
}
