// Boundary costs of the compiler engine, next to the Node-API floor they are measured against.
// Run: npx tsc -p . && ZEROWASM_NATIVE_TESTING=1 node dist/bench/calls-compiler.js [rounds]
// Times are CPU time (user + system of this process, so other load on the machine counts less
// than in wall time), best of 5 repetitions per round; each round measures every figure, and
// the report gives the median over the rounds of each figure and of each ratio.
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

function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

function nsPer(n: number, run: () => void): number {
  run(); // warm up
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const start = cpuMicros();
    run();
    best = Math.min(best, ((cpuMicros() - start) * 1000) / n);
  }
  return best;
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const ROUNDS = Math.max(1, Number(process.argv[2] ?? 5) | 0);

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

// The callback baseline: plain napi_call_function in a loop when the addon exposes its test
// helper (ZEROWASM_NATIVE_TESTING=1), else the bridge driven by a hand-written loop.
const empty = (): void => { hits++; };
let callbackRun: () => void;
if (a.testCallbackLoop !== undefined) {
  const loopFn = a.testCallbackLoop;
  callbackRun = () => loopFn(empty, N);
} else {
  const ctx = new NativeContext(a);
  const code = a.codeCreate(bytesOf(callHostNTimes));
  const hostInst = new NativeInstance(a, [empty]);
  callbackRun = () => { ctx.slots.i64[1] = BigInt(N); ctx.call(hostInst, code); };
}
const raw = [1, 2];
const figures = { napi: [] as number[], napiCallback: [] as number[], jsToExport: [] as number[], invokeRaw: [] as number[], wasmToJs: [] as number[] };
const ratios = { jsToExport: [] as number[], invokeRaw: [] as number[], wasmToJs: [] as number[] };
for (let round = 0; round < ROUNDS; round++) {
  const napi = nsPer(N, () => { for (let i = 0; i < N; i++) a.slotBuffer(); });
  const napiCallback = nsPer(N, callbackRun);
  const jsToExport = nsPer(N, () => { for (let i = 0; i < N; i++) add(i, 1); });
  const invokeRaw = nsPer(N, () => { for (let i = 0; i < N; i++) inst.invokeRaw('add', raw); });
  const wasmToJs = nsPer(N, () => loop(N));
  figures.napi.push(napi); figures.napiCallback.push(napiCallback); figures.jsToExport.push(jsToExport);
  figures.invokeRaw.push(invokeRaw); figures.wasmToJs.push(wasmToJs);
  ratios.jsToExport.push(jsToExport / napi); ratios.invokeRaw.push(invokeRaw / napi); ratios.wasmToJs.push(wasmToJs / napiCallback);
}

const line = (what: string, ns: number[], ratio?: number[]): string =>
  `${what.padEnd(42)} ${median(ns).toFixed(1).padStart(7)} ns${ratio === undefined ? '' : `  (${median(ratio).toFixed(2)}x the Node-API figure)`}`;
console.log(`CPU time per call, medians of ${ROUNDS} rounds (ratios: median of the per-round ratios)`);
console.log(line('Node-API call (JS -> native)', figures.napi));
console.log(line('Node-API callback (native -> JS)', figures.napiCallback));
console.log(line('JS -> export, exports.add(i, 1)', figures.jsToExport, ratios.jsToExport));
console.log(line('JS -> export, invokeRaw', figures.invokeRaw, ratios.invokeRaw));
console.log(line('Wasm -> JS host call (empty function)', figures.wasmToJs, ratios.wasmToJs));
console.log(`(${hits} host calls)`);
