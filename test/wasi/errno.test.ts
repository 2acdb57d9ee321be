// The errno of each common mistake, checked against POSIX/WASI expectations and, call by call,
// against node:wasi given the same sandbox (where the two intentionally differ, the reason is
// written next to the case).
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WASI as NodeWASI } from 'node:wasi';
import { WASI, Errno, errnoName } from '../../src/wasi/index.js';
import { Rights } from '../../src/wasi/constants.js';
import { watHost, type WatHost, type WasiLike } from './wat-host.js';

const DIR = 3;
const P = 1024;
const Q = 2048;
const OUT = 4096;
const FILE_RW = Rights.FD_READ | Rights.FD_WRITE | Rights.FD_SEEK | Rights.FD_TELL | Rights.FD_FILESTAT_SET_TIMES | Rights.FD_ADVISE;

interface Step {
  readonly title: string;
  readonly expected: number;
  /** Set when node:wasi answers differently on purpose, with the reason. */
  readonly nodeDiffers?: string;
  readonly run: (h: WatHost) => number;
}

function openAt(h: WatHost, p: string, oflags: number, rights: bigint = Rights.FD_READ): number {
  return h.call['path_open']!(DIR, 1, P, h.str(P, p), oflags, rights, 0n, 0, OUT);
}
const pathOp = (name: string, p: string) => (h: WatHost): number => h.call[name]!(DIR, P, h.str(P, p));
const twoPaths = (name: string, a: string, b: string) => (h: WatHost): number =>
  h.call[name]!(DIR, P, h.str(P, a), DIR, Q, h.str(Q, b));
/** Opens f (read/write) and applies `then` to the new fd. */
const onFile = (then: (h: WatHost, fd: number) => number) => (h: WatHost): number => {
  const e = openAt(h, 'f', 0, FILE_RW);
  return e !== Errno.SUCCESS ? 1000 + e : then(h, h.u32(OUT));
};

const STEPS: readonly Step[] = [
  { title: 'open CREAT|EXCL on an existing file', expected: Errno.EXIST, run: (h) => openAt(h, 'f', 1 | 4) },
  { title: 'open DIRECTORY on a file', expected: Errno.NOTDIR, run: (h) => openAt(h, 'f', 2) },
  { title: 'open a missing file', expected: Errno.NOENT, run: (h) => openAt(h, 'missing', 0) },
  { title: 'open CREAT under a missing directory', expected: Errno.NOENT, run: (h) => openAt(h, 'nope/x', 1, Rights.FD_WRITE) },
  { title: 'open "file/" (trailing slash)', expected: Errno.NOTDIR, run: (h) => openAt(h, 'f/', 0) },
  { title: 'open a file as a path component', expected: Errno.NOTDIR, run: (h) => openAt(h, 'f/x', 0) },
  { title: 'open a directory for writing', expected: Errno.ISDIR, run: (h) => openAt(h, 'd', 0, Rights.FD_WRITE) },
  { title: 'open a symlink loop', expected: Errno.LOOP, run: (h) => openAt(h, 'loop', 0) },
  { title: 'mkdir an existing directory', expected: Errno.EXIST, run: pathOp('path_create_directory', 'd') },
  { title: 'mkdir over a file', expected: Errno.EXIST, run: pathOp('path_create_directory', 'f') },
  { title: 'rmdir a file', expected: Errno.NOTDIR, run: pathOp('path_remove_directory', 'f') },
  { title: 'rmdir a non-empty directory', expected: Errno.NOTEMPTY, run: pathOp('path_remove_directory', 'd') },
  { title: 'rmdir an empty directory', expected: Errno.SUCCESS, run: pathOp('path_remove_directory', 'e') },
  { title: 'unlink a directory', expected: Errno.ISDIR, run: pathOp('path_unlink_file', 'd') },
  { title: 'unlink a missing file', expected: Errno.NOENT, run: pathOp('path_unlink_file', 'missing') },
  { title: 'unlink a symlink (not its target)', expected: Errno.SUCCESS, run: pathOp('path_unlink_file', 'ln2') },
  { title: 'readlink a regular file', expected: Errno.INVAL, run: (h) => h.call['path_readlink']!(DIR, P, h.str(P, 'f'), Q, 64, OUT) },
  { title: 'readlink into a short buffer truncates', expected: Errno.SUCCESS, nodeDiffers: 'node: ENOBUFS; POSIX readlink truncates', run: (h) => h.call['path_readlink']!(DIR, P, h.str(P, 'ln'), Q, 0, OUT) },
  { title: 'rename a directory over a file', expected: Errno.NOTDIR, run: twoPaths('path_rename', 'd', 'f') },
  { title: 'rename a file over a non-empty directory', expected: Errno.ISDIR, run: twoPaths('path_rename', 'f', 'd') },
  { title: 'rename a missing file', expected: Errno.NOENT, run: twoPaths('path_rename', 'missing', 'x') },
  { title: 'symlink over an existing name', expected: Errno.EXIST, run: (h) => h.call['path_symlink']!(Q, h.str(Q, 'f'), DIR, P, h.str(P, 'ln')) },
  { title: 'hard link a directory', expected: Errno.PERM, run: (h) => h.call['path_link']!(DIR, 0, P, h.str(P, 'd'), DIR, Q, h.str(Q, 'd2')) },
  { title: 'hard link onto an existing name', expected: Errno.EXIST, run: (h) => h.call['path_link']!(DIR, 0, P, h.str(P, 'f'), DIR, Q, h.str(Q, 'ln')) },
  { title: 'stat a missing path', expected: Errno.NOENT, run: (h) => h.call['path_filestat_get']!(DIR, 1, P, h.str(P, 'missing'), OUT) },
  { title: 'seek before the start', expected: Errno.INVAL, run: onFile((h, fd) => h.call['fd_seek']!(fd, -1n, 0, OUT)) },
  { title: 'seek with a bad whence', expected: Errno.INVAL, run: onFile((h, fd) => h.call['fd_seek']!(fd, 0n, 7, OUT)) },
  { title: 'seek to the end reports the size', expected: Errno.SUCCESS, run: onFile((h, fd) => h.call['fd_seek']!(fd, 0n, 2, OUT) || (h.u64(OUT) === 10n ? 0 : 999)) },
  { title: 'pwrite at an offset beyond any file system', expected: Errno.FBIG, run: onFile((h, fd) => {
    h.setU32(Q, P);
    h.setU32(Q + 4, 4);
    return h.call['fd_pwrite']!(fd, Q, 1, (1n << 62n), OUT);
  }) },
  { title: 'advise with an unknown advice', expected: Errno.INVAL, run: onFile((h, fd) => h.call['fd_advise']!(fd, 0n, 0n, 9)) },
  { title: 'fd_renumber to a closed fd', expected: Errno.BADF, run: onFile((h, fd) => h.call['fd_renumber']!(fd, 99)) },
  { title: 'fd_readdir on a file', expected: Errno.NOTDIR, nodeDiffers: 'node: EBADF; the fd is valid, it is not a directory', run: onFile((h, fd) => h.call['fd_readdir']!(fd, Q, 64, 0n, OUT)) },
  { title: 'close a closed fd', expected: Errno.BADF, run: (h) => h.call['fd_close']!(77) },
  { title: 'prestat of stdin', expected: Errno.BADF, nodeDiffers: 'node: EINVAL; wasi-libc stops its preopen scan only at EBADF', run: (h) => h.call['fd_prestat_get']!(0, OUT) },
  { title: 'clock_res_get of an unknown clock', expected: Errno.INVAL, run: (h) => h.call['clock_res_get']!(17, OUT) },
  { title: 'clock_time_get of an unknown clock', expected: Errno.INVAL, run: (h) => h.call['clock_time_get']!(17, 0n, OUT) },
  { title: 'poll_oneoff with no subscriptions', expected: Errno.INVAL, run: (h) => h.call['poll_oneoff']!(P, Q, 0, OUT) },
  { title: 'open a path longer than PATH_MAX', expected: Errno.NAMETOOLONG, run: (h) => openAt(h, 'a/'.repeat(3000), 0) },
  { title: 'open with a non-UTF-8 path', expected: Errno.ILSEQ, nodeDiffers: 'node decodes lossily (ENOENT for the replaced name)', run: (h) => {
    new Uint8Array(h.memory.buffer).set([0x66, 0xff], P);
    return h.call['path_open']!(DIR, 1, P, 2, 0, Rights.FD_READ, 0n, 0, OUT);
  } },
];

function makeSandbox(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zw-wasi-errno-'));
  fs.writeFileSync(path.join(dir, 'f'), '0123456789');
  fs.mkdirSync(path.join(dir, 'd'));
  fs.writeFileSync(path.join(dir, 'd', 'x'), 'x');
  fs.mkdirSync(path.join(dir, 'e'));
  fs.symlinkSync('f', path.join(dir, 'ln'));
  fs.symlinkSync('f', path.join(dir, 'ln2'));
  fs.symlinkSync('loop', path.join(dir, 'loop'));
  return dir;
}

async function runStep(make: (dir: string) => WasiLike, step: Step): Promise<number> {
  const dir = makeSandbox();
  try {
    return step.run(await watHost(make(dir)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const ours = (dir: string): WasiLike => new WASI({ preopens: { '/s': dir } });
const node = (dir: string): WasiLike => new NodeWASI({ version: 'preview1', preopens: { '/s': dir } });

describe('wasi: errno of common mistakes (and agreement with node:wasi)', () => {
  for (const step of STEPS) {
    it(`${step.title}: ${errnoName(step.expected)}`, async () => {
      const got = await runStep(ours, step);
      expect(errnoName(got)).to.equal(errnoName(step.expected));
      if (step.nodeDiffers === undefined) {
        expect(errnoName(await runStep(node, step)), 'node:wasi').to.equal(errnoName(step.expected));
      }
    });
  }
});
