// The package entry exports WASI next to the Runtime, and the two work together as documented.
import { expect } from 'chai';
import wabtInit from 'wabt';
import { Errno, Runtime, WASI, errnoName, exitCodeOf } from '../../src/index.js';

describe('wasi: package exports', () => {
  it('runs a WASI command on the Runtime through the package entry', async () => {
    const wabt = await wabtInit();
    const bytes = wabt.parseWat('hello.wat', `(module
      (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
      (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
      (memory (export "memory") 1)
      (data (i32.const 16) "hi from wasm\\n")
      (func (export "_start")
        (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 13))
        (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
        (call $proc_exit (i32.const 3))))`).toBinary({}).buffer;
    const chunks: string[] = [];
    const wasi = new WASI({ stdout: (b: Uint8Array) => { chunks.push(Buffer.from(b).toString()); } });
    const rt = new Runtime({ engine: 'interpreter' });
    const instance = rt.instantiate(rt.compile(bytes), wasi.getImportObject());
    expect(wasi.start(instance)).to.equal(3);
    expect(chunks.join('')).to.equal('hi from wasm\n');
    expect(errnoName(Errno.NOENT)).to.equal('NOENT');
    expect(exitCodeOf(new Error('not an exit'))).to.equal(undefined);
  });
});
