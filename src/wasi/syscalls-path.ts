// path_* syscalls. Every path is resolved by the sandbox (sandbox.ts) against a directory fd
// that holds the right the operation needs; the host then acts on the resolved path.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Errno, fail } from './errno.js';
import { DIR_RIGHTS, FILE_RIGHTS, FdFlags, LookupFlags, OFlags, Rights } from './constants.js';
import {
  checkDirInside, checkOpenedInside, checkSymlinkTarget, lstatOrUndefined, resolvePath, type Resolved,
} from './sandbox.js';
import { filetypeOf, resolveTimes, writeFilestat } from './host-io.js';
import type { DirEntry } from './fd-table.js';
import type { SyscallTable, WasiContext } from './context.js';

const O = fs.constants;

export function pathSyscalls(ctx: WasiContext): SyscallTable {
  const { fds } = ctx;

  /** Reads the guest path and resolves it under the directory fd (which must hold `rights`). */
  function resolve(fd: number, rights: bigint, ptr: number, len: number, follow: boolean): [DirEntry, Resolved] {
    const dir = fds.dir(fd, rights);
    const guestPath = ctx.memory().string(ptr, len);
    return [dir, resolvePath(dir.hostPath, guestPath, follow)];
  }

  function lstatExisting(r: Resolved): fs.BigIntStats {
    const st = fs.lstatSync(r.hostPath, { bigint: true });
    if (r.trailingSlash && !st.isDirectory()) fail(Errno.NOTDIR);
    return st;
  }

  return {
    path_create_directory(fd: number, p: number, len: number) {
      const [, r] = resolve(fd, Rights.PATH_CREATE_DIRECTORY, p, len, false);
      if (r.isRoot) return Errno.EXIST;
      fs.mkdirSync(r.hostPath);
      return Errno.SUCCESS;
    },

    path_filestat_get(fd: number, flags: number, p: number, len: number, out: number) {
      const mem = ctx.memory();
      mem.check(out, 64);
      const [, r] = resolve(fd, Rights.PATH_FILESTAT_GET, p, len, (flags & LookupFlags.SYMLINK_FOLLOW) !== 0);
      writeFilestat(mem, out, lstatExisting(r));
      return Errno.SUCCESS;
    },

    path_filestat_set_times(fd: number, flags: number, p: number, len: number, atim: bigint, mtim: bigint, fst: number) {
      const [, r] = resolve(fd, Rights.PATH_FILESTAT_SET_TIMES, p, len, (flags & LookupFlags.SYMLINK_FOLLOW) !== 0);
      const [a, m] = resolveTimes(lstatExisting(r), atim, mtim, fst, ctx.clocks.realtime());
      fs.lutimesSync(r.hostPath, a, m); // symlinks were already expanded when following
      return Errno.SUCCESS;
    },

    path_link(oldFd: number, oldFlags: number, oldP: number, oldLen: number, newFd: number, newP: number, newLen: number) {
      const [, from] = resolve(oldFd, Rights.PATH_LINK_SOURCE, oldP, oldLen, (oldFlags & LookupFlags.SYMLINK_FOLLOW) !== 0);
      const [, to] = resolve(newFd, Rights.PATH_LINK_TARGET, newP, newLen, false);
      if (lstatExisting(from).isDirectory()) return Errno.PERM;
      fs.linkSync(from.hostPath, to.hostPath);
      return Errno.SUCCESS;
    },

    path_open(
      dirFd: number, dirflags: number, p: number, len: number, oflags: number,
      base: bigint, inheriting: bigint, fdflags: number, out: number,
    ) {
      const creat = (oflags & OFlags.CREAT) !== 0;
      const excl = (oflags & OFlags.EXCL) !== 0;
      const trunc = (oflags & OFlags.TRUNC) !== 0;
      const wantDir = (oflags & OFlags.DIRECTORY) !== 0;
      if ((oflags & ~0xf) !== 0 || (fdflags & ~0x1f) !== 0) return Errno.INVAL;
      let needed = Rights.PATH_OPEN;
      if (creat) needed |= Rights.PATH_CREATE_FILE;
      if (trunc) needed |= Rights.PATH_FILESTAT_SET_SIZE;
      const dir = fds.dir(dirFd, needed);
      const b = BigInt.asUintN(64, base);
      const inh = BigInt.asUintN(64, inheriting);
      // A new fd can only carry rights its directory may hand down.
      if ((b & ~dir.rightsInheriting) !== 0n || (inh & ~dir.rightsInheriting) !== 0n) return Errno.NOTCAPABLE;
      const mem = ctx.memory();
      mem.check(out, 4);
      // O_CREAT|O_EXCL never follows a final symlink (POSIX), so a dangling link is EEXIST.
      const follow = (dirflags & LookupFlags.SYMLINK_FOLLOW) !== 0 && !(creat && excl);
      const r = resolvePath(dir.hostPath, mem.string(p, len), follow);
      const st = r.finalStat === undefined || r.isRoot ? lstatOrUndefined(r.hostPath) : r.finalStat ?? undefined;
      if (st !== undefined && creat && excl) return Errno.EXIST;
      if (st === undefined && !creat) return Errno.NOENT;
      if (st?.isSymbolicLink()) return Errno.LOOP; // not following: O_NOFOLLOW semantics
      if (wantDir && creat) return Errno.INVAL;
      const isDir = st?.isDirectory() ?? false;
      if ((wantDir || r.trailingSlash) && !isDir) return st === undefined ? Errno.ISDIR : Errno.NOTDIR;

      if (isDir) {
        if (trunc || (b & Rights.FD_WRITE) !== 0n) return Errno.ISDIR;
        checkDirInside(dir.hostPath, r.hostPath);
        const fd = fds.add({
          kind: 'dir', hostPath: r.hostPath, preopenName: undefined, listing: undefined,
          filetype: filetypeOf(st!), rightsBase: b & DIR_RIGHTS, rightsInheriting: inh, fdflags,
        });
        mem.setU32(out, fd);
        return Errno.SUCCESS;
      }

      const read = (b & (Rights.FD_READ | Rights.FD_READDIR)) !== 0n;
      const write = (b & (Rights.FD_WRITE | Rights.FD_ALLOCATE | Rights.FD_FILESTAT_SET_SIZE)) !== 0n;
      let flags = (write ? (read ? O.O_RDWR : O.O_WRONLY) : O.O_RDONLY) | O.O_NOFOLLOW;
      if (creat) flags |= O.O_CREAT;
      if (excl) flags |= O.O_EXCL;
      if (trunc) flags |= O.O_TRUNC;
      if (fdflags & FdFlags.DSYNC) flags |= O.O_DSYNC;
      if (fdflags & (FdFlags.SYNC | FdFlags.RSYNC)) flags |= O.O_SYNC;
      // Opening a FIFO blocks until the other end shows up; a guest must not hang the host there.
      if (st?.isFIFO()) flags |= O.O_NONBLOCK;
      const hostFd = fs.openSync(r.hostPath, flags, 0o666);
      let filetype: number;
      try {
        checkOpenedInside(dir.hostPath, hostFd);
        filetype = filetypeOf(fs.fstatSync(hostFd));
      } catch (e) {
        fs.closeSync(hostFd);
        throw e;
      }
      const fd = fds.add({
        kind: 'file', hostFd, hostPath: r.hostPath, position: 0n,
        filetype, rightsBase: b & FILE_RIGHTS, rightsInheriting: 0n, fdflags,
      });
      mem.setU32(out, fd);
      return Errno.SUCCESS;
    },

    path_readlink(fd: number, p: number, len: number, buf: number, bufLen: number, bufused: number) {
      const [, r] = resolve(fd, Rights.PATH_READLINK, p, len, false);
      const mem = ctx.memory();
      const dest = mem.slice(buf, bufLen);
      mem.check(bufused, 4);
      const target = fs.readlinkSync(r.hostPath, { encoding: 'buffer' });
      const n = Math.min(target.length, dest.length); // POSIX readlink truncates silently
      dest.set(target.subarray(0, n));
      mem.setU32(bufused, n);
      return Errno.SUCCESS;
    },

    path_remove_directory(fd: number, p: number, len: number) {
      const [, r] = resolve(fd, Rights.PATH_REMOVE_DIRECTORY, p, len, false);
      if (r.isRoot) return Errno.BUSY; // never remove the directory fd itself
      const st = fs.lstatSync(r.hostPath);
      if (!st.isDirectory()) return Errno.NOTDIR;
      fs.rmdirSync(r.hostPath);
      return Errno.SUCCESS;
    },

    path_rename(fd: number, oldP: number, oldLen: number, newFd: number, newP: number, newLen: number) {
      const [, from] = resolve(fd, Rights.PATH_RENAME_SOURCE, oldP, oldLen, false);
      const [, to] = resolve(newFd, Rights.PATH_RENAME_TARGET, newP, newLen, false);
      if (from.isRoot || to.isRoot) return Errno.BUSY;
      const st = fs.lstatSync(from.hostPath);
      if ((from.trailingSlash || to.trailingSlash) && !st.isDirectory()) return Errno.NOTDIR;
      fs.renameSync(from.hostPath, to.hostPath);
      return Errno.SUCCESS;
    },

    path_symlink(oldP: number, oldLen: number, fd: number, newP: number, newLen: number) {
      const target = ctx.memory().string(oldP, oldLen);
      const [dir, r] = resolve(fd, Rights.PATH_SYMLINK, newP, newLen, false);
      if (r.isRoot || lstatOrUndefined(r.hostPath) !== undefined) return Errno.EXIST;
      checkSymlinkTarget(path.relative(dir.hostPath, r.hostPath), target);
      fs.symlinkSync(target, r.hostPath);
      return Errno.SUCCESS;
    },

    path_unlink_file(fd: number, p: number, len: number) {
      const [, r] = resolve(fd, Rights.PATH_UNLINK_FILE, p, len, false);
      const st = fs.lstatSync(r.hostPath);
      if (st.isDirectory()) return Errno.ISDIR;
      if (r.trailingSlash) return Errno.NOTDIR;
      fs.unlinkSync(r.hostPath);
      return Errno.SUCCESS;
    },
  };
}
