// The stage's public entry points: compileModule, validate (also from the package root) and the
// import/export descriptors.
import { expect } from 'chai';
import { compileModule, describeExports, describeImports, validate } from '../../src/wasm/index.js';
import { validate as rootValidate } from '../../src/index.js';
import { CompileError } from '../../src/runtime/errors.js';
import { ValType } from '../../src/wasm/types.js';
import { wat } from './helpers.js';

describe('wasm/api', () => {
  const bytes = wat(`(module
    (import "env" "log" (func (param i32 f64)))
    (import "env" "tab" (table 2 funcref))
    (import "env" "mem" (memory 1 4))
    (import "env" "g" (global (mut i64)))
    (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    (global (export "k") f32 (f32.const 1))
    (export "tab" (table 0)) (export "mem" (memory 0)) (export "log" (func 0)))`);

  it('describes imports with kinds and types', () => {
    expect(describeImports(compileModule(bytes))).to.deep.equal([
      { module: 'env', name: 'log', kind: 'func', type: { params: [ValType.I32, ValType.F64], results: [] } },
      { module: 'env', name: 'tab', kind: 'table', type: { elemType: ValType.FuncRef, limits: { min: 2, max: undefined } } },
      { module: 'env', name: 'mem', kind: 'memory', type: { limits: { min: 1, max: 4 } } },
      { module: 'env', name: 'g', kind: 'global', type: { valType: ValType.I64, mutable: true } },
    ]);
  });

  it('describes exports with kinds and types, imports included in the index spaces', () => {
    expect(describeExports(compileModule(bytes))).to.deep.equal([
      { name: 'add', kind: 'func', type: { params: [ValType.I32, ValType.I32], results: [ValType.I32] } },
      { name: 'k', kind: 'global', type: { valType: ValType.F32, mutable: false } },
      { name: 'tab', kind: 'table', type: { elemType: ValType.FuncRef, limits: { min: 2, max: undefined } } },
      { name: 'mem', kind: 'memory', type: { limits: { min: 1, max: 4 } } },
      { name: 'log', kind: 'func', type: { params: [ValType.I32, ValType.F64], results: [] } },
    ]);
  });

  it('validate() is exported from the package root and answers both ways', () => {
    expect(rootValidate(bytes)).to.equal(true);
    expect(validate(new Uint8Array([1, 2, 3]))).to.equal(false);
  });

  it('accepts ArrayBuffer and other views, and rejects non-bytes with a TypeError', () => {
    const copy = new ArrayBuffer(bytes.length + 3);
    new Uint8Array(copy).set(bytes, 3);
    expect(validate(copy.slice(3))).to.equal(true);
    expect(validate(new DataView(copy, 3))).to.equal(true);
    expect(() => validate('not bytes' as unknown as Uint8Array)).to.throw(TypeError, /expected module bytes/);
  });

  it('compileModule throws CompileError with an offset', () => {
    try {
      compileModule(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0x01, 0x05, 0x01]));
      expect.fail('should have thrown');
    } catch (e) {
      expect(e).to.be.instanceOf(CompileError);
      expect((e as CompileError).offset).to.equal(9);
    }
  });
});
