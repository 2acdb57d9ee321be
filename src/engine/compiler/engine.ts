// The compiler engine behind the runtime's Engine interface: every function of a module is
// compiled to amd64 and linked into executable memory at `compile`; `instantiate` binds that code
// to an instance (vmctx, native memory, cells, tables). Modules the backend cannot compile yet
// (a SIMD operation without a lowering, or a backend failure) run on the interpreter instead;
// `fallbackReason(module)` says so.
import type { Engine, EngineModule, InstanceState } from '../../runtime/engine.js';
import { InterpreterEngine } from '../../interpreter/engine.js';
import type { WasmModule } from '../../wasm/module.js';
import { compileModuleCode, type ModuleCode } from './code.js';
import { asmDumpRequested } from './debug.js';
import { bindInstance } from './instance.js';
import { nativeEnv } from './native.js';
import { SimdUnsupportedError } from '../../backend/unsupported.js';

export interface CompilerEngineOptions {
  /** Dump IR and machine code of every compiled function to stderr (also: ZEROWASM_DEBUG=asm). */
  readonly dumpAsm?: boolean;
  /** Longest a call from JS into Wasm may run (ms); 0 = no limit. */
  readonly timeLimitMs?: number;
  /** Called while a module compiles: functions compiled so far, and how many there are. */
  readonly onProgress?: (done: number, total: number) => void;
}


class CompilerModule implements EngineModule {
  constructor(readonly code: ModuleCode, private readonly timeLimitMs: number) {}
  instantiate(state: InstanceState): void {
    bindInstance(this.code, state, this.timeLimitMs);
  }
}

export class CompilerEngine implements Engine {
  readonly kind = 'compiler' as const;
  private readonly fallback: InterpreterEngine;
  private readonly timeLimitMs: number;
  private readonly reasons = new WeakMap<WasmModule, string>();
  private readonly dumpAsm: boolean;
  private readonly envDump: boolean;
  private readonly onProgress: ((done: number, total: number) => void) | undefined;

  constructor(options: CompilerEngineOptions = {}) {
    nativeEnv(); // throws with the reason when the addon cannot be used
    // ZEROWASM_DEBUG=asm makes the backend print each function's disassembly as it compiles;
    // the engine adds the IR. The Runtime option gives the linked dump (addresses, IR, code).
    this.envDump = asmDumpRequested();
    this.dumpAsm = options.dumpAsm === true && !this.envDump;
    this.timeLimitMs = options.timeLimitMs ?? 0;
    this.onProgress = options.onProgress;
    this.fallback = new InterpreterEngine({ source: 'ir', timeLimitMs: this.timeLimitMs });
  }

  compile(module: WasmModule): EngineModule {
    try {
      const code = compileModuleCode(module, {
        dumpAsm: this.dumpAsm, irAfterBackendDump: this.envDump,
        ...(this.onProgress === undefined ? {} : { progress: this.onProgress }),
      });
      return new CompilerModule(code, this.timeLimitMs);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (e instanceof SimdUnsupportedError) {
        this.reasons.set(module, `the module uses ${e.op}, which the compiler does not support yet: it runs on the interpreter`);
        return this.fallback.compile(module);
      }
      // A backend limitation or bug must not make a valid module unusable: run it on the
      // interpreter, and say so once (ZEROWASM_COMPILER_STRICT=1 rethrows, for triage).
      if (process.env['ZEROWASM_COMPILER_STRICT'] === '1') throw e;
      const reason = `the compiler could not compile the module (${message}): it runs on the interpreter`;
      this.reasons.set(module, reason);
      process.emitWarning(reason, { code: 'ZEROWASM_COMPILER_FALLBACK' });
      return this.fallback.compile(module);
    }
  }

  /** Why `module` runs on the interpreter, or undefined when it is compiled. */
  fallbackReason(module: WasmModule): string | undefined {
    return this.reasons.get(module);
  }
}
