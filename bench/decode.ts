// Decode + validate throughput on a large real-world module (ruby.wasm, 16 MB, fetched from the
// npm registry into bench/build/ on first run), compared with V8 on the same bytes:
// WebAssembly.validate and a single-threaded eager Liftoff `new WebAssembly.Module`, each in a
// child process. Usage: npm run bench:decode [-- path/to/module.wasm]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeModule, validateModule } from '../src/wasm/index.js';

const RUBY_PACKAGE = '@ruby/3.3-wasm-wasi@2.10.1';
const ITERATIONS = 7;

function benchDir(): string {
  // dist/bench/decode.js → <repo>/bench/build
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'build');
}

function fetchRuby(): string {
  const dir = benchDir();
  const target = join(dir, 'ruby.wasm');
  if (existsSync(target)) return target;
  mkdirSync(dir, { recursive: true });
  console.log(`fetching ${RUBY_PACKAGE} into ${dir} ...`);
  const tarball = execFileSync('npm', ['pack', RUBY_PACKAGE, '--silent'], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop()!;
  execFileSync('tar', ['xzf', tarball, 'package/dist/ruby.wasm'], { cwd: dir });
  renameSync(join(dir, 'package', 'dist', 'ruby.wasm'), target);
  rmSync(join(dir, 'package'), { recursive: true, force: true });
  rmSync(join(dir, tarball), { force: true });
  return target;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface Timing { wall: number; cpu: number }

/** Wall and CPU milliseconds per run. CPU time is the fairer figure on a shared, loaded machine. */
function time(f: () => void): Timing[] {
  f(); // warm-up
  const times: Timing[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f();
    const c = process.cpuUsage(c0);
    times.push({ wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 });
  }
  return times;
}

/** Runs `expr` over the module bytes in a child node with the given V8 flags; median wall and CPU ms. */
function v8Time(path: string, flags: string[], expr: string, runs: number): Timing {
  const script = `const b = require('fs').readFileSync(${JSON.stringify(path)});
    const w = [], c = []; for (let i = 0; i < ${runs}; i++) { const c0 = process.cpuUsage(); const t0 = performance.now(); ${expr};
    w.push(performance.now() - t0); const d = process.cpuUsage(c0); c.push((d.user + d.system) / 1000); }
    const med = (x) => x.sort((a, b) => a - b)[Math.floor(x.length / 2)]; console.log(med(w), med(c));`;
  const [wall, cpu] = execFileSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' }).trim().split(' ').map(Number);
  return { wall: wall!, cpu: cpu! };
}

const path = process.argv[2] ?? fetchRuby();
const bytes = new Uint8Array(readFileSync(path));
const mb = bytes.length / 1e6;
let numFuncs = 0;
const rate = (ms: number): string => `${(mb / (ms / 1000)).toFixed(1).padStart(6)} MB/s`;
const line = (label: string, t: Timing): void => {
  console.log(`${label.padEnd(52)} wall ${t.wall.toFixed(1).padStart(7)} ms ${rate(t.wall)}   cpu ${t.cpu.toFixed(1).padStart(7)} ms ${rate(t.cpu)}`);
};
const med = (ts: Timing[]): Timing => ({ wall: median(ts.map((t) => t.wall)), cpu: median(ts.map((t) => t.cpu)) });
const decodeTimes = time(() => { numFuncs = decodeModule(bytes).code.length; });
const fullTimes = time(() => validateModule(decodeModule(bytes)));
console.log(`module: ${path} (${mb.toFixed(1)} MB, ${numFuncs} functions); medians of ${ITERATIONS} runs`);
line('zerowasm decode only', med(decodeTimes));
line('zerowasm decode + validate', med(fullTimes));
line('V8 WebAssembly.validate (1 thread)', v8Time(path, ['--single-threaded'], 'WebAssembly.validate(b)', 5));
const liftoff = ['--no-wasm-lazy-compilation', '--liftoff', '--no-wasm-tier-up', '--single-threaded'];
// One compile per process: V8 caches native modules by their bytes within a process.
const compiles = [0, 1, 2].map(() => v8Time(path, liftoff, 'new WebAssembly.Module(b)', 1));
line('V8 new WebAssembly.Module (eager Liftoff, 1 thread)', med(compiles));
