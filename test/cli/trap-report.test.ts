// How `run` prints a trap: message, then the Wasm stack with repeated frames folded.
import { expect } from 'chai';
import { formatTrap } from '../../src/cli/trap-report.js';
import { RuntimeError } from '../../src/runtime/errors.js';
import { TrapKind } from '../../src/runtime/trap.js';

describe('cli: trap report', () => {
  it('prints the message and frames innermost first, unnamed ones as <unnamed>', () => {
    const err = new RuntimeError(TrapKind.Unreachable, [{ funcIndex: 3, name: 'leaf' }, { funcIndex: 1, name: undefined }]);
    expect(formatTrap('p.wasm', err)).to.equal(
      'zerowasm: p.wasm: trap: unreachable\n    at leaf (wasm-function[3])\n    at <unnamed> (wasm-function[1])\n');
  });

  it('folds runs of the same frame and caps the number of lines', () => {
    const deep = [...Array(500).fill({ funcIndex: 0, name: 'down' }), { funcIndex: 1, name: '_start' }];
    expect(formatTrap('r.wasm', new RuntimeError(TrapKind.CallStackExhausted, deep))).to.equal(
      'zerowasm: r.wasm: trap: call stack exhausted\n    at down (wasm-function[0]) ×500\n    at _start (wasm-function[1])\n');
    const varied = Array.from({ length: 30 }, (_, k) => ({ funcIndex: k, name: `f${k}` }));
    const lines = formatTrap('v.wasm', new RuntimeError(TrapKind.Unreachable, varied)).trimEnd().split('\n');
    expect(lines).to.have.length(22);
    expect(lines[20]).to.equal('    at f19 (wasm-function[19])');
    expect(lines[21]).to.equal('    ... 10 more frames');
  });
});
