// The optimization pipeline: one entry point, `optimizeFunction(fn, options)`.
// With `verify` every pass is followed by the verifier; with `debug` (or ZEROWASM_DEBUG
// containing "ir") the IR is printed to stderr after every pass. ZEROWASM_DEBUG containing
// "verify" turns verification on.
import { IrFunction } from './function.js';
import { eliminateRedundantParams } from './passes/block-params.js';
import { simplifyCfg } from './passes/cfg-simplify.js';
import { foldConstants } from './passes/const-fold.js';
import { eliminateDeadCode } from './passes/dce.js';
import { layoutBlocks } from './passes/layout.js';
import { printFunction } from './printer.js';
import { assertValid } from './verifier.js';
import type { VerifyContext } from './verifier.js';

export interface OptimizeOptions {
  /** Run the verifier after every pass (throws on the first failure). */
  readonly verify?: boolean;
  /** Print the IR after every pass to stderr (or to `log`). */
  readonly debug?: boolean;
  readonly log?: (text: string) => void;
  /** 0: only the cleanup needed for a well-formed layout; 1 (default): all passes. */
  readonly level?: 0 | 1;
  /** Module facts for the verifier (call signatures, global and table types). */
  readonly context?: VerifyContext;
}

export interface Pass {
  readonly name: string;
  readonly run: (fn: IrFunction) => boolean;
}

export const passes = {
  cfg: { name: 'cfg-simplify', run: simplifyCfg },
  params: { name: 'block-params', run: eliminateRedundantParams },
  fold: { name: 'const-fold', run: foldConstants },
  dce: { name: 'dce', run: eliminateDeadCode },
  layout: { name: 'layout', run: layoutBlocks },
} satisfies Record<string, Pass>;

// Order: CFG cleanup first (the frontend leaves many jump-only blocks), folding (which turns
// constant branches into jumps), CFG cleanup again, then parameters (trivial ones left by SSA
// construction and by merges), DCE, and layout last. Measured: a second parameter pass or a
// third CFG pass changed little on real code at a noticeable compile-time cost.
const pipeline: readonly Pass[] = [
  passes.cfg, passes.fold, passes.cfg, passes.params, passes.dce, passes.layout,
];
const minimal: readonly Pass[] = [passes.cfg, passes.layout];

const envDebug = typeof process !== 'undefined' ? process.env['ZEROWASM_DEBUG'] ?? '' : '';
const envIr = /\bir\b/.test(envDebug);
const envVerify = /\bverify\b/.test(envDebug);

export function optimizeFunction(fn: IrFunction, options: OptimizeOptions = {}): IrFunction {
  const verify = options.verify ?? envVerify;
  const debug = options.debug ?? envIr;
  const log = options.log ?? ((t: string) => process.stderr.write(t));
  if (verify) assertValid(fn, 'frontend', options.context);
  if (debug) log(`;; ${fn.name || `f${fn.funcIndex}`} after frontend\n${printFunction(fn)}`);
  for (const pass of options.level === 0 ? minimal : pipeline) {
    pass.run(fn);
    if (verify) assertValid(fn, pass.name, options.context);
    if (debug) log(`;; after ${pass.name}\n${printFunction(fn)}`);
  }
  return fn;
}
