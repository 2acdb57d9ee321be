// Runs compiled code for small functions through the native addon and compares with V8.
import { expect } from 'chai';
import { requireNative } from '../../native/harness.js';
import { compileWat, TestModule } from './harness.js';

describe('backend/amd64 execution: basics', () => {
  requireNative();

  it('adds two i32 values', async () => {
    const m = new TestModule(await compileWat(`(module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))`));
    expect(m.call('add', 40, 2)).to.deep.equal([42]);
    expect(m.call('add', 0x7fffffff, 1)).to.deep.equal([-0x80000000]);
    m.free();
  });

  it('runs a counting loop', async () => {
    const m = new TestModule(await compileWat(`(module (func (export "sum") (param i32) (result i64) (local i64)
      (block (loop (br_if 1 (i32.eqz (local.get 0)))
        (local.set 1 (i64.add (local.get 1) (i64.extend_i32_u (local.get 0))))
        (local.set 0 (i32.sub (local.get 0) (i32.const 1))) (br 0)))
      (local.get 1)))`));
    expect(m.call('sum', 100)).to.deep.equal([5050n]);
    m.free();
  });

  it('compiles without interrupt polls when asked, and the loop still runs', async () => {
    const wat = `(module (func (export "sum") (param i32) (result i32) (local i32)
      (loop (local.set 1 (i32.add (local.get 1) (local.get 0))) (local.set 0 (i32.sub (local.get 0) (i32.const 1))) (br_if 0 (local.get 0)))
      (local.get 1)))`;
    const poll = (code: Uint8Array): boolean => Buffer.from(code).includes(Buffer.from([0x41, 0x83, 0x7b, 0x10, 0x00])); // cmp dword [r11+0x10], 0
    const withPolls = await compileWat(wat);
    const without = await compileWat(wat, { interruptPolls: false });
    expect(poll(withPolls.funcs[0]!.code)).to.equal(true);
    expect(poll(without.funcs[0]!.code)).to.equal(false);
    const m = new TestModule(without);
    expect(m.call('sum', 100)).to.deep.equal([5050]);
    m.free();
  });

  it('runs a loop whose back-edge needs moves (emitted in place after the exit branch), with and without polls', async () => {
    const wat = `(module (func (export "mix") (param i32 i32 i32) (result i32)
      (loop (local.set 0 (i32.sub (local.get 1) (local.get 0))) (local.set 1 (i32.sub (local.get 0) (local.get 1)))
        (br_if 0 (local.tee 2 (i32.sub (local.get 2) (i32.const 1)))))
      (i32.add (local.get 0) (local.get 1))))`;
    const expected = (a: number, b: number, n: number): number => {
      do { a = (b - a) | 0; b = (a - b) | 0; n = (n - 1) | 0; } while (n !== 0);
      return (a + b) | 0;
    };
    for (const interruptPolls of [true, false]) {
      const m = new TestModule(await compileWat(wat, { interruptPolls }));
      for (const [a, b, n] of [[1, 2, 1], [7, -3, 5], [123456, 789, 1000], [-5, 0x7fffffff, 77]] as const) {
        expect(m.call('mix', a, b, n), `polls ${interruptPolls}, mix(${a}, ${b}, ${n})`).to.deep.equal([expected(a, b, n)]);
      }
      m.free();
    }
  });
});
