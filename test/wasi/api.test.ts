// The embedder-facing WASI API: start/initialize contracts, exit codes, trap propagation,
// stdio callbacks and buffers, replaceable clock and random, poll_oneoff, readdir cookies.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import wabtInit from 'wabt';
import { WASI, Errno, exitCodeOf } from '../../src/wasi/index.js';
import { V8Wasm, type V8Instance } from '../../src/cli/v8-webassembly.js';
import { watHost } from './wat-host.js';

async function instantiate(wasi: WASI, wat: string): Promise<V8Instance> {
  const wabt = await wabtInit();
  const bytes = wabt.parseWat('t.wat', wat).toBinary({}).buffer;
  return V8Wasm.instantiate(await V8Wasm.compile(bytes), wasi.getImportObject());
}

const EXIT_3 = `(module (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1) (func (export "_start") (call $exit (i32.const 3)) unreachable))`;

describe('wasi: embedder API', () => {
  it('start returns the proc_exit code and 0 when _start returns', async () => {
    const wasi = new WASI();
    expect(wasi.start(await instantiate(wasi, EXIT_3))).to.equal(3);
    const w2 = new WASI();
    expect(w2.start(await instantiate(w2, '(module (memory (export "memory") 1) (func (export "_start")))'))).to.equal(0);
  });

  it('propagates traps from _start as exceptions', async () => {
    const wasi = new WASI();
    const inst = await instantiate(wasi, '(module (memory (export "memory") 1) (func (export "_start") unreachable))');
    expect(() => wasi.start(inst)).to.throw(/unreachable/);
  });

  it('checks the instance shape and refuses a second start', async () => {
    const wasi = new WASI();
    expect(() => wasi.start({ exports: { memory: {} } })).to.throw(TypeError, /_start/);
    expect(() => wasi.start({ exports: { _start: () => 0 } })).to.throw(TypeError, /memory/);
    expect(() => wasi.start({ exports: { _start: () => 0, _initialize: () => 0, memory: { buffer: new ArrayBuffer(0) } } }))
      .to.throw(TypeError, /_initialize/);
    const inst = await instantiate(wasi, EXIT_3);
    wasi.start(inst);
    expect(() => wasi.start(inst)).to.throw(/only once/);
  });

  it('initialize runs _initialize, and exitCodeOf recognises proc_exit from other exports', async () => {
    const wasi = new WASI();
    const inst = await instantiate(wasi, `(module
      (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
      (memory (export "memory") 1) (global $g (mut i32) (i32.const 0))
      (func (export "_initialize") (global.set $g (i32.const 5)))
      (func (export "get") (result i32) (global.get $g))
      (func (export "quit") (call $exit (i32.const 9))))`);
    wasi.initialize(inst);
    expect((inst.exports['get'] as () => number)()).to.equal(5);
    let code: number | undefined;
    try { (inst.exports['quit'] as () => void)(); } catch (e) { code = exitCodeOf(e); }
    expect(code).to.equal(9);
    expect(exitCodeOf(new Error('x'))).to.equal(undefined);
  });

  it('writes stdout/stderr to callbacks and reads stdin from a buffer', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const wasi = new WASI({
      stdin: 'input!', stdout: (b) => out.push(Buffer.from(b).toString()), stderr: (b) => err.push(Buffer.from(b).toString()),
    });
    const h = await watHost(wasi);
    const iov = 100;
    h.setU32(iov, 200);
    h.setU32(iov + 4, h.str(200, 'to out'));
    expect(h.call['fd_write']!(1, iov, 1, 300)).to.equal(Errno.SUCCESS);
    expect(h.u32(300)).to.equal(6);
    h.setU32(iov + 4, h.str(200, 'to err'));
    expect(h.call['fd_write']!(2, iov, 1, 300)).to.equal(Errno.SUCCESS);
    expect(out).to.deep.equal(['to out']);
    expect(err).to.deep.equal(['to err']);
    // Two iovecs of 4 bytes read "inpu" + "t!" then EOF.
    h.setU32(iov, 400); h.setU32(iov + 4, 4); h.setU32(iov + 8, 500); h.setU32(iov + 12, 4);
    expect(h.call['fd_read']!(0, iov, 2, 300)).to.equal(Errno.SUCCESS);
    expect(h.u32(300)).to.equal(6);
    expect(Buffer.from(h.memory.buffer, 400, 4).toString() + Buffer.from(h.memory.buffer, 500, 2).toString()).to.equal('input!');
    expect(h.call['fd_read']!(0, iov, 2, 300)).to.equal(Errno.SUCCESS);
    expect(h.u32(300)).to.equal(0);
  });

  it('works on a shared memory (SharedArrayBuffer)', async () => {
    const wasi = new WASI({ random: (b) => b.fill(7) });
    const inst = await instantiate(wasi, `(module
      (import "wasi_snapshot_preview1" "random_get" (func $rnd (param i32 i32) (result i32)))
      (memory (export "memory") 1 2 shared)
      (func (export "_start") (drop (call $rnd (i32.const 8) (i32.const 4)))))`);
    expect(wasi.start(inst)).to.equal(0);
    const buf = (inst.exports['memory'] as { buffer: SharedArrayBuffer }).buffer;
    expect(buf).to.be.instanceOf(SharedArrayBuffer);
    expect(new Uint8Array(buf, 8, 4)).to.deep.equal(new Uint8Array([7, 7, 7, 7]));
  });

  it('writes to a stream-like stdout (anything with write(chunk))', async () => {
    const chunks: Uint8Array[] = [];
    const h = await watHost(new WASI({ stdout: { write: (c: Uint8Array) => chunks.push(c) } }));
    h.setU32(100, 200);
    h.setU32(104, h.str(200, 'streamed'));
    expect(h.call['fd_write']!(1, 100, 1, 300)).to.equal(Errno.SUCCESS);
    h.str(200, 'XXXXXXXX'); // the sink must have received a copy
    expect(Buffer.concat(chunks).toString()).to.equal('streamed');
  });

  it('uses the supplied clock and random source', async () => {
    let slept = 0n;
    const wasi = new WASI({
      clock: { realtime: () => 1_700_000_000_000_000_000n, monotonic: () => 42n, sleep: (ns) => { slept += ns; } },
      random: (b) => b.fill(0xab),
    });
    const h = await watHost(wasi);
    expect(h.call['clock_time_get']!(0, 1n, 64)).to.equal(Errno.SUCCESS);
    expect(h.u64(64)).to.equal(1_700_000_000_000_000_000n);
    expect(h.call['clock_time_get']!(1, 1n, 64)).to.equal(Errno.SUCCESS);
    expect(h.u64(64)).to.equal(42n);
    expect(h.call['clock_time_get']!(9, 1n, 64)).to.equal(Errno.INVAL);
    expect(h.call['random_get']!(128, 4)).to.equal(Errno.SUCCESS);
    expect(h.u32(128)).to.equal(0xabababab);
    // poll_oneoff: a relative 5 ms clock and an absolute monotonic deadline at 42+1000 ns.
    const dv = new DataView(h.memory.buffer);
    const sub = (at: number, userdata: bigint, id: number, timeout: bigint, flags: number): void => {
      dv.setBigUint64(at, userdata, true); dv.setUint8(at + 8, 0);
      dv.setUint32(at + 16, id, true); dv.setBigUint64(at + 24, timeout, true); dv.setUint16(at + 40, flags, true);
    };
    sub(1000, 11n, 1, 5_000_000n, 0);
    sub(1048, 22n, 1, 1042n, 1);
    expect(h.call['poll_oneoff']!(1000, 2000, 2, 3000)).to.equal(Errno.SUCCESS);
    expect(slept).to.equal(1000n);
    expect(h.u32(3000)).to.equal(1);
    expect(h.u64(2000)).to.equal(22n);
    expect(h.call['poll_oneoff']!(1000, 2000, 0, 3000)).to.equal(Errno.INVAL);
  });

  it('poll_oneoff with the host clock sleeps at least the requested time', async () => {
    const h = await watHost(new WASI());
    const dv = new DataView(h.memory.buffer);
    dv.setBigUint64(1000, 5n, true); dv.setUint8(1008, 0); dv.setUint32(1016, 1, true); // monotonic
    dv.setBigUint64(1024, 20_000_000n, true); dv.setUint16(1040, 0, true); // 20 ms, relative
    const t0 = process.hrtime.bigint();
    expect(h.call['poll_oneoff']!(1000, 2000, 1, 3000)).to.equal(Errno.SUCCESS);
    expect(Number(process.hrtime.bigint() - t0)).to.be.at.least(20_000_000);
    expect([h.u32(3000), h.u64(2000)]).to.deep.equal([1, 5n]);
  });

  it('poll_oneoff reports fd readiness without sleeping', async () => {
    let slept = 0n;
    const wasi = new WASI({ stdin: 'abc', stdout: () => undefined, clock: { sleep: (ns) => { slept += ns; } } });
    const h = await watHost(wasi);
    const dv = new DataView(h.memory.buffer);
    dv.setBigUint64(1000, 1n, true); dv.setUint8(1008, 1); dv.setUint32(1016, 0, true); // fd_read stdin
    dv.setBigUint64(1048, 2n, true); dv.setUint8(1056, 2); dv.setUint32(1064, 1, true); // fd_write stdout
    dv.setBigUint64(1096, 3n, true); dv.setUint8(1104, 0); dv.setUint32(1112, 1, true); // clock 1 s
    dv.setBigUint64(1120, 1_000_000_000n, true);
    expect(h.call['poll_oneoff']!(1000, 2000, 3, 3000)).to.equal(Errno.SUCCESS);
    expect(h.u32(3000)).to.equal(2);
    expect(slept).to.equal(0n);
    expect([h.u64(2000), h.u64(2016)]).to.deep.equal([1n, 3n]); // userdata, nbytes of stdin
    expect(h.u64(2032)).to.equal(2n);
  });

  it('fd_readdir continues from cookies and signals a full buffer', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zw-wasi-readdir-'));
    try {
      for (const n of ['a', 'bb', 'ccc']) fs.writeFileSync(path.join(dir, n), n);
      const h = await watHost(new WASI({ preopens: { '/d': dir } }));
      const names: string[] = [];
      let cookie = 0n;
      for (let guard = 0; guard < 20; guard++) {
        // A 40-byte buffer holds one 24-byte header plus a short name: forces one call per entry.
        expect(h.call['fd_readdir']!(3, 100, 40, cookie, 90)).to.equal(Errno.SUCCESS);
        const used = h.u32(90);
        if (used < 24) break;
        const len = h.u32(116);
        names.push(Buffer.from(h.memory.buffer, 124, len).toString());
        cookie = h.u64(100);
      }
      expect(names).to.deep.equal(['.', '..', 'a', 'bb', 'ccc']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports preopens through fd_prestat_get / fd_prestat_dir_name', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zw-wasi-prestat-'));
    try {
      const h = await watHost(new WASI({ preopens: { '/data': dir } }));
      expect(h.call['fd_prestat_get']!(3, 64)).to.equal(Errno.SUCCESS);
      expect(h.u32(68)).to.equal(5);
      expect(h.call['fd_prestat_dir_name']!(3, 80, 5)).to.equal(Errno.SUCCESS);
      expect(Buffer.from(h.memory.buffer, 80, 5).toString()).to.equal('/data');
      expect(h.call['fd_prestat_dir_name']!(3, 80, 2)).to.equal(Errno.NAMETOOLONG);
      expect(h.call['fd_prestat_get']!(4, 64)).to.equal(Errno.BADF);
      expect(h.call['fd_prestat_get']!(1, 64)).to.equal(Errno.BADF);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects bad configuration with a clear error', () => {
    expect(() => new WASI({ preopens: { '/x': '/definitely/not/here' } })).to.throw(/preopen '\/x'.*cannot open/);
    expect(() => new WASI({ args: ['a\0b'] })).to.throw(/NUL/);
    expect(() => new WASI({ env: { A: 'x\0' } })).to.throw(/NUL/);
    expect(() => new WASI({ version: 'unstable' as 'preview1' })).to.throw(/unsupported version 'unstable'/);
    expect(() => new WASI({ version: 'preview1' })).to.not.throw();
  });
});
