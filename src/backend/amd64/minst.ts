// amd64 machine instructions between instruction selection and emission. The register
// allocator sees them as operands in the MachFunction (src/regalloc); this side table keeps what
// the allocator does not need: the kind and up to four integer immediates per instruction, in
// flat arrays indexed like the MachFunction's instructions. Each kind documents its operand
// order (u = use, d = def, e = early def); emit-ops.ts reads operands in that order.
import { IntBuf } from '../../regalloc/intbuf.js';

export const enum MK {
  /** Entry: d* fixed to the ABI argument registers. */
  Args,
  /** d; a = byte offset in the incoming stack area, b = slotKind (0 int64, 1 float, 2 i32, 3 v128): d = [rbp + 16 + a]. */
  StackArg,
  /** d; a = vmctx offset: d = [r15 + a] (rematerialisable). */
  VmLoad,
  /** d; a = value: 32-bit constant (also f32 bits when b = 1). */
  Const32,
  /** d; a = low, b = high word; c = 1 for f64 bits. */
  Const64,
  /** u x, d: d = x (64-bit copy, or movaps for floats when a = 1). */
  Copy,
  /** u x (Reg), u y (Any), d (reuse x); a = AluOp, b = 1 for 64-bit. */
  AluRR,
  /** u x, d (reuse x); a = AluOp, b = 1 for 64-bit, c = imm32. */
  AluRI,
  /** u x, u y, d: lea d, [x + y << a]; b = 1 for 64-bit. */
  LeaRR,
  /** u x, d: lea d, [x + c]; b = 1 for 64-bit. */
  LeaRI,
  /** u x (Reg), u y (Any), d (reuse x); b = 64-bit. */
  Imul,
  /** u x (Any), d; b = 64-bit, c = imm32. */
  ImulRI,
  /** u x, u count (rcx), d (reuse x); a = ShiftOp, b = 64-bit. */
  Shift,
  /** u x, d (reuse x); a = ShiftOp, b = 64-bit, c = count. */
  ShiftRI,
  /** u x, d; a = UnOp (see isel-int.ts). */
  Unary,
  /** u x (rax), u y, e tmp (rdx) / d (rax); a = DivOp. For remainders: u x (rax), u y, e d (rdx). */
  Div,
  /** Compare operands, d; a = CmpKind, b = Cond, c = imm: d = cond ? 1 : 0. */
  SetCC,
  /** Compare operands, u x (Reg), u y (Any/Reg), d (reuse x); a, b, c as SetCC, d = SelKind. */
  Select,
  /** Compare operands; a, b, c as SetCC, d = TrapKind: trap when the condition holds. */
  TrapIf,
  /** a = TrapKind: unconditional trap (terminator). */
  Trap,
  /** Terminator; edge 0. */
  Jump,
  /** Terminator: compare operands; a, b, c as SetCC; edges [taken, not taken]. */
  BrIf,
  /** u index, e target; a = n: target = address of entry min(index, n) of the jump table. */
  BrTableAddr,
  /** Terminator: u target (from BrTableAddr); a = n; edges [t0 .. tn-1, default]: jmp target. */
  BrTable,
  /** Terminator: u* fixed to the ABI result registers. */
  Ret,
  /** u x; a = byte offset in the incoming area, b = slotKind: [rbp + 16 + a] = x. */
  StoreStackResult,
  /** u x; a = byte offset in the outgoing area, b = slotKind: [rsp + a] = x. */
  StoreOutArg,
  /** d; a = byte offset in the outgoing area, b = slotKind (0 int64, 1 float, 2 i32, 3 v128): d = [rsp + a]. */
  LoadOutResult,
  /** u* fixed args, d* fixed results; a = CallKind, b = index (function / import / type), (CallRef: first use = funcref, Reg). */
  Call,
  /** u* fixed args (rsi..), d result (rax) or none; a = Helper. */
  CallHelper,
  /** u x, d: float unary/binary ops; see isel-float.ts for the operand forms; a = FOp. */
  Float,
  /** u addr, u base, d; a = Wasm load code, c = offset (u32). */
  Load,
  /** u addr, u base; a = Wasm store code, b = imm32 value, c = offset (u32). */
  StoreImm,
  /** u x, u addr, u base, d (reuse x): d = x op [base + addr + c]; a = MemOp << 8 | op, b = 64-bit, d = load code. */
  MemOperand,
  /** u addr, u value, u base; a = Wasm store code, c = offset (u32). */
  Store,
  /** d; a = global index, b = type, c = 1 if imported. */
  GlobalGet,
  /** u x; a = global index, b = type, c = 1 if imported. */
  GlobalSet,
  /** u index, d; a = table. */
  TableGet,
  /** u index, u ref; a = table. */
  TableSet,
  /** d; a = table. */
  TableSize,
  /** d; a = function index. */
  RefFunc,
  /** d: memory size in pages. */
  MemorySize,
  /** d; a, b, c, d = the four 32-bit words of a v128 constant (rematerialisable). */
  VConst,
  /** u addr, u base, [u vec (load lane)], d (reuse vec for a load lane); a = Wasm code, b = lane, c = offset. */
  VLoad,
  /** u addr, u value, u base; a = Wasm code, b = lane, c = offset. */
  VStore,
  /** SIMD operation, operands by shape (simd-ops.ts VShape), then early-def temps; a = Wasm code, b = lane / shift count / -1, c = shuffle mask index, d = VShape. */
  Simd,
}

export const enum AluOp { Add = 0, Or = 1, And = 4, Sub = 5, Xor = 6, Cmp = 7 }
export const enum ShiftOp { Rol = 0, Ror = 1, Shl = 4, Shr = 5, Sar = 7 }

/** How a condition is computed from the leading operands of SetCC / Select / TrapIf / BrIf. */
export const enum CmpKind {
  /** u x (Reg), u y (Any): cmp x, y (32-bit). */
  Rr32 = 0,
  Rr64 = 1,
  /** u x (Any): cmp x, c (32-bit). */
  Ri32 = 2,
  Ri64 = 3,
  /** u x (Reg): test x, x (32-bit). */
  Test32 = 4,
  Test64 = 5,
  /** u x (Reg), u y (Any): ucomiss x, y. */
  F32 = 6,
  F64 = 7,
  /** u funcref (Reg): function record's typeId compared with typeIds[c]. */
  TypeIs = 8,
  /** u x (Reg), u y (Reg): test x, y (a fused `and`). */
  TestRr32 = 9,
  TestRr64 = 10,
  /** u x (Any): test x, c. */
  TestRi32 = 11,
  TestRi64 = 12,
  /** u x (Reg), u addr, u base: cmp x, [base + addr + c] (a folded load). */
  Rm32 = 13,
  Rm64 = 14,
}

/** Number of leading operands each CmpKind reads. */
export const cmpOperandCount = [2, 2, 1, 1, 1, 1, 2, 2, 1, 2, 2, 1, 1, 3, 3] as const;

/**
 * Condition codes: the hardware's 0..15, plus two float conditions that need the parity flag
 * (ucomis reports unordered as ZF = PF = CF = 1).
 */
export const COND_FEQ = 16; // ZF = 1 and PF = 0
export const COND_FNE = 17; // ZF = 0 or PF = 1

export function invertCondition(c: number): number {
  if (c === COND_FEQ) return COND_FNE;
  if (c === COND_FNE) return COND_FEQ;
  return c ^ 1;
}

export const enum SelKind { Int32 = 0, Int64 = 1, Float = 2 }
export const enum CallKind { Direct = 0, Import = 1, Ref = 2 }

/** The side table: kind and immediates of each machine instruction. */
export class MInsts {
  readonly kind = new IntBuf(256);
  readonly a = new IntBuf(256);
  readonly b = new IntBuf(256);
  readonly c = new IntBuf(256);
  readonly d = new IntBuf(256);

  reset(): void {
    this.kind.clear();
    this.a.clear();
    this.b.clear();
    this.c.clear();
    this.d.clear();
  }

  push(kind: MK, a = 0, b = 0, c = 0, d = 0): void {
    this.kind.push(kind);
    this.a.push(a);
    this.b.push(b);
    this.c.push(c);
    this.d.push(d);
  }

  get length(): number { return this.kind.length; }
}
