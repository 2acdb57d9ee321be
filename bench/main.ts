// `npm run bench [-- options]`: zerowasm against V8 and native, side by side, in one run.
// Writes a terminal table, results.json (every raw figure) and chart.svg. Exits non-zero when any
// engine's output differs from native's or an available engine fails.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINES } from './engines.js';
import type { Results } from './results.js';
import { renderSvg } from './report-svg.js';
import { renderTables } from './report-table.js';
import { runSuite, type SuiteOptions } from './suite.js';

// dist/bench/main.js -> repository root
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const USAGE = `usage: npm run bench -- [options]
  --quick             small sizes, one run, outputs checked only (CI)
  --runs N            runs per program and engine (default 5)
  --engines a,b       engines to run (native always runs); known: ${ENGINES.map((e) => e.id).join(', ')}
  --only p,q          programs to run (default: all in the programs folder)
  --programs DIR      folder of benchmark C programs (default bench/programs)
  --out DIR           where results.json, chart.svg and table.txt go
                      (default bench/results; quick mode: bench/build/results-quick)
  --large-module F    compile this module instead of fetching ruby.wasm
  --no-large          skip the large-module compile measurement
  --no-calls          skip the boundary call costs
  --timeout S         per-child timeout in seconds (default 120)
  --zerowasm PATH     zerowasm entry module (default dist/src/index.js of this checkout)
  --render FILE       only re-render table.txt and chart.svg from an existing results.json
  --help`;

interface Cli {
  options: SuiteOptions;
  out: string;
  render?: string;
}

function parseArgs(argv: string[]): Cli {
  const options: SuiteOptions = {
    quick: false,
    runs: 5,
    programsDir: join(ROOT, 'bench', 'programs'),
    buildDir: join(ROOT, 'bench', 'build'),
    clang: process.env.CLANG ?? 'clang',
    sysroot: process.env.WASI_SYSROOT ?? '/usr',
    probeSource: join(ROOT, 'bench', 'support', 'native-probe.c'),
    napiSource: join(ROOT, 'bench', 'support', 'napi-floor', 'floor.c'),
    zerowasmIndex: join(ROOT, 'dist', 'src', 'index.js'),
    timeoutMs: 120_000,
    largeModule: true,
    calls: true,
    compileReps: 5,
    largeCompileReps: 3,
    callIterations: 2_000_000,
    progress: () => {},
  };
  let out: string | undefined;
  let render: string | undefined;
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  const positive = (text: string, flag: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} needs a positive integer, got "${text}"`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    switch (flag) {
      case '--quick': options.quick = true; break;
      case '--runs': options.runs = positive(value(i, flag), flag); i++; break;
      case '--engines': options.engineIds = value(i, flag).split(','); i++; break;
      case '--only': options.only = value(i, flag).split(','); i++; break;
      case '--programs': options.programsDir = resolve(value(i, flag)); i++; break;
      case '--out': out = resolve(value(i, flag)); i++; break;
      case '--large-module': options.largeModule = resolve(value(i, flag)); i++; break;
      case '--no-large': options.largeModule = false; break;
      case '--no-calls': options.calls = false; break;
      case '--render': render = resolve(value(i, flag)); i++; break;
      case '--zerowasm': options.zerowasmIndex = resolve(value(i, flag)); i++; break;
      case '--timeout': options.timeoutMs = positive(value(i, flag), flag) * 1000; i++; break;
      case '--help': case '-h': console.log(USAGE); process.exit(0); break;
      default: throw new Error(`unknown option "${flag}"\n${USAGE}`);
    }
  }
  const cli: Cli = { options, out: out ?? join(ROOT, 'bench', options.quick ? 'build/results-quick' : 'results') };
  if (render) {
    cli.render = render;
    cli.out = out ?? dirname(render);
  }
  return cli;
}

/** A single self-overwriting status line on stderr, only when a human is watching. */
function progressLine(): { update: (m: string) => void; done: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, done: () => {} };
  const started = Date.now();
  return {
    update: (message) => {
      const secs = ((Date.now() - started) / 1000).toFixed(0);
      const line = `[${secs}s] ${message}`.slice(0, (process.stderr.columns ?? 80) - 1);
      process.stderr.write(`\r\x1b[2K${line}`);
    },
    done: () => process.stderr.write('\r\x1b[2K'),
  };
}

function main(): void {
  let cli: Cli;
  try {
    cli = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  if (cli.render) {
    const saved = JSON.parse(readFileSync(cli.render, 'utf8')) as Results;
    if (saved.schema !== 1) {
      console.error(`bench: ${cli.render}: not a results.json of this harness (schema ${String(saved.schema)})`);
      process.exit(2);
    }
    mkdirSync(cli.out, { recursive: true });
    writeFileSync(join(cli.out, 'chart.svg'), renderSvg(saved));
    writeFileSync(join(cli.out, 'table.txt'), renderTables(saved));
    process.stdout.write(renderTables(saved));
    return;
  }
  const progress = progressLine();
  cli.options.progress = progress.update;
  let results;
  try {
    results = runSuite(cli.options);
  } catch (err) {
    // Setup problems (no clang, a malformed program header, an unknown program name) end the run
    // with their message rather than a stack trace.
    progress.done();
    console.error(`bench: ${(err as Error).message}`);
    process.exit(2);
  }
  progress.done();
  const text = renderTables(results);
  mkdirSync(cli.out, { recursive: true });
  writeFileSync(join(cli.out, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(join(cli.out, 'chart.svg'), renderSvg(results));
  writeFileSync(join(cli.out, 'table.txt'), text);
  process.stdout.write(text);
  console.log(`\nwrote ${join(cli.out, 'results.json')}, chart.svg and table.txt in ${results.elapsedSeconds} s`);
  if (results.failures.length > 0) {
    console.error(`bench: ${results.failures.length} failure(s); see above`);
    process.exitCode = 1;
  }
}

main();
