// compileFunction: one optimized IR function → amd64 machine code + relocations.
// isel (virtual registers) → register allocation → emission. The compiler object keeps its
// storage (machine function, allocation, code buffer) across functions.
import { RegAllocator } from '../../regalloc/allocator.js';
import { AllocResult } from '../../regalloc/result.js';
import type { IrFunction } from '../../ssa/function.js';
import type { ModuleContext } from '../module-context.js';
import { amd64Registers, type Relocation } from './abi.js';
import { type CpuFeatures, detectCpu } from './cpu.js';
import { Amd64Emitter } from './emit.js';
import { Amd64Isel } from './isel.js';
import { disassemble } from './disassemble.js';

export interface CompileOptions {
  /** Poll the interrupt flag at function entry and loop back-edges (default true). */
  readonly interruptPolls?: boolean;
  /** CPU features to use (default: this machine's). */
  readonly cpu?: CpuFeatures;
  /**
   * Check memory accesses explicitly against vmctx.memorySize, for memories allocated without
   * the guard reservation (default false: the guard region turns out-of-bounds into faults).
   */
  readonly boundsChecks?: boolean;
  /** Run the register-allocation checker (default: env ZEROWASM_REGALLOC_CHECK=1). */
  readonly checkAllocation?: boolean;
}

export interface CompiledFunction {
  /** Position-independent code; rel32 fields named by `relocations` still need patching. */
  readonly code: Uint8Array;
  readonly relocations: readonly Relocation[];
}

export class Amd64Compiler {
  private readonly isel = new Amd64Isel();
  private readonly allocator = new RegAllocator(amd64Registers);
  private readonly alloc = new AllocResult();
  private readonly emitter = new Amd64Emitter();
  private readonly cpu: CpuFeatures;
  private readonly interruptPolls: boolean;
  private readonly check: boolean | undefined;
  private readonly boundsChecks: boolean;

  constructor(options: CompileOptions = {}) {
    this.cpu = options.cpu ?? detectCpu();
    this.interruptPolls = options.interruptPolls ?? true;
    this.check = options.checkAllocation;
    this.boundsChecks = options.boundsChecks ?? false;
  }

  compile(ir: IrFunction, mc: ModuleContext): CompiledFunction {
    const where = ir.name || `function ${ir.funcIndex}`;
    try {
      this.isel.select(ir, mc, { interruptPolls: this.interruptPolls, cpu: this.cpu });
      const opts = this.check === undefined ? {} : { check: this.check };
      this.allocator.allocate(this.isel.mf, opts, this.alloc);
      const out = this.emitter.emit(this.isel, this.alloc, { interruptPolls: this.interruptPolls, boundsChecks: this.boundsChecks });
      if (debugAsm) process.stderr.write(`;; ${where}: ${out.code.length} bytes\n${disassemble(out.code)}\n`);
      return out;
    } catch (err) {
      if (err instanceof Error) err.message = `amd64 backend, ${where}: ${err.message}`;
      throw err;
    }
  }

  /** The machine function of the last compile (for tests and debugging). */
  get machineFunction(): Amd64Isel['mf'] { return this.isel.mf; }
}

const envDebug = typeof process !== 'undefined' ? process.env['ZEROWASM_DEBUG'] ?? '' : '';
/** ZEROWASM_DEBUG containing "asm" prints every compiled function's disassembly to stderr. */
const debugAsm = /\basm\b/.test(envDebug);

let shared: Amd64Compiler | undefined;

/** Compiles one function with a shared compiler (this machine's CPU features, default options). */
export function compileFunction(ir: IrFunction, mc: ModuleContext): CompiledFunction {
  shared ??= new Amd64Compiler();
  return shared.compile(ir, mc);
}
