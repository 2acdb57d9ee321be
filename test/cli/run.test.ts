// End to end: `bin/zerowasm.js` as a user runs it, on C programs compiled at test time and on
// small WAT modules, on zerowasm's own engines.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import wabtInit from 'wabt';
import { REPO_ROOT, buildProgram, clangUnavailable } from '../wasi/build-programs.js';
import { main } from '../../src/cli/main.js';
import { compilerAvailability } from '../../src/engine/compiler/native.js';

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
      fs.writeFileSync(file, wabt.parseWat(name, text).toBinary({ write_debug_names: true }).buffer);
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

    for (const docName of ['README.md', 'docs/wasi.md']) {
      it(`the WASI example in ${docName} works as written`, () => {
        const doc = fs.readFileSync(path.join(REPO_ROOT, docName), 'utf8');
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
    }

    for (const engine of ['interpreter', 'auto']) {
      it(`--timeout 1s stops a C program stuck in a loop on engine '${engine}' and reports it`, () => {
        const started = Date.now();
        const r = zerowasm(['run', '--engine', engine, '--timeout', '1s', buildProgram('spin')]);
        expect([r.status, r.stdout, r.stderr]).to.deep.equal([124, 'spinning\n', `zerowasm: ${buildProgram('spin')}: timed out after 1000ms\n`]);
        expect(Date.now() - started).to.be.within(1000, 20_000);
      });
    }

    it('--timeout also ends a program sleeping in poll_oneoff, on every engine', () => {
      for (const engine of ['interpreter', 'auto']) {
        const started = Date.now();
        const r = zerowasm(['run', '--engine', engine, '--timeout', '500ms', buildProgram('sleepy')]);
        expect([r.status, r.stdout], engine).to.deep.equal([124, 'sleeping\n']);
        expect(Date.now() - started, engine).to.be.lessThan(20_000);
      }
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

  it('--timeout stops an endless loop on the interpreter, called by --invoke too', async () => {
    const file = await wat('spin2.wasm', `(module (func $spin (export "spin") (param i32) (result i32)
      (loop (br 0)) (local.get 0)))`);
    const r = await inProcess(['run', '--engine', 'interpreter', '--timeout', '200ms', '--invoke', 'spin', '1', file]);
    expect(r).to.deep.equal({ stdout: '', stderr: `zerowasm: ${file}: timed out after 200ms\n`, status: 124 });
  });

  it('--max-memory refuses a module whose memory is larger, and caps memory.grow', async () => {
    const file = await wat('mem.wasm', '(module (memory (export "memory") 4) (func (export "_start")))');
    const r = await inProcess(['run', '--max-memory', '2p', file]);
    expect(r.status).to.equal(1);
    expect(r.stderr).to.equal(`zerowasm: ${file}: cannot instantiate: memory 0 needs 4 pages at the start, `
      + 'more than the runtime memory limit of 2 pages\n');
    expect((await inProcess(['run', '--max-memory', '256KiB', file])).status).to.equal(0);
    const grower = await wat('grow.wasm', `(module (memory (export "memory") 1)
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`);
    expect((await inProcess(['run', '--max-memory', '3p', '--invoke', 'grow', '2', grower])).stdout).to.equal('1\n');
    expect((await inProcess(['run', '--max-memory', '3p', '--invoke', 'grow', '3', grower])).stdout).to.equal('-1\n');
    expect((await inProcess(['run', '--invoke', 'grow', '3', grower])).stdout).to.equal('1\n');
  });

  it('a trap prints its message and the Wasm stack with names, exit 134', async () => {
    const file = await wat('trap.wasm', `(module (memory (export "memory") 1)
      (func $inner (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
      (func $outer (result i32) (call $inner (i32.const 0)))
      (func (export "_start") (drop (call $outer))))`);
    const r = await inProcess(['run', file]);
    expect(r.status).to.equal(134);
    expect(r.stderr).to.equal(`zerowasm: ${file}: trap: integer divide by zero\n`
      + '    at inner (wasm-function[0])\n    at outer (wasm-function[1])\n    at _start (wasm-function[2])\n');
  });

  it('--invoke parses arguments by parameter type and formats results', async () => {
    const file = await wat('types.wasm', `(module
      (func (export "id64") (param i64) (result i64) (local.get 0))
      (func (export "f32") (param f32) (result f32) (local.get 0))
      (func (export "f64") (param f64) (result f64) (f64.mul (local.get 0) (f64.const 2)))
      (func (export "u32") (param i32) (result i32) (local.get 0)))`);
    const out = async (...argv: string[]): Promise<string> => (await inProcess(['run', '--invoke', ...argv, file])).stdout;
    expect(await out('id64', '0xffffffffffffffff')).to.equal('-1\n');
    expect(await out('id64', '-9223372036854775808')).to.equal('-9223372036854775808\n');
    expect(await out('f32', '0.1')).to.equal(`${Math.fround(0.1)}\n`);
    expect(await out('f64', '0x1.8p1')).to.equal('6\n');
    expect(await out('f64', 'nan')).to.equal('nan\n');
    expect(await out('f64', '-inf')).to.equal('-inf\n');
    expect(await out('u32', '0xffffffff')).to.equal('-1\n');
    const wrongCount = await inProcess(['run', '--invoke', 'u32', file]);
    expect([wrongCount.status, wrongCount.stderr]).to.deep.equal([1, `zerowasm: ${file}: 'u32' takes 1 argument (i32), got 0\n`]);
    const bad = await inProcess(['run', '--invoke', 'u32', '1.5', file]);
    expect(bad.stderr).to.equal(`zerowasm: ${file}: --invoke argument '1.5' is not a valid i32: expected a decimal or 0x-hex integer\n`);
    const range = await inProcess(['run', '--invoke', 'u32', '4294967296', file]);
    expect(range.stderr).to.match(/not a valid i32: out of range for 32 bits/);
  });

  it('on the compiler engine: --invoke, a named trap stack and --timeout on an endless loop', async function () {
    const file = await wat('compiled.wasm', `(module
      (func $spin (export "spin") (param i32) (result i32) (loop (br 0)) (local.get 0))
      (func $inner (export "div") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
      (func (export "add64") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1))))`);
    const probe = await inProcess(['run', '--engine', 'compiler', '--invoke', 'add64', '0x7fffffffffffffff', '1', file]);
    if (probe.status === 1 && /compiler engine is not available/.test(probe.stderr)) {
      console.log(`    skipped: ${probe.stderr.trim()}`);
      this.skip();
    }
    expect(probe).to.deep.equal({ stdout: '-9223372036854775808\n', stderr: '', status: 0 });
    const trap = await inProcess(['run', '--engine', 'compiler', '--invoke', 'div', '0', file]);
    expect([trap.status, trap.stderr]).to.deep.equal([134, `zerowasm: ${file}: trap: integer divide by zero\n    at inner (wasm-function[1])\n`]);
    const started = Date.now();
    const spin = await inProcess(['run', '--engine', 'compiler', '--timeout', '300ms', '--invoke', 'spin', '1', file]);
    expect(spin).to.deep.equal({ stdout: '', stderr: `zerowasm: ${file}: timed out after 300ms\n`, status: 124 });
    expect(Date.now() - started).to.be.lessThan(10_000);
  });

  it('--engine compiler is refused with the reason when the compiler is not available', async function () {
    const file = await wat('nop.wasm', '(module (memory (export "memory") 1) (func (export "_start")))');
    const r = await inProcess(['run', '--engine', 'compiler', file]);
    if (r.status === 0) {
      console.log('    skipped: the compiler engine is available in this build');
      this.skip();
    }
    expect(r.status).to.equal(1);
    expect(r.stderr).to.match(/compiler engine is not available/);
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

  it('inspect lists imports, exports, sections and counts', async () => {
    const file = await wat('inspect.wasm', `(module
      (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
      (memory (export "memory") 1 4)
      (global (export "g") (mut i64) (i64.const 0))
      (func (export "_start")))`);
    const r = await inProcess(['inspect', file]);
    expect(r.status, r.stderr).to.equal(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).to.match(/^.*inspect\.wasm: \d+ bytes$/);
    expect(r.stdout).to.contain('imports (1):\n  func  wasi_snapshot_preview1.fd_write  [i32 i32 i32 i32] -> [i32]\n');
    expect(r.stdout).to.match(/exports \(3\):\n  memory\s+memory\s+pages min 1 max 4\n  global\s+g\s+mut i64\n  func\s+_start\s+\[\] -> \[\]\n/);
    expect(r.stdout).to.match(/\n  type\s+offset 0xa\s+\d+ bytes\n/);
    expect(r.stdout).to.match(/\n  custom "name"\s+offset 0x[0-9a-f]+\s+\d+ bytes\n/);
    expect(r.stdout).to.contain('functions: 1 defined, 1 imported; memories: 1; tables: 0; globals: 1');
    // Section sizes add up to the file: 8 header bytes plus each section's id, size field and contents.
    const bytes = fs.readFileSync(file);
    expect(bytes.length).to.be.greaterThan(8);
  });

  it('compile reports validation problems with the byte offset, and time and size otherwise', async () => {
    const good = await wat('good.wasm', '(module (func (export "f") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))');
    const r = await inProcess(['compile', '--engine', 'interpreter', good]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/good\.wasm: valid, \d+ bytes, 1 functions \(\+0 imported\)\n  decode \+ validate: [\d.]+ ms\n/);
    expect(r.stdout).to.match(/  interpreter: 1 functions prepared in [\d.]+ ms, \d+ instructions/);
    const bad = path.join(tmp, 'bad.wasm');
    // A function returning i32 whose body is empty: type mismatch in the code section.
    fs.writeFileSync(bad, Buffer.from('0061736d01000000010501600001 7f030201000a040102000b'.replace(/ /g, ''), 'hex'));
    const auto = await inProcess(['compile', good]);
    expect(auto.status, auto.stderr).to.equal(0);
    expect(auto.stdout).to.match(/\n  (interpreter: 1 functions prepared|compiler: compiled) in [\d.]+ ms/);
    const b = await inProcess(['compile', bad]);
    expect(b.status).to.equal(1);
    expect(b.stderr).to.match(/^zerowasm: .*bad\.wasm: invalid module: .*\(at byte offset 0x[0-9a-f]+\)\n$/);
    const i = await inProcess(['inspect', bad]);
    expect(i.status).to.equal(1);
  });

  it('compile shows progress on a terminal (after a delay) and never into a pipe', async () => {
    const funcs = Array.from({ length: 200 }, (_, k) => `(func (param i32) (result i32) (i32.add (local.get 0) (i32.const ${k})))`);
    const file = await wat('many.wasm', `(module ${funcs.join('\n')})`);
    const compile = async (sink: { isTTY: boolean; afterMs?: number }): Promise<string[]> => {
      const writes: string[] = [];
      let stdout = '';
      const status = await main(['compile', '--engine', 'interpreter', file], { out: (t) => { stdout += t; }, err: () => undefined },
        { ...sink, write: (t) => { writes.push(t); } });
      expect(status).to.equal(0);
      expect(stdout).to.contain('200 functions prepared');
      return writes;
    };
    const tty = await compile({ isTTY: true, afterMs: 0 });
    expect(tty.length).to.be.greaterThan(1);
    for (const w of tty.slice(0, -1)) expect(w).to.match(/^\rcompiling:( \d+\/200 functions \(\d+%\),)? \d+\.\ds$/);
    expect(tty[tty.length - 2], 'the last line has the final count').to.match(/ 200\/200 functions \(100%\)/);
    expect(tty[tty.length - 1], 'the progress line is cleared at the end').to.equal('\r\x1b[K');
    expect(await compile({ isTTY: true }), 'a quick compile shows nothing').to.deep.equal([]);
    expect(await compile({ isTTY: false, afterMs: 0 })).to.deep.equal([]);
    // Errors cross the worker boundary as the same one-line report.
    const bad = path.join(tmp, 'bad-tty.wasm');
    fs.writeFileSync(bad, Buffer.from('0061736d0100000001', 'hex'));
    let stderr = '';
    const status = await main(['compile', bad], { out: () => undefined, err: (t) => { stderr += t; } }, { isTTY: true, write: () => undefined });
    expect(status).to.equal(1);
    expect(stderr).to.match(/^zerowasm: .*bad-tty\.wasm: invalid module: .*\(at byte offset 0x[0-9a-f]+\)\n$/);
  });

  it('run shows the compiler\'s progress on a terminal and erases it before the program runs', async function () {
    const available = compilerAvailability();
    if (!available.ok) {
      console.log(`    skipped: the compiler engine is not available here (${available.reason})`);
      this.skip();
    }
    const funcs = Array.from({ length: 200 }, (_, k) => `(func (param i32) (result i32) (i32.add (local.get 0) (i32.const ${k})))`);
    const file = await wat('many-run.wasm', `(module ${funcs.join('\n')} (func (export "f") (result i32) (i32.const 7)))`);
    const run = async (sink: { isTTY: boolean; afterMs?: number }): Promise<string[]> => {
      const order: string[] = [];
      const status = await main(['run', '--engine', 'compiler', '--invoke', 'f', file], { out: (t) => { order.push(`out:${t}`); }, err: (t) => { order.push(`err:${t}`); } },
        { ...sink, write: (t) => { order.push(t); } });
      expect(status, order.join('')).to.equal(0);
      return order;
    };
    const tty = await run({ isTTY: true, afterMs: 0 });
    expect(tty[tty.length - 1], 'the result comes after the progress').to.equal('out:7\n');
    const lines = tty.slice(0, -1);
    expect(lines.length).to.be.greaterThan(1);
    for (const w of lines.slice(0, -1)) expect(w).to.match(/^\rcompiling: \d+\/201 functions \(\d+%\), \d+\.\ds$/);
    expect(lines[lines.length - 1], 'the progress line is erased').to.equal('\r\x1b[K');
    expect(await run({ isTTY: true }), 'a quick compile shows nothing').to.deep.equal(['out:7\n']);
    expect(await run({ isTTY: false, afterMs: 0 }), 'nothing into a pipe').to.deep.equal(['out:7\n']);
  });
});
