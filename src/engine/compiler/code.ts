// Compiles every function of a module with the amd64 backend and links them, with one helper
// stub per helper and one entry trampoline per signature, into one executable code image.
import { Amd64Compiler } from '../../backend/amd64/compile.js';
import { RelocKind } from '../../backend/amd64/abi.js';
import { entryTrampoline, helperStub, slotCount } from '../../backend/amd64/trampolines.js';
import { linkImage, SymbolKind, type LinkedImage, type Piece } from '../../backend/link.js';
import { moduleContextOf } from '../../backend/module-context.js';
import { FunctionLowerer } from '../../frontend/lower.js';
import { functionNames } from '../../runtime/names.js';
import { printFunction } from '../../ssa/printer.js';
import { optimizeFunction, passes, type Pass } from '../../ssa/pipeline.js';
import { assertValid, verifyFunction } from '../../ssa/verifier.js';
import type { IrFunction } from '../../ssa/function.js';
import type { ModuleContext } from '../../backend/module-context.js';
import type { CompiledFunction } from '../../backend/amd64/compile.js';
import { funcTypeToString, type FuncType } from '../../wasm/types.js';
import type { WasmModule } from '../../wasm/module.js';
import type { CodeHandle } from '../native/addon-types.js';
import { dumpFunction } from './debug.js';
import { registerImage } from './frames.js';
import { HELPER_COUNT } from './helpers.js';
import { nativeEnv } from './native.js';
import { checkSlotCount } from './refs.js';
import { SimdUnsupportedError } from '../../backend/unsupported.js';

export interface CodeOptions {
  /** Print each function's IR and disassembly to stderr. */
  readonly dumpAsm?: boolean;
  /** Print each function's IR right after the backend's own disassembly (ZEROWASM_DEBUG=asm). */
  readonly irAfterBackendDump?: boolean;
  /** Called after each function with the count compiled so far and the total (the callee throttles). */
  readonly progress?: (done: number, total: number) => void;
}

/** A module's linked machine code in executable memory. */
export interface ModuleCode {
  readonly image: LinkedImage;
  readonly handle: CodeHandle;
  /** Address of the image's first byte. */
  readonly base: number;
  /** Image offset of each defined function (index = function index − imported functions). */
  readonly funcOffsets: Int32Array;
  /** Image offset of the entry trampoline for each defined function's signature. */
  readonly entryOffsets: Int32Array;
  /** Function indices compiled with the reduced pipeline (see compileFunction). */
  readonly retried: readonly number[];
}

const HELPER_NAMES = ['memory.grow', 'memory.copy', 'memory.fill', 'memory.init', 'data.drop',
  'table.grow', 'table.fill', 'table.copy', 'table.init', 'elem.drop'];

/** The slot an entry trampoline reads the callee's address from. */
export function calleeSlotOf(type: FuncType): number {
  return Math.max(slotCount(type.params), slotCount(type.results));
}

let compiler: Amd64Compiler | undefined;
let lowerer: FunctionLowerer | undefined;

export function compileModuleCode(module: WasmModule, options: CodeOptions = {}): ModuleCode {
  compiler ??= new Amd64Compiler();
  lowerer ??= new FunctionLowerer();
  const mc = moduleContextOf(module);
  const names = functionNames(module);
  const nImp = module.numImportedFuncs;
  const nDefined = module.code.length;
  const helperBase = nDefined;
  const pieces: Piece[] = [];
  const irTexts: string[] = [];
  const retried: number[] = [];
  for (let k = 0; k < nDefined; k++) {
    const funcIndex = nImp + k;
    const { fn, out } = compileFunction(module, k, mc, retried);
    if (options.dumpAsm === true) irTexts.push(printFunction(fn));
    // With ZEROWASM_DEBUG=asm the backend itself has just printed this function's machine code;
    // the IR follows it here, and the full dump after linking is left out.
    if (options.irAfterBackendDump === true) process.stderr.write(`;; IR of ${names.get(nImp + k) ?? `function ${nImp + k}`}\n${printFunction(fn)}\n`);
    const relocations = out.relocations.map((r) => ({
      offset: r.offset,
      target: r.kind === RelocKind.Function ? checkedFunction(r.target - nImp, nDefined) : helperBase + checkedHelper(r.target),
    }));
    pieces.push({ name: names.get(funcIndex) ?? `wasm-function[${funcIndex}]`, kind: SymbolKind.Function, funcIndex, code: out.code.slice(), relocations });
    options.progress?.(k + 1, nDefined);
  }
  for (let h = 0; h < HELPER_COUNT; h++) {
    pieces.push({ name: `helper ${HELPER_NAMES[h]}`, kind: SymbolKind.Helper, funcIndex: -1, code: helperStub(h), relocations: [] });
  }
  const entryPiece = new Map<string, number>();
  const entryOf = new Int32Array(nDefined);
  for (let k = 0; k < nDefined; k++) {
    const type = mc.funcType(nImp + k);
    checkSlotCount(type, 1, `function ${nImp + k}`);
    const key = funcTypeToString(type);
    let p = entryPiece.get(key);
    if (p === undefined) {
      p = pieces.length;
      pieces.push({ name: `entry ${key}`, kind: SymbolKind.EntryTrampoline, funcIndex: -1, code: entryTrampoline(type, calleeSlotOf(type)), relocations: [] });
      entryPiece.set(key, p);
    }
    entryOf[k] = p;
  }
  const image = linkImage(pieces);
  const { addon } = nativeEnv();
  const handle = addon.codeCreate(image.bytes);
  const base = Number(addon.codeAddress(handle));
  const funcOffsets = new Int32Array(nDefined);
  for (let k = 0; k < nDefined; k++) funcOffsets[k] = image.symbols[k]!.offset;
  const entryOffsets = entryOf.map((p) => image.symbols[p]!.offset);
  const frameNames: (string | undefined)[] = [];
  for (let f = 0; f < nImp + nDefined; f++) frameNames.push(names.get(f));
  registerImage(image, base, frameNames);
  if (options.dumpAsm === true) {
    for (let k = 0; k < nDefined; k++) dumpFunction(image, k, base, irTexts[k]!);
  }
  return { image, handle, base, funcOffsets, entryOffsets, retried };
}

/** Reduced pipelines, tried in order for functions the full pipeline leaves invalid: without
 * cfg-simplify, then layout alone (the frontend's IR as it is). */
const RETRY_PIPELINES: readonly (readonly Pass[])[] = [
  [passes.fold, passes.params, passes.dce, passes.layout],
  [passes.layout],
];

/**
 * Lowers, optimizes and compiles defined function `k`. The optimized IR is verified first: when
 * the full pipeline leaves it invalid, or the backend rejects it, the function is lowered again
 * and optimized with a reduced pipeline (recorded in `retried`). The two pass bugs this guarded
 * against (cfg-simplify, const-fold) are fixed with regression tests; the guard stays so that a
 * future pass bug costs a slower function rather than wrong machine code (verification is ~4%
 * of compile time on ruby.wasm).
 */
function compileFunction(module: WasmModule, k: number, mc: ModuleContext, retried: number[]): { fn: IrFunction; out: CompiledFunction } {
  const c = compiler!, l = lowerer!;
  const fn = optimizeFunction(l.lower(module, k));
  if (verifyFunction(fn).length === 0) {
    try {
      return { fn, out: c.compile(fn, mc) };
    } catch (e) {
      if (e instanceof SimdUnsupportedError) throw e;
    }
  }
  retried.push(module.numImportedFuncs + k);
  let failure: unknown;
  for (const pipeline of RETRY_PIPELINES) {
    const again = l.lower(module, k);
    try {
      for (const pass of pipeline) pass.run(again);
      assertValid(again, 'retry pipeline');
      return { fn: again, out: c.compile(again, mc) };
    } catch (e) {
      failure = e;
    }
  }
  throw failure;
}

function checkedFunction(defined: number, nDefined: number): number {
  if (defined < 0 || defined >= nDefined) throw new RangeError(`call relocation to function ${defined} which is not defined in this module`);
  return defined;
}

function checkedHelper(h: number): number {
  if (h < 0 || h >= HELPER_COUNT) throw new RangeError(`call relocation to unknown helper ${h}`);
  return h;
}
