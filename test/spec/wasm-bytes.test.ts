import { expect } from 'chai';
import { callShimBytes, globalReaderBytes, spectestBytes } from './engines/v8-helpers.js';
import { ByteWriter, readExportTypes } from './engines/wasm-bytes.js';
import { WA } from './engines/v8-api.js';
import { loadWabt, moduleBytes } from './wat.js';

function wat(text: string): Uint8Array {
  const r = moduleBytes({ form: 'text', text });
  if (!r.ok) throw new Error(r.message);
  return r.bytes;
}

describe('spec: wasm bytes helpers', () => {
  before(async () => { await loadWabt(); });

  it('reads export types, including re-exported imports and globals after const exprs', () => {
    const bytes = wat(`(module
      (import "m" "f" (func $imp (param i64) (result v128)))
      (import "m" "g" (global $ig (mut f32)))
      (global $v v128 (v128.const i32x4 1 2 3 4))
      (global $r (mut externref) (ref.null extern))
      (func $own (param funcref externref) (result i32 f64) (i32.const 0) (f64.const 0))
      (table $t 1 funcref) (memory $m 1)
      (export "imp" (func $imp)) (export "own" (func $own)) (export "ig" (global $ig))
      (export "v" (global $v)) (export "r" (global $r)) (export "t" (table $t)) (export "m" (memory $m)))`);
    const t = readExportTypes(bytes);
    expect(t.get('imp')).to.deep.equal({ kind: 'func', params: ['i64'], results: ['v128'] });
    expect(t.get('own')).to.deep.equal({ kind: 'func', params: ['funcref', 'externref'], results: ['i32', 'f64'] });
    expect(t.get('ig')).to.deep.equal({ kind: 'global', type: 'f32', mutable: true });
    expect(t.get('v')).to.deep.equal({ kind: 'global', type: 'v128', mutable: false });
    expect(t.get('r')).to.deep.equal({ kind: 'global', type: 'externref', mutable: true });
    expect(t.get('t')).to.deep.equal({ kind: 'table' });
    expect(t.get('m')).to.deep.equal({ kind: 'memory' });
  });

  it('writes LEB128 numbers', () => {
    expect(Array.from(new ByteWriter().u32(624485).finish())).to.deep.equal([0xe5, 0x8e, 0x26]);
    expect(Array.from(new ByteWriter().sleb(-123456n).finish())).to.deep.equal([0xc0, 0xbb, 0x78]);
    expect(Array.from(new ByteWriter().sleb(63n).sleb(64n).sleb(-64n).sleb(-65n).finish()))
      .to.deep.equal([0x3f, 0xc0, 0x00, 0x40, 0xbf, 0x7f]);
  });

  it('generates helper modules that V8 validates', () => {
    expect(WA.validate(spectestBytes())).to.equal(true);
    expect(WA.validate(callShimBytes(['i32', 'externref', 'v128', 'f32'], ['funcref', 'f64', 'externref', 'i64']))).to.equal(true);
    expect(WA.validate(callShimBytes([], []))).to.equal(true);
    for (const t of ['i32', 'i64', 'f32', 'f64', 'v128'] as const) {
      expect(WA.validate(globalReaderBytes(t, true)), t).to.equal(true);
    }
  });

  it('describes the spectest module exports', () => {
    const t = readExportTypes(spectestBytes());
    expect(t.get('print_i32_f32')).to.deep.equal({ kind: 'func', params: ['i32', 'f32'], results: [] });
    expect(t.get('global_f64')).to.deep.equal({ kind: 'global', type: 'f64', mutable: false });
    expect([...t.keys()]).to.include.members(['print', 'print_i64', 'print_f32', 'print_f64', 'print_f64_f64',
      'global_i32', 'global_i64', 'global_f32', 'table', 'memory']);
  });
});
