// Real programs: C compiled by clang for wasm32-wasi (test/programs/wasi), run with zerowasm's
// WASI on the compiler and on the interpreter; outputs and exit codes must agree. Regression for
// wasi-libc's printf, which the full SSA pipeline left invalid for the backend (see
// compileFunction in src/engine/compiler/code.ts).
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProgram, clangUnavailable } from '../wasi/build-programs.js';
import { requireNative } from '../native/harness.js';

const RUN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'wasi-run.js');

const CASES: readonly { program: string; args?: string[]; stdin?: string }[] = [
  { program: 'stdio', stdin: 'hello\nwasi world\n' },
  { program: 'args_env', args: ['one', 'two words', ''] },
  { program: 'exit_code', args: ['7'] },
];

function run(engine: string, wasm: string, args: readonly string[], stdin: string) {
  const r = spawnSync(process.execPath, ['--no-warnings', RUN, engine, wasm, ...args], {
    input: stdin, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ZEROWASM_COMPILER_STRICT: '1' },
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('engine: WASI C programs on the compiler match the interpreter', function () {
  this.timeout(120_000);
  requireNative();
  before(function () {
    const why = clangUnavailable();
    if (why !== undefined) {
      console.warn(`  skipped: ${why}`);
      this.skip();
    }
  });

  for (const c of CASES) {
    it(`${c.program} ${(c.args ?? []).join(' ')}`, () => {
      const wasm = buildProgram(c.program);
      const compiled = run('compiler', wasm, c.args ?? [], c.stdin ?? '');
      const interpreted = run('interpreter', wasm, c.args ?? [], c.stdin ?? '');
      expect(compiled.stderr).to.not.match(/Error/);
      expect(compiled).to.deep.equal(interpreted);
      expect(compiled.stdout.length + compiled.stderr.length).to.be.above(0);
    });
  }
});
