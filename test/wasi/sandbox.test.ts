// Sandbox: escapes through `..`, absolute paths, symlinks, renames and links are refused;
// read-only preopens refuse writes; fd rights are enforced; bad guest pointers are EFAULT.
// After every test the directory outside the preopens must be byte-for-byte unchanged.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WASI, Errno } from '../../src/wasi/index.js';
import { Rights } from '../../src/wasi/constants.js';
import { WasiErrno } from '../../src/wasi/errno.js';
import { checkDirInside, checkOpenedInside } from '../../src/wasi/sandbox.js';
import { watHost, type WatHost } from './wat-host.js';
import { UNAVAILABLE_ENGINES, WASM_ENGINES_FOR_WASI } from './engines.js';

const BOX = 3; // first preopen: read-write
const RO = 4; // second preopen: read-only
const P = 1024; // scratch pointers
const Q = 2048;
const OUT = 4096;
const ALL = (1n << 30n) - 1n;

for (const u of UNAVAILABLE_ENGINES) {
  describe(`wasi: sandbox on ${u.engine.description}`, () => {
    it(`skipped: ${u.reason}`, function () { this.skip(); });
  });
}

for (const engine of WASM_ENGINES_FOR_WASI) describe(`wasi: sandbox (on ${engine.name})`, () => {
  let tmp: string;
  let outside: string;
  let box: string;
  let ro: string;
  let h: WatHost;
  let outsideBefore: string[];

  const tree = (root: string): string[] =>
    (fs.readdirSync(root, { recursive: true }) as string[]).sort().map((p) => {
      const full = path.join(root, p);
      const st = fs.lstatSync(full);
      return st.isFile() ? `${p}=${fs.readFileSync(full, 'utf8')}` : `${p}${st.isDirectory() ? '/' : '@'}`;
    });

  /** path_open(dirfd, follow, path, oflags, rights) → [errno, fd]. */
  function open(dirFd: number, p: string, oflags = 0, rights = Rights.FD_READ, follow = 1): [number, number] {
    const len = h.str(P, p);
    const errno = h.call['path_open']!(dirFd, follow, P, len, oflags, rights, 0n, 0, OUT);
    return [errno, h.u32(OUT)];
  }

  function pathCall(name: string, fd: number, p: string): number {
    return h.call[name]!(fd, P, h.str(P, p));
  }

  beforeEach(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zw-wasi-sandbox-'));
    outside = path.join(tmp, 'outside');
    box = path.join(tmp, 'box');
    ro = path.join(tmp, 'ro');
    for (const d of [outside, box, ro, path.join(box, 'inner')]) fs.mkdirSync(d);
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'secret');
    fs.writeFileSync(path.join(box, 'inner', 'f.txt'), 'mine');
    fs.writeFileSync(path.join(ro, 'file.txt'), 'read me');
    fs.symlinkSync('../outside', path.join(box, 'rel-escape'));
    fs.symlinkSync(outside, path.join(box, 'abs-escape'));
    fs.symlinkSync('inner/f.txt', path.join(box, 'ok-link'));
    fs.symlinkSync('loop-b', path.join(box, 'loop-a'));
    fs.symlinkSync('loop-a', path.join(box, 'loop-b'));
    outsideBefore = tree(tmp).filter((p) => p.startsWith('outside'));
    const wasi = new WASI({ preopens: { '/box': box, '/ro': { path: ro, readOnly: true } } });
    h = await watHost(wasi, '', false, engine.instantiate);
  });

  afterEach(() => {
    try {
      expect(tree(tmp).filter((p) => p.startsWith('outside')), 'outside untouched').to.deep.equal(outsideBefore);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('opens files inside the preopen, including through an inner symlink', () => {
    expect(open(BOX, 'inner/f.txt')[0]).to.equal(Errno.SUCCESS);
    expect(open(BOX, 'ok-link')[0]).to.equal(Errno.SUCCESS);
    expect(open(BOX, 'inner/../inner/./f.txt')[0]).to.equal(Errno.SUCCESS);
  });

  it('refuses .. above the preopen', () => {
    expect(open(BOX, '../outside/secret.txt')[0]).to.equal(Errno.NOTCAPABLE);
    expect(open(BOX, 'inner/../../outside/secret.txt')[0]).to.equal(Errno.NOTCAPABLE);
    expect(open(BOX, '..', 2)[0]).to.equal(Errno.NOTCAPABLE);
  });

  it('refuses absolute paths', () => {
    expect(open(BOX, '/etc/passwd')[0]).to.equal(Errno.NOTCAPABLE);
    expect(open(BOX, path.join(outside, 'secret.txt'))[0]).to.equal(Errno.NOTCAPABLE);
  });

  it('refuses symlinks that lead out, relative or absolute, followed or as a directory step', () => {
    expect(open(BOX, 'rel-escape/secret.txt')[0]).to.equal(Errno.NOTCAPABLE);
    expect(open(BOX, 'abs-escape/secret.txt')[0]).to.equal(Errno.NOTCAPABLE);
    expect(open(BOX, 'rel-escape', 2)[0]).to.equal(Errno.NOTCAPABLE);
    // Not following the final link: stat of the link itself is allowed, opening it is ELOOP.
    expect(h.call['path_filestat_get']!(BOX, 0, P, h.str(P, 'abs-escape'), OUT)).to.equal(Errno.SUCCESS);
    expect(new DataView(h.memory.buffer).getUint8(OUT + 16)).to.equal(7); // symbolic_link
    expect(open(BOX, 'abs-escape', 0, Rights.FD_READ, 0)[0]).to.equal(Errno.LOOP);
    expect(open(BOX, 'loop-a')[0]).to.equal(Errno.LOOP);
  });

  it('refuses creating symlinks whose target leaves the preopen', () => {
    const mk = (target: string, at: string): number => {
      const tl = h.str(Q, target);
      return h.call['path_symlink']!(Q, tl, BOX, P, h.str(P, at));
    };
    expect(mk('../outside', 'new1')).to.equal(Errno.NOTCAPABLE);
    expect(mk('/etc', 'new2')).to.equal(Errno.NOTCAPABLE);
    expect(mk('../../x', 'inner/new3')).to.equal(Errno.NOTCAPABLE);
    expect(mk('../inner/f.txt', 'inner/new4')).to.equal(Errno.SUCCESS);
    expect(fs.readlinkSync(path.join(box, 'inner', 'new4'))).to.equal('../inner/f.txt');
    for (const n of ['new1', 'new2', 'inner/new3']) expect(fs.existsSync(path.join(box, n))).to.equal(false);
  });

  it('refuses renames and hard links out of the preopen', () => {
    const rename = (from: string, to: string): number =>
      h.call['path_rename']!(BOX, P, h.str(P, from), BOX, Q, h.str(Q, to));
    expect(rename('inner/f.txt', '../outside/stolen')).to.equal(Errno.NOTCAPABLE);
    expect(rename('inner/f.txt', 'rel-escape/stolen')).to.equal(Errno.NOTCAPABLE);
    expect(rename('../outside/secret.txt', 'got-it')).to.equal(Errno.NOTCAPABLE);
    expect(h.call['path_link']!(BOX, 1, P, h.str(P, 'abs-escape/secret.txt'), BOX, Q, h.str(Q, 'hard'))).to.equal(Errno.NOTCAPABLE);
    expect(h.call['path_link']!(BOX, 0, P, h.str(P, 'inner/f.txt'), BOX, Q, h.str(Q, '../hard'))).to.equal(Errno.NOTCAPABLE);
    expect(fs.readFileSync(path.join(box, 'inner', 'f.txt'), 'utf8')).to.equal('mine');
    expect(rename('inner/f.txt', 'moved.txt')).to.equal(Errno.SUCCESS);
    expect(fs.readFileSync(path.join(box, 'moved.txt'), 'utf8')).to.equal('mine');
  });

  it('refuses every write to a read-only preopen but allows reading', () => {
    expect(open(RO, 'new.txt', 1, Rights.FD_WRITE)[0]).to.equal(Errno.NOTCAPABLE);
    expect(open(RO, 'file.txt', 0, Rights.FD_WRITE)[0]).to.equal(Errno.NOTCAPABLE);
    expect(open(RO, 'file.txt', 8, Rights.FD_READ)[0]).to.equal(Errno.NOTCAPABLE); // O_TRUNC
    expect(pathCall('path_create_directory', RO, 'dir')).to.equal(Errno.NOTCAPABLE);
    expect(pathCall('path_unlink_file', RO, 'file.txt')).to.equal(Errno.NOTCAPABLE);
    expect(h.call['path_rename']!(RO, P, h.str(P, 'file.txt'), BOX, Q, h.str(Q, 'took.txt'))).to.equal(Errno.NOTCAPABLE);
    expect(h.call['path_rename']!(BOX, P, h.str(P, 'inner/f.txt'), RO, Q, h.str(Q, 'put.txt'))).to.equal(Errno.NOTCAPABLE);
    expect(h.call['path_symlink']!(Q, h.str(Q, 'file.txt'), RO, P, h.str(P, 'l'))).to.equal(Errno.NOTCAPABLE);

    const [errno, fd] = open(RO, 'file.txt', 0, Rights.FD_READ | Rights.FD_SEEK);
    expect(errno).to.equal(Errno.SUCCESS);
    h.setU32(Q, P);
    h.setU32(Q + 4, 100);
    expect(h.call['fd_read']!(fd, Q, 1, OUT)).to.equal(Errno.SUCCESS);
    expect(h.u32(OUT)).to.equal(7);
    expect(h.call['fd_write']!(fd, Q, 1, OUT)).to.equal(Errno.NOTCAPABLE);
    expect(h.call['fd_filestat_set_size']!(fd, 0n)).to.equal(Errno.NOTCAPABLE);
    // The fd's inheriting rights cannot exceed the read-only preopen's.
    expect(h.call['fd_fdstat_get']!(RO, OUT)).to.equal(Errno.SUCCESS);
    expect(h.u64(OUT + 16) & Rights.FD_WRITE).to.equal(0n);
    expect(tree(ro)).to.deep.equal(['file.txt=read me']);
  });

  it('enforces rights on fds and only lets them shrink', () => {
    const [, fd] = open(BOX, 'inner/f.txt', 0, Rights.FD_READ | Rights.FD_SEEK | Rights.FD_TELL);
    expect(h.call['fd_seek']!(fd, 1n, 0, OUT)).to.equal(Errno.SUCCESS);
    expect(h.call['fd_fdstat_set_rights']!(fd, Rights.FD_READ, 0n)).to.equal(Errno.SUCCESS);
    expect(h.call['fd_seek']!(fd, 1n, 0, OUT)).to.equal(Errno.NOTCAPABLE);
    expect(h.call['fd_fdstat_set_rights']!(fd, Rights.FD_READ | Rights.FD_SEEK, 0n)).to.equal(Errno.NOTCAPABLE);
    expect(h.call['fd_write']!(fd, Q, 0, OUT)).to.equal(Errno.NOTCAPABLE);
    expect(h.call['fd_close']!(fd)).to.equal(Errno.SUCCESS);
    expect(h.call['fd_close']!(fd)).to.equal(Errno.BADF);
    expect(h.call['fd_read']!(999, Q, 0, OUT)).to.equal(Errno.BADF);
    expect(open(BOX, 'x', 0, ALL << 1n)[0]).to.equal(Errno.NOTCAPABLE); // a right that does not exist
  });

  it('answers EFAULT for every kind of bad guest pointer', () => {
    const end = h.memory.buffer.byteLength;
    expect(h.call['path_open']!(BOX, 1, end - 2, 10, 0, Rights.FD_READ, 0n, 0, OUT)).to.equal(Errno.FAULT);
    expect(h.call['path_open']!(BOX, 1, P, h.str(P, 'inner/f.txt'), 0, Rights.FD_READ, 0n, 0, end - 2)).to.equal(Errno.FAULT);
    expect(h.call['path_open']!(BOX, 1, -1, 1, 0, Rights.FD_READ, 0n, 0, OUT)).to.equal(Errno.FAULT);
    h.setU32(Q, end - 4); // iovec whose buffer runs off the end
    h.setU32(Q + 4, 16);
    expect(h.call['fd_write']!(1, Q, 1, OUT)).to.equal(Errno.FAULT);
    expect(h.call['fd_write']!(1, end - 4, 1, OUT)).to.equal(Errno.FAULT); // the iovec array itself
    expect(h.call['fd_write']!(1, Q, 0x20000000, OUT)).to.equal(Errno.FAULT);
    expect(h.call['args_sizes_get']!(end, OUT)).to.equal(Errno.FAULT);
    expect(h.call['environ_get']!(end - 1, end - 1)).to.equal(Errno.SUCCESS); // empty env writes nothing
    expect(h.call['random_get']!(end - 8, 16)).to.equal(Errno.FAULT);
    expect(h.call['clock_time_get']!(0, 0n, end - 4)).to.equal(Errno.FAULT);
    expect(h.call['fd_prestat_dir_name']!(BOX, end - 2, 4)).to.equal(Errno.FAULT);
    expect(h.call['fd_readdir']!(BOX, end - 8, 64, 0n, OUT)).to.equal(Errno.FAULT);
    expect(h.call['poll_oneoff']!(end - 8, OUT, 1, Q)).to.equal(Errno.FAULT);
    expect(h.call['path_readlink']!(BOX, P, h.str(P, 'ok-link'), end - 2, 64, OUT)).to.equal(Errno.FAULT);
    expect(h.call['fd_filestat_get']!(BOX, end - 63)).to.equal(Errno.FAULT);
  });

  it('re-reads memory after memory.grow', () => {
    const end = h.memory.buffer.byteLength;
    expect(h.call['random_get']!(end, 16)).to.equal(Errno.FAULT);
    h.memory.grow(1);
    expect(h.call['random_get']!(end, 16)).to.equal(Errno.SUCCESS);
    expect(h.call['path_open']!(BOX, 1, end + 100, h.str(end + 100, 'inner/f.txt'), 0, Rights.FD_READ, 0n, 0, end + 8)).to.equal(Errno.SUCCESS);
    expect(h.u32(end + 8)).to.be.greaterThan(4);
  });

  it('the post-open check refuses an fd or directory that ended up outside (race defence)', function () {
    if (process.platform !== 'linux') this.skip(); // the fd check needs Linux's /proc
    const errnoOf = (f: () => void): number | undefined => {
      try { f(); } catch (e) { if (e instanceof WasiErrno) return e.errno; throw e; }
      return undefined;
    };
    const outsideFd = fs.openSync(path.join(outside, 'secret.txt'), 'r');
    const insideFd = fs.openSync(path.join(box, 'inner', 'f.txt'), 'r');
    try {
      expect(errnoOf(() => checkOpenedInside(box, outsideFd))).to.equal(Errno.NOTCAPABLE);
      expect(errnoOf(() => checkOpenedInside(box, insideFd))).to.equal(undefined);
    } finally {
      fs.closeSync(outsideFd);
      fs.closeSync(insideFd);
    }
    expect(errnoOf(() => checkDirInside(box, path.join(box, 'rel-escape')))).to.equal(Errno.NOTCAPABLE);
    expect(errnoOf(() => checkDirInside(box, path.join(box, 'inner')))).to.equal(undefined);
    expect(errnoOf(() => checkDirInside(box, box))).to.equal(undefined);
  });

  it('refuses sockets with ENOTSUP and bad fds with EBADF', () => {
    expect(h.call['sock_accept']!(0, 0, OUT)).to.equal(Errno.NOTSUP);
    expect(h.call['sock_shutdown']!(1, 0)).to.equal(Errno.NOTSUP);
    expect(h.call['sock_accept']!(77, 0, OUT)).to.equal(Errno.BADF);
  });
});
