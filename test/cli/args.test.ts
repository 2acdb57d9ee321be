// Argument parsing of the zerowasm command line, DURATION and SIZE values.
import { expect } from 'chai';
import { UsageError, parseCommandLine, parseDirMapping, type RunRequest } from '../../src/cli/args.js';
import { UnitError, parseDuration, parseSize } from '../../src/cli/units.js';

function run(...argv: string[]): RunRequest {
  const req = parseCommandLine(['run', ...argv]);
  if (req.kind !== 'run') throw new Error(`expected a run request, got ${req.kind}`);
  return req;
}

function usageError(argv: string[]): UsageError {
  try {
    parseCommandLine(argv);
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error(`no UsageError for ${argv.join(' ')}`);
}

describe('cli: arguments', () => {
  it('parses a full run command line', () => {
    const r = run('--dir', '/data:/d:ro', '--dir=.', '--env', 'A=1', '--env=B=x=y', '--env-inherit',
      '--engine', 'interpreter', '--timeout', '1.5s', '--max-memory', '64MiB', 'prog.wasm', '--', 'a', '--dir', '-x');
    expect(r.file).to.equal('prog.wasm');
    expect(r.programArgs).to.deep.equal(['a', '--dir', '-x']);
    expect(r.dirs).to.deep.equal([{ host: '/data', guest: '/d', readOnly: true }, { host: '.', guest: '.', readOnly: false }]);
    expect(r.env).to.deep.equal([['A', '1'], ['B', 'x=y']]);
    expect(r.envInherit).to.equal(true);
    expect(r.engine).to.equal('interpreter');
    expect(r.timeoutMs).to.equal(1500);
    expect(r.maxMemoryBytes).to.equal(64 * 1024 * 1024);
    expect(r.invoke).to.equal(undefined);
  });

  it('has defaults for everything optional', () => {
    const r = run('p.wasm');
    expect([r.engine, r.timeoutMs, r.maxMemoryBytes, r.envInherit, r.programArgs.length]).to.deep.equal(['auto', undefined, undefined, false, 0]);
  });

  it('takes --invoke NAME with arguments (negative numbers included) before FILE', () => {
    const r = run('--invoke', 'add', '1', '-2', '3.5', 'm.wasm');
    expect(r.invoke).to.deep.equal({ name: 'add', args: ['1', '-2', '3.5'] });
    expect(r.file).to.equal('m.wasm');
    expect(run('--invoke=f', 'm.wasm').invoke).to.deep.equal({ name: 'f', args: [] });
    expect(run('--invoke', 'f', '-inf', '-nan', '-.5', '-0x10', 'm.wasm').invoke!.args).to.deep.equal(['-inf', '-nan', '-.5', '-0x10']);
    expect(() => run('--invoke', 'f', '-infx', 'm.wasm')).to.throw(UsageError, "unknown option '-infx'");
  });

  it('parses --dir mappings', () => {
    expect(parseDirMapping('host')).to.deep.equal({ host: 'host', guest: 'host', readOnly: false });
    expect(parseDirMapping('host:ro')).to.deep.equal({ host: 'host', guest: 'host', readOnly: true });
    expect(parseDirMapping('h:/g')).to.deep.equal({ host: 'h', guest: '/g', readOnly: false });
    expect(() => parseDirMapping('a:b:c')).to.throw(UsageError, /HOST\[:GUEST\]\[:ro\]/);
    expect(() => parseDirMapping(':g')).to.throw(UsageError);
  });

  it('recognises help, version and compile/inspect', () => {
    expect(parseCommandLine(['--help'])).to.deep.equal({ kind: 'help', command: '' });
    expect(parseCommandLine(['help', 'run'])).to.deep.equal({ kind: 'help', command: 'run' });
    expect(parseCommandLine(['run', '--help'])).to.deep.equal({ kind: 'help', command: 'run' });
    expect(parseCommandLine(['compile', '-h'])).to.deep.equal({ kind: 'help', command: 'compile' });
    expect(parseCommandLine(['inspect', '--help'])).to.deep.equal({ kind: 'help', command: 'inspect' });
    expect(parseCommandLine(['version'])).to.deep.equal({ kind: 'version' });
    expect(parseCommandLine(['--version'])).to.deep.equal({ kind: 'version' });
    expect(parseCommandLine(['compile', '--engine', 'compiler', 'x.wasm'])).to.deep.equal({ kind: 'compile', file: 'x.wasm', engine: 'compiler' });
    expect(parseCommandLine(['inspect', 'x.wasm'])).to.deep.equal({ kind: 'inspect', file: 'x.wasm', engine: 'auto' });
  });

  it('names the problem in every usage error', () => {
    const cases: [string[], string, RegExp][] = [
      [[], '', /missing command/],
      [['frobnicate'], '', /unknown command 'frobnicate'/],
      [['--frob'], '', /unknown option '--frob'/],
      [['run', '--frob', 'x.wasm'], 'run', /unknown option '--frob' for 'run'/],
      [['run'], 'run', /missing FILE.wasm/],
      [['run', 'a.wasm', 'b'], 'run', /unexpected argument 'b' \(program arguments go after --\)/],
      [['run', '--dir'], 'run', /'--dir' needs a value/],
      [['run', '--env', 'NOVALUE', 'x.wasm'], 'run', /invalid --env 'NOVALUE'/],
      [['run', '--engine', 'turbo', 'x.wasm'], 'run', /invalid --engine 'turbo'/],
      [['run', '--timeout', '5 parsecs', 'x.wasm'], 'run', /--timeout: invalid duration/],
      [['run', '--max-memory', '8GiB', 'x.wasm'], 'run', /--max-memory: .*exceeds 4GiB/],
      [['run', '--engine', 'auto', '--engine', 'auto', 'x.wasm'], 'run', /given more than once/],
      [['run', '--env-inherit=1', 'x.wasm'], 'run', /takes no value/],
      [['run', '--invoke', 'f', 'x.wasm', '--', 'a'], 'run', /cannot be combined with --invoke/],
      [['compile'], 'compile', /missing FILE.wasm/],
      [['inspect', 'a', 'b'], 'inspect', /unexpected argument 'b'/],
      [['version', 'x'], 'version', /takes no arguments/],
    ];
    for (const [argv, command, message] of cases) {
      const e = usageError(argv);
      expect(e.message, argv.join(' ')).to.match(message);
      expect(e.command, argv.join(' ')).to.equal(command);
    }
  });
});

describe('cli: DURATION and SIZE', () => {
  it('parses durations in ms, s, m, h (bare numbers are seconds)', () => {
    expect(parseDuration('500ms')).to.equal(500);
    expect(parseDuration('1s')).to.equal(1000);
    expect(parseDuration('1.5s')).to.equal(1500);
    expect(parseDuration('2m')).to.equal(120_000);
    expect(parseDuration('1h')).to.equal(3_600_000);
    expect(parseDuration('3')).to.equal(3000);
    for (const bad of ['', 's', '1d', '-1s', '0s', '1 2s']) expect(() => parseDuration(bad), bad).to.throw(UnitError);
  });

  it('parses sizes in bytes, binary units and pages', () => {
    expect(parseSize('4096')).to.equal(4096);
    expect(parseSize('64KiB')).to.equal(65536);
    expect(parseSize('64k')).to.equal(65536);
    expect(parseSize('16MiB')).to.equal(16 * 1024 ** 2);
    expect(parseSize('1GiB')).to.equal(1024 ** 3);
    expect(parseSize('4GiB')).to.equal(4 * 1024 ** 3);
    expect(parseSize('256p')).to.equal(256 * 65536);
    expect(parseSize('2pages')).to.equal(131072);
    for (const bad of ['', 'MiB', '-1', '1TiB', '5GiB', '1.2.3']) expect(() => parseSize(bad), bad).to.throw(UnitError);
  });
});
