// Boundary costs of the compiler engine, next to the Node-API floor they are measured against.
// Run: npx tsc -p . && ZEROWASM_NATIVE_TESTING=1 node dist/bench/calls-compiler.js
//  - Node-API call: a trivial addon function (JS → native);
//  - Node-API callback: an empty JS function called by plain napi_call_function in a loop (with
//    ZEROWASM_NATIVE_TESTING=1; else through the bridge from a hand-written loop);
//  - JS → export: `inst.exports.add(1, 2)` (public callable: conversions + entry trampoline);
//  - invokeRaw: the same call with raw values;
//  - Wasm → JS: an exported Wasm loop calling an imported empty JS function N times.
import { Runtime } from '../src/index.js';
import { loadNative } from '../src/engine/native/loader.js';
import { NativeInstance } from '../src/engine/native/instance.js';
import { NativeContext } from '../src/engine/native/context.js';
import { callHostNTimes, bytesOf } from '../test/native/snippets.js';

// (module
//   (import "env" "f" (func $f))
//   (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
//   (func (export "loop") (param i32)
//     (loop $l (call $f) (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))))
const MODULE = Buffer.from(
  '0061736d01000000010e0360000060027f7f017f60017f0002090103656e76016600000303020102070e02036164640001046c6f6f7000020a1a020700200020016a0b100003401000200041016b22000d000b0b', 'hex');

function nsPer(n: number, run: () => void): number {
  run(); // warm up
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const start = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / n);
  }
  return best;
}

const N = 1_000_000;
const loaded = loadNative();
if (!loaded.ok) throw new Error(`native addon unavailable: ${loaded.reason}`);
const a = loaded.addon;
const rt = new Runtime({ engine: 'compiler' });
let hits = 0;
const inst = rt.instantiate(rt.compile(MODULE), { env: { f: () => { hits++; } } });
const add = inst.exports['add'] as (x: number, y: number) => number;
const loop = inst.exports['loop'] as (n: number) => void;
if (add(1, 2) !== 3) throw new Error('add is wrong');

const napi = nsPer(N, () => { for (let i = 0; i < N; i++) a.slotBuffer(); });
// The callback baseline: plain napi_call_function in a loop when the addon exposes its test
// helper (ZEROWASM_NATIVE_TESTING=1), else the bridge driven by a hand-written loop.
const empty = (): void => { hits++; };
let napiCallback: number;
if (a.testCallbackLoop !== undefined) {
  const loopFn = a.testCallbackLoop;
  napiCallback = nsPer(N, () => loopFn(empty, N));
} else {
  const ctx = new NativeContext(a);
  const code = a.codeCreate(bytesOf(callHostNTimes));
  const hostInst = new NativeInstance(a, [empty]);
  napiCallback = nsPer(N, () => { ctx.slots.i64[1] = BigInt(N); ctx.call(hostInst, code); });
}
const jsToExport = nsPer(N, () => { for (let i = 0; i < N; i++) add(i, 1); });
const raw = [1, 2];
const invokeRaw = nsPer(N, () => { for (let i = 0; i < N; i++) inst.invokeRaw('add', raw); });
const wasmToJs = nsPer(N, () => loop(N));

const line = (what: string, ns: number, floor?: number): string =>
  `${what.padEnd(42)} ${ns.toFixed(1).padStart(7)} ns${floor === undefined ? '' : `  (${(ns / floor).toFixed(2)}x the Node-API figure)`}`;
console.log(line('Node-API call (JS -> native)', napi));
console.log(line('Node-API callback (native -> JS)', napiCallback));
console.log(line('JS -> export, exports.add(i, 1)', jsToExport, napi));
console.log(line('JS -> export, invokeRaw', invokeRaw, napi));
console.log(line('Wasm -> JS host call (empty function)', wasmToJs, napiCallback));
console.log(`(${hits} host calls)`);
