import { expect } from 'chai';
import type { ClassifiedError, Registry, SpecEngine, ValidateResult } from './engine.js';
import { V8Engine } from './engines/v8.js';
import { type Mode, type ScriptResult, ScriptRunner, SKIP_TEXT_MALFORMED } from './runner.js';
import { parseScript } from './script.js';
import type { SpecValue } from './values.js';
import { loadWabt } from './wat.js';

function run(src: string, mode: Mode = 'engine', engine: SpecEngine = new V8Engine() as SpecEngine): ScriptResult {
  return new ScriptRunner(engine, mode).run(parseScript(src));
}

function expectClean(r: ScriptResult, passed: number): void {
  expect(r.failures.map((f) => `${f.line}: ${f.detail}`)).to.deep.equal([]);
  expect(r.passed).to.equal(passed);
}

// Every command form, each of which V8 must pass.
const goodScript = `
(module $A
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "swap") (param i64 f64) (result f64 i64) (local.get 1) (local.get 0))
  (func (export "nan") (param f32) (result f32) (local.get 0))
  (func (export "qnan") (result f32) (f32.div (f32.const 0) (f32.const 0)))
  (func (export "lanes") (param v128) (result v128) (f32x4.add (local.get 0) (local.get 0)))
  (func (export "ref") (param externref) (result externref) (local.get 0))
  (func (export "null") (result funcref) (ref.null func))
  (func (export "boom") unreachable)
  (func $deep (export "deep") (call $deep))
  (global (export "g") (mut i64) (i64.const -5))
  (global (export "gf") f32 (f32.const nan:0x123))
  (global (export "gv") v128 (v128.const i32x4 1 2 3 -1))
  (memory (export "mem") 1))
(register "A" $A)
(assert_return (invoke "add" (i32.const 2) (i32.const -3)) (i32.const -1))
(assert_return (invoke "swap" (i64.const 0x7fff_ffff_ffff_ffff) (f64.const -0x1p-1074)) (f64.const -0x1p-1074) (i64.const 0x7fffffffffffffff))
(assert_return (invoke "nan" (f32.const -nan:0x200001)) (f32.const -nan:0x200001))
(assert_return (invoke "qnan") (f32.const nan:arithmetic))
(assert_return (invoke "lanes" (v128.const f32x4 1 -2 nan 0x1p127)) (v128.const f32x4 2 -4 nan:arithmetic inf))
(assert_return (invoke "ref" (ref.extern 7)) (ref.extern 7))
(assert_return (invoke "ref" (ref.null extern)) (ref.null extern))
(assert_return (invoke "null") (ref.null func))
(assert_return (get "g") (i64.const -5))
(assert_return (get $A "gf") (f32.const nan:0x123))
(assert_return (get "gv") (v128.const i32x4 1 2 3 0xffff_ffff))
(assert_trap (invoke "boom") "unreachable")
(assert_exhaustion (invoke "deep") "call stack exhausted")
(module $B
  (import "A" "add" (func $add (param i32 i32) (result i32)))
  (import "spectest" "print_i32" (func $print (param i32)))
  (import "spectest" "global_i32" (global $g i32))
  (import "spectest" "memory" (memory 1 2))
  (import "spectest" "table" (table 10 funcref))
  (func (export "use") (result i32) (call $print (i32.const 1)) (call $add (global.get $g) (i32.const 1))))
(assert_return (invoke "use") (i32.const 667))
(assert_return (invoke $A "add" (i32.const 1) (i32.const 1)) (i32.const 2))
(invoke $B "use")
(assert_unlinkable (module (import "A" "add" (func (param i64)))) "incompatible import type")
(assert_unlinkable (module (import "A" "missing" (func))) "unknown import")
(assert_unlinkable (module (import "spectest" "print_i32" (func (param f32)))) "incompatible import type")
(assert_uninstantiable (module (func $s unreachable) (start $s)) "unreachable")
(assert_trap (module (memory 0) (data (i32.const 1) "x")) "out of bounds memory access")
(assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
(assert_malformed (module binary "\\00asm" "\\02\\00\\00\\00") "unknown binary version")
(assert_malformed (module quote "(func") "unexpected end")
`;

describe('spec: runner with the V8 adapter', function () {
  before(async () => { await loadWabt(); });

  it('passes every command form of a script V8 conforms to', () => {
    const r = run(goodScript);
    expectClean(r, 25);
    expect(r.skips).to.have.length(1);
    expect(r.skips[0]!.reason).to.equal(SKIP_TEXT_MALFORMED);
  });

  it('runs only decode/validate checks in validation mode', () => {
    const r = run(goodScript, 'validation');
    // 2 modules + 3 unlinkable + 1 uninstantiable + 1 module trap + invalid + binary malformed.
    expectClean(r, 9);
    expect(r.skips).to.have.length(1);
  });

  const wrong: readonly [string, string][] = [
    ['(assert_return (invoke "add" (i32.const 1) (i32.const 1)) (i32.const 3))', 'expected (i32:3) got (i32:2)'],
    ['(assert_return (invoke "swap" (i64.const 1) (f64.const 2)) (f64.const 2))', 'expected (f64'],
    ['(assert_return (invoke "nan" (f32.const nan:0x200000)) (f32.const nan:0x200001))', 'got (f32:0x7fa00000'],
    ['(assert_return (invoke "nan" (f32.const nan:0x200000)) (f32.const nan:arithmetic))', 'nan:arithmetic'],
    ['(assert_return (invoke "nan" (f32.const -0)) (f32.const 0))', 'f32:0x80000000'],
    ['(assert_return (invoke "lanes" (v128.const i32x4 0 0 0 0)) (v128.const i32x4 0 0 0 1))', 'v128'],
    ['(assert_return (invoke "ref" (ref.extern 1)) (ref.extern 2))', 'ref.extern 1'],
    ['(assert_return (invoke "boom"))', 'trap: unreachable'],
    ['(assert_return (invoke "nothing"))', 'no exported function'],
    ['(assert_return (invoke "add" (i64.const 1) (i32.const 1)) (i32.const 2))', 'do not match'],
    ['(assert_trap (invoke "add" (i32.const 1) (i32.const 1)) "unreachable")', 'but it returned'],
    ['(assert_trap (invoke "boom") "integer overflow")', 'expected trap "integer overflow"'],
    ['(assert_trap (invoke "deep") "unreachable")', 'expected trap "unreachable" but got exhaustion'],
    ['(assert_exhaustion (invoke "boom") "call stack exhausted")', 'expected exhaustion'],
    ['(assert_invalid (module (func)) "type mismatch")', 'but compiled'],
    ['(assert_malformed (module binary "\\00asm\\01\\00\\00\\00") "bad")', 'but compiled'],
    ['(assert_unlinkable (module (import "A" "add" (func (param i32 i32) (result i32)))) "x")', 'succeeded'],
    ['(assert_uninstantiable (module (import "A" "bogus" (func))) "unreachable")', 'expected trap "unreachable" but got link'],
    ['(module (func (result i32) (i64.const 0)))', 'should compile but: compile'],
    ['(module (import "nowhere" "f" (func)))', 'should instantiate but: link'],
    ['(assert_return (invoke $Nope "add"))', 'no instance $Nope'],
  ];

  for (const [cmd, detail] of wrong) {
    it(`counts a failure for ${cmd.slice(0, 70)}`, () => {
      const r = run(`(module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
        (func (export "swap") (param i64 f64) (result f64 i64) (local.get 1) (local.get 0))
        (func (export "nan") (param f32) (result f32) (local.get 0))
        (func (export "lanes") (param v128) (result v128) (local.get 0))
        (func (export "ref") (param externref) (result externref) (local.get 0))
        (func (export "boom") unreachable)
        (func $deep (export "deep") (call $deep)))
        (register "A")
        ${cmd}`);
      expect(r.passed).to.equal(1);
      expect(r.failed).to.equal(1);
      expect(r.failures[0]!.detail).to.contain(detail);
      expect(r.failures[0]!.line).to.equal(9);
    });
  }

  it('makes later commands on a failed module fail, not crash', () => {
    const r = run('(module (func (result i32) (i64.const 0)))\n(assert_return (invoke "f"))');
    expect(r.failed).to.equal(2);
    expect(r.failures[1]!.detail).to.contain('no instance (current)');
  });

  it('provides the spectest values and limits of the reference interpreter', () => {
    const r = run(`(module
        (import "spectest" "global_i32" (global $i i32)) (import "spectest" "global_i64" (global $l i64))
        (import "spectest" "global_f32" (global $f f32)) (import "spectest" "global_f64" (global $d f64))
        (import "spectest" "table" (table 10 20 funcref)) (import "spectest" "memory" (memory 1 2))
        (import "spectest" "print" (func)) (import "spectest" "print_f64_f64" (func (param f64 f64)))
        (func (export "g") (result i32 i64 f32 f64) (global.get $i) (global.get $l) (global.get $f) (global.get $d))
        (func (export "sizes") (result i32 i32 i32) (table.size 0) (memory.size) (memory.grow (i32.const 2))))
      (assert_return (invoke "g") (i32.const 666) (i64.const 666) (f32.const 666.6) (f64.const 666.6))
      (assert_return (invoke "sizes") (i32.const 10) (i32.const 1) (i32.const -1))
      (assert_unlinkable (module (import "spectest" "table" (table 10 19 funcref))) "incompatible import type")
      (assert_unlinkable (module (import "spectest" "memory" (memory 2))) "incompatible import type")
      (assert_unlinkable (module (import "spectest" "global_i32" (global (mut i32)))) "incompatible import type")
      (assert_unlinkable (module (import "spectest" "print" (func (result i32)))) "incompatible import type")`);
    expectClean(r, 7);
  });

  it('gives each script a fresh spectest instance', () => {
    const script = `(module (import "spectest" "memory" (memory 1)) (func (export "bump") (result i32)
      (i32.store8 (i32.const 0) (i32.add (i32.load8_u (i32.const 0)) (i32.const 1))) (i32.load8_u (i32.const 0))))
      (assert_return (invoke "bump") (i32.const 1))`;
    const engine = new V8Engine() as SpecEngine;
    expectClean(run(script, 'engine', engine), 2);
    expectClean(run(script, 'engine', engine), 2);
  });
});

// An engine that fails in scripted ways, to check the runner's classification paths.
class FakeEngine implements SpecEngine<string, string> {
  readonly name = 'fake';
  constructor(private readonly behaviour: { invoke?: () => SpecValue[]; validate?: ValidateResult }) {}
  validate(): ValidateResult { return this.behaviour.validate ?? { ok: true }; }
  compile(): string { return 'module'; }
  spectest(): string { return 'spectest'; }
  instantiate(_m: string, _r: Registry<string>): string { return 'instance'; }
  invoke(): SpecValue[] { return this.behaviour.invoke?.() ?? []; }
  get(): SpecValue { return { type: 'i32', bits: 0 }; }
  classify(e: unknown): ClassifiedError { return { kind: 'other', message: e instanceof Error ? e.message : String(e) }; }
  trapMatches(): boolean { return true; }
}

describe('spec: runner failure paths', () => {
  before(async () => { await loadWabt(); });

  it('does not accept an unclassified error as a trap', () => {
    const engine = new FakeEngine({ invoke: () => { throw new Error('adapter bug'); } });
    const r = run('(module (func (export "f")))\n(assert_trap (invoke "f") "unreachable")', 'engine', engine);
    expect(r.failed).to.equal(1);
    expect(r.failures[0]!.detail).to.contain('got other: adapter bug');
  });

  it('fails on a wrong number of results', () => {
    const engine = new FakeEngine({ invoke: () => [{ type: 'i32', bits: 1 }, { type: 'i32', bits: 1 }] });
    const r = run('(module (func (export "f")))\n(assert_return (invoke "f") (i32.const 1))', 'engine', engine);
    expect(r.failed).to.equal(1);
  });

  it('reports a validator that accepts everything', () => {
    const r = run('(assert_invalid (module (func (result i32))) "type mismatch")', 'validation', new FakeEngine({}));
    expect(r.failed).to.equal(1);
    expect(r.failures[0]!.detail).to.contain('but validated');
  });
});
