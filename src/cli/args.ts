// Command-line parsing: a table of options per command drives one generic tokenizer, then each
// command's values are checked and shaped into a typed request. Problems are UsageErrors, which
// main turns into one line plus a usage hint and exit status 2.
import { UnitError, parseDuration, parseSize } from './units.js';

export class UsageError extends Error {
  /** The command whose usage to point at ('' = top level). */
  readonly command: string;
  constructor(command: string, message: string) {
    super(message);
    this.command = command;
  }
}

interface OptionSpec {
  readonly takesValue: boolean;
  readonly repeatable: boolean;
}

type OptionTable = Readonly<Record<string, OptionSpec>>;

const flag: OptionSpec = { takesValue: false, repeatable: false };
const single: OptionSpec = { takesValue: true, repeatable: false };
const many: OptionSpec = { takesValue: true, repeatable: true };

export const COMMAND_OPTIONS: Readonly<Record<string, OptionTable>> = {
  run: {
    '--dir': many, '--env': many, '--env-inherit': flag, '--engine': single, '--timeout': single,
    '--max-memory': single, '--invoke': single, '--help': flag,
  },
  compile: { '--engine': single, '--help': flag },
  inspect: { '--help': flag },
  version: { '--help': flag },
};

export const ENGINE_CHOICES = ['auto', 'compiler', 'interpreter'] as const;
export type EngineChoice = (typeof ENGINE_CHOICES)[number];

interface Tokens {
  readonly options: Map<string, string[]>;
  readonly positionals: string[];
  /** Everything after a bare `--`, or undefined when there was none. */
  readonly rest: string[] | undefined;
}

/** A token like -5, -1.5, -.5, -inf or -nan is a (negative number) argument, not an option. */
function isOptionLike(token: string): boolean {
  return token.startsWith('-') && token !== '-' && !/^-(\d|\.\d|inf$|infinity$|nan$)/i.test(token);
}

function tokenize(command: string, argv: readonly string[]): Tokens {
  const table = COMMAND_OPTIONS[command]!;
  const options = new Map<string, string[]>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') return { options, positionals, rest: argv.slice(i + 1) };
    if (!isOptionLike(token)) {
      positionals.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    let name = eq >= 0 ? token.slice(0, eq) : token;
    if (name === '-h') name = '--help';
    const spec = table[name];
    if (spec === undefined) throw new UsageError(command, `unknown option '${name}' for '${command}'`);
    let value = '';
    if (spec.takesValue) {
      if (eq >= 0) value = token.slice(eq + 1);
      else if (i + 1 < argv.length) value = argv[++i]!;
      else throw new UsageError(command, `option '${name}' needs a value`);
    } else if (eq >= 0) {
      throw new UsageError(command, `option '${name}' takes no value`);
    }
    const seen = options.get(name);
    if (seen !== undefined && !spec.repeatable) throw new UsageError(command, `option '${name}' given more than once`);
    options.set(name, [...(seen ?? []), value]);
  }
  return { options, positionals, rest: undefined };
}

export interface DirMapping {
  readonly host: string;
  readonly guest: string;
  readonly readOnly: boolean;
}

export interface RunRequest {
  readonly kind: 'run';
  readonly file: string;
  readonly programArgs: readonly string[];
  readonly dirs: readonly DirMapping[];
  readonly env: readonly (readonly [string, string])[];
  readonly envInherit: boolean;
  readonly engine: EngineChoice;
  readonly timeoutMs: number | undefined;
  readonly maxMemoryBytes: number | undefined;
  readonly invoke: { readonly name: string; readonly args: readonly string[] } | undefined;
}

export interface FileRequest {
  readonly kind: 'compile' | 'inspect';
  readonly file: string;
  readonly engine: EngineChoice;
}

export type Request =
  | RunRequest | FileRequest | { readonly kind: 'version' } | { readonly kind: 'help'; readonly command: string };

/** HOST[:GUEST][:ro] — GUEST defaults to HOST. */
export function parseDirMapping(text: string): DirMapping {
  const parts = text.split(':');
  let readOnly = false;
  if (parts.length > 1 && parts[parts.length - 1] === 'ro') {
    readOnly = true;
    parts.pop();
  }
  if (parts.length > 2 || parts.some((p) => p === '')) {
    throw new UsageError('run', `invalid --dir '${text}' (expected HOST[:GUEST][:ro])`);
  }
  return { host: parts[0]!, guest: parts[1] ?? parts[0]!, readOnly };
}

function parseEnv(text: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError('run', `invalid --env '${text}' (expected NAME=VALUE)`);
  return [text.slice(0, eq), text.slice(eq + 1)];
}

function parseEngine(command: string, value: string | undefined): EngineChoice {
  if (value === undefined) return 'auto';
  if (!(ENGINE_CHOICES as readonly string[]).includes(value)) {
    throw new UsageError(command, `invalid --engine '${value}' (choose ${ENGINE_CHOICES.join(', ')})`);
  }
  return value as EngineChoice;
}

function unit<T>(command: string, option: string, value: string | undefined, parse: (s: string) => T): T | undefined {
  if (value === undefined) return undefined;
  try {
    return parse(value);
  } catch (e) {
    if (e instanceof UnitError) throw new UsageError(command, `${option}: ${e.message}`);
    throw e;
  }
}

function parseRun(t: Tokens): RunRequest {
  const one = (name: string): string | undefined => t.options.get(name)?.[0];
  const invokeName = one('--invoke');
  // FILE is the last positional before `--`; with --invoke the ones before it are its ARGS.
  const positionals = t.positionals;
  if (positionals.length === 0) throw new UsageError('run', 'missing FILE.wasm');
  if (invokeName === undefined && positionals.length > 1) {
    throw new UsageError('run', `unexpected argument '${positionals[1]}' (program arguments go after --)`);
  }
  const file = positionals[positionals.length - 1]!;
  if (invokeName !== undefined && invokeName === '') throw new UsageError('run', '--invoke needs a function name');
  if (invokeName !== undefined && t.rest !== undefined && t.rest.length > 0) {
    throw new UsageError('run', 'program arguments after -- cannot be combined with --invoke');
  }
  return {
    kind: 'run',
    file,
    programArgs: t.rest ?? [],
    dirs: (t.options.get('--dir') ?? []).map(parseDirMapping),
    env: (t.options.get('--env') ?? []).map(parseEnv),
    envInherit: t.options.has('--env-inherit'),
    engine: parseEngine('run', one('--engine')),
    timeoutMs: unit('run', '--timeout', one('--timeout'), parseDuration),
    maxMemoryBytes: unit('run', '--max-memory', one('--max-memory'), parseSize),
    invoke: invokeName === undefined ? undefined : { name: invokeName, args: positionals.slice(0, -1) },
  };
}

function parseFileCommand(kind: 'compile' | 'inspect', t: Tokens): FileRequest {
  if (t.rest !== undefined) throw new UsageError(kind, `'${kind}' takes no arguments after --`);
  if (t.positionals.length === 0) throw new UsageError(kind, 'missing FILE.wasm');
  if (t.positionals.length > 1) throw new UsageError(kind, `unexpected argument '${t.positionals[1]}'`);
  return { kind, file: t.positionals[0]!, engine: parseEngine(kind, t.options.get('--engine')?.[0]) };
}

/** Parses the whole command line (without node and script). */
export function parseCommandLine(argv: readonly string[]): Request {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError('', 'missing command');
  if (command === '--help' || command === '-h' || command === 'help') {
    return { kind: 'help', command: rest[0] !== undefined && rest[0] in COMMAND_OPTIONS ? rest[0] : '' };
  }
  if (command === '--version') return { kind: 'version' };
  if (!(command in COMMAND_OPTIONS)) {
    throw new UsageError('', command.startsWith('-') ? `unknown option '${command}'` : `unknown command '${command}'`);
  }
  const t = tokenize(command, rest);
  if (t.options.has('--help')) return { kind: 'help', command };
  switch (command) {
    case 'run': return parseRun(t);
    case 'compile': return parseFileCommand('compile', t);
    case 'inspect': return parseFileCommand('inspect', t);
    default:
      if (t.positionals.length > 0 || t.rest !== undefined) {
        throw new UsageError(command, `'${command}' takes no arguments`);
      }
      return { kind: 'version' };
  }
}
