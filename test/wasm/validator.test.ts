// The validator: error messages name the rule, the function and the instruction's offset; each
// family of special-cased instructions accepts what it should and rejects what it should.
import { expect } from 'chai';
import { compileModule, validate } from '../../src/wasm/index.js';
import { decodeModule } from '../../src/wasm/decoder.js';
import { compileErrorOf, funcModule, moduleBytes, section, uleb, vec, wat } from './helpers.js';

const I32 = 0x7f, I64 = 0x7e, F64 = 0x7c;

function invalid(text: string): string {
  return compileErrorOf(() => compileModule(wat(text))).message;
}

/** Bytes of a WAT module that wabt itself would reject (so it cannot be written as WAT). */
function invalidBytes(bytes: Uint8Array): string {
  return compileErrorOf(() => compileModule(bytes)).message;
}

describe('wasm/validator error reports', () => {
  it('names the types, the function index and the instruction offset', () => {
    // func 0: i32.const 1; f64.const 0; i32.add — i32.add finds an f64.
    const bytes = funcModule([], [I32], [0x41, 1, 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x6a]);
    const e = compileErrorOf(() => compileModule(bytes));
    const addOffset = bytes.length - 2; // the add, then end
    expect(e.message).to.match(/^type mismatch: expected i32, got f64 at func 0 \(at byte offset 0x[0-9a-f]+\)$/);
    expect(e.offset).to.equal(addOffset);
  });

  it('counts imported functions in the function index', () => {
    const m = wat(`(module (import "a" "b" (func)) (func) (func (result i32) nop))`);
    const e = compileErrorOf(() => compileModule(m));
    expect(e.message).to.contain('at func 2');
  });

  it('reports the missing end and trailing operators', () => {
    expect(invalidBytes(funcModule([], [], [0x02, 0x40]))).to.contain('missing end');
    expect(invalidBytes(funcModule([], [], [0x0b, 0x01]))).to.contain('operators remaining');
  });
});

describe('wasm/validator instructions', () => {
  it('accepts a realistic function mixing control flow, memory and locals', () => {
    expect(validate(wat(`(module (memory 1) (table 1 funcref) (type $t (func (param i32) (result i32)))
      (func $f (export "f") (param i32) (result i32) (local i64)
        (block $out (result i32)
          (loop $l (result i32)
            (br_if $out (local.get 0) (i32.eqz (local.get 0)))
            (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
            (i64.store offset=8 align=8 (i32.const 0) (i64.extend_i32_u (local.get 0)))
            (br_table $l $l (i32.const 0))))
        (call_indirect (type $t) (i32.const 0))))`))).to.equal(true);
  });

  it('types unreachable code as polymorphic', () => {
    expect(validate(wat('(module (func (result i32) unreachable i32.add))'))).to.equal(true);
    expect(validate(wat('(module (func (result i32) (return (i32.const 1)) (select)))'))).to.equal(true);
    expect(invalidBytes(funcModule([], [I32], [0x00, 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x6a]))).to.contain('expected i32, got f64');
  });

  it('checks multi-value blocks and if without else', () => {
    expect(validate(wat(`(module (type $t (func (param i32) (result i32 i32)))
      (func (result i32 i32) (i32.const 1) (block (type $t) (i32.const 2))))`))).to.equal(true);
    // if [i32] -> [i64] without else cannot pass the i32 through.
    const e = invalidBytes(funcModule([], [], [0x41, 0, 0x04, 0x7e, 0x42, 0, 0x0b, 0x1a]));
    expect(e).to.contain('if without else');
  });

  it('checks br_table arities and select operands', () => {
    const brTableMixed = funcModule([], [], [0x02, 0x7f, 0x02, 0x40, 0x41, 0, 0x0e, 1, 0, 1, 0x0b, 0x41, 0, 0x0b, 0x1a]);
    expect(invalidBytes(brTableMixed)).to.contain('different arities');
    const selectRefs = funcModule([], [], [0xd0, 0x70, 0xd0, 0x70, 0x41, 0, 0x1b, 0x1a]);
    expect(invalidBytes(selectRefs)).to.contain('numeric or vector');
    expect(validate(wat('(module (func (result funcref) (select (result funcref) (ref.null func) (ref.null func) (i32.const 1))))'))).to.equal(true);
  });

  it('checks memory arguments: memory present, alignment at most natural', () => {
    expect(invalidBytes(funcModule([], [], [0x41, 0, 0x28, 2, 0, 0x1a]))).to.contain('unknown memory 0');
    expect(invalidBytes(funcModule([], [], [0x41, 0, 0x28, 3, 0, 0x1a], { memory: true }))).to.contain('alignment must not be larger than natural');
    expect(invalidBytes(funcModule([], [], [0x3f, 1, 0x1a], { memory: true }))).to.contain('zero byte expected');
  });

  it('checks SIMD lane indices and shuffle lanes', () => {
    expect(validate(wat('(module (func (result i32) (i8x16.extract_lane_u 15 (v128.const i64x2 0 0))))'))).to.equal(true);
    const v128Const = [0xfd, 12, ...new Array<number>(16).fill(0)];
    expect(invalidBytes(funcModule([], [I32], [...v128Const, 0xfd, 22, 16]))).to.contain('invalid lane index');
    const shuffle = [0xfd, 13, ...new Array<number>(15).fill(0), 32];
    expect(invalidBytes(funcModule([], [], [...v128Const, ...v128Const, ...shuffle, 0x1a]))).to.contain('invalid lane index');
  });

  it('checks locals, globals and immutability', () => {
    expect(invalidBytes(funcModule([I64], [], [0x20, 1, 0x1a]))).to.contain('unknown local 1');
    expect(invalid('(module (global i32 (i32.const 0)) (func (global.set 0 (i32.const 1))))')).to.contain('global is immutable');
  });

  it('requires ref.func targets to be declared outside function bodies', () => {
    expect(invalidBytes(funcModule([], [], [0xd2, 0, 0x1a]))).to.contain('undeclared function reference');
    expect(validate(wat('(module (func $f (drop (ref.func $f))) (elem declare func $f))'))).to.equal(true);
    expect(validate(wat('(module (func $f (export "f") (drop (ref.func $f))))'))).to.equal(true);
  });

  it('checks bulk memory and table instructions', () => {
    const noDataCount = compileErrorOf(() => compileModule(funcModule([], [], [0xfc, 9, 0], { memory: true })));
    expect(noDataCount.message).to.contain('data count section required');
    expect(invalid(`(module (table 1 funcref) (table 1 externref) (elem funcref (ref.null func))
      (func (table.init 1 0 (i32.const 0) (i32.const 0) (i32.const 0))))`)).to.contain('type mismatch');
    expect(invalid(`(module (table 1 funcref) (table 1 externref)
      (func (table.copy 0 1 (i32.const 0) (i32.const 0) (i32.const 0))))`)).to.contain('type mismatch');
    expect(validate(wat(`(module (table 1 externref)
      (func (param externref) (result i32) (table.grow 0 (local.get 0) (i32.const 2))))`))).to.equal(true);
  });
});

describe('wasm/validator module rules', () => {
  it('rejects duplicate export names, bad limits, several memories and a typed start function', () => {
    expect(invalid('(module (func (export "a")) (global (export "a") i32 (i32.const 0)))')).to.contain('duplicate export name');
    expect(invalidBytes(wat('(module (memory 2 1))'))).to.contain('size minimum must not be greater than maximum');
    expect(invalidBytes(wat('(module (memory 65537))'))).to.contain('65536 pages');
    expect(invalidBytes(wat('(module (memory 0) (memory 0))'))).to.contain('multiple memories');
    expect(invalid('(module (func (param i32)) (start 0))')).to.contain('start function');
  });

  it('checks constant expressions: type, mutability, only imported globals in initializers', () => {
    expect(invalid('(module (global i32 (i64.const 0)))')).to.contain('type mismatch');
    expect(invalid('(module (global i32 (i32.const 0)) (global i32 (global.get 0)))')).to.contain('unknown global 0');
    expect(invalid('(module (import "a" "g" (global (mut i32))) (global i32 (global.get 0)))')).to.contain('constant expression required');
    expect(validate(wat('(module (import "a" "g" (global i32)) (global i32 (global.get 0)))'))).to.equal(true);
  });

  it('checks segment targets', () => {
    expect(invalid('(module (func $f) (elem (i32.const 0) $f))')).to.contain('unknown table 0');
    expect(invalid('(module (data (i32.const 0) "x"))')).to.contain('unknown memory 0');
    expect(invalid('(module (table 1 externref) (func $f) (elem (table 0) (i32.const 0) func $f))')).to.contain('type mismatch');
  });

  it('leaves a decoded but invalid module to the validator', () => {
    const bytes = wat('(module (func (result i32) nop))');
    expect(() => decodeModule(bytes)).to.not.throw();
    expect(validate(bytes)).to.equal(false);
  });

  it('validate() accepts a valid module and F64 types on locals', () => {
    expect(validate(funcModule([F64], [F64], [0x20, 0]))).to.equal(true);
  });
});

describe('wasm/validator limits and large inputs', () => {
  it('looks up locals beyond the expanded range through the declarations', () => {
    const locals = [[0x80, 0x80, 0x04, I32], [10, F64], [0x80, 0x80, 0x80, 0x80, 0x0f, I64]];
    // local 65536+3 is an f64, local 2^31 an i64, both past the flat array.
    const okBytes = funcModule([], [], [0x20, 0x83, 0x80, 0x04, 0x1a, 0x20, 0x80, 0x80, 0x80, 0x80, 0x08, 0x1a], { locals });
    expect(validate(okBytes)).to.equal(true);
    const wrong = funcModule([], [I32], [0x20, 0x83, 0x80, 0x04], { locals });
    expect(invalidBytes(wrong)).to.contain('expected i32, got f64');
  });

  it('stops an operand stack that would grow without bound with a CompileError', () => {
    const manyResults = new Array<number>(1000).fill(I32);
    const type = [0x60, 0, ...uleb(manyResults.length), ...manyResults];
    const calls: number[] = [];
    for (let i = 0; i < 5000; i++) calls.push(0x10, 0);
    const body = [0, ...calls, 0x00, 0x0b];
    const bytes = moduleBytes(section(1, vec([type])), section(3, vec([[0]])),
      section(10, vec([[...uleb(body.length), ...body]])));
    expect(invalidBytes(bytes)).to.contain('implementation limit');
  });
});
