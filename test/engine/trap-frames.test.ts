// Stack traces of traps in compiled code name every Wasm frame, however each was called (direct
// call, call_indirect, a compiled function imported from another instance, below a JS import
// that re-entered), for explicit traps, memory faults and traps in helpers, exactly as the
// interpreter does.
import { expect } from 'chai';
import { Runtime } from '../../src/index.js';
import { RuntimeError } from '../../src/runtime/errors.js';
import { watToBytes } from '../frontend/helpers.js';
import { requireNative } from '../native/harness.js';

type Fn = (...args: unknown[]) => unknown;

function frameNames(f: () => unknown): string[] {
  try { f(); } catch (e) {
    if (e instanceof RuntimeError) return e.wasmStack.map((w) => w.name ?? `#${w.funcIndex}`);
    throw e;
  }
  throw new Error('expected a trap');
}

// Table slots: 0 $leaf (divides by its argument), 1 $hop (calls slot 0 indirectly),
// 2 $hop2 (calls slot 1 indirectly), 3 $callsLib (calls the imported $lib), 4 $boom (unreachable),
// 5 $viaHost (calls a JS import that calls back into "top"), 6 $load (a memory fault), 7 $hopLoad
// (calls slot 6 indirectly), 8 $fill (memory.fill out of bounds: a trap in a helper), 9 $hopFill.
const MAIN = `(module
  (type $t (func (param i32) (result i32)))
  (import "lib" "div" (func $lib (param i32) (result i32)))
  (import "host" "reenter" (func $reenter (param i32) (result i32)))
  (memory 1)
  (table 10 funcref)
  (elem (i32.const 0) $leaf $hop $hop2 $callsLib $boom $viaHost $load $hopLoad $fill $hopFill)
  (func $viaHost (type $t) (i32.add (call $reenter (local.get 0)) (i32.const 1)))
  (func $load (type $t) (i32.load (i32.add (local.get 0) (i32.const 0x7ffffff0))))
  (func $hopLoad (type $t) (i32.add (call_indirect (type $t) (local.get 0) (i32.const 6)) (i32.const 1)))
  (func $fill (type $t) (memory.fill (i32.const 65530) (local.get 0) (i32.const 100)) (i32.const 0))
  (func $hopFill (type $t) (i32.add (call_indirect (type $t) (local.get 0) (i32.const 8)) (i32.const 1)))
  (func $leaf (type $t) (i32.div_u (i32.const 100) (local.get 0)))
  (func $hop (type $t) (i32.add (call_indirect (type $t) (local.get 0) (i32.const 0)) (i32.const 1)))
  (func $hop2 (type $t) (i32.add (call_indirect (type $t) (local.get 0) (i32.const 1)) (i32.const 1)))
  (func $callsLib (type $t) (i32.add (call $lib (local.get 0)) (i32.const 1)))
  (func $boom (type $t) unreachable)
  (func $direct (param i32) (result i32) (i32.add (call_indirect (type $t) (local.get 0) (i32.const 2)) (i32.const 1)))
  (func (export "top") (param i32 i32) (result i32) (i32.add (call_indirect (type $t) (local.get 0) (local.get 1)) (i32.const 2)))
  (func (export "viaDirect") (param i32) (result i32) (call $direct (local.get 0))))`;
const LIB = `(module
  (func $libInner (param i32) (result i32) (i32.rem_s (i32.const 7) (local.get 0)))
  (func (export "div") (param i32) (result i32) (i32.add (call $libInner (local.get 0)) (i32.const 3))))`;

describe('engine: compiler trap stack traces through indirect calls', () => {
  requireNative();

  const cases: readonly [string, (x: Record<string, Fn>) => unknown, readonly string[]][] = [
    ['call_indirect straight to the trapping function', (x) => x['top']!(0, 0), ['leaf', 'top']],
    ['a chain of call_indirect', (x) => x['top']!(0, 2), ['leaf', 'hop', 'hop2', 'top']],
    ['direct, then call_indirect', (x) => x['viaDirect']!(0), ['leaf', 'hop', 'hop2', 'direct', 'viaDirect']],
    ['call_indirect to unreachable', (x) => x['top']!(0, 4), ['boom', 'top']],
    ['an imported compiled function', (x) => x['top']!(0, 3), ['libInner', 'div', 'callsLib', 'top']],
    ['a JS import that calls back in', (x) => x['top']!(0, 5), ['leaf', 'hop', 'hop2', 'top', 'viaHost', 'top']],
    ['call_indirect to a memory fault', (x) => x['top']!(0, 7), ['load', 'hopLoad', 'top']],
    ['call_indirect to a trapping memory.fill', (x) => x['top']!(0, 9), ['fill', 'hopFill', 'top']],
  ];

  for (const [what, call, expected] of cases) {
    // Regression: compiled code left out the trapping function when it was reached indirectly.
    it(`names every frame: ${what}`, async () => {
      for (const engine of ['interpreter', 'compiler'] as const) {
        const rt = new Runtime({ engine });
        const lib = rt.instantiate(rt.compile(await watToBytes(LIB, true)));
        let x: Record<string, Fn> = {};
        const reenter = (a: number): unknown => x['top']!(a, 2);
        const main = rt.instantiate(rt.compile(await watToBytes(MAIN, true)), { lib: lib.exports, host: { reenter } });
        x = main.exports as Record<string, Fn>;
        expect(frameNames(() => call(main.exports as Record<string, Fn>)), engine).to.deep.equal(expected);
      }
    });
  }
});
