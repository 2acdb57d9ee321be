// The interpreter engine behind the runtime's Engine interface. Functions are translated to the
// interpretable form on first call and the result is shared by every instance of the module.
import type { WasmModule } from '../wasm/module.js';
import type { Engine, EngineModule, InstanceState } from '../runtime/engine.js';
import { rawArray } from '../runtime/values.js';
import { run, type InterpInstance, type PreparedCode } from './exec.js';
import { localDefaults, translateFunction } from './translate.js';
import { translateIr } from './from-ir.js';
import type { FunctionCode } from './code.js';
import { FunctionLowerer } from '../frontend/lower.js';
import { optimizeFunction } from '../ssa/pipeline.js';
import { functionNames } from '../runtime/names.js';

/** Where function code comes from: the optimized SSA IR (the design: the interpreter runs what
 * the compiler starts from), or the Wasm body directly (a cross-check for triage). */
export type InterpreterSource = 'ir' | 'wasm';

export interface InterpreterOptions {
  readonly source?: InterpreterSource;
  /** Longest a call from the host may run, in ms; 0 or undefined: no limit. */
  readonly timeLimitMs?: number;
}

export class InterpreterEngine implements Engine {
  readonly kind = 'interpreter' as const;
  readonly source: InterpreterSource;
  readonly timeLimitMs: number;
  constructor(options: InterpreterOptions = {}) {
    this.source = options.source ?? 'ir';
    this.timeLimitMs = options.timeLimitMs ?? 0;
  }
  compile(module: WasmModule): EngineModule {
    return new InterpreterModule(module, this.source, this.timeLimitMs);
  }
}

class InterpreterModule implements EngineModule {
  private readonly prepared: (PreparedCode | undefined)[];
  private lowerer: FunctionLowerer | undefined;

  constructor(
    private readonly module: WasmModule,
    private readonly source: InterpreterSource,
    private readonly timeLimitMs: number,
  ) {
    this.prepared = new Array<PreparedCode | undefined>(module.functions.length).fill(undefined);
  }

  private code(definedIndex: number): PreparedCode {
    let p = this.prepared[definedIndex];
    if (p === undefined) {
      const fc = this.source === 'wasm' ? translateFunction(this.module, definedIndex) : this.fromIr(definedIndex);
      const template = rawArray(fc.numSlots);
      localDefaults(fc.localTypes).forEach((v, i) => { template[fc.numParams + i] = v; });
      for (let k = 0; k < fc.presetSlots.length; k++) template[fc.presetSlots[k]!] = fc.presetValues[k];
      p = { fc, template };
      this.prepared[definedIndex] = p;
    }
    return p;
  }

  private fromIr(definedIndex: number): FunctionCode {
    this.lowerer ??= new FunctionLowerer();
    const fn = optimizeFunction(this.lowerer.lower(this.module, definedIndex));
    return translateIr(fn, functionNames(this.module).get(this.module.numImportedFuncs + definedIndex));
  }

  instantiate(state: InstanceState): void {
    const inst: InterpInstance = { state, code: (i) => this.code(i), timeLimitMs: this.timeLimitMs };
    const nImported = this.module.numImportedFuncs;
    for (let i = nImported; i < state.functions.length; i++) {
      const fn = state.functions[i]!;
      fn.owner = inst;
      const np = fn.type.params.length;
      const nr = fn.type.results.length;
      fn.invoke = (args) => {
        const frame = rawArray(Math.max(np, nr));
        for (let k = 0; k < np; k++) frame[k] = args[k];
        run(inst, this.code(i - nImported), frame, 0);
        return frame.slice(0, nr);
      };
    }
  }
}

