// WAST script commands: the S-expressions of a .wast file turned into typed commands.
import { atomText, headOf, parseSExprs, type SExpr, type SList, utf8, WastSyntaxError } from './sexpr.js';
import { parseConst, parseExpected, type Expected, type SpecValue } from './values.js';

/** A module as written in the script; `text` is wabt input, `bytes` already binary. */
export type ModuleSource =
  | { readonly form: 'text'; readonly text: string }
  | { readonly form: 'binary'; readonly bytes: Uint8Array }
  | { readonly form: 'quote'; readonly text: string };

export interface ModuleDef {
  readonly name: string | undefined;
  readonly source: ModuleSource;
  readonly line: number;
}

export type Action =
  | { readonly kind: 'invoke'; readonly module: string | undefined; readonly field: string; readonly args: readonly SpecValue[]; readonly line: number }
  | { readonly kind: 'get'; readonly module: string | undefined; readonly field: string; readonly line: number };

export type Command =
  | { readonly kind: 'module'; readonly module: ModuleDef; readonly line: number }
  | { readonly kind: 'register'; readonly as: string; readonly module: string | undefined; readonly line: number }
  | { readonly kind: 'action'; readonly action: Action; readonly line: number }
  | { readonly kind: 'assert_return'; readonly action: Action; readonly expected: readonly Expected[]; readonly line: number }
  | { readonly kind: 'assert_trap'; readonly action: Action; readonly message: string; readonly line: number }
  | { readonly kind: 'assert_exhaustion'; readonly action: Action; readonly message: string; readonly line: number }
  | { readonly kind: 'assert_module_trap'; readonly module: ModuleDef; readonly message: string; readonly line: number }
  | { readonly kind: 'assert_invalid'; readonly module: ModuleDef; readonly message: string; readonly line: number }
  | { readonly kind: 'assert_malformed'; readonly module: ModuleDef; readonly message: string; readonly line: number }
  | { readonly kind: 'assert_unlinkable'; readonly module: ModuleDef; readonly message: string; readonly line: number }
  | { readonly kind: 'assert_uninstantiable'; readonly module: ModuleDef; readonly message: string; readonly line: number };

export type CommandKind = Command['kind'];

// Module fields that may appear at the top level of a script as an implicit `(module ...)`.
const moduleFields = new Set(['type', 'import', 'func', 'table', 'memory', 'global', 'export', 'start', 'elem', 'data']);

function fail(e: SExpr, msg: string): never {
  throw new WastSyntaxError(msg, e.line);
}

function stringOf(e: SExpr | undefined, what: string, at: SExpr): string {
  if (e?.kind !== 'string') fail(at, `expected ${what} string`);
  return utf8(e.bytes);
}

function optName(items: readonly SExpr[], i: number): string | undefined {
  const t = atomText(items[i]);
  return t !== undefined && t.startsWith('$') ? t : undefined;
}

function concatBytes(parts: readonly SExpr[], at: SExpr): Uint8Array {
  let len = 0;
  for (const p of parts) {
    if (p.kind !== 'string') fail(at, 'module binary/quote takes only strings');
    len += p.bytes.length;
  }
  const out = new Uint8Array(len);
  let o = 0;
  for (const p of parts) if (p.kind === 'string') { out.set(p.bytes, o); o += p.bytes.length; }
  return out;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

function parseModule(e: SList, src: string): ModuleDef {
  const name = optName(e.items, 1);
  const i = name === undefined ? 1 : 2;
  const kw = atomText(e.items[i]);
  if (kw === 'binary') return { name, source: { form: 'binary', bytes: concatBytes(e.items.slice(i + 1), e) }, line: e.line };
  if (kw === 'quote') {
    const text = latin1(concatBytes(e.items.slice(i + 1), e));
    // A quoted module is either a whole `(module ...)` or just its fields.
    const whole = /^\s*\(\s*module(?=[\s()]|$)/.test(text);
    return { name, source: { form: 'quote', text: whole ? text : `(module ${text})` }, line: e.line };
  }
  return { name, source: { form: 'text', text: src.slice(e.start, e.end) }, line: e.line };
}

function parseAction(e: SExpr): Action {
  if (e.kind !== 'list') fail(e, 'expected an action');
  const head = atomText(e.items[0]);
  const module = optName(e.items, 1);
  const i = module === undefined ? 1 : 2;
  const field = stringOf(e.items[i], 'export name', e);
  if (head === 'invoke') return { kind: 'invoke', module, field, args: e.items.slice(i + 1).map(parseConst), line: e.line };
  if (head === 'get') return { kind: 'get', module, field, line: e.line };
  fail(e, `unknown action '${head}'`);
}

function moduleArg(e: SList, src: string): ModuleDef {
  const m = e.items[1];
  if (m?.kind !== 'list' || headOf(m) !== 'module') fail(e, `${headOf(e)} expects a module`);
  return parseModule(m, src);
}

function message(e: SList): string {
  return stringOf(e.items[2], 'failure message', e);
}

function parseCommand(e: SList, src: string): Command {
  const head = headOf(e);
  const line = e.line;
  switch (head) {
    case 'module': return { kind: 'module', module: parseModule(e, src), line };
    case 'register': return { kind: 'register', as: stringOf(e.items[1], 'registration name', e), module: optName(e.items, 2), line };
    case 'invoke': case 'get': return { kind: 'action', action: parseAction(e), line };
    case 'assert_return':
      return { kind: 'assert_return', action: parseAction(e.items[1] ?? fail(e, 'missing action')), expected: e.items.slice(2).map(parseExpected), line };
    case 'assert_trap': {
      const target = e.items[1] ?? fail(e, 'missing action');
      if (headOf(target) === 'module') return { kind: 'assert_module_trap', module: moduleArg(e, src), message: message(e), line };
      return { kind: 'assert_trap', action: parseAction(target), message: message(e), line };
    }
    case 'assert_exhaustion':
      return { kind: 'assert_exhaustion', action: parseAction(e.items[1] ?? fail(e, 'missing action')), message: message(e), line };
    case 'assert_invalid': case 'assert_malformed': case 'assert_unlinkable': case 'assert_uninstantiable':
      return { kind: head, module: moduleArg(e, src), message: message(e), line };
    default:
      fail(e, `unknown command '${head ?? '(non-keyword)'}'`);
  }
}

/** Parses a whole .wast script. `src` is the file read as latin1 (one char per byte). */
export function parseScript(src: string): Command[] {
  const top = parseSExprs(src);
  // A script made only of module fields is one implicit module (see inline-module.wast).
  if (top.length > 0 && top.every((e) => moduleFields.has(headOf(e) ?? ''))) {
    const start = top[0]!.start;
    const end = top[top.length - 1]!.end;
    const text = `(module ${src.slice(start, end)})`;
    return [{ kind: 'module', module: { name: undefined, source: { form: 'text', text }, line: top[0]!.line }, line: top[0]!.line }];
  }
  return top.map((e) => parseCommand(e, src));
}
