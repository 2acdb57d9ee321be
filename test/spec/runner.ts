// Runs the commands of one script against an engine and tallies the outcome of each.
//
// Two modes:
//  - 'engine': every command runs (modules are compiled and instantiated, actions invoked).
//  - 'validation': only decode/validate-level checks run (assert_malformed on binary modules,
//    assert_invalid, and "this module must decode and validate" for every other module).
import type { ClassifiedError, ErrorKind, SpecEngine } from './engine.js';
import type { Action, Command, CommandKind, ModuleDef } from './script.js';
import { formatExpected, formatValue, valueMatches, type SpecValue } from './values.js';
import { moduleBytes } from './wat.js';

export type Mode = 'engine' | 'validation';

export interface Failure { readonly line: number; readonly command: CommandKind; readonly detail: string }
export interface Skip { readonly line: number; readonly reason: string; readonly detail: string }

export interface ScriptResult {
  passed: number;
  failed: number;
  readonly failures: Failure[];
  readonly skips: Skip[];
}

// Skip reasons (the grouping key in reports).
export const SKIP_TEXT_MALFORMED = 'text-format only: assert_malformed on a text module (wabt rejects it too)';
export const SKIP_TEXT_MALFORMED_WABT_ACCEPTS = 'text-format only: assert_malformed on a text module that wabt accepts';
export const SKIP_WABT_INVALID = 'text-format only: wabt cannot encode this invalid text module';

class Outcome extends Error {
  constructor(readonly detail: string) { super(detail); }
}
class Skipped extends Error {
  constructor(readonly reason: string, readonly detail: string) { super(reason); }
}

function check(cond: boolean, detail: () => string): void {
  if (!cond) throw new Outcome(detail());
}

export class ScriptRunner<M, I> {
  private current: I | undefined;
  private readonly named = new Map<string, I>();
  /** Instances whose module the engine runs elsewhere (see SpecEngine.notRunHere), with the reason. */
  private readonly notRunHere = new WeakMap<object, string>();
  private readonly registered = new Map<string, I>();
  readonly result: ScriptResult = { passed: 0, failed: 0, failures: [], skips: [] };

  /** `onCommand` is told the line of each command before it runs (a watchdog's progress). */
  constructor(private readonly engine: SpecEngine<M, I>, private readonly mode: Mode,
    private readonly onCommand?: (line: number) => void) {
    if (mode === 'engine') this.registered.set('spectest', engine.spectest());
  }

  run(commands: readonly Command[]): ScriptResult {
    for (const c of commands) this.step(c);
    return this.result;
  }

  private step(c: Command): void {
    this.onCommand?.(c.line);
    try {
      const counted = this.mode === 'validation' ? this.validationStep(c) : this.engineStep(c);
      if (counted) this.result.passed++;
    } catch (e) {
      if (e instanceof Skipped) {
        this.result.skips.push({ line: c.line, reason: e.reason, detail: e.detail });
      } else {
        this.result.failed++;
        const detail = e instanceof Outcome ? e.detail : `runner error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`;
        this.result.failures.push({ line: c.line, command: c.kind, detail });
      }
    }
  }

  /** Binary of a module; when wabt cannot encode it: a skip with `textFailureSkip` as reason if given, else a failure. */
  private bytes(def: ModuleDef, textFailureSkip?: string): Uint8Array {
    const r = moduleBytes(def.source);
    if (r.ok) return r.bytes;
    if (textFailureSkip !== undefined) throw new Skipped(textFailureSkip, r.message);
    throw new Outcome(`wabt cannot encode a module the test needs: ${r.message}`);
  }

  /**
   * A malformed text module tests the text parser, which is wabt's job here, not the engine's:
   * skipped, with whether wabt agrees noted in the reason.
   */
  private skipTextMalformed(def: ModuleDef, message: string): void {
    if (def.source.form === 'binary') return;
    const r = moduleBytes(def.source);
    if (r.ok) throw new Skipped(SKIP_TEXT_MALFORMED_WABT_ACCEPTS, `expected "${message}"`);
    throw new Skipped(SKIP_TEXT_MALFORMED, `expected "${message}", wabt: ${r.message}`);
  }

  // Returns whether the command was a counted check (true) or bookkeeping (false).
  private validationStep(c: Command): boolean {
    switch (c.kind) {
      case 'module': case 'assert_module_trap': case 'assert_unlinkable': case 'assert_uninstantiable': {
        const v = this.engine.validate(this.bytes(c.module));
        check(v.ok, () => `module should validate but: ${v.ok ? '' : v.message}`);
        return true;
      }
      case 'assert_invalid': case 'assert_malformed': {
        if (c.kind === 'assert_malformed') this.skipTextMalformed(c.module, c.message);
        const v = this.engine.validate(this.bytes(c.module, SKIP_WABT_INVALID));
        check(!v.ok, () => `module should be rejected ("${c.message}") but validated`);
        return true;
      }
      default:
        return false; // runtime commands are not part of validation-only mode
    }
  }

  private engineStep(c: Command): boolean {
    switch (c.kind) {
      case 'module': {
        if (c.module.name !== undefined) this.named.delete(c.module.name);
        this.current = undefined;
        const m = this.compile(c.module);
        const inst = this.instantiateCompiled(m, 'module');
        this.current = inst;
        if (c.module.name !== undefined) this.named.set(c.module.name, inst);
        const elsewhere = this.engine.notRunHere?.(m);
        if (elsewhere !== undefined) {
          this.notRunHere.set(inst as object, elsewhere);
          throw new Skipped(elsewhere, 'module');
        }
        return true;
      }
      case 'register':
        this.registered.set(c.as, this.instance(c.module));
        return false;
      case 'action':
        this.performExpectingSuccess(c.action);
        return true;
      case 'assert_return': {
        const got = this.performExpectingSuccess(c.action);
        check(got.length === c.expected.length && c.expected.every((e, i) => valueMatches(e, got[i]!)),
          () => `${describe(c.action)}: expected (${c.expected.map(formatExpected).join(', ')}) got (${got.map(formatValue).join(', ')})`);
        return true;
      }
      case 'assert_trap': case 'assert_exhaustion': {
        const want: ErrorKind = c.kind === 'assert_trap' ? 'trap' : 'exhaustion';
        const err = this.failureOf(() => this.perform(c.action));
        check(err !== undefined, () => `${describe(c.action)}: expected ${want} "${c.message}" but it returned`);
        this.expectKind(err!, want, c.message);
        return true;
      }
      case 'assert_invalid': case 'assert_malformed': {
        if (c.kind === 'assert_malformed') this.skipTextMalformed(c.module, c.message);
        const bytes = this.bytes(c.module, SKIP_WABT_INVALID);
        const err = this.failureOf(() => this.engine.compile(bytes));
        check(err !== undefined, () => `module should be rejected ("${c.message}") but compiled`);
        this.expectKind(err!, 'compile', c.message);
        return true;
      }
      case 'assert_unlinkable': case 'assert_uninstantiable': case 'assert_module_trap': {
        const want: ErrorKind = c.kind === 'assert_unlinkable' ? 'link' : 'trap';
        const m = this.compile(c.module);
        const elsewhere = this.engine.notRunHere?.(m);
        if (elsewhere !== undefined) throw new Skipped(elsewhere, c.kind);
        const err = this.failureOf(() => this.engine.instantiate(m, this.lookup));
        check(err !== undefined, () => `instantiation should fail with ${want} "${c.message}" but succeeded`);
        this.expectKind(err!, want, c.message);
        return true;
      }
    }
  }

  private readonly lookup = { lookup: (name: string): I | undefined => this.registered.get(name) };

  private compile(def: ModuleDef): M {
    const bytes = this.bytes(def);
    try {
      return this.engine.compile(bytes);
    } catch (e) {
      throw new Outcome(`module should compile but: ${this.describeError(e)}`);
    }
  }

  private instantiateCompiled(m: M, what: string): I {
    try {
      return this.engine.instantiate(m, this.lookup);
    } catch (e) {
      throw new Outcome(`${what} should instantiate but: ${this.describeError(e)}`);
    }
  }

  private instance(name: string | undefined): I {
    const inst = name === undefined ? this.current : this.named.get(name);
    if (inst === undefined) throw new Outcome(`no instance ${name ?? '(current)'}: an earlier module failed`);
    return inst;
  }

  private perform(a: Action): SpecValue[] {
    const inst = this.instance(a.module);
    const elsewhere = this.notRunHere.get(inst as object);
    if (elsewhere !== undefined) throw new Skipped(elsewhere, describe(a));
    return a.kind === 'invoke' ? this.engine.invoke(inst, a.field, a.args) : [this.engine.get(inst, a.field)];
  }

  private performExpectingSuccess(a: Action): SpecValue[] {
    try {
      return this.perform(a);
    } catch (e) {
      if (e instanceof Outcome || e instanceof Skipped) throw e;
      throw new Outcome(`${describe(a)} failed: ${this.describeError(e)}`);
    }
  }

  private failureOf(f: () => unknown): ClassifiedError | undefined {
    try {
      f();
      return undefined;
    } catch (e) {
      if (e instanceof Outcome || e instanceof Skipped) throw e;
      return this.engine.classify(e);
    }
  }

  private expectKind(err: ClassifiedError, want: ErrorKind, message: string): void {
    check(err.kind === want, () => `expected ${want} "${message}" but got ${err.kind}: ${err.message}`);
    if (want === 'trap') {
      check(this.engine.trapMatches(message, err.message), () => `expected trap "${message}" but got "${err.message}"`);
    }
  }

  private describeError(e: unknown): string {
    const c = this.engine.classify(e);
    return `${c.kind}: ${c.message}`;
  }
}

function describe(a: Action): string {
  if (a.kind === 'get') return `get "${a.field}"`;
  return `invoke "${a.field}"(${a.args.map(formatValue).join(', ')})`;
}
