// The engine adapter interface: everything the WAST runner needs from a Wasm engine.
//
// An adapter owns its module/instance types and its `spectest` host module. Values cross the
// boundary as SpecValue (exact bits; see values.ts). Every method that can fail throws, and
// `classify` tells the runner what kind of failure the thrown value was.
import type { SpecValue } from './values.js';

export type ValidateResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** What kind of failure a thrown value represents. */
export type ErrorKind =
  | 'compile' // malformed or invalid module (decode/validate)
  | 'link' // an import is missing or does not match
  | 'trap' // a runtime trap (including one during instantiation)
  | 'exhaustion' // call stack exhausted
  | 'other'; // anything else: a bug in the engine or the adapter

export interface ClassifiedError {
  readonly kind: ErrorKind;
  readonly message: string;
}

/** Instances made by the runner, by the names the script gave them (`register`). */
export interface Registry<I> {
  /** The instance registered under `name` (an import module name), if any. */
  lookup(name: string): I | undefined;
}

export interface SpecEngine<M = unknown, I = unknown> {
  readonly name: string;
  /** Decode and validate only. */
  validate(bytes: Uint8Array): ValidateResult;
  /** Decode, validate and compile; throws a 'compile' error on bad bytes. */
  compile(bytes: Uint8Array): M;
  /**
   * Instantiates with every import module name resolved through the registry (which holds the
   * `spectest` instance and every `register`ed one). Throws a 'link' error for unresolvable imports and a 'trap' error when a start
   * function or segment initialisation traps.
   */
  instantiate(module: M, registry: Registry<I>): I;
  /**
   * A fresh `spectest` host instance (made once per script): print, print_i32, print_i64,
   * print_f32, print_f64, print_i32_f32, print_f64_f64 (no results), global_i32 = 666,
   * global_i64 = 666, global_f32 = 666.6, global_f64 = 666.6 (immutable), `table` 10..20 funcref,
   * `memory` 1..2 pages. The runner registers it under the name "spectest".
   */
  spectest(): I;
  /** Calls an exported function with exactly typed arguments; returns all results in order. */
  invoke(instance: I, field: string, args: readonly SpecValue[]): SpecValue[];
  /** Reads an exported global. */
  get(instance: I, field: string): SpecValue;
  classify(error: unknown): ClassifiedError;
  /**
   * When the engine runs `module` on something other than itself (e.g. the compiler falling
   * back to the interpreter for SIMD), the reason: every command on that module is then counted
   * as skipped with it, so an engine's pass count only covers code it really ran.
   */
  notRunHere?(module: M): string | undefined;
  /**
   * Does an engine's trap message satisfy the script's expected text (e.g. "integer divide by
   * zero")? Engines whose messages follow the reference interpreter compare prefixes; others map.
   */
  trapMatches(expected: string, actual: string): boolean;
}

/** A factory the registry uses; async so adapters may load native code or wasm tools. */
export type EngineFactory = () => Promise<SpecEngine>;
