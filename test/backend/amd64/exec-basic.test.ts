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
});
