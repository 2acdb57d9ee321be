// Runs the C programs in test/programs/wasi on every engine in engines.ts and compares stdout,
// stderr, exit code and the resulting sandbox directory with the reference (node:wasi on V8).
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProgram, clangUnavailable } from './build-programs.js';
import { ENGINES_UNDER_TEST, KNOWN_ISSUES, REFERENCE_ENGINE, UNAVAILABLE_ENGINES, type WasiEngine } from './engines.js';
import type { RunSpec } from './engines.js';

const RUNNER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'runner.js');

interface ProgramCase {
  readonly title: string;
  readonly program: string;
  /** argv after argv[0] (which is the program name). */
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly stdin?: string;
  /** Created in the sandbox (guest /sandbox) before the run: file contents or symlink targets. */
  readonly setup?: Readonly<Record<string, string | { readonly symlink: string }>>;
  /** What the reference run must show, so a broken reference cannot pass silently. */
  readonly check: (r: RunResult) => void;
}

interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
  /** Sorted "path kind [content|target]" lines describing the sandbox after the run. */
  readonly tree: readonly string[];
}

const CASES: readonly ProgramCase[] = [
  {
    title: 'stdio: stdin to stdout, counts to stderr',
    program: 'stdio', stdin: 'hello\nwasi world\n',
    check: (r) => {
      expect(r.stdout).to.equal('stdio test\nHELLO\nWASI WORLD\n');
      expect(r.stderr).to.equal('read 17 bytes, 2 lines\ndone\n');
    },
  },
  {
    title: 'args and environment',
    program: 'args_env', args: ['one', 'two words', 'ünïcödé', ''], env: { HOME: '/home/guest', ZW_EMPTY: '', ZW_EQ: 'a=b' },
    check: (r) => {
      expect(r.stdout).to.contain('argc=5\n').and.contain('argv[2]="two words"').and.contain('argv[3]="ünïcödé"');
      expect(r.stdout).to.contain('env: ZW_EQ=a=b\n').and.contain('HOME=/home/guest\n');
    },
  },
  { title: 'exit(7)', program: 'exit_code', args: ['7'], check: (r) => expect(r.status).to.equal(7) },
  { title: 'return 42 from main', program: 'exit_code', args: ['return', '42'], check: (r) => expect(r.status).to.equal(42) },
  { title: 'exit(0)', program: 'exit_code', args: ['0'], check: (r) => expect(r.status).to.equal(0) },
  {
    title: 'abort() traps',
    program: 'exit_code', args: ['abort'],
    check: (r) => {
      expect(r.status).to.equal(134);
      expect(r.stdout).to.equal('before exit\n');
    },
  },
  {
    title: 'clocks and random',
    program: 'clocks_random',
    check: (r) => {
      expect(r.stdout.split('\n').filter((l) => l.includes(': no'))).to.deep.equal([]);
      expect(r.stdout).to.contain('getentropy ok: yes');
    },
  },
  {
    title: 'poll: stdin, stdout and a timeout',
    program: 'poll', stdin: 'some input\n',
    check: (r) => expect(r.stdout).to.equal('poll ready: 2, stdin readable: 1, stdout writable: 1\n'
      + 'read 11 bytes\ntimeout poll returned 0, waited >= 25ms: yes\n'),
  },
  {
    title: 'files and directories',
    program: 'files', args: ['/sandbox'], setup: { 'pre-existing.txt': 'untouched\n' },
    check: (r) => {
      expect(r.status).to.equal(0);
      expect(r.stdout).to.not.contain('FAILED');
      expect(r.stdout).to.contain('pread: HELLO world\n').and.contain('readlink: sub/b.txt\n');
      expect(r.tree).to.deep.equal([
        'd dir', 'd/keep.txt file "kept\\n"', 'd/sub dir',
        'd/sub/b.txt file "HELLO world 0\\nhello world 1\\nhetail\\n"',
        'pre-existing.txt file "untouched\\n"',
      ]);
    },
  },
  {
    title: 'a directory larger than one readdir buffer',
    program: 'many_files', args: ['/sandbox'],
    check: (r) => {
      expect(r.stdout).to.equal('entries=300 sum=44850\nrmdir non-empty: -1 Directory not empty\nafter unlinking half: 150\n');
      expect(r.tree.length).to.equal(151);
    },
  },
  {
    title: 'printf flags, widths and conversions',
    program: 'printf_formats',
    check: (r) => {
      expect(r.status).to.equal(0);
      expect(r.stdout).to.equal('[0007] [7   |] [+7] [ 7] [  007]\n[ff] [0XFF] [010] [0000beef]\n'
        + '[-9223372036854775808] [18446744073709551615] [123456789abcdef]\n'
        + '[0003.142] [2] [1.234568e+04] [0.0001234] [1e+20] [0x1p+0]\n[     right] [left      |] [tru] [z]\n');
    },
  },
  {
    title: 'escape attempts from C are refused',
    program: 'escape', setup: { 'sub/f': 'mine\n', up: { symlink: '../..' } },
    check: (r) => {
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines).to.have.length(9);
      for (const l of lines.slice(0, -1)) expect(l).to.match(/: refused$/);
      expect(lines[8]).to.equal('open /sandbox/sub/f: OPENED'); // inside: allowed
      expect(r.tree).to.deep.equal(['sub dir', 'sub/f file "mine\\n"', 'up link -> ../..']);
    },
  },
];

function snapshot(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of fs.readdirSync(path.join(root, rel)).sort()) {
    const p = rel === '' ? name : `${rel}/${name}`;
    const st = fs.lstatSync(path.join(root, p));
    if (st.isSymbolicLink()) out.push(`${p} link -> ${fs.readlinkSync(path.join(root, p))}`);
    else if (st.isDirectory()) out.push(`${p} dir`, ...snapshot(root, p));
    else out.push(`${p} file ${JSON.stringify(fs.readFileSync(path.join(root, p), 'utf8'))}`);
  }
  return out;
}

function runOn(engine: WasiEngine, c: ProgramCase): RunResult {
  // The sandbox sits alone in a fresh folder, so anything created beside it is an escape.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'zw-wasi-prog-'));
  const sandbox = path.join(root, 'sandbox');
  fs.mkdirSync(sandbox);
  try {
    for (const [name, content] of Object.entries(c.setup ?? {})) {
      const at = path.join(sandbox, name);
      fs.mkdirSync(path.dirname(at), { recursive: true });
      if (typeof content === 'string') fs.writeFileSync(at, content);
      else fs.symlinkSync(content.symlink, at);
    }
    const spec: RunSpec = {
      wasm: buildProgram(c.program), args: [c.program, ...(c.args ?? [])], env: c.env ?? {},
      preopens: { '/sandbox': sandbox },
    };
    const r = spawnSync(process.execPath, ['--no-warnings', RUNNER, engine.id, JSON.stringify(spec)], {
      input: c.stdin ?? '', encoding: 'utf8', timeout: 60_000,
    });
    expect(fs.readdirSync(root), 'nothing created beside the sandbox').to.deep.equal(['sandbox']);
    return { stdout: r.stdout, stderr: r.stderr, status: r.status, tree: snapshot(sandbox) };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe('wasi: C programs, compared with node:wasi', function () {
  this.timeout(120_000);
  const unavailable = clangUnavailable();
  before(function () {
    if (unavailable !== undefined) {
      console.log(`    skipped: ${unavailable}`);
      this.skip();
    }
  });

  for (const c of CASES) {
    describe(c.title, () => {
      let reference: RunResult;
      before(() => { reference = runOn(REFERENCE_ENGINE, c); });
      it(`reference (${REFERENCE_ENGINE.description}) behaves as expected`, () => c.check(reference));
      for (const u of UNAVAILABLE_ENGINES) {
        it(`${u.engine.description} matches the reference`, function () {
          // Counted as pending with its reason, never silently dropped.
          this.test!.title += ` (skipped: ${u.reason})`;
          this.skip();
        });
      }
      for (const engine of ENGINES_UNDER_TEST) {
        const issue = KNOWN_ISSUES[engine.id]?.[c.program];
        if (issue !== undefined) {
          it(`${engine.description} differs from the reference (known issue: ${issue})`, () => {
            const r = runOn(engine, c);
            const same = r.stdout === reference.stdout && r.stderr === reference.stderr && r.status === reference.status
              && JSON.stringify(r.tree) === JSON.stringify(reference.tree);
            expect(same, 'now matches the reference: remove the KNOWN_ISSUES entry').to.equal(false);
          });
          continue;
        }
        it(`${engine.description} matches the reference`, () => {
          const r = runOn(engine, c);
          expect(r.stdout, 'stdout').to.equal(reference.stdout);
          expect(r.stderr, 'stderr').to.equal(reference.stderr);
          expect(r.status, 'exit code').to.equal(reference.status);
          expect(r.tree, 'sandbox contents').to.deep.equal(reference.tree);
          c.check(r);
        });
      }
    });
  }
});
