// The compiler engine through the public Runtime API: calls, traps, host functions, and the
// interoperability of Memory/Table/Global objects with JS and with interpreter instances.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Global, Memory, Runtime, Table } from '../../src/index.js';
import { RuntimeError } from '../../src/runtime/errors.js';
import { TrapKind } from '../../src/runtime/trap.js';
import { rawArray } from '../../src/runtime/values.js';
import { CompilerEngine } from '../../src/engine/compiler/engine.js';
import { compilerAvailability } from '../../src/engine/compiler/native.js';
import { disassemble } from '../../src/engine/compiler/debug.js';
import { watToBytes } from '../frontend/helpers.js';
import { requireNative } from '../native/harness.js';

type Fn = (...args: unknown[]) => unknown;

async function instantiate(rt: Runtime, wat: string, imports: Record<string, Record<string, unknown>> = {}) {
  const inst = rt.instantiate(rt.compile(await watToBytes(wat)), imports);
  return { inst, x: inst.exports as Record<string, Fn> };
}

function trapOf(f: () => unknown): RuntimeError {
  try { f(); } catch (e) { if (e instanceof RuntimeError) return e; throw e; }
  throw new Error('expected a trap');
}

describe('engine: compiler through the Runtime', () => {
  requireNative();
  const rt = (): Runtime => new Runtime({ engine: 'compiler' });

  it('is chosen by engine: auto when the addon is available, with a reason', () => {
    expect(compilerAvailability().ok).to.equal(true);
    const auto = new Runtime();
    expect(auto.engine).to.equal('compiler');
    expect(auto.engineReason).to.match(/addon/);
    expect(new Runtime({ engine: 'interpreter' }).engine).to.equal('interpreter');
  });

  it('runs arithmetic, recursion, multi-value and many parameters (stack arguments and results)', async () => {
    const { x } = await instantiate(rt(), `(module
      (func $fac (export "fac") (param i64) (result i64)
        (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 1))
          (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
      (func (export "many") (param i32 i64 f32 f64 i32 i64 f32 f64 i32 i64 f32 f64 i32 i64 f32 f64 i32 i64)
        (result i64 f64 i32 f32 i64 f64 i32 f32 i64 f64)
        (local.get 17) (local.get 15) (local.get 16) (local.get 14) (local.get 13)
        (local.get 11) (local.get 12) (local.get 10) (local.get 1) (local.get 3)))`);
    expect(x['fac']!(20n)).to.equal(2432902008176640000n);
    const args = [1, 2n, 3.5, 4.25, 5, 6n, 7.5, 8.25, 9, 10n, 11.5, 12.25, 13, 14n, 15.5, 16.25, 17, 18n];
    expect(x['many']!(...args)).to.deep.equal([18n, 16.25, 17, 15.5, 14n, 12.25, 13, 11.5, 2n, 4.25]);
  });

  it('keeps exact f32/f64 NaN bits across the boundary (invokeRaw)', async () => {
    const { inst } = await instantiate(rt(), `(module
      (func (export "f32") (param f32) (result f32) (local.get 0))
      (func (export "f64") (param f64) (result f64) (local.get 0)))`);
    const snan32 = 0x7fa00001 | 0;
    expect(inst.invokeRaw('f32', [snan32])).to.deep.equal([snan32]);
    // Raw arrays (tagged elements) carry the bits; a double-only array literal would quiet the NaN.
    const f = new Float64Array(1), u = new BigUint64Array(f.buffer);
    u[0] = 0x7ff4000000000001n;
    const args = rawArray(1);
    args[0] = f[0];
    const out = inst.invokeRaw('f64', args);
    f[0] = out[0] as number;
    expect(u[0]).to.equal(0x7ff4000000000001n);
  });

  it('reports every trap kind with its message; the instance stays usable', async () => {
    const { x } = await instantiate(rt(), `(module (memory 1)
      (type $t (func (result i32)))
      (table 2 funcref) (elem (i32.const 0) $k)
      (func $k (result i32) (i32.const 7))
      (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
      (func (export "unreachable") unreachable)
      (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
      (func (export "conv") (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
      (func (export "ci") (param i32) (result i32) (call_indirect (type $t) (local.get 0)))
      (func (export "ci64") (param i32) (result i64) (call_indirect (result i64) (local.get 0)))
      (func $r (export "rec") (param i32) (result i32) (i32.add (i32.const 1) (call $r (local.get 0)))))`);
    const kinds: [() => unknown, TrapKind][] = [
      [() => x['div']!(1, 0), TrapKind.IntegerDivideByZero],
      [() => x['div']!(-0x80000000, -1), TrapKind.IntegerOverflow],
      [() => x['unreachable']!(), TrapKind.Unreachable],
      [() => x['load']!(65534), TrapKind.MemoryOutOfBounds],
      [() => x['load']!(-1), TrapKind.MemoryOutOfBounds],
      [() => x['conv']!(NaN), TrapKind.InvalidConversionToInteger],
      [() => x['ci']!(5), TrapKind.UndefinedElement],
      [() => x['ci']!(1), TrapKind.UninitializedElement],
      [() => x['ci64']!(0), TrapKind.IndirectCallTypeMismatch],
      [() => x['rec']!(0), TrapKind.CallStackExhausted],
    ];
    for (const [f, kind] of kinds) expect(trapOf(f).trap, String(f)).to.equal(kind);
    expect(trapOf(() => x['div']!(1, 0)).message).to.equal('integer divide by zero');
    expect(x['ci']!(0)).to.equal(7);
    expect(x['div']!(7, 2)).to.equal(3);
  });

  // Regression (interpreter vs compiler): traps in compiled code had an empty wasmStack.
  it('names the Wasm frames of a trap, innermost first, like the interpreter', async () => {
    const wat = `(module (import "h" "cb" (func $cb)) (memory 1)
      (func $inner (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
      (func $middle (param i32) (result i32) (i32.add (call $inner (local.get 0)) (i32.const 1)))
      (func (export "outer") (param i32) (result i32) (call $middle (local.get 0)))
      (func $load (param i32) (result i32) (i32.load (local.get 0)))
      (func (export "fault") (param i32) (result i32) (i32.add (call $load (local.get 0)) (i32.const 2)))
      (func (export "boom") unreachable)
      (func (export "start") (call $cb)))`;
    for (const engine of ['interpreter', 'compiler'] as const) {
      const r = new Runtime({ engine });
      let ex: Record<string, Fn> = {};
      ex = r.instantiate(r.compile(await watToBytes(wat, true)), { h: { cb: () => ex['boom']!() } }).exports as Record<string, Fn>;
      const e = trapOf(() => ex['outer']!(0));
      expect(e.wasmStack.map((f) => f.name), engine).to.deep.equal(['inner', 'middle', 'outer']);
      expect(e.wasmStack.map((f) => f.funcIndex), engine).to.deep.equal([1, 2, 3]);
      expect(e.stack).to.match(/at inner \(wasm-function\[1\]\)\n {4}at middle \(wasm-function\[2\]\)/);
      const f = trapOf(() => ex['fault']!(70000));
      expect(f.trap).to.equal(TrapKind.MemoryOutOfBounds);
      expect(f.wasmStack.map((w) => w.funcIndex), engine).to.include.members([5]);
      expect(f.wasmStack[0]?.funcIndex, engine).to.equal(4);
      const g = trapOf(() => ex['start']!());
      expect(g.wasmStack.map((w) => w.name), engine).to.include.members(['boom', 'start']);
    }
  });

  it('calls host functions, passes their exceptions through unchanged, and allows re-entrancy', async () => {
    const boom = new Error('boom');
    let self: Record<string, Fn> = {};
    const { x } = await instantiate(rt(), `(module
      (import "env" "add" (func $add (param i32 i64 f32 f64) (result f64)))
      (import "env" "boom" (func $boom))
      (import "env" "back" (func $back (param i32) (result i32)))
      (func (export "callAdd") (result f64) (call $add (i32.const 1) (i64.const 2) (f32.const 3.5) (f64.const 4.25)))
      (func (export "callBoom") (call $boom))
      (func (export "down") (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 100))
          (else (i32.add (i32.const 1) (call $back (i32.sub (local.get 0) (i32.const 1))))))))`, {
      env: {
        add: (a: number, b: bigint, c: number, d: number) => a + Number(b) + c + d,
        boom: () => { throw boom; },
        back: (n: number) => self['down']!(n),
      },
    });
    self = x;
    expect(x['callAdd']!()).to.equal(10.75);
    expect(() => x['callBoom']!()).to.throw(Error).that.equals(boom);
    expect(x['down']!(20)).to.equal(120);
  });

  it('shares a memory with JS and an interpreter instance across grows from either side', async () => {
    const memory = new Memory({ initial: 1, maximum: 4 });
    memory.setInt32(16, 1234);
    const wat = `(module (import "env" "mem" (memory 1 4))
      (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
      (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
      (func (export "size") (result i32) (memory.size)))`;
    const c = (await instantiate(rt(), wat, { env: { mem: memory } })).x;
    const i = (await instantiate(new Runtime({ engine: 'interpreter' }), wat, { env: { mem: memory } })).x;
    expect(c['load']!(16)).to.equal(1234);
    c['store']!(32, 77);
    expect(memory.getInt32(32)).to.equal(77);
    expect(i['load']!(32)).to.equal(77);
    expect(c['grow']!(1)).to.equal(1);
    expect(memory.buffer.byteLength).to.equal(2 * 65536);
    i['store']!(65536 + 8, 99);
    expect(c['load']!(65536 + 8)).to.equal(99);
    expect(memory.grow(1)).to.equal(2);
    expect(c['size']!()).to.equal(3);
    c['store']!(2 * 65536 + 4, 5); // in bounds only after the JS grow
    expect(i['load']!(2 * 65536 + 4)).to.equal(5);
    expect(c['grow']!(5)).to.equal(-1);
    expect(trapOf(() => c['load']!(4 * 65536)).trap).to.equal(TrapKind.MemoryOutOfBounds);
  });

  it('shares mutable globals with JS and the interpreter, both directions', async () => {
    const g = new Global({ value: 'i64', mutable: true }, 5n);
    const wat = `(module (import "env" "g" (global $g (mut i64)))
      (global $own (export "own") (mut f64) (f64.const 1.5))
      (func (export "get") (result i64) (global.get $g))
      (func (export "set") (param i64) (global.set $g (local.get 0)))
      (func (export "bump") (global.set $own (f64.add (global.get $own) (f64.const 1)))))`;
    const { inst, x } = await instantiate(rt(), wat, { env: { g } });
    const i = (await instantiate(new Runtime({ engine: 'interpreter' }), wat, { env: { g } })).x;
    expect(x['get']!()).to.equal(5n);
    x['set']!(-7n);
    expect(g.value).to.equal(-7n);
    expect(i['get']!()).to.equal(-7n);
    i['set']!(9n);
    expect(x['get']!()).to.equal(9n);
    g.value = 11n;
    expect(x['get']!()).to.equal(11n);
    const own = inst.exports['own'] as Global;
    x['bump']!();
    expect(own.value).to.equal(2.5);
    own.value = 10;
    x['bump']!();
    expect(own.value).to.equal(11);
  });

  it('shares tables: JS and interpreter functions are callable from compiled code and back', async () => {
    const table = new Table({ element: 'funcref', initial: 4, maximum: 10 });
    const interp = (await instantiate(new Runtime({ engine: 'interpreter' }), `(module
      (import "env" "t" (table 4 10 funcref))
      (func $seven (result i32) (i32.const 7)) (elem (i32.const 1) $seven)
      (func (export "call") (param i32) (result i32) (call_indirect (result i32) (local.get 0))))`, { env: { t: table } })).x;
    const { x } = await instantiate(rt(), `(module
      (import "env" "t" (table 4 10 funcref))
      (import "env" "host" (func $host (result i32)))
      (func $nine (result i32) (i32.const 9))
      (elem declare func $nine $host)
      (func (export "call") (param i32) (result i32) (call_indirect (result i32) (local.get 0)))
      (func (export "put") (table.set (i32.const 2) (ref.func $nine)) (table.set (i32.const 3) (ref.func $host)))
      (func (export "grow") (result i32) (table.grow (ref.func $nine) (i32.const 2)))
      (func (export "size") (result i32) (table.size)))`, { env: { t: table, host: () => 42 } });
    expect(x['call']!(1)).to.equal(7); // an interpreter function, through the adapter
    x['put']!();
    expect(interp['call']!(2)).to.equal(9); // a compiled function stored by compiled code
    expect(interp['call']!(3)).to.equal(42);
    expect(x['call']!(3)).to.equal(42);
    expect((table.get(2) as Fn)()).to.equal(9);
    table.set(0, table.get(1));
    expect(x['call']!(0)).to.equal(7);
    expect(x['grow']!()).to.equal(4);
    expect(table.length).to.equal(6);
    expect(interp['call']!(5)).to.equal(9);
    table.grow(1);
    expect(x['size']!()).to.equal(7);
    expect(trapOf(() => x['call']!(6)).trap).to.equal(TrapKind.UninitializedElement);
  });

  it('passes externrefs through globals, tables and calls with their identity', async () => {
    const obj = { a: 1 };
    const { x } = await instantiate(rt(), `(module
      (table $t 2 externref) (global $g (mut externref) (ref.null extern))
      (func (export "id") (param externref) (result externref) (local.get 0))
      (func (export "keep") (param externref) (global.set $g (local.get 0)) (table.set $t (i32.const 1) (local.get 0)))
      (func (export "fromGlobal") (result externref) (global.get $g))
      (func (export "fromTable") (result externref) (table.get $t (i32.const 1)))
      (func (export "isNull") (param externref) (result i32) (ref.is_null (local.get 0))))`);
    expect(x['id']!(obj)).to.equal(obj);
    expect(x['id']!(null)).to.equal(null);
    expect(x['id']!(undefined)).to.equal(undefined);
    x['keep']!(obj);
    expect(x['fromGlobal']!()).to.equal(obj);
    expect(x['fromTable']!()).to.equal(obj);
    expect(x['isNull']!(null)).to.equal(1);
    expect(x['isNull']!(0)).to.equal(0);
  });

  it('runs bulk memory and table instructions through the helpers, with their traps', async () => {
    const { x } = await instantiate(rt(), `(module (memory 1)
      (data $d "hello")
      (table 4 funcref) (elem $e func $a $a)
      (func $a)
      (func (export "init") (param i32 i32 i32) (memory.init $d (local.get 0) (local.get 1) (local.get 2)))
      (func (export "drop") (data.drop $d))
      (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
      (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
      (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
      (func (export "tinit") (param i32 i32 i32) (table.init $e (local.get 0) (local.get 1) (local.get 2)))
      (func (export "tnull") (param i32) (result i32) (ref.is_null (table.get (local.get 0)))))`);
    x['init']!(10, 0, 5);
    expect(x['load8']!(14)).to.equal('o'.charCodeAt(0));
    x['copy']!(11, 10, 5);
    expect(x['load8']!(15)).to.equal('o'.charCodeAt(0));
    x['fill']!(0, 0x1ff, 3);
    expect(x['load8']!(2)).to.equal(0xff);
    expect(trapOf(() => x['fill']!(65535, 0, 2)).trap).to.equal(TrapKind.MemoryOutOfBounds);
    expect(trapOf(() => x['init']!(0, 4, 2)).trap).to.equal(TrapKind.MemoryOutOfBounds);
    x['drop']!();
    expect(trapOf(() => x['init']!(0, 0, 1)).trap).to.equal(TrapKind.MemoryOutOfBounds);
    x['init']!(0, 0, 0);
    x['tinit']!(2, 0, 2);
    expect(x['tnull']!(3)).to.equal(0);
    expect(x['tnull']!(1)).to.equal(1);
    expect(trapOf(() => x['tinit']!(3, 0, 2)).trap).to.equal(TrapKind.TableOutOfBounds);
  });

  it('stops a runaway call at timeLimitMs with the interrupted trap; the instance stays usable', async () => {
    const { x } = await instantiate(new Runtime({ engine: 'compiler', timeLimitMs: 50 }), `(module
      (func (export "spin") (loop (br 0)))
      (func (export "ok") (result i32) (i32.const 1)))`);
    const t0 = Date.now();
    expect(trapOf(() => x['spin']!()).trap).to.equal(TrapKind.Interrupted);
    expect(Date.now() - t0).to.be.below(5000);
    expect(x['ok']!()).to.equal(1);
  });

  it('compiles modules using SIMD (no interpreter fallback left for v128)', async () => {
    const engine = new CompilerEngine();
    const r = rt();
    const mod = r.compile(await watToBytes(`(module (func (export "f") (result i32)
      (i32x4.extract_lane 1 (i32x4.splat (i32.const 3)))))`));
    expect((r.instantiate(mod).exports['f'] as Fn)()).to.equal(3);
    expect(mod.engine).to.equal('compiler');
    expect(mod.engineReason).to.not.match(/interpreter/);
    engine.compile(mod.wasm);
    expect(engine.fallbackReason(mod.wasm)).to.equal(undefined);
  });

  it('dumps IR and machine code with ZEROWASM_DEBUG=asm or debug: \'asm\', and not otherwise', () => {
    const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'dump-child.js');
    const run = (env: Record<string, string>, arg?: string) => spawnSync(process.execPath, [child, ...(arg ? [arg] : [])],
      { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
    const option = run({ ZEROWASM_DEBUG: '' }, 'option'); // the linked dump: addresses, IR, code
    expect(option.stdout).to.equal('42');
    expect(option.stderr).to.match(/;; add1 \(function 0\) at 0x[0-9a-f]+, \d+ bytes/);
    expect(option.stderr).to.match(/;; IR\n.*i32\.add/s);
    expect(option.stderr).to.match(/;; machine code\n/);
    const env = run({ ZEROWASM_DEBUG: 'asm' }); // the backend's disassembly, then the IR
    expect(env.stdout).to.equal('42');
    expect(env.stderr).to.match(/\d+ bytes\n[^]*;; IR of add1\n[^]*i32\.add/);
    expect(env.stderr).to.not.match(/;; machine code\n/);
    const quiet = run({ ZEROWASM_DEBUG: '' });
    expect(quiet.stdout).to.equal('42');
    expect(quiet.stderr).to.not.match(/machine code/);
  });

  it('disassembles machine code for the debug dump (objdump, when installed)', function () {
    const text = disassemble(Uint8Array.from([0x55, 0x48, 0x89, 0xe5, 0xc3]), 0x1000);
    if (text === undefined) {
      console.warn('  skipped: objdump is not installed');
      this.skip();
    }
    expect(text).to.match(/1000:\s+55\s+push\s+rbp/);
    expect(text).to.match(/ret/);
  });
});
