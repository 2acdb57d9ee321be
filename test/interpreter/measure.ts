// Quick interpreter measurements (not a test): node dist/test/interpreter/measure.js
// Runs a few loops on the interpreter from the IR and from Wasm bodies, and on V8 for scale.
// Times are this process's CPU time (user + system), which a busy machine disturbs less than
// wall-clock time.
import { Runtime } from '../../src/index.js';
import { loadWat, wat } from '../runtime/wat.js';

const programs: [string, string, string, unknown[]][] = [
  ['i32 loop (sum 1..n)', `(module (func (export "run") (param i32) (result i32) (local i32)
    (block $d (loop $l (br_if $d (i32.eqz (local.get 0)))
      (local.set 1 (i32.add (local.get 1) (local.get 0)))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1))) (br $l))) (local.get 1)))`, 'run', [1_000_000]],
  ['i64 loop (xorshift)', `(module (func (export "run") (param i32) (result i64) (local i64)
    (local.set 1 (i64.const 88172645463325252))
    (block $d (loop $l (br_if $d (i32.eqz (local.get 0)))
      (local.set 1 (i64.xor (local.get 1) (i64.shl (local.get 1) (i64.const 13))))
      (local.set 1 (i64.xor (local.get 1) (i64.shr_u (local.get 1) (i64.const 7))))
      (local.set 1 (i64.xor (local.get 1) (i64.shl (local.get 1) (i64.const 17))))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1))) (br $l))) (local.get 1)))`, 'run', [300_000]],
  ['f64 loop (sum of sqrt)', `(module (func (export "run") (param i32) (result f64) (local f64)
    (block $d (loop $l (br_if $d (i32.eqz (local.get 0)))
      (local.set 1 (f64.add (local.get 1) (f64.sqrt (f64.convert_i32_u (local.get 0)))))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1))) (br $l))) (local.get 1)))`, 'run', [1_000_000]],
  ['memory loop (byte histogram)', `(module (memory 1) (func (export "run") (param i32) (result i32) (local i32)
    (block $d (loop $l (br_if $d (i32.eqz (local.get 0)))
      (local.set 1 (i32.shl (i32.and (local.get 0) (i32.const 255)) (i32.const 2)))
      (i32.store (local.get 1) (i32.add (i32.load (local.get 1)) (i32.const 1)))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1))) (br $l))) (i32.load (i32.const 4))))`, 'run', [1_000_000]],
  ['calls (recursive fib 25)', `(module (func $fib (export "run") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2))))))))`, 'run', [25]],
];

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

await loadWat();
for (const [label, text, fn, args] of programs) {
  const bytes = wat(text);
  const row: string[] = [label.padEnd(30)];
  for (const source of ['ir', 'wasm'] as const) {
    const rt = new Runtime({ engine: 'interpreter', interpreterSource: source });
    const f = rt.instantiate(rt.compile(bytes)).exports[fn] as (...a: unknown[]) => unknown;
    f(...args); // warm up
    const t = cpuMs();
    f(...args);
    row.push(`${source} ${(cpuMs() - t).toFixed(1).padStart(7)} ms`);
  }
  const v8 = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports[fn] as (...a: unknown[]) => unknown;
  v8(...args);
  const t = cpuMs();
  v8(...args);
  row.push(`v8 ${(cpuMs() - t).toFixed(2).padStart(6)} ms`);
  console.log(row.join('  '));
}
