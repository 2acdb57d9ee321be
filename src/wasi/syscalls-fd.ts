// fd_* syscalls: I/O through iovecs, cursors, fd status and flags, filestat, readdir, preopens.
import * as fs from 'node:fs';
import { Errno, fail } from './errno.js';
import { ADVICE_MAX, PreopenType, Rights, Whence } from './constants.js';
import { filetypeOf, readInto, resolveTimes, toSafeNumber, writeFilestat, writeFrom } from './host-io.js';
import { encodeUtf8 } from './memory.js';
import type { DirEntry, DirListingEntry, FdEntry } from './fd-table.js';
import type { SyscallTable, WasiContext } from './context.js';

/** Releases the host side of an fd that left the table. */
export function closeEntry(e: FdEntry): void {
  if (e.kind === 'file') fs.closeSync(e.hostFd);
}

/** The host fd behind an entry, when there is one (files, and stdio given as fds). */
function hostFdOf(e: FdEntry): number | undefined {
  if (e.kind === 'file') return e.hostFd;
  if (e.kind === 'stdin' && typeof e.source === 'number') return e.source;
  if (e.kind === 'output' && typeof e.sink === 'number') return e.sink;
  return undefined;
}

function statEntry(e: FdEntry): fs.BigIntStats | undefined {
  if (e.kind === 'dir') return fs.statSync(e.hostPath, { bigint: true });
  const fd = hostFdOf(e);
  return fd === undefined ? undefined : fs.fstatSync(fd, { bigint: true });
}

function listDirectory(e: DirEntry): DirListingEntry[] {
  // Names stay raw bytes end to end: host file names need not be valid UTF-8.
  const names = fs.readdirSync(e.hostPath, { encoding: 'buffer' }).sort(Buffer.compare);
  const prefix = Buffer.from(`${e.hostPath}/`);
  const entries: DirListingEntry[] = [];
  for (const name of [Buffer.from('.'), Buffer.from('..'), ...names]) {
    let st: fs.BigIntStats;
    try {
      st = fs.lstatSync(Buffer.concat([prefix, name]), { bigint: true });
    } catch {
      continue; // removed while listing
    }
    entries.push({ name, ino: st.ino, filetype: filetypeOf(st) });
  }
  return entries;
}

/** One dirent: d_next@0 d_ino@8 d_namlen@16 d_type@20, 24 bytes, then the name. */
function encodeDirent(next: bigint, ent: DirListingEntry): Uint8Array {
  const out = new Uint8Array(24 + ent.name.length);
  const dv = new DataView(out.buffer);
  dv.setBigUint64(0, next, true);
  dv.setBigUint64(8, ent.ino, true);
  dv.setUint32(16, ent.name.length, true);
  dv.setUint8(20, ent.filetype);
  out.set(ent.name, 24);
  return out;
}

export function fdSyscalls(ctx: WasiContext): SyscallTable {
  const { fds } = ctx;
  return {
    fd_advise(fd: number, _offset: bigint, _len: bigint, advice: number) {
      fds.file(fd, Rights.FD_ADVISE);
      if (advice >>> 0 > ADVICE_MAX) return Errno.INVAL;
      return Errno.SUCCESS; // advisory only
    },
    fd_allocate(fd: number, offset: bigint, len: bigint) {
      const e = fds.file(fd, Rights.FD_ALLOCATE);
      const end = BigInt.asUintN(64, offset) + BigInt.asUintN(64, len);
      if (end > fs.fstatSync(e.hostFd, { bigint: true }).size) fs.ftruncateSync(e.hostFd, toSafeNumber(end));
      return Errno.SUCCESS;
    },
    fd_close(fd: number) {
      closeEntry(fds.remove(fd));
      return Errno.SUCCESS;
    },
    fd_datasync(fd: number) {
      const e = fds.get(fd, Rights.FD_DATASYNC);
      if (e.kind === 'file') fs.fdatasyncSync(e.hostFd);
      return Errno.SUCCESS;
    },
    fd_sync(fd: number) {
      const e = fds.get(fd, Rights.FD_SYNC);
      if (e.kind === 'file') fs.fsyncSync(e.hostFd);
      return Errno.SUCCESS;
    },

    fd_fdstat_get(fd: number, out: number) {
      const e = fds.get(fd);
      const mem = ctx.memory();
      mem.check(out, 24);
      mem.slice(out, 24).fill(0);
      mem.setU8(out, e.filetype);
      mem.setU16(out + 2, e.fdflags);
      mem.setU64(out + 8, e.rightsBase);
      mem.setU64(out + 16, e.rightsInheriting);
      return Errno.SUCCESS;
    },
    fd_fdstat_set_flags(fd: number, flags: number) {
      const e = fds.get(fd, Rights.FD_FDSTAT_SET_FLAGS);
      if ((flags & ~0x1f) !== 0) return Errno.INVAL;
      e.fdflags = flags;
      return Errno.SUCCESS;
    },
    fd_fdstat_set_rights(fd: number, base: bigint, inheriting: bigint) {
      const e = fds.get(fd);
      const b = BigInt.asUintN(64, base);
      const i = BigInt.asUintN(64, inheriting);
      // Rights can only be dropped, never gained.
      if ((b & ~e.rightsBase) !== 0n || (i & ~e.rightsInheriting) !== 0n) return Errno.NOTCAPABLE;
      e.rightsBase = b;
      e.rightsInheriting = i;
      return Errno.SUCCESS;
    },

    fd_filestat_get(fd: number, out: number) {
      const e = fds.get(fd, Rights.FD_FILESTAT_GET);
      const mem = ctx.memory();
      mem.check(out, 64);
      writeFilestat(mem, out, statEntry(e), e.filetype);
      return Errno.SUCCESS;
    },
    fd_filestat_set_size(fd: number, size: bigint) {
      const e = fds.file(fd, Rights.FD_FILESTAT_SET_SIZE);
      fs.ftruncateSync(e.hostFd, toSafeNumber(BigInt.asUintN(64, size)));
      return Errno.SUCCESS;
    },
    fd_filestat_set_times(fd: number, atim: bigint, mtim: bigint, flags: number) {
      const e = fds.get(fd, Rights.FD_FILESTAT_SET_TIMES);
      const st = statEntry(e);
      if (st === undefined) return Errno.BADF;
      const [a, m] = resolveTimes(st, atim, mtim, flags, ctx.clocks.realtime());
      if (e.kind === 'dir') fs.utimesSync(e.hostPath, a, m);
      else fs.futimesSync(hostFdOf(e)!, a, m);
      return Errno.SUCCESS;
    },

    fd_read(fd: number, iovs: number, iovsLen: number, nread: number) {
      const e = fds.get(fd, Rights.FD_READ);
      const mem = ctx.memory();
      mem.check(nread, 4);
      if (e.kind === 'dir') return Errno.ISDIR;
      mem.setU32(nread, readInto(e, mem.iovecs(iovs, iovsLen)));
      return Errno.SUCCESS;
    },
    fd_pread(fd: number, iovs: number, iovsLen: number, offset: bigint, nread: number) {
      const e = fds.get(fd, Rights.FD_READ | Rights.FD_SEEK);
      if (e.kind === 'dir') return Errno.ISDIR;
      if (e.kind !== 'file') return Errno.SPIPE;
      const mem = ctx.memory();
      mem.check(nread, 4);
      mem.setU32(nread, readInto(e, mem.iovecs(iovs, iovsLen), BigInt.asUintN(64, offset)));
      return Errno.SUCCESS;
    },
    fd_write(fd: number, iovs: number, iovsLen: number, nwritten: number) {
      const e = fds.get(fd, Rights.FD_WRITE);
      const mem = ctx.memory();
      mem.check(nwritten, 4);
      if (e.kind === 'dir') return Errno.ISDIR;
      mem.setU32(nwritten, writeFrom(e, mem.iovecs(iovs, iovsLen)));
      return Errno.SUCCESS;
    },
    fd_pwrite(fd: number, iovs: number, iovsLen: number, offset: bigint, nwritten: number) {
      const e = fds.get(fd, Rights.FD_WRITE | Rights.FD_SEEK);
      if (e.kind === 'dir') return Errno.ISDIR;
      if (e.kind !== 'file') return Errno.SPIPE;
      const mem = ctx.memory();
      mem.check(nwritten, 4);
      mem.setU32(nwritten, writeFrom(e, mem.iovecs(iovs, iovsLen), BigInt.asUintN(64, offset)));
      return Errno.SUCCESS;
    },

    fd_seek(fd: number, offset: bigint, whence: number, out: number) {
      // lseek(fd, 0, SEEK_CUR) only reads the cursor, so fd_tell's right suffices for it.
      const tellOnly = offset === 0n && whence === Whence.CUR;
      const e = fds.get(fd, tellOnly ? Rights.FD_TELL : Rights.FD_SEEK);
      const mem = ctx.memory();
      mem.check(out, 8);
      if (e.kind === 'dir') return Errno.ISDIR;
      if (e.kind !== 'file') return Errno.SPIPE;
      let base: bigint;
      switch (whence) {
        case Whence.SET: base = 0n; break;
        case Whence.CUR: base = e.position; break;
        case Whence.END: base = fs.fstatSync(e.hostFd, { bigint: true }).size; break;
        default: return Errno.INVAL;
      }
      const next = base + offset;
      if (next < 0n) return Errno.INVAL;
      e.position = next;
      mem.setU64(out, next);
      return Errno.SUCCESS;
    },
    fd_tell(fd: number, out: number) {
      const e = fds.get(fd, Rights.FD_TELL);
      if (e.kind !== 'file') return e.kind === 'dir' ? Errno.ISDIR : Errno.SPIPE;
      ctx.memory().setU64(out, e.position);
      return Errno.SUCCESS;
    },

    fd_readdir(fd: number, buf: number, bufLen: number, cookie: bigint, bufused: number) {
      const e = fds.dir(fd, Rights.FD_READDIR);
      const mem = ctx.memory();
      const dest = mem.slice(buf, bufLen);
      mem.check(bufused, 4);
      if (cookie === 0n || e.listing === undefined) e.listing = listDirectory(e);
      const listing = e.listing;
      let used = 0;
      for (let i = BigInt.asUintN(64, cookie); i < BigInt(listing.length) && used < dest.length; i++) {
        const bytes = encodeDirent(i + 1n, listing[Number(i)]!);
        const n = Math.min(bytes.length, dest.length - used);
        dest.set(bytes.subarray(0, n), used); // a truncated last entry tells libc to grow its buffer
        used += n;
      }
      mem.setU32(bufused, used);
      return Errno.SUCCESS;
    },

    fd_renumber(from: number, to: number) {
      const old = fds.renumber(from, to);
      if (old !== undefined) closeEntry(old);
      return Errno.SUCCESS;
    },

    fd_prestat_get(fd: number, out: number) {
      const e = fds.get(fd);
      if (e.kind !== 'dir' || e.preopenName === undefined) return Errno.BADF;
      const mem = ctx.memory();
      mem.check(out, 8);
      mem.setU32(out, PreopenType.DIR); // tag byte plus padding
      mem.setU32(out + 4, encodeUtf8(e.preopenName).length);
      return Errno.SUCCESS;
    },
    fd_prestat_dir_name(fd: number, out: number, len: number) {
      const e = fds.get(fd);
      if (e.kind !== 'dir' || e.preopenName === undefined) return Errno.BADF;
      const name = encodeUtf8(e.preopenName);
      const dest = ctx.memory().slice(out, len);
      if (dest.length < name.length) return Errno.NAMETOOLONG;
      dest.set(name);
      return Errno.SUCCESS;
    },
  };
}

