// Frontend + pass-pipeline throughput on a large real module, in MB/s of code-section bytes on
// one core. Usage: npm run bench:frontend [-- path/to/module.wasm] [--runs N]
// Without a path it uses ruby.wasm from the npm package @ruby/3.3-wasm-wasi, fetched with
// `npm pack` into bench/build/ (gitignored) on first use.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FunctionLowerer } from '../src/frontend/index.js';
import { optimizeFunction } from '../src/ssa/index.js';
import { decodeModule } from '../src/wasm/decoder.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const buildDir = join(root, 'bench', 'build');

function defaultModule(): string {
  const wasm = join(buildDir, 'package', 'dist', 'ruby.wasm');
  if (existsSync(wasm)) return wasm;
  mkdirSync(buildDir, { recursive: true });
  let tgz = readdirSync(buildDir).find((f) => f.startsWith('ruby-3.3-wasm-wasi') && f.endsWith('.tgz'));
  if (tgz === undefined) {
    console.log('fetching @ruby/3.3-wasm-wasi with npm pack ...');
    execFileSync('npm', ['pack', '@ruby/3.3-wasm-wasi'], { cwd: buildDir, stdio: 'inherit' });
    tgz = readdirSync(buildDir).find((f) => f.startsWith('ruby-3.3-wasm-wasi') && f.endsWith('.tgz'));
    if (tgz === undefined) throw new Error('npm pack did not produce the ruby package');
  }
  execFileSync('tar', ['xzf', tgz, 'package/dist/ruby.wasm'], { cwd: buildDir });
  return wasm;
}

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const path = args.find((a, i) => !a.startsWith('--') && (runsAt < 0 || i !== runsAt + 1)) ?? defaultModule();

const bytes = new Uint8Array(readFileSync(path));
let t0 = performance.now();
const m = decodeModule(bytes);
const decodeMs = performance.now() - t0;
let codeBytes = 0;
for (const body of m.code) codeBytes += body.codeEnd - body.offset;
const mb = codeBytes / 1e6;
console.log(`${path}: ${m.code.length} functions, ${mb.toFixed(2)} MB of code (decode: ${decodeMs.toFixed(0)} ms)`);

const lowerer = new FunctionLowerer();
interface Timing { readonly wallMs: number; readonly cpuMs: number }
/** Wall time and this process's CPU time (the machine may be shared: CPU time is the
 * steadier "one core" figure). */
function runOnce(optimize: boolean): Timing {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < m.code.length; i++) {
    const fn = lowerer.lower(m, i);
    if (optimize) optimizeFunction(fn);
  }
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 };
}

function best(optimize: boolean): Timing {
  let b: Timing = { wallMs: Infinity, cpuMs: Infinity };
  for (let r = 0; r < runs; r++) {
    const t = runOnce(optimize);
    if (t.cpuMs < b.cpuMs) b = t;
  }
  return b;
}

const rate = (ms: number): string => `${(mb / (ms / 1000)).toFixed(2)} MB/s`;
runOnce(true); // warm-up (JIT)
const front = best(false);
const all = best(true);
console.log(`frontend only:     cpu ${front.cpuMs.toFixed(0)} ms = ${rate(front.cpuMs)}   (wall ${front.wallMs.toFixed(0)} ms = ${rate(front.wallMs)})`);
console.log(`frontend + passes: cpu ${all.cpuMs.toFixed(0)} ms = ${rate(all.cpuMs)}   (wall ${all.wallMs.toFixed(0)} ms = ${rate(all.wallMs)})   best of ${runs}`);
