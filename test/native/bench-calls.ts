// Boundary-cost measurement (not a test: timing goals live in benchmarks).
// Run: npx tsc -p . && node dist/test/native/bench-calls.js
import { addon, context, instance, code } from './harness.js';
import { addI64, callHostNTimes } from './snippets.js';

function nsPer(n: number, run: () => void): number {
  run(); // warm up
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / n;
}

const N = 2_000_000;
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
const wrappedCall = nsPer(N, () => {
  for (let i = 0; i < N; i++) {
    slots.i64[0] = 1n;
    slots.i64[1] = 2n;
    ctx.call(inst, add);
  }
});
let hits = 0;
const hostInst = instance(undefined, [() => void hits++]);
const loop = code(callHostNTimes);
const hostCall = nsPer(N, () => {
  slots.i64[1] = BigInt(N);
  ctx.call(hostInst, loop);
});
const jsCall = nsPer(N, () => {
  const f = (): void => void hits++;
  for (let i = 0; i < N; i++) f();
});

console.log(`trivial Node-API call (slotBuffer()):      ${napiBaseline.toFixed(1)} ns`);
console.log(`JS -> export, raw addon.call:              ${rawCall.toFixed(1)} ns`);
console.log(`JS -> export, NativeContext.call + 2 i64:  ${wrappedCall.toFixed(1)} ns`);
console.log(`Wasm -> JS host call (empty function):     ${hostCall.toFixed(1)} ns`);
console.log(`(plain JS call of the same function:       ${jsCall.toFixed(1)} ns)`);
