// The decoder, section by section: what lands in the module model, and the malformed cases.
import { expect } from 'chai';
import { decodeModule } from '../../src/wasm/decoder.js';
import { ExternKind, SegmentMode } from '../../src/wasm/module.js';
import { ValType } from '../../src/wasm/types.js';
import { compileErrorOf, funcModule, HEADER, moduleBytes, section, str, uleb, vec, wat } from './helpers.js';

describe('wasm/decoder sections', () => {
  it('decodes types (multi-value), imports of every kind and the index spaces', () => {
    const m = decodeModule(wat(`(module
      (type (func (param i32 i64) (result f32 f64)))
      (import "m" "f" (func (type 0)))
      (import "m" "t" (table 1 10 externref))
      (import "m" "mem" (memory 1 2))
      (import "m" "g" (global (mut f64)))
      (func (type 0) unreachable))`));
    expect(m.types[0]).to.deep.equal({ params: [ValType.I32, ValType.I64], results: [ValType.F32, ValType.F64] });
    expect(m.imports.map((i) => [i.module, i.name, i.desc.kind])).to.deep.equal([
      ['m', 'f', ExternKind.Func], ['m', 't', ExternKind.Table], ['m', 'mem', ExternKind.Memory], ['m', 'g', ExternKind.Global]]);
    expect(m.allTables[0]).to.deep.equal({ elemType: ValType.ExternRef, limits: { min: 1, max: 10 } });
    expect(m.allMemories[0]).to.deep.equal({ limits: { min: 1, max: 2 } });
    expect(m.allGlobals[0]).to.deep.equal({ valType: ValType.F64, mutable: true });
    expect([m.numImportedFuncs, m.numImportedTables, m.numImportedMemories, m.numImportedGlobals]).to.deep.equal([1, 1, 1, 1]);
    expect(m.funcTypeIndices).to.deep.equal([0, 0]);
    expect(m.functions).to.deep.equal([0]);
  });

  it('decodes tables, memory, globals with every constant kind, exports and start', () => {
    const m = decodeModule(wat(`(module
      (import "m" "g" (global i32))
      (table 2 funcref) (table 0 externref) (memory 3)
      (global i64 (i64.const -9223372036854775808))
      (global f32 (f32.const nan:0x200000))
      (global f64 (f64.const -0))
      (global v128 (v128.const i32x4 1 2 3 4))
      (global funcref (ref.func 0))
      (global externref (ref.null extern))
      (global i32 (global.get 0))
      (func (export "s")) (start 0)
      (export "t" (table 1)) (export "m" (memory 0)) (export "g" (global 1)))`));
    expect(m.tables.map((t) => t.elemType)).to.deep.equal([ValType.FuncRef, ValType.ExternRef]);
    expect(m.memories[0]!.limits).to.deep.equal({ min: 3, max: undefined });
    expect(m.globals.map((g) => g.init.op)).to.deep.equal(
      ['i64.const', 'f32.const', 'f64.const', 'v128.const', 'ref.func', 'ref.null', 'global.get']);
    expect(m.globals[0]!.init).to.deep.equal({ op: 'i64.const', value: -9223372036854775808n });
    expect(m.globals[1]!.init).to.deep.equal({ op: 'f32.const', bits: 0x7fa00000 });
    expect(m.globals[2]!.init).to.deep.equal({ op: 'f64.const', bits: 0x8000000000000000n });
    const v = m.globals[3]!.init;
    expect(v.op === 'v128.const' && [...v.bytes.slice(0, 8)]).to.deep.equal([1, 0, 0, 0, 2, 0, 0, 0]);
    expect(m.exports.map((e) => [e.name, e.kind, e.index])).to.deep.equal([
      ['s', ExternKind.Func, 0], ['t', ExternKind.Table, 1], ['m', ExternKind.Memory, 0], ['g', ExternKind.Global, 1]]);
    expect(m.start).to.equal(0);
  });

  it('decodes all 8 element segment encodings', () => {
    const refFunc0 = [0xd2, 0x00, 0x0b];
    const off = [0x41, 0x00, 0x0b];
    const elems = [
      [0x00, ...off, ...vec([[0]])],
      [0x01, 0x00, ...vec([[0]])],
      [0x02, 0x00, ...off, 0x00, ...vec([[0]])],
      [0x03, 0x00, ...vec([[0]])],
      [0x04, ...off, ...vec([refFunc0])],
      [0x05, 0x70, ...vec([refFunc0, [0xd0, 0x70, 0x0b]])],
      [0x06, 0x00, ...off, 0x70, ...vec([refFunc0])],
      [0x07, 0x70, ...vec([refFunc0])],
    ];
    const bytes = moduleBytes(section(1, vec([[0x60, 0, 0]])), section(3, vec([[0]])),
      section(4, vec([[0x70, 0x00, 0x01]])), section(9, vec(elems)), section(10, vec([[2, 0, 0x0b]])));
    const m = decodeModule(bytes);
    expect(m.elements.map((e) => e.mode)).to.deep.equal([SegmentMode.Active, SegmentMode.Passive, SegmentMode.Active,
      SegmentMode.Declarative, SegmentMode.Active, SegmentMode.Passive, SegmentMode.Active, SegmentMode.Declarative]);
    for (const e of m.elements) expect(e.init[0]).to.deep.equal({ op: 'ref.func', funcIndex: 0 });
    expect(m.elements[5]!.init[1]).to.deep.equal({ op: 'ref.null', type: ValType.FuncRef });
    expect(m.elements[2]!.offset).to.deep.equal({ op: 'i32.const', value: 0 });
    expect(compileErrorOf(() => decodeModule(moduleBytes(section(9, vec([[0x08]]))))).message).to.contain('malformed elements segment kind');
    expect(compileErrorOf(() => decodeModule(moduleBytes(section(9, vec([[0x01, 0x01, 0x00]]))))).message).to.contain('malformed element kind');
  });

  it('decodes active and passive data segments, the data count and code with locals', () => {
    const m = decodeModule(wat(`(module (memory 1)
      (data (i32.const 8) "abc") (data "xyz!")
      (func (local i32 i32 f64) (memory.init 1 (i32.const 0) (i32.const 0) (i32.const 1))))`));
    expect(m.data.map((d) => [d.mode, [...d.data]])).to.deep.equal([
      [SegmentMode.Active, [0x61, 0x62, 0x63]], [SegmentMode.Passive, [0x78, 0x79, 0x7a, 0x21]]]);
    expect(m.dataCount).to.equal(2);
    const body = m.code[0]!;
    expect(body.locals).to.deep.equal([{ count: 2, type: ValType.I32 }, { count: 1, type: ValType.F64 }]);
    expect(body.numLocals).to.equal(3);
    expect(m.bytes[body.codeEnd - 1]).to.equal(0x0b);
    expect(body.codeStart).to.be.greaterThan(body.offset);
  });

  it('decodes the name section and keeps unknown custom sections', () => {
    const bytes = wat(`(module (func $first (param $p i32) (local $l f32)) (func $second))`);
    const withCustom = new Uint8Array([...bytes, ...section(0, [...str('my.custom'), 1, 2, 3])]);
    const m = decodeModule(withCustom);
    expect(m.names.functionNames.get(0)).to.equal('first');
    expect(m.names.functionNames.get(1)).to.equal('second');
    expect([...m.names.localNames.get(0)!]).to.deep.equal([[0, 'p'], [1, 'l']]);
    const custom = m.customSections.find((c) => c.name === 'my.custom')!;
    expect([...custom.data]).to.deep.equal([1, 2, 3]);
  });

  it('ignores a malformed name section (custom sections are not validated)', () => {
    const m = decodeModule(moduleBytes(section(0, [...str('name'), 1, 0xff])));
    expect(m.names.functionNames.size).to.equal(0);
  });
});

describe('wasm/decoder malformed modules', () => {
  it('checks magic and version', () => {
    expect(compileErrorOf(() => decodeModule(new Uint8Array([0, 0x61, 0x73]))).message).to.contain('unexpected end');
    expect(compileErrorOf(() => decodeModule(new Uint8Array([0, 0x61, 0x73, 0x6e, 1, 0, 0, 0]))).message).to.contain('magic header');
    const v2 = compileErrorOf(() => decodeModule(new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0])));
    expect(v2.message).to.contain('unknown binary version');
    expect(v2.offset).to.equal(4);
    expect(decodeModule(new Uint8Array(HEADER)).types).to.deep.equal([]);
  });

  it('rejects sections out of order or repeated, with the offset of the section id', () => {
    const type = section(1, vec([]));
    const e = compileErrorOf(() => decodeModule(moduleBytes(type, type)));
    expect(e.message).to.contain('unexpected content after last section');
    expect(e.offset).to.equal(8 + type.length);
    const dataCountAfterCode = compileErrorOf(() => decodeModule(moduleBytes(section(10, vec([])), section(12, [0]))));
    expect(dataCountAfterCode.message).to.contain('data count section after code section');
  });

  it('rejects unknown section ids, bad section sizes and trailing bytes in a section', () => {
    expect(compileErrorOf(() => decodeModule(moduleBytes([13, 0]))).message).to.contain('malformed section id');
    expect(compileErrorOf(() => decodeModule(moduleBytes([1, 5, 0]))).message).to.contain('length out of bounds');
    expect(compileErrorOf(() => decodeModule(moduleBytes(section(1, [0, 0])))).message).to.contain('section size mismatch');
  });

  it('rejects inconsistent function/code and data count/data lengths', () => {
    const noCode = moduleBytes(section(1, vec([[0x60, 0, 0]])), section(3, vec([[0]])));
    expect(compileErrorOf(() => decodeModule(noCode)).message).to.contain('function and code section have inconsistent lengths');
    const count = moduleBytes(section(12, uleb(2)), section(11, vec([[1, 0]])));
    expect(compileErrorOf(() => decodeModule(count)).message).to.contain('data count and data section have inconsistent lengths');
  });

  it('rejects bad type, import, export, mutability, limits and reference type encodings', () => {
    const cases: [number[], string][] = [
      [section(1, vec([[0x61, 0, 0]])), 'malformed function type'],
      [section(1, vec([[0x60, 1, 0x55, 0]])), 'malformed value type'],
      [section(2, vec([[...str('a'), ...str('b'), 4, 0]])), 'malformed import kind'],
      [section(7, vec([[...str('a'), 4, 0]])), 'malformed export kind'],
      [section(6, vec([[0x7f, 2, 0x41, 0, 0x0b]])), 'malformed mutability'],
      [section(5, vec([[0x02, 0]])), 'malformed limits flags'],
      [section(4, vec([[0x71, 0, 0]])), 'malformed reference type'],
      [section(6, vec([[0x7f, 0, 0x01, 0x0b]])), 'constant expression required'],
    ];
    for (const [sec, msg] of cases) expect(compileErrorOf(() => decodeModule(moduleBytes(sec))).message).to.contain(msg);
  });

  it('rejects too many locals without allocating them', () => {
    const bytes = funcModule([], [], [], { locals: [[...uleb(0xffffffff), 0x7f], [...uleb(2), 0x7f]] });
    expect(compileErrorOf(() => decodeModule(bytes)).message).to.contain('too many locals');
  });

  it('rejects a function body whose size runs past the section', () => {
    const bytes = moduleBytes(section(1, vec([[0x60, 0, 0]])), section(3, vec([[0]])), section(10, [1, 10, 0, 0x0b]));
    expect(compileErrorOf(() => decodeModule(bytes)).message).to.contain('unexpected end');
  });
});
