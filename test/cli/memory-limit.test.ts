// The Runtime's memory limit (`memoryLimitPages`), which `run --max-memory` relies on.
import { expect } from 'chai';
import wabtInit from 'wabt';
import { LinkError, Memory, Runtime } from '../../src/index.js';

describe('cli: Runtime memoryLimitPages (behind --max-memory)', () => {
  let wat: (text: string) => Uint8Array;
  before(async () => {
    const wabt = await wabtInit();
    wat = (text) => wabt.parseWat('m.wat', text).toBinary({}).buffer;
  });

  it('lowers the maximum of memories the module defines, so memory.grow stops at the limit', () => {
    const rt = new Runtime({ engine: 'interpreter', memoryLimitPages: 3 });
    const inst = rt.instantiate(rt.compile(wat(`(module (memory (export "mem") 1)
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`)));
    const grow = inst.exports['grow'] as (n: number) => number;
    expect(grow(2)).to.equal(1);
    expect(grow(1)).to.equal(-1);
    const mem = inst.exports['mem'] as Memory;
    expect(mem.buffer.byteLength).to.equal(3 * 65536);
    expect(() => mem.grow(1)).to.throw(RangeError);
  });

  it('keeps a smaller declared maximum, and refuses a memory that starts above the limit', () => {
    const rt = new Runtime({ engine: 'interpreter', memoryLimitPages: 8 });
    const small = rt.instantiate(rt.compile(wat('(module (memory (export "mem") 1 2))')));
    expect((small.exports['mem'] as Memory).grow(1)).to.equal(1);
    expect(() => (small.exports['mem'] as Memory).grow(1)).to.throw(RangeError);
    const big = rt.compile(wat('(module (memory 9))'));
    expect(() => rt.instantiate(big)).to.throw(LinkError,
      'memory 0 needs 9 pages at the start, more than the runtime memory limit of 8 pages');
    const free = new Runtime({ engine: 'interpreter' });
    expect(() => free.instantiate(free.compile(wat('(module (memory 9))')))).to.not.throw();
  });

  it('rejects a limit that is not a non-negative integer', () => {
    for (const bad of [-1, 1.5, Number.NaN]) {
      expect(() => new Runtime({ engine: 'interpreter', memoryLimitPages: bad })).to.throw(TypeError, 'memoryLimitPages');
    }
  });
});
