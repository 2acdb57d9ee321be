// LEB128 and name decoding edge cases: every accepted boundary value and every rejection rule.
import { expect } from 'chai';
import { Reader } from '../../src/wasm/reader.js';
import { CompileError } from '../../src/runtime/errors.js';
import { compileErrorOf, sleb, uleb } from './helpers.js';

const rd = (bytes: number[]): Reader => new Reader(new Uint8Array(bytes));

describe('wasm/reader LEB128', () => {
  it('reads u32 boundary values and consumes exactly their bytes', () => {
    for (const v of [0, 1, 127, 128, 16383, 16384, 0x7fffffff, 0x80000000, 0xffffffff]) {
      const r = rd([...uleb(v), 0xaa]);
      expect(r.u32()).to.equal(v);
      expect(r.pos).to.equal(uleb(v).length);
    }
  });

  it('accepts non-minimal u32 encodings up to 5 bytes', () => {
    expect(rd([0x80, 0x80, 0x80, 0x80, 0x00]).u32()).to.equal(0);
    expect(rd([0x81, 0x00]).u32()).to.equal(1);
  });

  it('rejects a 6-byte u32 as too long', () => {
    const e = compileErrorOf(() => rd([0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).u32());
    expect(e.message).to.contain('integer representation too long');
    expect(e.offset).to.equal(0);
  });

  it('rejects u32 with unused bits set in the 5th byte', () => {
    expect(compileErrorOf(() => rd([0xff, 0xff, 0xff, 0xff, 0x1f]).u32()).message).to.contain('integer too large');
    expect(compileErrorOf(() => rd([0x80, 0x80, 0x80, 0x80, 0x70]).u32()).message).to.contain('integer too large');
  });

  it('rejects a truncated u32', () => {
    expect(compileErrorOf(() => rd([0x80, 0x80]).u32()).message).to.contain('unexpected end');
  });

  it('reads s32 boundary values', () => {
    for (const v of [0, 1, -1, 63, 64, -64, -65, 0x7fffffff, -0x80000000, 123456789, -123456789]) {
      expect(rd(sleb(v)).s32()).to.equal(v);
    }
    expect(rd([0xff, 0xff, 0xff, 0xff, 0x7f]).s32()).to.equal(-1); // padded -1
    expect(rd([0x80, 0x80, 0x80, 0x80, 0x00]).s32()).to.equal(0); // padded 0
  });

  it('rejects s32 whose 5th byte does not sign-extend bit 31', () => {
    expect(rd([0xff, 0xff, 0xff, 0xff, 0x07]).s32()).to.equal(0x7fffffff);
    expect(compileErrorOf(() => rd([0xff, 0xff, 0xff, 0xff, 0x0f]).s32()).message).to.contain('integer too large');
    expect(compileErrorOf(() => rd([0x80, 0x80, 0x80, 0x80, 0x70]).s32()).message).to.contain('integer too large');
    expect(compileErrorOf(() => rd([0xff, 0xff, 0xff, 0xff, 0x4f]).s32()).message).to.contain('integer too large');
    expect(compileErrorOf(() => rd([0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).s32()).message).to.contain('too long');
  });

  it('reads s33 block type indices and negative single-byte forms', () => {
    expect(rd([0x40]).s33()).to.equal(-64);
    expect(rd(sleb(0xffffffff)).s33()).to.equal(0xffffffff);
    expect(rd(sleb(-(2 ** 32))).s33()).to.equal(-(2 ** 32));
    expect(compileErrorOf(() => rd([0x80, 0x80, 0x80, 0x80, 0x40]).s33()).message).to.contain('integer too large');
  });

  it('reads s64 boundary values', () => {
    for (const v of [0n, -1n, 1n, 0x7fffffffffffffffn, -0x8000000000000000n, -1234567890123n]) {
      expect(rd(sleb(v)).s64()).to.equal(v);
    }
    expect(rd([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]).s64()).to.equal(-1n);
  });

  it('rejects s64 over 10 bytes or with bad unused bits', () => {
    const tooLong = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00];
    expect(compileErrorOf(() => rd(tooLong).s64()).message).to.contain('too long');
    const bad = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02];
    expect(compileErrorOf(() => rd(bad).s64()).message).to.contain('integer too large');
    const bad2 = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7e];
    expect(compileErrorOf(() => rd(bad2).skipS64()).message).to.contain('integer too large');
  });
});

describe('wasm/reader names and vectors', () => {
  it('decodes UTF-8 names and keeps a leading BOM', () => {
    const bytes = [...new TextEncoder().encode('\uFEFFhé🎉')];
    expect(rd([bytes.length, ...bytes]).name()).to.equal('\uFEFFhé🎉');
  });

  it('rejects malformed UTF-8: overlong, surrogate, truncated sequences', () => {
    for (const bad of [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xff]]) {
      const e = compileErrorOf(() => rd([bad.length, ...bad]).name());
      expect(e.message).to.contain('malformed UTF-8 encoding');
    }
  });

  it('rejects a name longer than the input', () => {
    expect(compileErrorOf(() => rd([5, 0x61]).name()).message).to.contain('unexpected end');
  });

  it('bounds vector lengths by the bytes left, so a lying length cannot allocate', () => {
    const e = compileErrorOf(() => rd([...uleb(0xffffffff), 1, 2]).vecLength(1));
    expect(e).to.be.instanceOf(CompileError);
  });
});
