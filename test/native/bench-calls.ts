// Boundary-cost measurement (not a test: timing goals live in benchmarks).
// Run: npx tsc -p . && ZEROWASM_NATIVE_TESTING=1 node dist/test/native/bench-calls.js
import { addon, context, instance, code } from './harness.js';
import { addI64, callHostNTimes } from './snippets.js';

/** Best of 5 timed runs after a warm-up: the machine is shared, so the minimum is the signal. */
function nsPer(n: number, run: () => void): number {
  run();
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const start = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / n);
  }
  return best;
}

const N = 1_000_000;
const a = addon();
const add = code(addI64);
const inst = instance();
const ctx = context();
const { slots } = ctx;

const napiBaseline = nsPer(N, () => {
  for (let i = 0; i < N; i++) a.slotBuffer();
});
const rawCall = nsPer(N, () => {
  for (let i = 0; i < N; i++) a.call(inst.handle, add, 0);
});
const entry = inst.entry(add);
const entryCall = nsPer(N, () => {
  for (let i = 0; i < N; i++) a.callEntry(entry.handle);
});
const wrappedCall = nsPer(N, () => {
  for (let i = 0; i < N; i++) {
    slots.i64[0] = 1n;
    slots.i64[1] = 2n;
    ctx.callEntry(entry);
  }
});
let hits = 0;
const hostInst = instance(undefined, [() => void hits++]);
const loop = code(callHostNTimes);
const hostCall = nsPer(N, () => {
  slots.i64[1] = BigInt(N);
  ctx.call(hostInst, loop);
});
const callbackLoop = a.testCallbackLoop;
const napiCallback =
  callbackLoop === undefined ? NaN : nsPer(N, () => callbackLoop(() => void hits++, N));
const jsCall = nsPer(N, () => {
  const f = (): void => void hits++;
  for (let i = 0; i < N; i++) f();
});

console.log(`trivial Node-API call (slotBuffer()):      ${napiBaseline.toFixed(1)} ns`);
console.log(`JS -> export, raw addon.call:              ${rawCall.toFixed(1)} ns`);
console.log(`JS -> export, raw addon.callEntry:         ${entryCall.toFixed(1)} ns`);
console.log(`JS -> export, ctx.callEntry + 2 i64 args: ${wrappedCall.toFixed(1)} ns`);
console.log(`Wasm -> JS host call (empty function):     ${hostCall.toFixed(1)} ns`);
console.log(`Node-API callback baseline (native -> JS): ${napiCallback.toFixed(1)} ns${Number.isNaN(napiCallback) ? ' (set ZEROWASM_NATIVE_TESTING=1)' : ''}`);
console.log(`(plain JS call of the same function:       ${jsCall.toFixed(1)} ns)`);
