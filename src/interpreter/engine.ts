// The interpreter engine behind the runtime's Engine interface. Functions are translated to the
// interpretable form on first call and the result is shared by every instance of the module.
import type { WasmModule } from '../wasm/module.js';
import type { Engine, EngineModule, InstanceState } from '../runtime/engine.js';
import { rawArray } from '../runtime/values.js';
import { run, type InterpInstance, type PreparedCode } from './exec.js';
import { localDefaults, translateFunction } from './translate.js';

export class InterpreterEngine implements Engine {
  readonly kind = 'interpreter' as const;
  compile(module: WasmModule): EngineModule {
    return new InterpreterModule(module);
  }
}

class InterpreterModule implements EngineModule {
  private readonly prepared: (PreparedCode | undefined)[];

  constructor(private readonly module: WasmModule) {
    this.prepared = new Array<PreparedCode | undefined>(module.functions.length).fill(undefined);
  }

  private code(definedIndex: number): PreparedCode {
    let p = this.prepared[definedIndex];
    if (p === undefined) {
      const fc = translateFunction(this.module, definedIndex);
      const template = rawArray(fc.numSlots);
      localDefaults(fc.localTypes).forEach((v, i) => { template[fc.numParams + i] = v; });
      p = { fc, template };
      this.prepared[definedIndex] = p;
    }
    return p;
  }

  instantiate(state: InstanceState): void {
    const inst: InterpInstance = { state, code: (i) => this.code(i) };
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

