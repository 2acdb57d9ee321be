// The interpreter engine: implements the runtime's Engine interface.
import type { WasmModule } from '../wasm/module.js';
import type { Engine, EngineModule, InstanceState } from '../runtime/engine.js';

export class InterpreterEngine implements Engine {
  readonly kind = 'interpreter' as const;
  compile(_module: WasmModule): EngineModule {
    return {
      instantiate(_state: InstanceState): void {
        throw new Error('interpreter: not implemented yet');
      },
    };
  }
}
