// `npm run spec -- [--validation-only] [--engine NAME] [--file NAME]... [--timeout S] [--verbose]`
//
// Runs the WebAssembly Core 2.0 spec scripts (*.wast) against an engine adapter and prints one
// line per file plus a total line `<mode>: N passed, M failed, K skipped`. Exit code 1 when
// anything failed, 2 on bad usage or a missing test suite.
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultValidator, engines } from './engines/registry.js';
import { type FileReport, runFile } from './file-run.js';
import { IsolatedRunner } from './pool.js';
import type { Mode, Skip } from './runner.js';
import { loadWabt } from './wat.js';

export interface Options {
  mode: Mode;
  engine: string;
  files: string[];
  verbose: boolean;
  /** Per-file time limit in seconds; 0 runs in-process without a watchdog. */
  timeout: number;
}

const SUITE_COMMIT = '16a839d5';
const USAGE = 'usage: npm run spec -- [--validation-only] [--engine NAME] [--file NAME]... [--timeout SECONDS] [--verbose]';

export function parseArgs(argv: readonly string[]): Options | string {
  const o: Options = { mode: 'validation', engine: '', files: [], verbose: false, timeout: 60 };
  let validationOnly = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--validation-only') validationOnly = true;
    else if (a === '--verbose' || a === '-v') o.verbose = true;
    else if (a === '--engine' || a === '--file' || a === '--timeout') {
      const v = argv[++i];
      if (v === undefined) return `${a} needs a value`;
      if (a === '--engine') o.engine = v;
      else if (a === '--file') o.files.push(v);
      else {
        o.timeout = Number(v);
        if (!(o.timeout >= 0)) return `--timeout takes seconds (0 = no watchdog), not '${v}'`;
      }
    } else return `unknown option '${a}'`;
  }
  if (o.engine !== '' && !validationOnly) o.mode = 'engine';
  if (o.engine === '') o.engine = defaultValidator;
  if (!Object.prototype.hasOwnProperty.call(engines, o.engine)) {
    return `unknown engine '${o.engine}' (known: ${Object.keys(engines).join(', ')})`;
  }
  return o;
}

/** The suite directory: $ZEROWASM_TESTSUITE, else ../shared/testsuite/core-2.0 beside the repo. */
export function suiteDir(): string {
  const env = process.env['ZEROWASM_TESTSUITE'];
  if (env !== undefined && env !== '') return resolve(env);
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
  return resolve(repoRoot, '../shared/testsuite/core-2.0');
}

interface Script { readonly path: string; readonly file: string }

/**
 * The scripts to run: the whole suite, or the `--file` names (suite scripts by name, or any
 * .wast by path when the name contains a '/'). Returns an error text when something is missing.
 */
function selectScripts(names: readonly string[]): Script[] | string {
  const byPath = names.filter((n) => n.includes('/'));
  const missingPaths = byPath.filter((p) => !existsSync(p));
  if (missingPaths.length > 0) return `spec: no such file: ${missingPaths.join(', ')}\n`;
  const fromPaths = byPath.map((p) => ({ path: resolve(p), file: basename(p) }));
  const byName = names.filter((n) => !n.includes('/')).map((n) => n.replace(/\.wast$/, '') + '.wast');
  if (names.length > 0 && byName.length === 0) return fromPaths;
  const dir = suiteDir();
  if (!existsSync(dir)) {
    return `spec: test suite not found at ${dir}\n`
      + `Get it with: git clone https://github.com/WebAssembly/testsuite && git -C testsuite checkout ${SUITE_COMMIT}\n`
      + 'then point ZEROWASM_TESTSUITE at its directory of Core 2.0 .wast files (or place it at ../shared/testsuite/core-2.0).\n';
  }
  const all = readdirSync(dir).filter((f) => f.endsWith('.wast')).sort();
  if (names.length === 0) return all.map((file) => ({ path: join(dir, file), file }));
  const missing = byName.filter((w) => !all.includes(w));
  if (missing.length > 0) return `spec: no such script in ${dir}: ${missing.join(', ')}\n`;
  return [...byName.map((file) => ({ path: join(dir, file), file })), ...fromPaths];
}

function formatReport(r: FileReport, verbose: boolean): string {
  if (r.error !== undefined) return `${r.file}: ${r.error}`;
  let line = `${r.file}: ${r.passed} passed, ${r.failed} failed, ${r.skips.length} skipped (${r.ms} ms)`;
  if (verbose) {
    for (const f of r.failures) line += `\n  FAIL ${r.file}:${f.line} ${f.command}: ${f.detail}`;
    for (const s of r.skips) line += `\n  skip ${r.file}:${s.line} ${s.reason}: ${s.detail}`;
  }
  return line;
}

function summarizeSkips(skips: readonly Skip[]): Map<string, number> {
  const byReason = new Map<string, number>();
  for (const s of skips) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
  return byReason;
}

export async function main(argv: readonly string[]): Promise<number> {
  const opts = parseArgs(argv);
  if (typeof opts === 'string') {
    process.stderr.write(`spec: ${opts}\n${USAGE}\n`);
    return 2;
  }
  const scripts = selectScripts(opts.files);
  if (typeof scripts === 'string') {
    process.stderr.write(scripts);
    return 2;
  }

  let runOne: (path: string, file: string) => Promise<FileReport>;
  let close = async (): Promise<void> => {};
  let engineName = opts.engine;
  if (opts.timeout > 0) {
    const pool = new IsolatedRunner(opts.engine, opts.mode, opts.timeout * 1000);
    runOne = (path, file) => pool.run(path, file);
    close = () => pool.close();
  } else {
    await loadWabt();
    const engine = await engines[opts.engine]!();
    engineName = engine.name;
    runOne = async (path, file) => runFile(path, file, engine, opts.mode);
  }

  const label = opts.mode === 'validation' ? 'validation' : engineName;
  let passed = 0, failed = 0, skipped = 0;
  const allSkips: Skip[] = [];
  const started = Date.now();
  try {
    for (const { path, file } of scripts) {
      const r = await runOne(path, file);
      passed += r.passed; failed += r.failed; skipped += r.skips.length;
      allSkips.push(...r.skips);
      process.stdout.write(formatReport(r, opts.verbose) + '\n');
    }
  } finally {
    await close();
  }
  for (const [reason, n] of summarizeSkips(allSkips)) process.stdout.write(`skipped ${n}: ${reason}\n`);
  process.stdout.write(`time: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  process.stdout.write(`${label}: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  return failed > 0 ? 1 : 0;
}

// Run when executed directly (`node dist/test/spec/main.js`), not when imported by tests.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Output piped into `head` and closed early: stop quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); throw e; });
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
    process.stderr.write(`spec: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 2;
  });
}
