// Instruction selection driver for amd64: walks the IR blocks in layout order and builds the
// MachFunction (operands for the allocator) and the MInsts side table (kinds, immediates).
// The shared pre-pass (src/backend/use-analysis.ts) counts uses and decides the foldings once,
// with amd64's rules (imm32 immediates, memory operands, lea scaled indices), so defs know
// whether to emit: fused conditions, folded loads and shifts and constants used only as
// immediates are computed by their users.
// Families of operations are lowered in isel-num.ts (numeric) and isel-misc.ts (the rest).
import { MachFunction } from '../../regalloc/function.js';
import { Policy, RegClass, type VReg } from '../../regalloc/operand.js';
import { IrFunction } from '../../ssa/function.js';
import { Opcode } from '../../ssa/opcodes.js';
import { type FoldRules, Fused, UseAnalysis } from '../use-analysis.js';
import { ValType } from '../../wasm/types.js';
import type { ModuleContext } from '../module-context.js';
import { callLayout, type CallLayout, isFloatType, VMCTX } from './abi.js';
import { type CpuFeatures } from './cpu.js';
import { CmpKind, COND_FEQ, COND_FNE, MInsts, MK, invertCondition } from './minst.js';
import { loadFoldable, lowerNum, memOperandUser, numImmArg } from './isel-num.js';
import { lowerMisc, slotKind } from './isel-misc.js';
import { vconstWords } from './isel-simd.js';
import { Cond } from './registers.js';

export interface IselOptions {
  /** Poll the interrupt flag at entry and loop back-edges (default true). */
  readonly interruptPolls?: boolean;
  readonly cpu: CpuFeatures;
}

const NO_VREG = -1;


// Wasm codes of the condition producers.
const I32_EQZ = 0x45, I64_EQZ = 0x50, I32_AND = 0x71, I64_AND = 0x83;
const intCond: readonly Cond[] = [Cond.E, Cond.NE, Cond.L, Cond.B, Cond.G, Cond.A, Cond.LE, Cond.BE, Cond.GE, Cond.AE];

/** Condition of an integer compare code (i32.eq .. i32.ge_u, i64.eq .. i64.ge_u), or -1. */
function intCompareCond(code: number): number {
  if (code >= 0x46 && code <= 0x4f) return intCond[code - 0x46]!;
  if (code >= 0x51 && code <= 0x5a) return intCond[code - 0x51]!;
  return -1;
}

export class Amd64Isel {
  readonly mf = new MachFunction();
  readonly mi = new MInsts();
  ir!: IrFunction;
  mc!: ModuleContext;
  opts!: IselOptions;

  private vreg = new Int32Array(256);
  /** Use counts and fusion decisions (shared pre-pass, amd64 folding rules). */
  private readonly uses = new UseAnalysis();
  private readonly rules: FoldRules = {
    immArg: (ir, i, k) => (ir.instOp[i] === Opcode.Num ? numImmArg(this, i, k) : this.storeImmArg(i, k)),
    loadFoldsInto: (load, user) => loadFoldable(load) &&
      (memOperandUser(user) || (load === 0x28 && user >= 0x46 && user <= 0x4f) || (load === 0x29 && user >= 0x51 && user <= 0x5a)),
    // shl by 1..3 into an add of the same width: lea's scaled index.
    shiftFoldsInto: (shift, count, user) => ((shift === 0x74 && user === 0x6a) || (shift === 0x86 && user === 0x7c)) &&
      count !== undefined && count >= 1 && count <= 3,
    // 32-bit ALU operations, lea, shifts and compares read only the low halves of registers.
    wrapFoldsInto: (user) => (user >= 0x46 && user <= 0x4f) || (user >= 0x6a && user <= 0x6c) || (user >= 0x71 && user <= 0x76),
    constOf: (v) => this.constImm(v),
  };
  private mblock = new Int32Array(64);
  /** Machine block index of each IR block, in layout order. */
  private numMBlocks = 0;
  /** Vreg of memory 0's base, created at entry when the function touches memory. */
  memBase: VReg = NO_VREG;
  /** The function needs the vmctx save slot (it calls imports or through funcrefs). */
  needsVmSave = false;
  /** The function calls other functions or helpers (it is not a leaf). */
  hasCalls = false;
  /** Bytes of the outgoing stack-argument area the calls of this function need. */
  outgoingBytes = 0;
  /** Machine edges that go backwards in the layout (an interrupt poll goes on them). */
  readonly backEdges: Set<number> = new Set();

  select(ir: IrFunction, mc: ModuleContext, opts: IselOptions): void {
    this.ir = ir;
    this.mc = mc;
    this.opts = opts;
    this.mf.reset();
    this.mi.reset();
    this.memBase = NO_VREG;
    this.needsVmSave = false;
    this.hasCalls = false;
    this.outgoingBytes = 0;
    this.backEdges.clear();
    const nv = ir.valueCount;
    if (this.vreg.length < nv) {
      this.vreg = new Int32Array(Math.max(nv, this.vreg.length * 2));
      this.hoisted = new Uint8Array(this.vreg.length);
    }
    this.vreg.fill(NO_VREG, 0, nv);
    this.hoisted.fill(0, 0, nv);
    this.uses.run(ir, this.rules);

    // Machine blocks follow the IR layout. The IR guarantees (and its verifier checks) that the
    // entry block comes first and is no branch target, as the allocator requires too.
    const layout = ir.layout.filter((b) => !ir.blockDead[b]);
    if (layout[0] !== 0 || (ir.blockPreds[0]?.length ?? 0) > 0) {
      throw new Error('IR entry block must come first in the layout and have no predecessors');
    }
    if (this.mblock.length < ir.blockCount) this.mblock = new Int32Array(ir.blockCount * 2);
    layout.forEach((b, k) => { this.mblock[b] = k; });
    this.numMBlocks = layout.length;
    for (const b of layout) {
      this.mf.block();
      if (b === 0) {
        this.lowerArgs(ir.blockParams[0]!);
        this.hoistConstants(layout);
      }
      else for (const p of ir.blockParams[b]!) this.mf.param(this.vr(p));
      for (let i = ir.blockFirst[b]!; i !== -1; i = ir.instNext[i]!) this.lowerInst(i, b);
    }
    this.mf.finish();
  }

  // ---- values ----

  /** The vreg of IR value v (created on first sight). */
  vr(v: number): VReg {
    let r = this.vreg[v]!;
    if (r === NO_VREG && this.uses.fused[v] === Fused.Wrap) {
      // Read as its i64 operand: the user looks at the low 32 bits only.
      r = this.vr(this.uses.wrapSource(this.ir, v));
      this.vreg[v] = r;
    } else if (r === NO_VREG) {
      const t = this.ir.valueType[v]! as ValType;
      r = this.newVReg(isFloatType(t) ? RegClass.Float : RegClass.Int, t === ValType.V128);
      this.vreg[v] = r;
    }
    return r;
  }

  /** A new vreg; `wide` marks a v128 (spilled with 16-byte moves). */
  newVReg(cls: RegClass, wide = false): VReg {
    const r = this.mf.newVReg(cls);
    if (r >= this.wide.length) {
      const w = new Uint8Array(Math.max(r + 1, this.wide.length * 2));
      w.set(this.wide);
      this.wide = w;
    }
    this.wide[r] = wide ? 1 : 0;
    return r;
  }

  /** Per vreg: it holds a v128 (its spills and reloads move 16 bytes). */
  wide = new Uint8Array(256);
  isWide(r: VReg): boolean {
    return this.wide[r] === 1;
  }

  type(v: number): ValType {
    return this.ir.valueType[v]! as ValType;
  }

  /** The IR instruction defining v, or -1 for a block parameter. */
  defInst(v: number): number {
    return this.ir.valueDef[v]!;
  }

  isFused(v: number): boolean {
    return this.uses.fused[v] === Fused.Condition;
  }

  /** v is a single-use load computed by its user as a memory operand. */
  isFoldedLoad(v: number): boolean {
    return this.uses.fused[v] === Fused.Load;
  }

  /** v is a single-use `i32.wrap_i64` whose user reads its i64 operand instead. */
  isFoldedWrap(v: number): boolean {
    return this.uses.fused[v] === Fused.Wrap;
  }

  /** v is a single-use `shl` by 1..3 that its `add` user computes as a scaled lea index. */
  isFoldedShift(v: number): boolean {
    return this.uses.fused[v] === Fused.Shift;
  }

  /** Static number of uses of IR value v (edge arguments count double). */
  useCountOf(v: number): number {
    return this.uses.useCount[v]!;
  }

  needsReg(v: number): boolean {
    return this.uses.regUses[v]! > 0;
  }

  /** Integer constant value of v when it is an iconst whose value fits a sign-extended imm32, else undefined. */
  constImm(v: number): number | undefined {
    const i = this.ir.valueDef[v]!;
    if (i < 0) return undefined;
    const op = this.ir.instOp[i]! as Opcode;
    if (op === Opcode.Iconst32) return this.ir.instImm0[i]!;
    if (op === Opcode.Iconst64) {
      const lo = this.ir.instImm0[i]!, hi = this.ir.instImm1[i]!;
      if ((hi === 0 && lo >= 0) || (hi === -1 && lo < 0)) return lo;
    }
    return undefined;
  }

  /** True when argument k of store i is an integer constant stored as an immediate. */
  storeImmArg(i: number, k: number): boolean {
    const code = this.ir.instImm0[i]!;
    if (k !== 1 || !(code === 0x36 || code === 0x37 || (code >= 0x3a && code <= 0x3e))) return false;
    return this.constImm(this.ir.argPool[this.ir.instArgStart[i]! + 1]!) !== undefined;
  }

  /**
   * Float constants and 64-bit integer constants that need more than an imm32 take two
   * instructions to materialise; they are defined once in the entry block instead (all are
   * rematerialisable, so the allocator keeps them in a free register or recomputes them at the
   * use). This moves them out of loops; cheap constants stay where they are used.
   */
  private hoistConstants(layout: readonly number[]): void {
    const ir = this.ir;
    for (const b of layout) {
      for (let i = ir.blockFirst[b]!; i !== -1; i = ir.instNext[i]!) {
        const op = ir.instOp[i]! as Opcode;
        if (op === Opcode.Vconst) {
          this.hoistVconst(i);
          continue;
        }
        if (op !== Opcode.Fconst32 && op !== Opcode.Fconst64 && op !== Opcode.Iconst64) continue;
        const v = ir.instResult[i]!;
        if (!this.needsReg(v)) continue;
        const lo = ir.instImm0[i]!, hi = ir.instImm1[i]!;
        if (op === Opcode.Iconst64 && (hi === 0 || (hi === -1 && lo < 0))) continue; // one instruction
        if (op !== Opcode.Iconst64 && lo === 0 && (op === Opcode.Fconst32 || hi === 0)) continue; // xorps
        this.hoisted[v] = 1;
        const r = this.vr(v);
        this.mf.def(r);
        this.mf.setRemat(r);
        if (op === Opcode.Fconst32) this.mi.push(MK.Const32, lo, 1);
        else this.mi.push(MK.Const64, lo, hi, op === Opcode.Fconst64 ? 1 : 0);
        this.mf.inst();
      }
    }
  }

  /** A v128 constant other than all-zeros / all-ones (one instruction each) is defined at entry too. */
  private hoistVconst(i: number): void {
    const v = this.ir.instResult[i]!;
    if (!this.needsReg(v)) return;
    const w = vconstWords(this.ir, i);
    if (w.every((x) => x === 0) || w.every((x) => x === -1)) return;
    this.hoisted[v] = 1;
    const r = this.vr(v);
    this.mf.def(r);
    this.mf.setRemat(r);
    this.mi.push(MK.VConst, w[0]!, w[1]!, w[2]!, w[3]!);
    this.mf.inst();
  }

  /** Per IR value: its constant was defined in the entry block (hoistConstants). */
  private hoisted = new Uint8Array(256);
  isHoisted(v: number): boolean {
    return this.hoisted[v] === 1;
  }

  /** The memory base vreg (loaded once at entry, rematerialised when needed). */
  memoryBase(): VReg {
    if (this.memBase === NO_VREG) throw new Error('internal: memory base requested but not loaded at entry');
    return this.memBase;
  }

  // ---- conditions ----

  /**
   * Adds the operands that compute condition value v to the instruction being built and returns
   * [CmpKind, cond, imm]. A fused producer is computed here; anything else is tested for != 0.
   */
  condOperands(v: number): [CmpKind, number, number] {
    if (this.uses.fused[v] !== Fused.Condition) {
      this.mf.use(this.vr(v));
      return [this.type(v) === ValType.I64 ? CmpKind.Test64 : CmpKind.Test32, Cond.NE, 0];
    }
    return this.producerOperands(this.ir.valueDef[v]!);
  }

  /** Like condOperands, for the condition producer instruction i itself (fused or not). */
  producerOperands(i: number): [CmpKind, number, number] {
    const ir = this.ir;
    const mf = this.mf;
    const op = ir.instOp[i]! as Opcode;
    const a0 = ir.argPool[ir.instArgStart[i]!]!;
    if (op === Opcode.RefIsNull) {
      mf.use(this.vr(a0));
      return [CmpKind.Test64, Cond.E, 0];
    }
    if (op === Opcode.FuncTypeIs) {
      mf.use(this.vr(a0));
      return [CmpKind.TypeIs, Cond.E, ir.instImm0[i]!];
    }
    const code = ir.instImm0[i]!;
    if (code === I32_EQZ || code === I64_EQZ) {
      if (this.uses.fused[a0] === Fused.Condition) {
        const [k, c, imm] = this.condOperands(a0);
        return [k, invertCondition(c), imm];
      }
      mf.use(this.vr(a0));
      return [code === I64_EQZ ? CmpKind.Test64 : CmpKind.Test32, Cond.E, 0];
    }
    const a1 = ir.argPool[ir.instArgStart[i]! + 1]!;
    if (code === I32_AND || code === I64_AND) {
      // A bit test: `and` only for its flags.
      const is64 = code === I64_AND;
      const imm = numImmArg(this, i, 1) ? this.constImm(a1) : undefined;
      if (imm !== undefined) {
        mf.use(this.vr(a0), Policy.Any);
        return [is64 ? CmpKind.TestRi64 : CmpKind.TestRi32, Cond.NE, imm];
      }
      mf.use(this.vr(a0));
      mf.use(this.vr(a1));
      return [is64 ? CmpKind.TestRr64 : CmpKind.TestRr32, Cond.NE, 0];
    }
    const cc = intCompareCond(code);
    if (cc >= 0) {
      const is64 = code >= 0x51;
      if (this.isFoldedLoad(a1)) {
        // cmp x, [base + addr + offset]
        const load = this.defInst(a1);
        mf.use(this.vr(a0));
        mf.use(this.vr(ir.argPool[ir.instArgStart[load]!]!));
        mf.use(this.memoryBase());
        return [is64 ? CmpKind.Rm64 : CmpKind.Rm32, cc, ir.instImm1[load]!];
      }
      const imm = numImmArg(this, i, 1) ? this.constImm(a1) : undefined;
      if (imm === 0 && (cc === Cond.E || cc === Cond.NE)) {
        mf.use(this.vr(a0));
        return [is64 ? CmpKind.Test64 : CmpKind.Test32, cc, 0];
      }
      if (imm !== undefined) {
        mf.use(this.vr(a0), Policy.Any);
        return [is64 ? CmpKind.Ri64 : CmpKind.Ri32, cc, imm];
      }
      mf.use(this.vr(a0));
      mf.use(this.vr(a1), Policy.Any);
      return [is64 ? CmpKind.Rr64 : CmpKind.Rr32, cc, 0];
    }
    // Float compares: ucomis sets CF for "below" and all of ZF, PF, CF for unordered, so
    // a < b is tested as b > a ("above", false when unordered).
    const f64 = code >= 0x61;
    const rel = code - (f64 ? 0x61 : 0x5b); // eq ne lt gt le ge
    const swap = rel === 2 || rel === 4;
    const x = swap ? a1 : a0, y = swap ? a0 : a1;
    mf.use(this.vr(x));
    mf.use(this.vr(y), Policy.Any);
    const cond = rel === 0 ? COND_FEQ : rel === 1 ? COND_FNE : rel === 2 || rel === 3 ? Cond.A : Cond.AE;
    return [f64 ? CmpKind.F64 : CmpKind.F32, cond, 0];
  }

  // ---- entry ----

  /** Defines the function's parameters from the ABI (registers, then stack) and loads the memory base. */
  private lowerArgs(params: readonly number[]): void {
    const ir = this.ir;
    const layout = this.layoutOf(ir.params, ir.results);
    const vregs = params.map((p) => this.vr(p));
    for (let k = 0; k < vregs.length; k++) {
      const loc = layout.params[k]!;
      if (loc.reg >= 0) this.mf.defFixed(vregs[k]!, loc.reg);
    }
    this.mi.push(MK.Args);
    this.mf.inst();
    for (let k = 0; k < vregs.length; k++) {
      const loc = layout.params[k]!;
      if (loc.reg >= 0) continue;
      this.mf.def(vregs[k]!);
      this.mi.push(MK.StackArg, loc.stackOffset, slotKind(ir.params[k]!));
      this.mf.inst();
    }
    if (this.uses.usesMemory) {
      this.memBase = this.newVReg(RegClass.Int);
      this.mf.setRemat(this.memBase);
      this.mf.def(this.memBase);
      this.mi.push(MK.VmLoad, VMCTX.memoryBase);
      this.mf.inst();
    }
  }

  // ---- instructions ----

  private lowerInst(i: number, b: number): void {
    const ir = this.ir;
    const op = ir.instOp[i]! as Opcode;
    switch (op) {
      case Opcode.Num: lowerNum(this, i); return;
      case Opcode.Jump: {
        this.mi.push(MK.Jump);
        this.mf.inst();
        this.addEdges(i, b);
        return;
      }
      case Opcode.BrIf: {
        const [k, c, imm] = this.condOperands(ir.argPool[ir.instArgStart[i]!]!);
        this.mi.push(MK.BrIf, k, c, imm);
        this.mf.inst();
        this.addEdges(i, b);
        return;
      }
      case Opcode.TrapIf: {
        const [k, c, imm] = this.condOperands(ir.argPool[ir.instArgStart[i]!]!);
        this.mi.push(MK.TrapIf, k, c, imm, ir.instImm0[i]!);
        this.mf.inst();
        return;
      }
      case Opcode.Trap:
        this.mi.push(MK.Trap, ir.instImm0[i]!);
        this.mf.inst();
        return;
      case Opcode.BrTable: {
        // The target address is computed before the terminator (a terminator cannot define it).
        const n = ir.instEdgeCount[i]! - 1;
        const target = this.newVReg(RegClass.Int);
        this.mf.use(this.vr(ir.argPool[ir.instArgStart[i]!]!));
        this.mf.earlyDef(target);
        this.mi.push(MK.BrTableAddr, n);
        this.mf.inst();
        this.mf.use(target);
        this.mi.push(MK.BrTable, n);
        this.mf.inst();
        this.addEdges(i, b);
        return;
      }
      case Opcode.Return: {
        const layout = this.layoutOf(ir.params, ir.results);
        const s = ir.instArgStart[i]!;
        for (let k = 0; k < ir.results.length; k++) {
          const loc = layout.results[k]!;
          if (loc.reg >= 0) continue;
          this.mf.use(this.vr(ir.argPool[s + k]!));
          this.mi.push(MK.StoreStackResult, loc.stackOffset, slotKind(ir.results[k]!));
          this.mf.inst();
        }
        for (let k = 0; k < ir.results.length; k++) {
          const loc = layout.results[k]!;
          if (loc.reg >= 0) this.mf.useFixed(this.vr(ir.argPool[s + k]!), loc.reg);
        }
        this.mi.push(MK.Ret);
        this.mf.inst();
        return;
      }
      default:
        lowerMisc(this, i, op);
    }
  }

  private readonly edgeArgs: VReg[] = [];
  /** Scratch list for call and helper arguments. */
  readonly scratchVregs: VReg[] = [];
  private readonly layouts = new WeakMap<readonly ValType[], WeakMap<readonly ValType[], CallLayout>>();

  /** callLayout, cached per (params, results) pair of arrays (FuncTypes are shared by the module). */
  layoutOf(params: readonly ValType[], results: readonly ValType[]): CallLayout {
    let inner = this.layouts.get(params);
    if (inner === undefined) {
      inner = new WeakMap();
      this.layouts.set(params, inner);
    }
    let l = inner.get(results);
    if (l === undefined) {
      l = callLayout(params, results);
      inner.set(results, l);
    }
    return l;
  }

  private addEdges(i: number, b: number): void {
    const ir = this.ir;
    const es = ir.instEdgeStart[i]!, en = ir.instEdgeCount[i]!;
    const here = this.mblock[b]!;
    const args = this.edgeArgs;
    for (let e = es; e < es + en; e++) {
      const target = this.mblock[ir.edgeTarget[e]!]!;
      args.length = 0;
      for (let k = 0; k < ir.edgeArgCount[e]!; k++) args.push(this.vr(ir.argPool[ir.edgeArgStart[e]! + k]!));
      if (target <= here) this.backEdges.add(this.mf.numEdges);
      this.mf.edge(target, args);
    }
  }

  /** Records the outgoing stack area a call needs. */
  noteOutgoing(bytes: number): void {
    if (bytes > this.outgoingBytes) this.outgoingBytes = bytes;
  }

  get blockCount(): number { return this.numMBlocks; }
}
