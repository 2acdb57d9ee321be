// Dev check (run manually: `node dist/test/wasm/wast2json-check.js [filter]`): converts every
// .wast of the spec suite with wabt's `wast2json` into a temp dir and judges every module,
// assert_malformed (binary form), assert_invalid, assert_unlinkable and assert_uninstantiable
// module with decode + validate. Prints mismatches and a summary; exit code 1 on any mismatch.
// Text-form assert_malformed cases are text-format-only and are counted as skipped. Files the
// installed wast2json (wabt 1.0.32) cannot parse go through wast-lite.ts and the wabt npm package.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileModule } from '../../src/wasm/index.js';
import { CompileError } from '../../src/runtime/errors.js';
import { wastModuleCases } from './wast-lite.js';

interface Command {
  readonly type: string;
  readonly line: number;
  readonly filename?: string;
  readonly module_type?: string;
  readonly text?: string;
}

export interface CheckSummary {
  files: number;
  checked: number;
  mismatches: string[];
  skipped: Map<string, number>;
}

function judge(bytes: Uint8Array): { ok: true } | { ok: false; error: string } {
  try {
    compileModule(bytes);
    return { ok: true };
  } catch (e) {
    if (e instanceof CompileError) return { ok: false, error: e.message };
    return { ok: false, error: `NOT A CompileError: ${(e as Error).stack ?? String(e)}` };
  }
}

function skip(summary: CheckSummary, reason: string): void {
  summary.skipped.set(reason, (summary.skipped.get(reason) ?? 0) + 1);
}

export function checkSuite(suiteDir: string, filter = ''): CheckSummary {
  const summary: CheckSummary = { files: 0, checked: 0, mismatches: [], skipped: new Map() };
  const files = readdirSync(suiteDir).filter((f) => f.endsWith('.wast') && f.includes(filter)).sort();
  for (const file of files) {
    const out = mkdtempSync(join(tmpdir(), 'zw-wast-'));
    try {
      try {
        execFileSync('wast2json', ['--enable-all', join(suiteDir, file), '-o', join(out, 'x.json')], { stdio: 'pipe' });
      } catch {
        // Newer syntax than the installed wabt knows: fall back to the wabt npm package.
        checkWithWastLite(summary, suiteDir, file);
        continue;
      }
      summary.files++;
      const json = JSON.parse(readFileSync(join(out, 'x.json'), 'utf8')) as { commands: Command[] };
      for (const cmd of json.commands) {
        const expectValid = cmd.type === 'module' || cmd.type === 'assert_unlinkable' ||
          cmd.type === 'assert_uninstantiable';
        const expectInvalid = cmd.type === 'assert_malformed' || cmd.type === 'assert_invalid';
        if (!expectValid && !expectInvalid) continue;
        if (cmd.filename === undefined) continue;
        if (cmd.module_type === 'text' || cmd.filename.endsWith('.wat')) {
          skip(summary, 'text-format module (malformed text is a parser matter)');
          continue;
        }
        const bytes = new Uint8Array(readFileSync(join(out, cmd.filename)));
        const result = judge(bytes);
        summary.checked++;
        const where = `${file}:${cmd.line} ${cmd.type}`;
        if (expectValid && !result.ok) summary.mismatches.push(`${where}: rejected valid module: ${result.error}`);
        else if (expectInvalid && result.ok) summary.mismatches.push(`${where}: accepted, expected "${cmd.text}"`);
        else if (!result.ok && result.error.startsWith('NOT A')) summary.mismatches.push(`${where}: ${result.error}`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  return summary;
}

function checkWithWastLite(summary: CheckSummary, suiteDir: string, file: string): void {
  summary.files++;
  const { cases, textOnly } = wastModuleCases(readFileSync(join(suiteDir, file), 'utf8'));
  for (let i = 0; i < textOnly; i++) skip(summary, 'text-format module (malformed text is a parser matter)');
  for (const c of cases) {
    if (c.bytes === undefined) {
      skip(summary, `${c.skip ?? 'no bytes'} (${file})`);
      continue;
    }
    summary.checked++;
    const result = judge(c.bytes);
    const where = `${file}:${c.line} ${c.command} (wabt npm fallback)`;
    if (c.expectValid && !result.ok) summary.mismatches.push(`${where}: rejected valid module: ${result.error}`);
    else if (!c.expectValid && result.ok) summary.mismatches.push(`${where}: accepted, expected "${c.text ?? ''}"`);
    else if (!result.ok && result.error.startsWith('NOT A')) summary.mismatches.push(`${where}: ${result.error}`);
  }
}

export function hasWast2json(): boolean {
  try {
    execFileSync('wast2json', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/** The spec suite: env ZEROWASM_TESTSUITE, else ../shared/testsuite/core-2.0 beside the repo. */
export function suiteDir(): string {
  return process.env['ZEROWASM_TESTSUITE'] ?? new URL('../../../../shared/testsuite/core-2.0', import.meta.url).pathname;
}

if (process.argv[1] !== undefined && process.argv[1].endsWith('wast2json-check.js')) {
  const suite = suiteDir();
  if (!hasWast2json()) {
    console.log('skipped: wast2json is not installed');
    process.exit(0);
  }
  const s = checkSuite(suite, process.argv[2] ?? '');
  for (const m of s.mismatches) console.log(m);
  for (const [reason, n] of s.skipped) console.log(`skipped ${n}: ${reason}`);
  console.log(`${s.files} files, ${s.checked} modules judged, ${s.mismatches.length} mismatches`);
  process.exit(s.mismatches.length === 0 ? 0 : 1);
}
