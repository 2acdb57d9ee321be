// Memory, globals, tables, calls (direct, indirect, many arguments, multi-value), br_table and
// traps on compiled code, compared with V8 where V8 can run the same module.
import { expect } from 'chai';
import { RuntimeError } from '../../../src/runtime/errors.js';
import { TrapKind } from '../../../src/runtime/trap.js';
import { requireNative } from '../../native/harness.js';
import { diffRun, I32_INPUTS, I64_INPUTS, pairs } from './diff.js';
import { compileWat, TestModule } from './harness.js';

const loads = [['i32', 'load'], ['i64', 'load'], ['f32', 'load'], ['f64', 'load'], ['i32', 'load8_s'], ['i32', 'load8_u'],
  ['i32', 'load16_s'], ['i32', 'load16_u'], ['i64', 'load8_s'], ['i64', 'load8_u'], ['i64', 'load16_s'], ['i64', 'load16_u'],
  ['i64', 'load32_s'], ['i64', 'load32_u']] as const;

describe('backend/amd64 execution: memory, globals, tables, calls, traps', () => {
  requireNative();

  for (const boundsChecks of [false, true]) it(`loads and stores of every width agree with V8, including out-of-bounds traps (${boundsChecks ? 'explicit bounds checks' : 'guard region'})`, async () => {
    const funcs = [
      '(func (export "fill") (local i32) (loop (i32.store8 (local.get 0) (i32.mul (local.get 0) (i32.const 37))) (local.set 0 (i32.add (local.get 0) (i32.const 1))) (br_if 0 (i32.lt_u (local.get 0) (i32.const 300)))))',
      ...loads.map(([t, op]) => `(func (export "${t}.${op}") (param i32) (result ${t}) (${t}.${op} offset=3 (local.get 0)))`),
      '(func (export "st32") (param i32 i32) (result i32) (i32.store offset=8 (local.get 0) (local.get 1)) (i32.load offset=8 (local.get 0)))',
      '(func (export "st8") (param i32 i32) (result i32) (i32.store8 (local.get 0) (local.get 1)) (i32.load (local.get 0)))',
      '(func (export "st16") (param i32 i64) (result i64) (i64.store16 (local.get 0) (local.get 1)) (i64.load (local.get 0)))',
      '(func (export "st64") (param i32 i64) (result i64) (i64.store32 offset=1 (local.get 0) (local.get 1)) (i64.load (local.get 0)))',
      '(func (export "stf") (param i32 f64) (result f64) (f64.store (local.get 0) (local.get 1)) (f64.load (local.get 0)))',
      '(func (export "bigoff") (param i32) (result i32) (i32.load offset=0xfffffff0 (local.get 0)))',
      '(func (export "stimm") (param i32) (result i64) (i64.store (local.get 0) (i64.const -2)) (i32.store8 offset=1 (local.get 0) (i32.const 0x1ab)) (i64.store16 offset=2 (local.get 0) (i64.const 0x12345)) (i64.store32 offset=4 (local.get 0) (i64.const 0x7edcba98)) (i64.load (local.get 0)))',
      '(func (export "stimm32") (param i32) (result i32) (i32.store (local.get 0) (i32.const 0x80000001)) (i32.store16 (local.get 0) (i32.const -1)) (i32.load (local.get 0)))',
      '(func (export "size") (result i32) (memory.size))',
    ];
    const addrs = [0, 1, 7, 100, 65530, 65531, 65532, 65533, 65535, 65536, -1, -4, 0x7fffffff];
    const inputs: Record<string, (number | bigint)[][]> = { fill: [[]], size: [[]] };
    for (const [t, op] of loads) inputs[`${t}.${op}`] = addrs.map((a) => [a]);
    inputs['st32'] = pairs<number | bigint>(addrs, [5, -7]);
    inputs['st8'] = pairs<number | bigint>(addrs, [0x1ff, -7]);
    inputs['st16'] = pairs<number | bigint>(addrs, [0x12345n, -7n]);
    inputs['st64'] = pairs<number | bigint>(addrs, [0x123456789n, -7n]);
    inputs['stf'] = pairs<number | bigint>(addrs, [1.25, -0]);
    inputs['bigoff'] = [[0], [15], [16], [0x20]];
    inputs['stimm'] = addrs.map((a) => [a]);
    inputs['stimm32'] = addrs.map((a) => [a]);
    await diffRun(`(module (memory 1) ${funcs.join('\n')})`, inputs, { boundsChecks });
  });

  for (const boundsChecks of [false, true]) it(`loads folded into arithmetic and shifts folded into lea agree with V8 (${boundsChecks ? 'explicit bounds checks' : 'guard region'})`, async () => {
    const funcs = [
      '(func (export "init") (local i32) (loop (i32.store8 (local.get 0) (i32.mul (local.get 0) (i32.const 91))) (local.set 0 (i32.add (local.get 0) (i32.const 1))) (br_if 0 (i32.lt_u (local.get 0) (i32.const 256)))))',
      ...['add', 'sub', 'and', 'or', 'xor', 'mul'].flatMap((op) => [
        `(func (export "i32.${op}") (param i32 i32) (result i32) (i32.${op} (local.get 0) (i32.load offset=2 (local.get 1))))`,
        `(func (export "i64.${op}") (param i64 i32) (result i64) (i64.${op} (local.get 0) (i64.load offset=1 (local.get 1))))`,
      ]),
      ...['add', 'sub', 'mul', 'div'].flatMap((op) => [
        `(func (export "f32.${op}") (param f32 i32) (result f32) (f32.${op} (local.get 0) (f32.load (local.get 1))))`,
        `(func (export "f64.${op}") (param f64 i32) (result f64) (f64.${op} (local.get 0) (f64.load (local.get 1))))`,
      ]),
      // A store between the load and its user: the load must happen before the store.
      '(func (export "ordered") (param i32) (result i32) (local i32) (local.set 1 (i32.load (local.get 0))) (i32.store (local.get 0) (i32.const 7)) (i32.add (local.get 0) (local.get 1)))',
      '(func (export "lea32") (param i32 i32) (result i32) (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 3))))',
      '(func (export "lea64") (param i64 i64) (result i64) (i64.add (local.get 0) (i64.shl (local.get 1) (i64.const 2))))',
    ];
    const addrs = [0, 5, 100, 65528, 65530, 65535, -1];
    const inputs: Record<string, (number | bigint)[][]> = { init: [[]] };
    for (const op of ['add', 'sub', 'and', 'or', 'xor', 'mul']) {
      inputs[`i32.${op}`] = pairs<number | bigint>([3, -0x80000000], addrs);
      inputs[`i64.${op}`] = pairs<number | bigint>([3n, -1n], addrs);
    }
    for (const op of ['add', 'sub', 'mul', 'div']) for (const t of ['f32', 'f64']) inputs[`${t}.${op}`] = pairs<number | bigint>([1.5, -0], addrs);
    inputs['ordered'] = [[0], [8], [65532], [65533]];
    inputs['lea32'] = pairs<number | bigint>(I32_INPUTS.slice(0, 8), I32_INPUTS);
    inputs['lea64'] = pairs<number | bigint>(I64_INPUTS.slice(0, 8), I64_INPUTS);
    await diffRun(`(module (memory 1) ${funcs.join('\n')})`, inputs, { boundsChecks });
  });

  it('helper calls (memory.grow/fill/copy/init, data.drop, table.grow/fill/copy/init, elem.drop) agree with V8', async () => {
    const wat = `(module (memory 1 3) (table 4 10 funcref) (data $d "hello world") (elem $e func $a $b)
      (func $a (result i32) (i32.const 1)) (func $b (result i32) (i32.const 2))
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
      (func (export "size") (result i32) (memory.size))
      (func (export "fill") (param i32 i32 i32) (result i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)) (i32.load (local.get 0)))
      (func (export "copy") (param i32 i32 i32) (result i64) (memory.copy (local.get 0) (local.get 1) (local.get 2)) (i64.load (local.get 0)))
      (func (export "init") (param i32 i32 i32) (result i64) (memory.init $d (local.get 0) (local.get 1) (local.get 2)) (i64.load (local.get 0)))
      (func (export "drop") (data.drop $d))
      (func (export "tgrow") (param i32) (result i32) (table.grow (ref.null func) (local.get 0)))
      (func (export "tinit") (param i32 i32 i32) (result i32) (table.init $e (local.get 0) (local.get 1) (local.get 2)) (ref.is_null (table.get (local.get 0))))
      (func (export "tfill") (param i32 i32) (result i32) (table.fill (local.get 0) (ref.func $a) (local.get 1)) (table.size))
      (func (export "tcopy") (param i32 i32 i32) (result i32) (table.copy (local.get 0) (local.get 1) (local.get 2)) (ref.is_null (table.get (local.get 0))))
      (func (export "edrop") (elem.drop $e)))`;
    const triples = [[0, 0, 4], [8, 2, 5], [65530, 1, 6], [65533, 0, 4], [3, 65535, 2], [0, 0, 0]];
    await diffRun(wat, {
      size: [[]], fill: triples, copy: triples, init: [[0, 0, 5], [16, 6, 5], [0, 7, 5], [65536, 0, 0]],
      grow: [[1], [0], [5], [1], [1]], drop: [[]],
      tgrow: [[2], [100], [0]], tinit: [[0, 0, 2], [4, 1, 1], [7, 0, 3]], tfill: [[1, 2], [5, 6]], tcopy: [[0, 1, 2], [3, 0, 3], [5, 0, 2]], edrop: [[]],
    });
  });

  it('globals (i32, i64, f32, f64, mutable) agree with V8', async () => {
    const wat = `(module
      (global $a (mut i32) (i32.const 5)) (global $b (mut i64) (i64.const -3)) (global $c (mut f32) (f32.const 1.5)) (global $d (mut f64) (f64.const 2.25))
      (global $k i32 (i32.const 77))
      (func (export "bump") (param i32) (result i32) (global.set $a (i32.add (global.get $a) (local.get 0))) (global.get $a))
      (func (export "b64") (param i64) (result i64) (global.set $b (i64.mul (global.get $b) (local.get 0))) (global.get $b))
      (func (export "cf") (param f32) (result f32) (global.set $c (f32.add (global.get $c) (local.get 0))) (global.get $c))
      (func (export "df") (param f64) (result f64) (global.set $d (f64.mul (global.get $d) (local.get 0))) (global.get $d))
      (func (export "k") (result i32) (global.get $k)))`;
    await diffRun(wat, { bump: [[1], [2], [-10]], b64: [[2n], [-5n]], cf: [[0.5], [-4]], df: [[2], [-0.5]], k: [[]] });
  });

  it('calls: direct, recursive, many arguments on the stack, multi-value results on the stack', async () => {
    const many = Array.from({ length: 10 }, (_, k) => (k % 2 ? 'f64' : 'i64'));
    const sumBody = many.map((t, k) => (t === 'f64' ? `(i64.trunc_f64_s (local.get ${k}))` : `(local.get ${k})`)).reduce((a, b) => `(i64.add ${a} ${b})`);
    const wat = `(module
      (func $fib (param i32) (result i32) (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
        (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
      (func (export "fib") (param i32) (result i32) (call $fib (local.get 0)))
      (func $many (param ${many.join(' ')}) (result i64) ${sumBody})
      (func (export "many") (param i64) (result i64)
        (call $many ${many.map((t, k) => (t === 'f64' ? `(f64.const ${k}.5)` : `(i64.add (local.get 0) (i64.const ${k}))`)).join(' ')}))
      (func $multi (param i32) (result i32 i64 f32 f64 i32 i32 i32 i32 i32 i32 i32 i32)
        (local.get 0) (i64.extend_i32_s (local.get 0)) (f32.convert_i32_s (local.get 0)) (f64.convert_i32_s (local.get 0))
        (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6) (i32.const 7) (i32.add (local.get 0) (i32.const 8)))
      (func (export "multi") (param i32) (result i64)
        (local i32 i64 f32 f64 i32 i32 i32 i32 i32 i32 i32 i32)
        (call $multi (local.get 0))
        (local.set 12) (local.set 11) (local.set 10) (local.set 9) (local.set 8) (local.set 7) (local.set 6) (local.set 5)
        (local.set 4) (local.set 3) (local.set 2) (local.set 1)
        (i64.add (i64.add (i64.extend_i32_s (i32.add (local.get 1) (local.get 12))) (local.get 2))
          (i64.add (i64.trunc_f32_s (local.get 3)) (i64.trunc_f64_s (local.get 4)))))
      (func $u10 (export "u10") (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i64)
        ${Array.from({ length: 10 }, (_, k) => `(i64.extend_i32_u (local.get ${k}))`).reduce((x, y) => `(i64.add ${x} ${y})`)})
      (func (export "u10call") (param i32) (result i64)
        (call $u10 ${Array.from({ length: 10 }, (_, k) => `(i32.sub (local.get 0) (i32.const ${k}))`).join(' ')}))
      (func (export "swap") (param i32 i32) (result i32 i32) (local.get 1) (local.get 0)))`;
    await diffRun(wat, {
      fib: [[0], [1], [10], [20]], many: [[0n], [5n], [-1000n]], multi: I32_INPUTS.map((x) => [x]),
      u10: [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [-1, -2, -3, -4, -5, -6, -7, -8, -9, -10]], u10call: [[0], [5], [-1]],
    });
    const m = new TestModule(await compileWat(wat));
    expect(m.call('swap', 1, 2)).to.deep.equal([2, 1]);
    m.free();
  });

  it('call_indirect, ref.func, table.get/set/size and br_table agree with V8', async () => {
    const wat = `(module
      (type $ii (func (param i32) (result i32)))
      (type $l (func (param i64) (result i64)))
      (table $t 5 funcref)
      (elem (table $t) (i32.const 0) func $inc $dbl $neg $wide)
      (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
      (func $dbl (type $ii) (i32.mul (local.get 0) (i32.const 2)))
      (func $neg (param i32) (result i32) (i32.sub (i32.const 0) (local.get 0)))
      (func $wide (type $l) (i64.add (local.get 0) (i64.const 1)))
      (func (export "ci") (param i32 i32) (result i32) (call_indirect $t (type $ii) (local.get 1) (local.get 0)))
      (func (export "swapslots") (result i32)
        (table.set $t (i32.const 4) (table.get $t (i32.const 2)))
        (i32.add (table.size $t) (call_indirect $t (type $ii) (i32.const 9) (i32.const 4))))
      (func (export "isnull") (param i32) (result i32) (ref.is_null (table.get $t (local.get 0))))
      (func (export "rf") (result i32) (table.set $t (i32.const 4) (ref.func $dbl)) (call_indirect $t (type $ii) (i32.const 21) (i32.const 4)))
      (func (export "bt") (param i32) (result i32)
        (block (block (block (block (br_table 0 1 2 3 (local.get 0))) (return (i32.const 10))) (return (i32.const 20))) (return (i32.const 30)))
        (i32.const 40)))`;
    await diffRun(wat, {
      ci: pairs<number | bigint>([0, 1, 2, 3, 4, 5, -1], [7, -7]),
      isnull: [[0], [3], [4], [5]],
      swapslots: [[]], rf: [[]],
      bt: [[0], [1], [2], [3], [4], [100], [-1]],
    });
  });

  it('calls to imported functions and funcrefs of another instance run with that instance\'s vmctx', async () => {
    const a = new TestModule(await compileWat(`(module (global $g (mut i32) (i32.const 1000))
      (func (export "bump") (param i32) (result i32) (global.set $g (i32.add (global.get $g) (local.get 0))) (global.get $g))
      (func (export "many") (param i32 i64 f64 i32 i32 i32 i32 i32 i32) (result i64 f64)
        (i64.add (local.get 1) (i64.extend_i32_u (local.get 8))) (f64.add (local.get 2) (f64.convert_i32_s (global.get $g)))))`));
    const b = new TestModule(await compileWat(`(module
      (import "a" "bump" (func $bump (param i32) (result i32)))
      (import "a" "many" (func $many (param i32 i64 f64 i32 i32 i32 i32 i32 i32) (result i64 f64)))
      (type $t (func (param i32) (result i32)))
      (global $g (mut i32) (i32.const 7)) (table 2 funcref) (elem (i32.const 0) $bump $own)
      (func $own (param i32) (result i32) (i32.add (global.get $g) (local.get 0)))
      (func (export "viaImport") (param i32) (result i32) (i32.add (call $bump (local.get 0)) (global.get $g)))
      (func (export "viaTable") (param i32 i32) (result i32) (i32.add (call_indirect (type $t) (local.get 0) (local.get 1)) (global.get $g)))
      (func (export "viaMany") (result f64) (local i64 f64)
        (call $many (i32.const 1) (i64.const 2) (f64.const 0.5) (i32.const 4) (i32.const 5) (i32.const 6) (i32.const 7) (i32.const 8) (i32.const 9))
        (local.set 1) (local.set 0) (f64.add (local.get 1) (f64.convert_i64_s (local.get 0)))))`), [{ module: a, name: 'bump' }, { module: a, name: 'many' }]);
    expect(b.call('viaImport', 5)).to.deep.equal([1005 + 7]);
    expect(b.call('viaTable', 10, 0)).to.deep.equal([1015 + 7]);
    expect(b.call('viaTable', 10, 1)).to.deep.equal([7 + 10 + 7]);
    expect(b.call('viaMany')).to.deep.equal([1015.5 + 11]);
    expect(a.call('bump', 0)).to.deep.equal([1015]);
    b.free();
    a.free();
  });

  it('traps: unreachable, division, stack exhaustion, interrupt', async () => {
    const m = new TestModule(await compileWat(`(module
      (func (export "u") (unreachable))
      (func $r (export "rec") (param i64) (result i64) (i64.add (call $r (i64.add (local.get 0) (i64.const 1))) (i64.const 1)))
      (func (export "spin") (loop (br 0)))
      (func (export "spinIf") (param i32) (result i32) (loop (br_if 0 (local.get 0))) (i32.const 5))
      (func (export "div") (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1))))`));
    const kind = (f: () => unknown): TrapKind | undefined => {
      try { f(); return undefined; } catch (e) { if (e instanceof RuntimeError) return e.trap; throw e; }
    };
    expect(kind(() => m.call('u'))).to.equal(TrapKind.Unreachable);
    expect(kind(() => m.call('rec', 0n))).to.equal(TrapKind.CallStackExhausted);
    m.timeoutMs = 50;
    expect(kind(() => m.call('spin'))).to.equal(TrapKind.Interrupted);
    expect(kind(() => m.call('spinIf', 1))).to.equal(TrapKind.Interrupted);
    expect(m.call('spinIf', 0)).to.deep.equal([5]);
    expect(kind(() => m.call('div', 1n, 0n))).to.equal(TrapKind.IntegerDivideByZero);
    expect(kind(() => m.call('div', -(2n ** 63n), -1n))).to.equal(TrapKind.IntegerOverflow);
    expect(m.call('div', -7n, 2n)).to.deep.equal([-3n]);
    m.free();
  });

  it('spills under register pressure agree with V8', async () => {
    // 40 live values across a loop and calls force spills, reloads and edge moves.
    const n = 40;
    const locals = Array.from({ length: n }, () => 'i64').join(' ');
    const init = Array.from({ length: n }, (_, k) => `(local.set ${k + 1} (i64.mul (local.get 0) (i64.const ${k + 3})))`).join('');
    const step = Array.from({ length: n }, (_, k) => `(local.set ${k + 1} (i64.add (local.get ${k + 1}) (local.get ${((k + 7) % n) + 1})))`).join('');
    const sum = Array.from({ length: n }, (_, k) => `(local.get ${k + 1})`).reduce((a, b) => `(i64.xor ${a} ${b})`);
    const wat = `(module (func $id (param i64) (result i64) (local.get 0))
      (func (export "p") (param i64) (result i64) (local ${locals}) (local $i i32)
      ${init} (loop ${step} (local.set 1 (call $id (local.get 1))) (local.set ${n + 1} (i32.add (local.get ${n + 1}) (i32.const 1))) (br_if 0 (i32.lt_u (local.get ${n + 1}) (i32.const 5)))) ${sum}))`;
    await diffRun(wat, { p: I64_INPUTS.map((x) => [x]) });
  });
});
