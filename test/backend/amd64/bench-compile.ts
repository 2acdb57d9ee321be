// Compile-speed measurement (not a test): `node dist/test/backend/amd64/bench-compile.js a.wasm ...`
// decodes, validates, lowers, optimizes and compiles every function, and reports the code-section
// throughput of the whole pipeline and of the backend alone (isel + regalloc + emission).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Amd64Compiler } from '../../../src/backend/amd64/compile.js';
import { moduleContextOf } from '../../../src/backend/module-context.js';
import { FunctionLowerer } from '../../../src/frontend/lower.js';
import { IrFunction } from '../../../src/ssa/function.js';
import { optimizeFunction } from '../../../src/ssa/pipeline.js';
import { decodeModule } from '../../../src/wasm/decoder.js';
import { validateModule } from '../../../src/wasm/validate-module.js';

/** Set ZEROWASM_BENCH_VERIFY=1 to verify the IR after every pass (failures are then attributed correctly). */
const rounds = Number(process.env['ZEROWASM_BENCH_ROUNDS'] ?? 10);
const verify = process.env['ZEROWASM_BENCH_VERIFY'] === '1';

function run(path: string): void {
  const bytes = new Uint8Array(readFileSync(path));
  const compiler = new Amd64Compiler();
  const fn = new IrFunction();
  const lowerer = new FunctionLowerer(fn);
  let best = Infinity, bestBackend = Infinity, codeBytes = 0, outBytes = 0, failures = 0, irFailures = 0;
  for (let round = 0; round < rounds; round++) {
    const t0 = performance.now();
    const m = decodeModule(bytes);
    validateModule(m);
    const mc = moduleContextOf(m);
    let backend = 0;
    codeBytes = 0;
    outBytes = 0;
    failures = 0;
    irFailures = 0;
    for (let k = 0; k < m.code.length; k++) {
      codeBytes += m.code[k]!.codeEnd - m.code[k]!.offset;
      try {
        lowerer.lower(m, k);
        optimizeFunction(fn, { verify });
      } catch (err) {
        irFailures++;
        if (round === 0 && irFailures <= 3) console.error(`IR (not backend) failure: ${String(err).split('\n')[0]}`);
        continue;
      }
      const b0 = performance.now();
      try {
        outBytes += compiler.compile(fn, mc).code.length;
      } catch (err) {
        failures++;
        if (round === 0 && failures <= 3) console.error(String(err));
      }
      backend += performance.now() - b0;
    }
    best = Math.min(best, performance.now() - t0);
    bestBackend = Math.min(bestBackend, backend);
  }
  const mbps = (ms: number): string => (codeBytes / 1e6 / (ms / 1e3)).toFixed(2);
  console.log(`${path}: ${codeBytes} code bytes -> ${outBytes} machine bytes; whole pipeline ${best.toFixed(1)} ms (${mbps(best)} MB/s), backend ${bestBackend.toFixed(1)} ms (${mbps(bestBackend)} MB/s)${failures ? `; ${failures} functions failed in the backend` : ''}${irFailures ? `; ${irFailures} failed before it (frontend/passes)` : ''}`);
}

for (const path of process.argv.slice(2)) run(path);
