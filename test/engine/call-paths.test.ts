// The compiler engine's specialised JS ↔ Wasm call paths (src/engine/compiler/export-call.ts,
// host-bridge.ts) against the generic ones: the interpreter engine runs the same module through
// the generic wrapper, so every conversion, result and error must come out the same.
import { expect } from 'chai';
import { Runtime } from '../../src/index.js';
import { RuntimeError } from '../../src/runtime/errors.js';
import { TrapKind } from '../../src/runtime/trap.js';
import { WasmFunction } from '../../src/runtime/func.js';
import { watToBytes } from '../frontend/helpers.js';
import { requireNative } from '../native/harness.js';
import { nativeEnv } from '../../src/engine/compiler/native.js';
import type { AddonWithEntryFunction } from '../../src/engine/compiler/export-call.js';
import { NativeInstance } from '../../src/engine/native/instance.js';

type Fn = (...args: unknown[]) => unknown;

const MODULE = `(module
  (import "env" "h_ii" (func $h_ii (param i32 i64 f32 f64) (result i32)))
  (import "env" "h_l" (func $h_l (param i32) (result i64)))
  (import "env" "h_f" (func $h_f (param f64) (result f32)))
  (import "env" "h_d" (func $h_d (result f64)))
  (import "env" "h_v" (func $h_v))
  (func (export "i32") (param i32) (result i32) (local.get 0))
  (func (export "i64") (param i64) (result i64) (local.get 0))
  (func (export "f32") (param f32) (result f32) (local.get 0))
  (func (export "f64") (param f64) (result f64) (local.get 0))
  (func (export "none"))
  (func (export "mix") (param i32 i64 f32 f64) (result f64 i32 i64 f32)
    (local.get 3) (local.get 0) (local.get 1) (local.get 2))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "callH") (param i32 i64 f32 f64) (result i32)
    (call $h_ii (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "callL") (param i32) (result i64) (call $h_l (local.get 0)))
  (func (export "callF") (param f64) (result f32) (call $h_f (local.get 0)))
  (func (export "callD") (result f64) (call $h_d))
  (func (export "callV") (call $h_v)))`;

interface Host { seen: unknown[][]; ret: Record<string, unknown>; throwIt: unknown }

async function both(): Promise<{ c: Record<string, Fn>; i: Record<string, Fn>; hc: Host; hi: Host }> {
  const bytes = await watToBytes(MODULE);
  const make = (engine: 'compiler' | 'interpreter'): { x: Record<string, Fn>; h: Host } => {
    const h: Host = { seen: [], ret: { h_ii: 0, h_l: 0n, h_f: 0, h_d: 0 }, throwIt: undefined };
    const host = (name: string) => (...args: unknown[]): unknown => {
      h.seen.push([name, ...args]);
      if (h.throwIt !== undefined) throw h.throwIt;
      return h.ret[name];
    };
    const rt = new Runtime({ engine });
    const inst = rt.instantiate(rt.compile(bytes), {
      env: { h_ii: host('h_ii'), h_l: host('h_l'), h_f: host('h_f'), h_d: host('h_d'), h_v: host('h_v') },
    });
    return { x: inst.exports as Record<string, Fn>, h };
  };
  const c = make('compiler'), i = make('interpreter');
  return { c: c.x, i: i.x, hc: c.h, hi: i.h };
}

/** The result, or the thrown error's class and message. */
function outcome(f: () => unknown): unknown {
  try {
    const v = f();
    return Object.is(v, -0) ? '-0' : v;
  } catch (e) {
    return e instanceof Error ? `${e.constructor.name}: ${e.message}` : `threw ${String(e)}`;
  }
}

describe('engine: compiler call paths match the generic JS API conversions', () => {
  requireNative();

  const inputs: unknown[] = [
    0, -0, 1, -1, 2 ** 31, 2 ** 32 + 5, -(2 ** 31) - 1, 1.5, -1.5, NaN, Infinity, -Infinity, 3.4e38, 1e-46,
    '12', 'x', '0x10', true, false, null, undefined, {}, [7], { valueOf: () => 9 },
    5n, -1n, 2n ** 64n + 3n, 2n ** 63n, Symbol('s'),
  ];

  it('converts every kind of argument like the generic wrapper, errors included', async () => {
    const { c, i } = await both();
    for (const name of ['i32', 'i64', 'f32', 'f64']) {
      for (const v of inputs) {
        expect(outcome(() => c[name]!(v)), `${name}(${String(v)})`).to.deep.equal(outcome(() => i[name]!(v)));
      }
    }
    // Spot checks that the comparison compares something.
    expect(c['i32']!(2 ** 32 + 5)).to.equal(5);
    expect(c['i64']!(2n ** 64n + 3n)).to.equal(3n);
    expect(c['i64']!('-2')).to.equal(-2n);
    expect(outcome(() => c['i64']!(1))).to.match(/^TypeError/);
    expect(outcome(() => c['i32']!(1n))).to.match(/^TypeError/);
    expect(c['f32']!(1.1)).to.equal(Math.fround(1.1));
    expect(c['f64']!(NaN)).to.be.NaN;
    expect(c['none']!(1, 2, 3)).to.equal(undefined);
  });

  it('takes the specialised path for numeric signatures on the compiler only', async () => {
    const { c, i } = await both();
    for (const name of ['i32', 'i64', 'f32', 'f64', 'none', 'mix', 'callH']) {
      expect(WasmFunction.fromCallable(c[name])!.fastCallable, name).to.equal(c[name]);
      expect(WasmFunction.fromCallable(i[name])!.fastCallable, name).to.equal(undefined);
    }
  });

  it('passes missing arguments as undefined and ignores extra ones', async () => {
    const { c } = await both();
    expect(c['i32']!()).to.equal(0);
    expect(c['f64']!()).to.be.NaN;
    expect(outcome(() => c['i64']!())).to.match(/^TypeError/);
    expect(c['i32']!(4, 'extra', 9n)).to.equal(4);
  });

  it('returns several results as an array, and reports name and arity', async () => {
    const { c, i } = await both();
    const args = [-7, 2n ** 63n + 1n, 0.1, -2.5];
    expect(c['mix']!(...args)).to.deep.equal([-2.5, -7, -(2n ** 63n) + 1n, Math.fround(0.1)]);
    expect(c['mix']!(...args)).to.deep.equal(i['mix']!(...args));
    expect(c['mix']!.length).to.equal(4);
    expect(c['mix']!.name).to.equal(i['mix']!.name);
  });

  it('turns a trap into a RuntimeError with the Wasm frame in its stack, and recovers', async () => {
    const { c } = await both();
    let err: unknown;
    try { c['div']!(1, 0); } catch (e) { err = e; }
    expect(err).to.be.instanceOf(RuntimeError);
    expect((err as RuntimeError).trap).to.equal(TrapKind.IntegerDivideByZero);
    expect((err as RuntimeError).stack).to.match(/wasm-function\[\d+\]/);
    expect(c['div']!(7, 2)).to.equal(3);
  });

  it('hands host functions their arguments converted to JS and converts their results back', async () => {
    const { c, i, hc, hi } = await both();
    hc.ret['h_ii'] = hi.ret['h_ii'] = '41.9';
    expect(c['callH']!(-3, -(2n ** 63n), 1.1, -0)).to.equal(41);
    i['callH']!(-3, -(2n ** 63n), 1.1, -0);
    expect(hc.seen).to.deep.equal(hi.seen);
    expect(hc.seen[0]).to.deep.equal(['h_ii', -3, -(2n ** 63n), Math.fround(1.1), -0]);
    for (const r of [7n, 2n ** 64n + 1n, true, '9', 1, undefined]) {
      hc.ret['h_l'] = hi.ret['h_l'] = r;
      expect(outcome(() => c['callL']!(5)), `h_l returns ${String(r)}`).to.deep.equal(outcome(() => i['callL']!(5)));
    }
    for (const r of [1.1, NaN, '2.5', 1n, undefined]) {
      hc.ret['h_f'] = hi.ret['h_f'] = r;
      expect(outcome(() => c['callF']!(0)), `h_f returns ${String(r)}`).to.deep.equal(outcome(() => i['callF']!(0)));
    }
    hc.ret['h_d'] = 0.30000000000000004;
    expect(c['callD']!()).to.equal(0.30000000000000004);
    expect(c['callV']!()).to.equal(undefined);
    expect(hc.seen.some((s) => s[0] === 'h_v')).to.equal(true);
  });

  it('lets a host exception cross the Wasm frames unchanged, and the instance keeps working', async () => {
    const { c, hc } = await both();
    const boom = new Error('boom');
    hc.throwIt = boom;
    let caught: unknown;
    try { c['callV']!(); } catch (e) { caught = e; }
    expect(caught).to.equal(boom);
    hc.throwIt = undefined;
    expect(c['callD']!()).to.equal(0);
  });

  it('converts every argument before storing any (a valueOf that calls Wasm cannot clobber them)', async () => {
    const { c, i } = await both();
    for (const x of [c, i]) {
      const sneaky = { valueOf: (): number => { x['mix']!(111, 222n, 333, 444); return 2.5; } };
      expect(x['mix']!(7, 8n, sneaky, 9.5)).to.deep.equal([9.5, 7, 8n, 2.5]);
      const f32Sneaky = { valueOf: (): number => { x['i32']!(99); return 1.1; } };
      expect(x['f32']!(f32Sneaky)).to.equal(Math.fround(1.1));
    }
  });

  it('keeps re-entrant calls (export → host → export) separate', async () => {
    const bytes = await watToBytes(`(module
      (import "env" "h" (func $h (param i32) (result i32)))
      (func (export "f") (param i32) (result i32)
        (i32.add (i32.const 1000) (call $h (local.get 0)))))`);
    const rt = new Runtime({ engine: 'compiler' });
    let f: Fn | undefined;
    const inst = rt.instantiate(rt.compile(bytes), {
      env: { h: (n: number): number => (n <= 0 ? 0 : (f!(n - 1) as number) + n) },
    });
    f = inst.exports['f'] as Fn;
    expect(f(3)).to.equal(1000 + 3 + 1000 + 2 + 1000 + 1 + 1000 + 0);
  });

  it('has the addon check entryFunction arguments with clear errors', () => {
    const addon = nativeEnv().addon as AddonWithEntryFunction;
    const make = addon.entryFunction;
    expect(make, 'this addon build has entryFunction').to.be.a('function');
    const inst = new NativeInstance(addon, []);
    const code = addon.codeCreate(new Uint8Array([0xc3])); // ret
    try {
      expect(() => (make as unknown as () => void)()).to.throw(TypeError, /needs 3 arguments/);
      expect(() => make!(code as never, code, 0, 0)).to.throw(TypeError, /native handle/);
      expect(() => make!(inst.handle, code, 1, 0)).to.throw(RangeError, /outside the code region/);
      const run = make!(inst.handle, code, 0, 0);
      expect(run()).to.equal(undefined); // entered, returned OK
      inst.free();
      expect(() => run()).to.throw(Error, /already freed/);
    } finally {
      inst.free();
      addon.codeFree(code);
    }
  });
});
