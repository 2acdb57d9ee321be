// The public entry point: a Runtime picks an engine, compiles modules, instantiates them and
// keeps the registry of named instances that modules can import from.
import type { WasmModule } from '../wasm/module.js';
import { describeExports, describeImports, type ExportDescriptor, type ImportDescriptor } from '../wasm/describe.js';
import { InterpreterEngine } from '../interpreter/engine.js';
import { CompilerEngine } from '../engine/compiler/engine.js';
import { compilerAvailability } from '../engine/compiler/native.js';
import { decodeAndValidate } from './decode.js';
import type { Engine, EngineModule } from './engine.js';
import { Instance, instantiate } from './instance.js';

export type { ExportDescriptor, ImportDescriptor };

export type EngineChoice = 'auto' | 'compiler' | 'interpreter';

export interface RuntimeOptions {
  /** Which engine runs the code; 'auto' (default) prefers the compiler when it is available. */
  engine?: EngineChoice;
  /** Interpreter only: run the optimized SSA IR (default) or translate Wasm bodies directly
   * (a cross-check when triaging a frontend bug). */
  interpreterSource?: 'ir' | 'wasm';
  /** Compiler only: 'asm' prints each function's IR and machine code to stderr (as does the
   * environment variable ZEROWASM_DEBUG=asm). */
  debug?: 'asm';
  /** Longest a call from JS into Wasm (an export, a start function) may run, in milliseconds;
   * past it the call traps with `interrupted`. Default: no limit. */
  timeLimitMs?: number;
  /** Cap on every memory the runtime creates for a module, in 64 KiB pages: enforced at
   * instantiation (LinkError) and by memory.grow (-1). Default: no cap beyond 4 GiB. */
  memoryLimitPages?: number;
  /** Compiler only: called during `compile` after each function, with the number compiled so
   * far and the module's total (e.g. to draw a progress line for a large module). It runs
   * synchronously inside compile: keep it cheap, and throttle any output. */
  onCompileProgress?: (done: number, total: number) => void;
}

/** A decoded, validated and engine-prepared module, instantiable any number of times. */
export class CompiledModule {
  /** Imports in order, with kind and full type. */
  readonly imports: readonly ImportDescriptor[];
  /** Exports in order, with kind and full type. */
  readonly exports: readonly ExportDescriptor[];
  /**
   * @param engine the engine that runs this module's code
   * @param engineReason why that engine: the runtime's reason, or why the module fell back
   *   from the compiler to the interpreter (e.g. it uses SIMD)
   */
  constructor(readonly wasm: WasmModule, readonly engineModule: EngineModule,
    readonly engine: 'interpreter' | 'compiler' = 'interpreter', readonly engineReason = '') {
    this.imports = describeImports(wasm);
    this.exports = describeExports(wasm);
  }
}

/** `imports[module][name]`; a module entry may also be an Instance (its exports are used). */
export type Imports = Record<string, Record<string, unknown> | Instance>;

export class Runtime {
  /** The engine in use. */
  readonly engine: 'interpreter' | 'compiler';
  /** Why that engine was chosen. */
  readonly engineReason: string;
  private readonly impl: Engine;
  private readonly registry = new Map<string, Instance>();
  private readonly memoryLimitPages: number | undefined;

  constructor(options: RuntimeOptions = {}) {
    const choice = options.engine ?? 'auto';
    if (choice !== 'auto' && choice !== 'compiler' && choice !== 'interpreter') {
      throw new TypeError(`unknown engine '${String(choice)}' (expected 'auto', 'compiler' or 'interpreter')`);
    }
    const limit = options.timeLimitMs ?? 0;
    if (typeof limit !== 'number' || !(limit >= 0)) throw new TypeError(`timeLimitMs must be a non-negative number, got ${String(limit)}`);
    const pages = options.memoryLimitPages;
    if (pages !== undefined && !(Number.isInteger(pages) && pages >= 0)) {
      throw new TypeError(`memoryLimitPages must be a non-negative integer, got ${String(pages)}`);
    }
    this.memoryLimitPages = pages;
    const available = choice === 'interpreter' ? undefined : compilerAvailability();
    if (choice === 'compiler' && available?.ok !== true) {
      throw new Error(`the compiler engine is not available: ${available?.ok === false ? available.reason : 'unknown'}; use engine: 'interpreter' or 'auto'`);
    }
    const progress = options.onCompileProgress;
    if (progress !== undefined && typeof progress !== 'function') throw new TypeError('onCompileProgress must be a function');
    if (available?.ok === true) {
      this.impl = new CompilerEngine({ dumpAsm: options.debug === 'asm', timeLimitMs: limit, ...(progress === undefined ? {} : { onProgress: progress }) });
      this.engine = 'compiler';
      this.engineReason = choice === 'compiler' ? 'requested' : 'the native addon loaded and the CPU is supported';
    } else {
      this.impl = new InterpreterEngine({ source: options.interpreterSource ?? 'ir', timeLimitMs: limit });
      this.engine = 'interpreter';
      this.engineReason = choice === 'interpreter' ? 'requested' : available?.ok === false ? available.reason : 'requested';
    }
  }

  /** Decodes, validates and prepares a module; throws CompileError. */
  compile(bytes: Uint8Array | ArrayBuffer | ArrayBufferView): CompiledModule {
    let u8: Uint8Array;
    if (bytes instanceof Uint8Array) u8 = bytes;
    else if (bytes instanceof ArrayBuffer) u8 = new Uint8Array(bytes);
    else if (ArrayBuffer.isView(bytes)) u8 = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    else throw new TypeError('Runtime.compile expects the module bytes as a Uint8Array, ArrayBuffer or typed array');
    return this.compileDecoded(decodeAndValidate(u8));
  }

  /** Prepares an already decoded and validated module. */
  compileDecoded(wasm: WasmModule): CompiledModule {
    const engineModule = this.impl.compile(wasm);
    const fallback = this.impl.fallbackReason?.(wasm);
    return fallback === undefined
      ? new CompiledModule(wasm, engineModule, this.engine, this.engineReason)
      : new CompiledModule(wasm, engineModule, 'interpreter', fallback);
  }

  /** Instantiates; throws LinkError for import problems and RuntimeError for traps during
   * segment initialisation or the start function. Modules not in `imports` are looked up
   * among registered instances. */
  instantiate(mod: CompiledModule, imports: Imports = {}): Instance {
    if (!(mod instanceof CompiledModule)) throw new TypeError('Runtime.instantiate expects a CompiledModule from Runtime.compile');
    if (imports === null || typeof imports !== 'object') throw new TypeError('imports must be an object of module namespaces');
    return instantiate(mod.wasm, mod.engineModule, (module, name) => {
      const ns = Object.prototype.hasOwnProperty.call(imports, module) ? imports[module] : this.registry.get(module);
      if (ns === undefined || ns === null) return undefined;
      if (ns instanceof Instance) return ns.externs.get(name);
      if (typeof ns !== 'object') return undefined;
      return Object.prototype.hasOwnProperty.call(ns, name) ? ns[name] : undefined;
    }, this.memoryLimitPages);
  }

  /** Makes `inst`'s exports importable under the module name `name` (the spec's `register`). */
  register(name: string, inst: Instance): void {
    this.registry.set(name, inst);
  }

  /** The instance registered under `name`, if any. */
  registered(name: string): Instance | undefined {
    return this.registry.get(name);
  }
}

