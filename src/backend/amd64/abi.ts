// The Wasm-internal calling convention on amd64 (how compiled Wasm functions call each other,
// imports, helpers and the exit path). The entry trampolines and host-call stubs of the
// compiler engine are written against this file; docs/backend.md explains it in prose.
import { RegClass, preg, type PReg } from '../../regalloc/operand.js';
import type { RegisterInfo } from '../../regalloc/registers.js';
import { execLayout, importedFuncLayout, tableDescLayout, vmctxLayout } from '../../engine/native/layout.js';
import { ValType } from '../../wasm/types.js';
import { Gpr } from './registers.js';

/** Pinned: holds the callee's instance context (vmctx) on every Wasm-to-Wasm call and throughout a function. */
export const VMCTX_REG = Gpr.R15;
/** Frame pointer: every compiled function sets up `push rbp; mov rbp, rsp`. */
export const FP_REG = Gpr.RBP;
/** Scratch register of the allocator (edits) and of fixed sequences; never holds a value across instructions. */
export const SCRATCH_GPR = Gpr.R11;
/** Float scratch register (edits, float constants). */
export const SCRATCH_XMM = 15;

/** Integer (i32, i64, funcref, externref) arguments, in order; the rest go on the stack. */
export const INT_ARG_REGS: readonly Gpr[] = [Gpr.RDI, Gpr.RSI, Gpr.RDX, Gpr.RCX, Gpr.R8, Gpr.R9];
/** Float (f32, f64) arguments, in order; the rest go on the stack. */
export const FLOAT_ARG_REGS: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7];
/** Integer results, in order; the rest go to stack result slots. */
export const INT_RESULT_REGS: readonly Gpr[] = [Gpr.RAX, Gpr.RDX, Gpr.RCX, Gpr.RSI, Gpr.RDI, Gpr.R8, Gpr.R9];
/** Float results, in order; the rest go to stack result slots. */
export const FLOAT_RESULT_REGS: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7];

/** Registers a callee preserves (SysV's set minus rbp, the frame pointer, and r15, pinned). */
export const CALLEE_SAVED_GPRS: readonly Gpr[] = [Gpr.RBX, Gpr.R12, Gpr.R13, Gpr.R14];
/** Registers any call may overwrite: all other allocatable GPRs, and every XMM register. */
export const CALLER_SAVED_GPRS: readonly Gpr[] = [Gpr.RAX, Gpr.RCX, Gpr.RDX, Gpr.RSI, Gpr.RDI, Gpr.R8, Gpr.R9, Gpr.R10, Gpr.R11];

const mask = (regs: readonly number[]): number => regs.reduce((m, r) => m | (1 << r), 0);
export const CALLER_SAVED_INT_MASK = mask(CALLER_SAVED_GPRS);
export const CALLER_SAVED_FLOAT_MASK = 0xffff;

/** The register files as the allocator sees them. */
export const amd64Registers: RegisterInfo = {
  allocatable: [
    mask([Gpr.RAX, Gpr.RCX, Gpr.RDX, Gpr.RBX, Gpr.RSI, Gpr.RDI, Gpr.R8, Gpr.R9, Gpr.R10, Gpr.R12, Gpr.R13, Gpr.R14]),
    0x7fff, // xmm0..xmm14
  ],
  calleeSaved: [mask(CALLEE_SAVED_GPRS), 0],
  scratch: [preg(RegClass.Int, SCRATCH_GPR), preg(RegClass.Float, SCRATCH_XMM)],
  slotSize: [8, 16], // a Float slot holds a whole xmm register (v128)
  name: (p: PReg) => {
    const hw = p & 31;
    return p >= 32 ? `xmm${hw}` : ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'][hw]!;
  },
};

/** Values held in XMM registers (the allocator's Float class): f32, f64 and v128. */
export function isFloatType(t: ValType): boolean {
  return t === ValType.F32 || t === ValType.F64 || t === ValType.V128;
}

/** Where one argument or result is: a register (PReg) or a stack slot (byte offset). */
export interface AbiLoc {
  readonly reg: PReg | -1;
  /** Byte offset in the stack argument area (from the caller's SP at the call; from rbp+16 in the callee). */
  readonly stackOffset: number;
}

export interface CallLayout {
  readonly params: readonly AbiLoc[];
  readonly results: readonly AbiLoc[];
  /** Bytes of stack arguments, then stack results, rounded up to 16: the caller reserves them at [rsp]. */
  readonly stackBytes: number;
}

/**
 * Assigns argument and result locations. Stack arguments come first in the caller's outgoing
 * area (8 bytes each, 16 for a v128, in order), then the stack results (likewise): the callee
 * writes its stack results there before returning, the caller reads them after the call.
 */
export function callLayout(params: readonly ValType[], results: readonly ValType[]): CallLayout {
  let stack = 0;
  const assign = (types: readonly ValType[], ints: readonly number[], floats: readonly number[]): AbiLoc[] => {
    let ni = 0, nf = 0;
    return types.map((t) => {
      if (isFloatType(t)) {
        if (nf < floats.length) return { reg: preg(RegClass.Float, floats[nf++]!), stackOffset: -1 };
      } else if (ni < ints.length) {
        return { reg: preg(RegClass.Int, ints[ni++]!), stackOffset: -1 };
      }
      const loc = { reg: -1, stackOffset: stack };
      stack += t === ValType.V128 ? 16 : 8;
      return loc;
    });
  };
  const p = assign(params, INT_ARG_REGS, FLOAT_ARG_REGS);
  const r = assign(results, INT_RESULT_REGS, FLOAT_RESULT_REGS);
  return { params: p, results: r, stackBytes: (stack + 15) & ~15 };
}

// ---- instance context and helpers ----

/** vmctx field offsets, from the one layout table (src/engine/native/layout.ts). */
export const VMCTX = {
  exec: vmctxLayout.offsets['exec']!,
  memoryBase: vmctxLayout.offsets['memoryBase']!,
  memorySize: vmctxLayout.offsets['memorySize']!,
  globals: vmctxLayout.offsets['globals']!,
  tables: vmctxLayout.offsets['tables']!,
  importedFuncs: vmctxLayout.offsets['importedFuncs']!,
  typeIds: vmctxLayout.offsets['typeIds']!,
  /**
   * The layout's backend-reserved word: address of the function-record array (FUNC_RECORD_BYTES
   * per function index, imports included) that `ref.func` returns pointers into.
   */
  funcRecords: vmctxLayout.offsets['reserved0']!,
} as const;

export const EXEC = {
  stackLimit: execLayout.offsets['stackLimit']!,
  interrupt: execLayout.offsets['interrupt']!,
  exitFn: execLayout.offsets['exitFn']!,
} as const;

/** TableDesc and ImportedFunc records (from the layout table). */
export const TABLE_DESC = {
  bytes: tableDescLayout.size,
  base: tableDescLayout.offsets['base']!,
  length: tableDescLayout.offsets['length']!,
} as const;
export const IMPORTED_FUNC = {
  bytes: importedFuncLayout.size,
  code: importedFuncLayout.offsets['code']!,
  vmctx: importedFuncLayout.offsets['vmctx']!,
} as const;

/** A funcref is the address of a function record (0 = null): { code u64, vmctx u64, typeId u32, pad u32 }. */
export const FUNC_RECORD = { code: 0, vmctx: 8, typeId: 16 } as const;
export const FUNC_RECORD_BYTES = 24;
/** A global's cell is 16 bytes; an imported global's cell holds the address of the exporter's cell. */
export const GLOBAL_CELL_BYTES = 16;
/** Table elements are 8 bytes (a funcref as above, or an externref word chosen by the runtime). */
export const TABLE_ELEM_BYTES = 8;

/**
 * Helper routines reached through relocations of kind 'helper'. Helpers use the SysV C ABI:
 * rdi = vmctx, then the listed i32/i64 arguments in rsi, rdx, rcx, r8, r9; an i32/i64 result in
 * rax; they may clobber every SysV caller-saved register (which the Wasm-internal set covers).
 * A helper that traps jumps to exec.exitFn itself (it never returns then).
 */
export const enum Helper {
  /** (delta u32) -> old page count or -1. Must also update vmctx.memorySize. */
  MemoryGrow = 0,
  /** (dst u32, src u32, len u32); traps out of bounds. */
  MemoryCopy = 1,
  /** (dst u32, value u32, len u32); traps out of bounds. */
  MemoryFill = 2,
  /** (dataIndex, dst u32, src u32, len u32); traps out of bounds. */
  MemoryInit = 3,
  /** (dataIndex). */
  DataDrop = 4,
  /** (tableIndex, initRef u64, delta u32) -> old size or -1. Must update the TableDesc length. */
  TableGrow = 5,
  /** (tableIndex, dst u32, ref u64, len u32); traps out of bounds. */
  TableFill = 6,
  /** (dstTable, srcTable, dst u32, src u32, len u32); traps out of bounds. */
  TableCopy = 7,
  /** (elemIndex, tableIndex, dst u32, src u32, len u32); traps out of bounds. */
  TableInit = 8,
  /** (elemIndex). */
  ElemDrop = 9,
}
export const HELPER_NAMES = [
  'memory.grow', 'memory.copy', 'memory.fill', 'memory.init', 'data.drop',
  'table.grow', 'table.fill', 'table.copy', 'table.init', 'elem.drop',
] as const;
/** SysV integer argument registers for helpers (rdi carries vmctx). */
export const HELPER_ARG_REGS: readonly Gpr[] = [Gpr.RDI, Gpr.RSI, Gpr.RDX, Gpr.RCX, Gpr.R8, Gpr.R9];

/** Relocation kinds of compiled code: every rel32 is patched to `target - (site + 4)`. */
export const enum RelocKind {
  /** call rel32 to a module-defined function; target = function index. */
  Function = 0,
  /** call rel32 to a helper routine; target = Helper id. */
  Helper = 1,
}

export interface Relocation {
  /** Byte offset of the rel32 field inside the function's code. */
  readonly offset: number;
  readonly kind: RelocKind;
  readonly target: number;
}
