// Regression: CFG simplification threaded an empty block `b(x): jump Loop(...)` (a merge right
// before a loop) although the loop body used `x` directly, leaving uses of a removed parameter.
// On clang output this printed wrong values (bench dispatch/sort) or leaked JS TypeErrors
// (alloc/strings); here the loop never saw its exit value and spun.
import { expect } from 'chai';
import { loadWabt, runOnV8, runOnZerowasm, SOURCES, wat, type Call } from './harness.js';

const text = `(module
  (func (export "f") (param i32) (result i32) (local i32 i32)
    i32.const 20
    local.set 1
    block
      local.get 0
      i32.eqz
      br_if 0
      i32.const 10
      local.set 1
    end
    loop
      local.get 2
      local.get 1
      i32.add
      local.set 2
      local.get 2
      i32.const 100
      i32.lt_u
      br_if 0
    end
    local.get 2))`;

describe('regress: jump threading keeps block parameters used by dominated blocks', () => {
  before(loadWabt);
  const calls: Call[] = [['f', [0]], ['f', [1]]];
  for (const source of SOURCES) {
    it(`matches V8 (${source} source)`, () => {
      const bytes = wat(text);
      const expected = runOnV8(bytes, calls);
      expect(expected).to.deep.equal(['100', '100']);
      expect(runOnZerowasm(bytes, calls, source)).to.deep.equal(expected);
    });
  }
});
