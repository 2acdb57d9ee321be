import { expect } from 'chai';
import { FunctionLowerer } from '../../src/frontend/index.js';
import { optimizeFunction, printFunction } from '../../src/ssa/index.js';
import { decodeModule } from '../../src/wasm/decoder.js';
import { watToModule } from './helpers.js';

function leb(n: number): number[] {
  const out: number[] = [];
  do { let b = n & 0x7f; n >>>= 7; if (n !== 0) b |= 0x80; out.push(b); } while (n !== 0);
  return out;
}

/** A module with one function of the given type bytes and body bytes (locals + code). */
function moduleBytes(type: number[], body: number[]): Uint8Array {
  const section = (id: number, content: number[]): number[] => [id, ...leb(content.length), ...content];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, [1, ...type]),
    ...section(3, [1, 0]),
    ...section(10, [1, ...leb(body.length), ...body]),
  ]);
}

describe('frontend robustness', () => {
  it('handles thousands of sequential merges without deep recursion', async () => {
    // Reading local 1 at the end walks back through every if/else merge; a recursive walk
    // would overflow the JS stack here.
    let body = '';
    for (let i = 0; i < 6000; i++) body += '(if (local.get 0) (then (local.set 2 (i32.const 1))))\n';
    const m = await watToModule(`(module (func (param i32) (result i32) (local i32 i32) ${body} (local.get 1)))`);
    const fn = optimizeFunction(new FunctionLowerer().lower(m, 0), { verify: true });
    // local 1 is never written: the result is the zero it was initialized with
    expect(printFunction(fn)).to.match(/v(\d+):i32 = iconst32 0\n[\s\S]*return v\1\n/);
  });

  it('handles deeply nested blocks and loops', () => {
    // Built as bytes: wabt's text parser gives up long before this depth.
    const depth = 3000;
    const code = [1, 1, 0x7f]; // one declared i32 local
    for (let i = 0; i < depth; i++) code.push(0x02, 0x40, 0x03, 0x40); // block loop
    code.push(0x20, 1, 0x20, 0, 0x6a, 0x21, 1, 0x20, 1, 0x0d, 1); // l1 += l0; br_if 1 (l1)
    for (let i = 0; i < depth; i++) code.push(0x0b, 0x0b);
    code.push(0x20, 1, 0x0b);
    const m = decodeModule(moduleBytes([0x60, 1, 0x7f, 1, 0x7f], code));
    const fn = optimizeFunction(new FunctionLowerer().lower(m, 0), { verify: true });
    // l1 = 0 + l0 on the only path, and every exit returns l1: the whole nest reduces to l0
    expect(printFunction(fn)).to.equal('function f0 (i32) -> (i32) {\nblock0(v0:i32):\n  return v0\n}\n');
  });

  it('prints the IR after every pass with the debug option', async () => {
    const m = await watToModule('(module (func (result i32) (i32.add (i32.const 1) (i32.const 2))))');
    const out: string[] = [];
    optimizeFunction(new FunctionLowerer().lower(m, 0), { debug: true, log: (t) => out.push(t) });
    const text = out.join('');
    expect(text).to.contain(';; after const-fold');
    expect(text).to.contain(';; after layout');
    expect(text).to.contain('i32.add'); // before folding
    expect(out[out.length - 1]).to.contain('iconst32 3');
  });

  it('level 0 only cleans up the CFG and lays out blocks', async () => {
    const m = await watToModule('(module (func (result i32) (i32.add (i32.const 1) (i32.const 2))))');
    const fn = optimizeFunction(new FunctionLowerer().lower(m, 0), { level: 0, verify: true });
    expect(printFunction(fn)).to.contain('i32.add'); // not folded
  });

  it('names the function and offset when given a body that is not valid', () => {
    // i32.add with an empty stack, then a truncated body: the validator would reject it
    const m = decodeModule(moduleBytes([0x60, 0, 0], [0, 0x6a, 0x0b]));
    expect(() => new FunctionLowerer().lower(m, 0)).to.throw(/frontend: function 0 near offset \d+/);
  });
});
