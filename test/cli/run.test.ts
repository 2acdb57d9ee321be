// End to end: `bin/zerowasm.js` as a user runs it, on C programs compiled at test time and on
// small WAT modules (through the V8 stand-in engine for now).
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import wabtInit from 'wabt';
import { REPO_ROOT, buildProgram, clangUnavailable } from '../wasi/build-programs.js';
import { main } from '../../src/cli/main.js';

const BIN = path.join(REPO_ROOT, 'bin/zerowasm.js');

interface Cli { stdout: string; stderr: string; status: number | null }

function zerowasm(args: string[], input = ''): Cli {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

async function inProcess(argv: string[]): Promise<Cli> {
  let stdout = '';
  let stderr = '';
  const status = await main(argv, { out: (t) => { stdout += t; }, err: (t) => { stderr += t; } });
  return { stdout, stderr, status };
}

describe('cli: zerowasm run (end to end)', function () {
  this.timeout(60_000);
  let tmp: string;
  let wat: (name: string, text: string) => Promise<string>;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zw-cli-'));
    const wabt = await wabtInit();
    wat = async (name, text) => {
      const file = path.join(tmp, name);
      fs.writeFileSync(file, wabt.parseWat(name, text).toBinary({}).buffer);
      return file;
    };
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  describe('C programs', () => {
    before(function () {
      const why = clangUnavailable();
      if (why !== undefined) {
        console.log(`    skipped: ${why}`);
        this.skip();
      }
    });

    it('passes args after --, stdin, and returns the exit code', () => {
      const r = zerowasm(['run', buildProgram('args_env'), '--env', 'HOME=/home/x', '--', 'one', '--two']);
      expect(r.status).to.equal(0);
      expect(r.stdout).to.contain('argc=3\n').and.contain('argv[1]="one"').and.contain('argv[2]="--two"');
      expect(r.stdout).to.contain('envc=1\nenv: HOME=/home/x\n');
      expect(zerowasm(['run', buildProgram('exit_code'), '--', '23']).status).to.equal(23);
      const s = zerowasm(['run', buildProgram('stdio')], 'abc\n');
      expect([s.stdout, s.stderr]).to.deep.equal(['stdio test\nABC\n', 'read 4 bytes, 1 lines\ndone\n']);
    });

    it('inherits the environment with --env-inherit, --env overriding it', () => {
      const r = spawnSync(process.execPath, [BIN, 'run', '--env-inherit', '--env', 'ZW_B=over', buildProgram('args_env')], {
        encoding: 'utf8', env: { ZW_A: 'from-host', ZW_B: 'host' },
      });
      expect(r.stdout).to.contain('env: ZW_A=from-host\n').and.contain('env: ZW_B=over\n');
    });

    it('maps --dir HOST:GUEST and works on the files there', () => {
      const dir = fs.mkdtempSync(path.join(tmp, 'box-'));
      const r = zerowasm(['run', '--dir', `${dir}:/sandbox`, buildProgram('files'), '--', '/sandbox']);
      expect(r.status, r.stdout + r.stderr).to.equal(0);
      expect(fs.readFileSync(path.join(dir, 'd/keep.txt'), 'utf8')).to.equal('kept\n');
    });

    it('--dir . maps the working directory for relative guest paths', () => {
      const dir = fs.mkdtempSync(path.join(tmp, 'cwd-'));
      const r = spawnSync(process.execPath, [BIN, 'run', '--dir', '.', buildProgram('files'), '--', '.'], { cwd: dir, encoding: 'utf8' });
      expect(r.status, r.stdout + r.stderr).to.equal(0);
      expect(fs.readFileSync(path.join(dir, 'd/sub/b.txt'), 'utf8')).to.match(/^HELLO world 0\n/);
    });

    it('a :ro directory cannot be written', () => {
      const dir = fs.mkdtempSync(path.join(tmp, 'ro-'));
      const r = zerowasm(['run', '--dir', `${dir}:/sandbox:ro`, buildProgram('files'), '--', '/sandbox']);
      expect(r.status).to.equal(1);
      expect(r.stdout).to.match(/FAILED: mkdir.*Capabilities insufficient/);
      expect(fs.readdirSync(dir)).to.deep.equal([]);
    });

    it('the README example in docs/wasi.md works as written', () => {
      const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs/wasi.md'), 'utf8');
      const source = /`hello.c`:\n\n```c\n([\s\S]*?)```/.exec(doc)?.[1];
      const runLine = /^npx zerowasm (run .*)$/m.exec(doc)?.[1];
      expect(source, 'hello.c in docs').to.be.a('string');
      expect(runLine, 'run line in docs').to.be.a('string');
      expect(doc).to.contain('clang --target=wasm32-wasi --sysroot=/usr -O2 hello.c -o hello.wasm');
      const dir = fs.mkdtempSync(path.join(tmp, 'readme-'));
      fs.writeFileSync(path.join(dir, 'hello.c'), source!);
      spawnSync('clang', ['--target=wasm32-wasi', '--sysroot=/usr', '-O2', 'hello.c', '-o', 'hello.wasm'], { cwd: dir });
      const r = spawnSync(process.execPath, [BIN, ...runLine!.split(' ')], { cwd: dir, encoding: 'utf8' });
      expect([r.status, r.stdout, r.stderr]).to.deep.equal([0, 'hello, you\n', '']);
      expect(fs.readFileSync(path.join(dir, 'greeting.txt'), 'utf8')).to.equal('greetings from WebAssembly\n');
    });

    it('reports a trap with exit status 134', () => {
      const r = zerowasm(['run', buildProgram('exit_code'), '--', 'abort']);
      expect(r.status).to.equal(134);
      expect(r.stderr).to.match(/trap: unreachable/);
    });
  });

  it('--invoke calls an export and prints its results (i64 as integers)', async () => {
    const file = await wat('add.wasm', `(module
      (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
      (func (export "add64") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
      (func (export "two") (result f64 i32) (f64.const 2.5) (i32.const 7)))`);
    expect(await inProcess(['run', '--invoke', 'add', '40', '-2', file])).to.deep.equal({ stdout: '38\n', stderr: '', status: 0 });
    expect((await inProcess(['run', '--invoke', 'add64', '9007199254740993', '1', file])).stdout).to.equal('9007199254740994\n');
    expect((await inProcess(['run', '--invoke', 'two', file])).stdout).to.equal('2.5\n7\n');
    const reactor = await wat('reactor.wasm', `(module (global $g (mut i32) (i32.const 1))
      (func (export "_initialize") (global.set $g (i32.const 41)))
      (func (export "get") (result i32) (i32.add (global.get $g) (i32.const 1))))`);
    expect((await inProcess(['run', '--invoke', 'get', reactor])).stdout).to.equal('42\n');
    const missing = await inProcess(['run', '--invoke', 'nope', file]);
    expect(missing.status).to.equal(1);
    expect(missing.stderr).to.match(/exports no function named 'nope'/);
    const noStart = await inProcess(['run', file]);
    expect(noStart.status).to.equal(1);
    expect(noStart.stderr).to.match(/no _start function/);
  });

  it('--timeout stops a program that never ends (exit 124)', async () => {
    const file = await wat('spin.wasm', '(module (memory (export "memory") 1) (func (export "_start") (loop (br 0))))');
    const started = Date.now();
    const r = zerowasm(['run', '--timeout', '300ms', file]);
    expect(r.status).to.equal(124);
    expect(r.stderr).to.match(/timed out after 300ms/);
    expect(Date.now() - started).to.be.lessThan(20_000);
  });

  it('--max-memory refuses a module whose memory is larger', async () => {
    const file = await wat('mem.wasm', '(module (memory (export "memory") 4) (func (export "_start")))');
    const r = await inProcess(['run', '--max-memory', '2p', file]);
    expect(r.status).to.equal(1);
    expect(r.stderr).to.match(/memory of 4 pages exceeds --max-memory \(2 pages\)/);
    expect((await inProcess(['run', '--max-memory', '256KiB', file])).status).to.equal(0);
  });

  it('reports an invalid module with exit status 1', async () => {
    const file = path.join(tmp, 'junk.wasm');
    fs.writeFileSync(file, 'not wasm');
    const r = await inProcess(['run', file]);
    expect(r.status).to.equal(1);
    expect(r.stderr).to.match(/invalid module/);
  });

  it('unknown flags and unreadable files: one clear line, a usage hint, exit 2', () => {
    const unknown = zerowasm(['run', '--fast', 'x.wasm']);
    expect(unknown.status).to.equal(2);
    expect(unknown.stderr).to.equal("zerowasm: unknown option '--fast' for 'run'\nRun 'zerowasm run --help' for usage.\n");
    const missing = zerowasm(['run', path.join(tmp, 'absent.wasm')]);
    expect(missing.status).to.equal(2);
    expect(missing.stderr).to.match(/^zerowasm: cannot read '.*absent.wasm': no such file\nRun 'zerowasm run --help' for usage.\n$/);
    const dir = zerowasm(['inspect', tmp]);
    expect(dir.status).to.equal(2);
    expect(dir.stderr).to.match(/is a directory/);
    const badDir = zerowasm(['run', '--dir', path.join(tmp, 'nope'), BIN]); // BIN: any readable file
    expect(badDir.status).to.equal(2);
    expect(badDir.stderr).to.match(/^zerowasm: --dir: cannot open host directory '.*nope'\n/);
  });

  it('prints help for every command and exits 0', async () => {
    for (const argv of [['--help'], ['run', '--help'], ['compile', '--help'], ['inspect', '-h'], ['version', '--help']]) {
      const r = await inProcess(argv);
      expect(r.status, argv.join(' ')).to.equal(0);
      expect(r.stdout, argv.join(' ')).to.match(/^(zerowasm —|Usage: zerowasm)/);
    }
    const run = await inProcess(['run', '--help']);
    for (const opt of ['--dir', '--env', '--env-inherit', '--engine', '--timeout', '--max-memory', '--invoke']) {
      expect(run.stdout).to.contain(opt);
    }
  });

  it('compile and inspect say they are not available yet', async () => {
    const file = await wat('empty.wasm', '(module)');
    for (const cmd of ['compile', 'inspect']) {
      const r = await inProcess([cmd, file]);
      expect(r.status).to.equal(1);
      expect(r.stderr).to.equal(`zerowasm ${cmd}: not available yet in this build\n`);
    }
  });
});
