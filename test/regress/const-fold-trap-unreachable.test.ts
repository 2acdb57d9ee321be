// Regression: when constant folding turned a `trap_if` into an unconditional `trap`, it removed
// the rest of the block but left the blocks cut off behind it, which still used the removed
// values: the IR verifier (ZEROWASM_DEBUG=verify) rejected the function after const-fold.
import { expect } from 'chai';
import { FunctionLowerer } from '../../src/frontend/index.js';
import { optimizeFunction } from '../../src/ssa/pipeline.js';
import { compileModule } from '../../src/wasm/index.js';
import { loadWabt, runOnV8, runOnZerowasm, SOURCES, wat, type Call } from './harness.js';

const text = `(module
  (global $g (mut i64) (i64.const 0))
  (func (export "f") (param i32) (result i32) (local i64)
    f64.const nan
    i64.trunc_f64_u
    local.set 1
    local.get 0
    if
      local.get 1
      global.set $g
    end
    i32.const 0))`;

describe('regress: const-fold removes the blocks a folded trap cuts off', () => {
  before(loadWabt);

  it('passes the IR verifier after every pass', () => {
    const module = compileModule(wat(text));
    expect(() => optimizeFunction(new FunctionLowerer().lower(module, 0), { verify: true })).not.to.throw();
  });

  const calls: Call[] = [['f', [1]]];
  for (const source of SOURCES) {
    it(`traps like V8 (${source} source)`, () => {
      const bytes = wat(text);
      expect(runOnV8(bytes, calls)).to.deep.equal(['trap:conversion']);
      expect(runOnZerowasm(bytes, calls, source)).to.deep.equal(['trap:conversion']);
    });
  }
});
