// The spec runner's adapter for zerowasm's compiler engine: the runtime adapter (shared with the
// interpreter, ./zerowasm.ts) on a Runtime created with engine: 'compiler'.
// Modules using SIMD run on the interpreter (the engine's documented fallback); `notRunHere`
// reports them so the runner counts their commands as skipped, not as compiler passes.
import type { CompiledModule } from '../../../src/index.js';
import type { SpecEngine } from '../engine.js';
import { ZerowasmSpecEngine } from './zerowasm.js';

export class CompilerSpecEngine extends ZerowasmSpecEngine {
  override readonly name = 'compiler';
  constructor() {
    super('compiler');
  }

  notRunHere(module: CompiledModule): string | undefined {
    return module.engine === 'compiler' ? undefined : `not run by the compiler: ${module.engineReason}`;
  }
}

export function compilerSpecEngine(): SpecEngine {
  return new CompilerSpecEngine() as unknown as SpecEngine;
}
