// The builder: appends instructions to a current block of an IrFunction. The frontend and the
// tests build IR only through it; passes edit IrFunction directly.
import { opInfo } from '../wasm/opcodes.js';
import { ValType } from '../wasm/types.js';
import type { TrapKind } from '../runtime/trap.js';
import { IrFunction, NONE } from './function.js';
import { Opcode } from './opcodes.js';

export class IrBuilder {
  current = NONE;

  constructor(readonly fn: IrFunction) {}

  /** Resets the function and creates the entry block (block 0) whose parameters are the
   * function's parameters. Returns the entry block. */
  begin(params: readonly ValType[], results: readonly ValType[], name = ''): number {
    const fn = this.fn;
    fn.reset();
    fn.params = params;
    fn.results = results;
    fn.name = name;
    const entry = this.createBlock();
    for (const t of params) fn.addBlockParam(entry, t);
    this.current = entry;
    return entry;
  }

  /** Creates a block (appended to the layout). */
  createBlock(): number {
    const b = this.fn.newBlock();
    this.fn.layout.push(b);
    return b;
  }

  switchTo(block: number): void {
    this.current = block;
  }

  /** True when the current block already ends in a terminator. */
  isTerminated(): boolean {
    return this.current === NONE || this.fn.terminator(this.current) !== NONE;
  }

  private put(op: Opcode, resultType: ValType | 0, imm0: number, imm1: number, imm2: number,
    n: number, a: number, b: number, c: number): number {
    const fn = this.fn;
    const i = fn.newInst(op, n, imm0, imm1, imm2);
    const s = fn.instArgStart[i]!;
    if (n > 0) fn.argPool[s] = a;
    if (n > 1) fn.argPool[s + 1] = b;
    if (n > 2) fn.argPool[s + 2] = c;
    fn.appendInst(this.current, i);
    return resultType === 0 ? i : fn.addResult(i, resultType);
  }

  /** Emits an instruction with up to three arguments; returns its result value, or the
   * instruction id when `resultType` is 0 (no result). */
  emit(op: Opcode, resultType: ValType | 0, imm0 = 0, imm1 = 0, imm2 = 0,
    n = 0, a = NONE, b = NONE, c = NONE): number {
    return this.put(op, resultType, imm0, imm1, imm2, n, a, b, c);
  }

  iconst32(value: number): number {
    return this.put(Opcode.Iconst32, ValType.I32, value | 0, 0, 0, 0, NONE, NONE, NONE);
  }

  iconst64(value: bigint): number {
    const lo = Number(BigInt.asIntN(32, value));
    const hi = Number(BigInt.asIntN(32, value >> 32n));
    return this.put(Opcode.Iconst64, ValType.I64, lo, hi, 0, 0, NONE, NONE, NONE);
  }

  iconst64Parts(lo: number, hi: number): number {
    return this.put(Opcode.Iconst64, ValType.I64, lo | 0, hi | 0, 0, 0, NONE, NONE, NONE);
  }

  fconst32Bits(bits: number): number {
    return this.put(Opcode.Fconst32, ValType.F32, bits | 0, 0, 0, 0, NONE, NONE, NONE);
  }

  fconst64Parts(lo: number, hi: number): number {
    return this.put(Opcode.Fconst64, ValType.F64, lo | 0, hi | 0, 0, 0, NONE, NONE, NONE);
  }

  vconst(bytes: Uint8Array): number {
    const idx = this.fn.constPool.length;
    this.fn.constPool.push(bytes.slice(0, 16));
    return this.put(Opcode.Vconst, ValType.V128, idx, 0, 0, 0, NONE, NONE, NONE);
  }

  refNull(type: ValType): number {
    return this.put(Opcode.RefNull, type, type, 0, 0, 0, NONE, NONE, NONE);
  }

  refFunc(funcIndex: number): number {
    return this.put(Opcode.RefFunc, ValType.FuncRef, funcIndex, 0, 0, 0, NONE, NONE, NONE);
  }

  /** A pure Wasm numeric/SIMD operation by its Wasm opcode code. `imm1` is the lane index for
   * lane instructions or the constPool index of an i8x16.shuffle mask. */
  num(code: number, a = NONE, b = NONE, c = NONE, imm1 = 0): number {
    const info = opInfo(code);
    if (info === undefined || info.params === undefined || info.results === undefined || info.results.length !== 1) {
      throw new Error(`IrBuilder.num: 0x${code.toString(16)} is not a fixed-signature numeric op`);
    }
    return this.put(Opcode.Num, info.results[0]!, code, imm1, 0, info.params.length, a, b, c);
  }

  /** i8x16.shuffle with its 16 lane indices. */
  shuffle(code: number, lanes: Uint8Array, a: number, b: number): number {
    const idx = this.fn.constPool.length;
    this.fn.constPool.push(lanes.slice(0, 16));
    return this.put(Opcode.Num, ValType.V128, code, idx, 0, 2, a, b, NONE);
  }

  select(cond: number, ifTrue: number, ifFalse: number): number {
    return this.put(Opcode.Select, this.fn.valueType[ifTrue] as ValType, 0, 0, 0, 3, cond, ifTrue, ifFalse);
  }

  /** A load (any Wasm load opcode including SIMD lane loads, where `vec` is the vector). */
  load(code: number, offset: number, addr: number, vec = NONE, lane = 0): number {
    const info = opInfo(code);
    const rt = info?.results?.[0];
    if (rt === undefined) throw new Error(`IrBuilder.load: 0x${code.toString(16)} is not a load`);
    return this.put(Opcode.Load, rt, code, offset | 0, lane, vec === NONE ? 1 : 2, addr, vec, NONE);
  }

  store(code: number, offset: number, addr: number, value: number, lane = 0): number {
    return this.put(Opcode.Store, 0, code, offset | 0, lane, 2, addr, value, NONE);
  }

  trapIf(cond: number, kind: TrapKind): number {
    return this.put(Opcode.TrapIf, 0, kind, 0, 0, 1, cond, NONE, NONE);
  }

  /** Calls (Call, CallImport, CallRef). Returns the instruction; its results are consecutive
   * values starting at fn.instResult[inst]. */
  call(op: Opcode.Call | Opcode.CallImport | Opcode.CallRef, imm0: number,
    args: ArrayLike<number>, argStart: number, argCount: number, results: readonly ValType[]): number {
    const fn = this.fn;
    const i = fn.newInst(op, argCount, imm0, 0, 0);
    const s = fn.instArgStart[i]!;
    for (let k = 0; k < argCount; k++) fn.argPool[s + k] = args[argStart + k]!;
    fn.appendInst(this.current, i);
    for (const t of results) fn.addResult(i, t);
    return i;
  }

  // ---- terminators ------------------------------------------------------------------------

  private edge(inst: number, target: number, args: ArrayLike<number>, start: number, count: number): void {
    const fn = this.fn;
    const e = fn.addEdge(inst, target, count);
    const s = fn.edgeArgStart[e]!;
    for (let k = 0; k < count; k++) fn.argPool[s + k] = args[start + k]!;
  }

  jump(target: number, args: ArrayLike<number> = [], start = 0, count = args.length - start): number {
    const i = this.fn.newInst(Opcode.Jump, 0, 0, 0, 0);
    this.fn.appendInst(this.current, i);
    this.edge(i, target, args, start, count);
    return i;
  }

  brIf(cond: number, ifTrue: number, trueArgs: ArrayLike<number>, ifFalse: number, falseArgs: ArrayLike<number>,
    trueStart = 0, trueCount = trueArgs.length - trueStart, falseStart = 0, falseCount = falseArgs.length - falseStart): number {
    const i = this.put(Opcode.BrIf, 0, 0, 0, 0, 1, cond, NONE, NONE);
    this.edge(i, ifTrue, trueArgs, trueStart, trueCount);
    this.edge(i, ifFalse, falseArgs, falseStart, falseCount);
    return i;
  }

  /** `targets` lists the indexed targets then the default; every edge gets the same args. */
  brTable(index: number, targets: readonly number[], args: ArrayLike<number>, start = 0, count = args.length - start): number {
    const i = this.put(Opcode.BrTable, 0, 0, 0, 0, 1, index, NONE, NONE);
    for (const t of targets) this.edge(i, t, args, start, count);
    return i;
  }

  ret(args: ArrayLike<number>, start = 0, count = args.length - start): number {
    const fn = this.fn;
    const i = fn.newInst(Opcode.Return, count, 0, 0, 0);
    const s = fn.instArgStart[i]!;
    for (let k = 0; k < count; k++) fn.argPool[s + k] = args[start + k]!;
    fn.appendInst(this.current, i);
    return i;
  }

  trap(kind: TrapKind): number {
    return this.put(Opcode.Trap, 0, kind, 0, 0, 0, NONE, NONE, NONE);
  }
}
