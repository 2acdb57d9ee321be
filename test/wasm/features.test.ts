// Feature flags: a module using a feature outside the configured set is rejected with a
// CompileError naming the feature; the same module passes with the feature on.
import { expect } from 'chai';
import { compileModule, Feature, FeaturesV1, FeaturesV2, featureNames, validate } from '../../src/wasm/index.js';
import { compileErrorOf, wat } from './helpers.js';

const cases: [string, number, string][] = [
  ['sign-extension', Feature.SignExtension, '(module (func (param i32) (result i32) (i32.extend8_s (local.get 0))))'],
  ['nontrapping-float-to-int', Feature.NonTrappingFloatToInt, '(module (func (param f32) (result i32) (i32.trunc_sat_f32_s (local.get 0))))'],
  ['multi-value (function results)', Feature.MultiValue, '(module (func (result i32 i32) (i32.const 1) (i32.const 2)))'],
  ['multi-value (block type index)', Feature.MultiValue, '(module (func (param i32) (result i32) (local.get 0) (block (param i32) (result i32))))'],
  ['bulk-memory (instruction)', Feature.BulkMemory, '(module (memory 1) (func (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))))'],
  ['bulk-memory (passive data)', Feature.BulkMemory, '(module (memory 1) (data "x"))'],
  ['reference-types (externref param)', Feature.ReferenceTypes, '(module (func (param externref)))'],
  ['reference-types (table.get)', Feature.ReferenceTypes, '(module (table 1 funcref) (func (drop (table.get 0 (i32.const 0)))))'],
  ['reference-types (two tables)', Feature.ReferenceTypes, '(module (table 1 funcref) (table 1 funcref))'],
  ['simd (v128 value)', Feature.Simd, '(module (func (result v128) (v128.const i32x4 0 0 0 0)))'],
  ['simd (v128 global)', Feature.Simd, '(module (global v128 (v128.const i32x4 0 0 0 0)))'],
];

describe('wasm/features', () => {
  for (const [name, feature, text] of cases) {
    it(`rejects ${name} when disabled and accepts it when enabled`, () => {
      const bytes = wat(text);
      expect(validate(bytes, FeaturesV2)).to.equal(true);
      const e = compileErrorOf(() => compileModule(bytes, FeaturesV2 & ~feature));
      expect(e.message).to.match(/feature .* is disabled|multiple tables/);
      expect(validate(bytes, FeaturesV1)).to.equal(false);
    });
  }

  it('accepts an MVP module under V1', () => {
    expect(validate(wat('(module (memory 1) (func (param i32) (result i32) (i32.load (local.get 0))))'), FeaturesV1)).to.equal(true);
  });

  it('rejects exporting a mutable global without mutable-global', () => {
    const bytes = wat('(module (global (export "g") (mut i32) (i32.const 0)))');
    expect(validate(bytes, FeaturesV1)).to.equal(true);
    expect(validate(bytes, FeaturesV1 & ~Feature.MutableGlobal)).to.equal(false);
  });

  it('names the features of a set', () => {
    expect(featureNames(FeaturesV1)).to.deep.equal(['mutable-global']);
    expect(featureNames(FeaturesV2)).to.have.length(7);
  });
});
