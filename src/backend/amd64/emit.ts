// Emission of an allocated amd64 machine function: frame (prologue with stack-limit check and
// interrupt poll, epilogue restoring only the callee-saved registers the allocation wrote),
// every instruction with its allocated registers (emit-ops.ts), the allocator's edits (moves,
// spills, reloads, rematerialisations), edge blocks, jump tables and per-kind trap stubs.
import { CodeBuffer, type FixupKind, type LabelId } from '../code-buffer.js';
import { EditKind, type AllocResult } from '../../regalloc/result.js';
import { isSlot, locSlot, RegClass, type Location } from '../../regalloc/operand.js';
import { TrapKind } from '../../runtime/trap.js';
import { CALLEE_SAVED_GPRS, EXEC, VMCTX, VMCTX_REG, type Relocation, RelocKind } from './abi.js';
import { Assembler } from './encoder.js';
import { form, type Form } from './forms.js';
import { COND_FEQ, COND_FNE, MK } from './minst.js';
import { mem, type Mem } from './operands.js';
import { Cond, Gpr } from './registers.js';
import type { Amd64Isel } from './isel.js';
import { emitInst, emitRemat } from './emit-ops.js';

const F = {
  push: form('push_r64'), pop: form('pop_r64'), ret: form('ret'),
  movRR: form('mov_r64_rm64'), movMR: form('mov_rm64_r64'), movR32: form('mov_r32_rm32'),
  movImm32: form('mov_r32_imm32'), subImm32: form('sub_rm64_imm32'), lea: form('lea_r64_m'),
  cmpRM: form('cmp_r64_rm64'), cmpMI8: form('cmp_rm32_imm8'),
  jcc: form('jcc_rel32'), jmp: form('jmp_rel32'), jcc8: form('jcc_rel8'), jmp8: form('jmp_rel8'), jmpM: form('jmp_rm64'), callM: form('call_rm64'),
  movaps: form('movaps_x_xm'), movsdLoad: form('movsd_x_xm'), movsdStore: form('movsd_m_x'),
  movdquLoad: form('movdqu_x_xm'), movdquStore: form('movdqu_m_x'),
};

/** Largest frame (bytes below the return address) a leaf function may have without a stack check. */
const LEAF_FRAME_LIMIT = 4096;

export interface EmitOptions {
  readonly interruptPolls: boolean;
  /** Check every memory access against vmctx.memorySize (memories without a guard region). */
  readonly boundsChecks: boolean;
}

export class Amd64Emitter {
  readonly buf = new CodeBuffer(1 << 14);
  readonly asm = new Assembler(this.buf);
  isel!: Amd64Isel;
  res!: AllocResult;
  opts!: EmitOptions;
  relocations: Relocation[] = [];

  /** Current block and instruction, and the index of the instruction's first operand. */
  block = 0;
  inst = 0;
  private opBase = 0;
  private blockLabels: LabelId[] = [];
  private edgeLabels: LabelId[] = [];
  /** Per edge: a back-edge whose edits and poll are emitted in place, right after the branch
   * that leaves through the other edge (or before a plain jump), instead of in an edge block. */
  inlineEdge: boolean[] = [];
  private trapLabels: LabelId[] = [];
  private nextBlockLabel: LabelId = -1;
  private savedRegs: Gpr[] = [];
  private spillBase = 0;
  /** rbp-relative slot where the function's own vmctx is kept across import / funcref calls. */
  vmSaveDisp = 0;
  private vregDef = new Int32Array(0);
  /** Jump table of the block being emitted (set by BrTableAddr, filled by BrTable). */
  pendingTable: LabelId = -1;
  private tables: { label: LabelId; edges: number[] }[] = [];

  emit(isel: Amd64Isel, res: AllocResult, opts: EmitOptions): { code: Uint8Array; relocations: Relocation[] } {
    this.isel = isel;
    this.res = res;
    this.opts = opts;
    this.buf.reset();
    this.relocations = [];
    this.tables = [];
    const mf = isel.mf;
    this.blockLabels = [];
    for (let b = 0; b < mf.numBlocks; b++) this.blockLabels.push(this.buf.newLabel());
    this.edgeLabels = new Array<LabelId>(mf.numEdges).fill(-1);
    this.inlineEdge = new Array<boolean>(mf.numEdges).fill(false);
    for (let b = 0; b < mf.numBlocks; b++) {
      const kind = isel.mi.kind.data[mf.terminator(b)];
      // One back-edge of a jump or a two-way branch gets its edits and poll in place (the branch
      // is arranged so that edge falls through into them): the hot path of a loop then takes one
      // branch per iteration, not a branch to an edge block and its jump back. Other polled or
      // edited edges get an edge block.
      let inlined = kind !== MK.Jump && kind !== MK.BrIf;
      for (let e = mf.succStart.data[b]!; e < mf.succStart.data[b + 1]!; e++) {
        const back = isel.backEdges.has(e);
        const poll = opts.interruptPolls && back;
        if (back && !inlined && (poll || res.edgeNeedsBlock(e))) {
          this.inlineEdge[e] = true;
          inlined = true;
        } else if (res.edgeNeedsBlock(e) || poll) {
          this.edgeLabels[e] = this.buf.newLabel();
        }
      }
    }
    this.trapLabels = new Array<LabelId>(16).fill(-1);
    // The defining instruction of each vreg is only needed to rematerialise.
    for (let k = 0; k < res.numEdits; k++) {
      if (res.editKind[k] === EditKind.Remat) { this.indexDefs(); break; }
    }
    this.prologue();
    for (let b = 0; b < mf.numBlocks; b++) {
      this.buf.bindLabel(this.blockLabels[b]!);
      this.nextBlockLabel = b + 1 < mf.numBlocks ? this.blockLabels[b + 1]! : -1;
      this.block = b;
      const end = mf.instBlockEnd(b);
      for (let i = mf.blockStart.data[b]!; i < end; i++) {
        this.emitEdits(res.editStart[4 * i]!, res.editStart[4 * i + 4]!);
        this.inst = i;
        this.opBase = mf.opStart.data[i]!;
        emitInst(this, isel.mi.kind.data[i]! as MK, i);
      }
    }
    this.emitEdgeBlocks();
    this.emitTrapStubs();
    this.emitTables();
    this.buf.resolveFixups();
    return { code: this.buf.finish(), relocations: this.relocations };
  }

  // ---- operands ----

  loc(k: number): Location {
    return this.res.operandLoc[this.opBase + k]!;
  }
  /** Hardware number of operand k, which must be in a register. */
  r(k: number): number {
    const l = this.loc(k);
    if (isSlot(l)) throw new Error(`internal: operand ${k} of inst ${this.inst} is in a spill slot`);
    return l & 31;
  }
  /** Operand k as an r/m operand: its register, or its spill slot. */
  rm(k: number): number | Mem {
    const l = this.loc(k);
    return isSlot(l) ? this.slotMem(l) : l & 31;
  }
  slotMem(l: Location): Mem {
    return mem(Gpr.RBP, this.spillBase + this.res.slotOffset[locSlot(l)]!);
  }
  a(i: number): number { return this.isel.mi.a.data[i]!; }
  b(i: number): number { return this.isel.mi.b.data[i]!; }
  c(i: number): number { return this.isel.mi.c.data[i]!; }
  d(i: number): number { return this.isel.mi.d.data[i]!; }

  // ---- labels and branches ----

  trapLabel(kind: TrapKind): LabelId {
    let l = this.trapLabels[kind]!;
    if (l < 0) {
      l = this.buf.newLabel();
      this.trapLabels[kind] = l;
    }
    return l;
  }

  /** Where edge e jumps: its edge block when it has one, else the target block. */
  edgeTarget(e: number): LabelId {
    const l = this.edgeLabels[e]!;
    return l >= 0 ? l : this.blockLabels[this.isel.mf.succ.data[e]!]!;
  }

  isNext(label: LabelId): boolean {
    return label === this.nextBlockLabel;
  }

  /** Jumps to `label` when condition `cond` (a Cond, COND_FEQ or COND_FNE) holds. */
  jcc(cond: number, label: LabelId): void {
    if (cond === COND_FEQ) {
      const skip = this.buf.newLabel();
      this.asm.relLabel(F.jcc8, skip, Cond.P); // over the next jcc (6 bytes at most)
      this.branch(F.jcc, F.jcc8, label, Cond.E);
      this.buf.bindLabel(skip);
    } else if (cond === COND_FNE) {
      this.branch(F.jcc, F.jcc8, label, Cond.P);
      this.branch(F.jcc, F.jcc8, label, Cond.NE);
    } else {
      this.branch(F.jcc, F.jcc8, label, cond as Cond);
    }
  }

  jmp(label: LabelId): void {
    this.branch(F.jmp, F.jmp8, label, 0);
  }

  /** A branch: rel8 when the label is already bound (backwards) and close, else rel32 with a fix-up. */
  private branch(long: Form, short: Form, label: LabelId, cond: Cond | 0): void {
    const at = this.buf.labelOffset(label);
    if (at >= 0) {
      const rel = at - (this.buf.length + 2); // both short forms are 2 bytes
      if (rel >= -128) {
        this.asm.relDisp(short, rel, cond);
        return;
      }
    }
    this.asm.relLabel(long, label, cond);
  }

  reloc(kind: RelocKind, target: number): void {
    this.relocations.push({ offset: this.buf.length - 4, kind, target });
  }

  addTable(label: LabelId, edges: number[]): void {
    this.tables.push({ label, edges });
  }

  // ---- frame ----

  private prologue(): void {
    const { asm, res, isel } = this;
    this.savedRegs = CALLEE_SAVED_GPRS.filter((r) => (res.calleeSavedUsed[0]! >>> r) & 1);
    const pushed = 8 * this.savedRegs.length;
    const vmSave = isel.needsVmSave ? 8 : 0;
    this.vmSaveDisp = -pushed - 8;
    this.spillBase = -pushed - vmSave - res.spillAreaSize;
    let below = vmSave + res.spillAreaSize + isel.outgoingBytes;
    if ((pushed + below) % 16 !== 0) below += 8;
    asm.o(F.push, Gpr.RBP);
    asm.rm(F.movRR, Gpr.RBP, Gpr.RSP);
    for (const r of this.savedRegs) asm.o(F.push, r);
    if (below > 0) asm.mi(F.subImm32, Gpr.RSP, below);
    // A leaf (no calls) with a small frame cannot recurse: its caller's check, and the headroom
    // below exec.stackLimit, cover it; it cannot run long without a loop, whose back-edges poll.
    if (!isel.hasCalls && pushed + below <= LEAF_FRAME_LIMIT) return;
    // Stack limit: exec.stackLimit is the lowest SP Wasm frames may reach.
    asm.rm(F.movRR, Gpr.R11, mem(VMCTX_REG, VMCTX.exec));
    asm.rm(F.cmpRM, Gpr.RSP, mem(Gpr.R11, EXEC.stackLimit));
    this.jcc(Cond.B, this.trapLabel(TrapKind.CallStackExhausted));
    if (this.opts.interruptPolls) {
      asm.mi(F.cmpMI8, mem(Gpr.R11, EXEC.interrupt), 0);
      this.jcc(Cond.NE, this.trapLabel(TrapKind.Interrupted));
    }
  }

  /** Restores the frame and returns (the Ret terminator). */
  epilogue(): void {
    const { asm } = this;
    if (this.savedRegs.length > 0) asm.rm(F.lea, Gpr.RSP, mem(Gpr.RBP, -8 * this.savedRegs.length));
    else asm.rm(F.movRR, Gpr.RSP, Gpr.RBP);
    for (let k = this.savedRegs.length - 1; k >= 0; k--) asm.o(F.pop, this.savedRegs[k]!);
    asm.o(F.pop, Gpr.RBP);
    asm.zo(F.ret);
  }

  /** An edge marked inlineEdge, in place: its edits, its poll, the jump to its target. */
  emitInlineEdge(e: number): void {
    const [from, to] = this.res.onEdge(e);
    this.emitEdits(from, to);
    const target = this.blockLabels[this.isel.mf.succ.data[e]!]!;
    if (this.opts.interruptPolls && this.isel.backEdges.has(e)) this.pollAndJump(target);
    else if (!this.isNext(target)) this.jmp(target);
  }

  /** A polled back-edge: checks the interrupt flag, then continues at `target`. The flag is
   * clear in every iteration but the last, so the loop continues with the flag test's own `je`
   * (one taken branch per iteration) and only a set flag falls through to the trap. */
  pollAndJump(target: LabelId): void {
    this.asm.rm(F.movRR, Gpr.R11, mem(VMCTX_REG, VMCTX.exec));
    this.asm.mi(F.cmpMI8, mem(Gpr.R11, EXEC.interrupt), 0);
    if (this.isNext(target)) {
      this.jcc(Cond.NE, this.trapLabel(TrapKind.Interrupted));
      return;
    }
    this.jcc(Cond.E, target);
    this.jmp(this.trapLabel(TrapKind.Interrupted));
  }

  // ---- edits ----

  private indexDefs(): void {
    const mf = this.isel.mf;
    if (this.vregDef.length < mf.numVregs) this.vregDef = new Int32Array(Math.max(mf.numVregs, this.vregDef.length * 2));
    for (let i = 0; i < mf.numInsts; i++) {
      for (let k = mf.opStart.data[i]!; k < mf.opStart.data[i + 1]!; k++) {
        const op = mf.ops.data[k]!;
        if (((op >>> 21) & 3) !== 0) this.vregDef[op & ((1 << 21) - 1)] = i;
      }
    }
  }

  private emitEdits(from: number, to: number): void {
    const { res, asm } = this;
    for (let k = from; k < to; k++) {
      const src = res.editFrom[k]!, dst = res.editTo[k]!;
      const float = (isSlot(dst) ? src : dst) >= 32;
      switch (res.editKind[k]! as EditKind) {
        case EditKind.Move:
          if (float) asm.rm(F.movaps, dst & 31, src & 31);
          else asm.rm(F.movRR, dst & 31, src & 31);
          break;
        case EditKind.Load:
          if (float) asm.rm(this.isel.isWide(res.editVreg[k]!) ? F.movdquLoad : F.movsdLoad, dst & 31, this.slotMem(src));
          else asm.rm(F.movRR, dst & 31, this.slotMem(src));
          break;
        case EditKind.Store:
          if (float) asm.mr(this.isel.isWide(res.editVreg[k]!) ? F.movdquStore : F.movsdStore, this.slotMem(dst), src & 31);
          else asm.mr(F.movMR, this.slotMem(dst), src & 31);
          break;
        case EditKind.Remat:
          emitRemat(this, this.vregDef[res.editVreg[k]!]!, dst & 31, dst >= 32 ? RegClass.Float : RegClass.Int);
          break;
      }
    }
  }

  private emitEdgeBlocks(): void {
    const mf = this.isel.mf;
    for (let e = 0; e < mf.numEdges; e++) {
      const l = this.edgeLabels[e]!;
      if (l < 0) continue;
      this.buf.bindLabel(l);
      const [from, to] = this.res.onEdge(e);
      this.emitEdits(from, to);
      const target = this.blockLabels[mf.succ.data[e]!]!;
      if (this.opts.interruptPolls && this.isel.backEdges.has(e)) this.pollAndJump(target);
      else this.jmp(target);
    }
  }

  private emitTrapStubs(): void {
    const { asm } = this;
    let exit: LabelId = -1;
    for (let kind = 0; kind < this.trapLabels.length; kind++) {
      const l = this.trapLabels[kind]!;
      if (l < 0) continue;
      this.buf.bindLabel(l);
      if (exit < 0) {
        // The first stub is the shared tail: zw_exit(exec, kind) restores the entry's SP. A call,
        // not a jump, though it never returns: the pushed address (in this function) names the
        // trapping function in stack traces, however it was called (frames.ts).
        exit = this.buf.newLabel();
        asm.oi(F.movImm32, Gpr.RSI, kind);
        this.buf.bindLabel(exit);
        asm.rm(F.movRR, Gpr.RDI, mem(VMCTX_REG, VMCTX.exec));
        asm.m(F.callM, mem(Gpr.RDI, EXEC.exitFn));
      } else {
        asm.oi(F.movImm32, Gpr.RSI, kind);
        this.jmp(exit);
      }
    }
  }

  private emitTables(): void {
    for (const t of this.tables) {
      while (this.buf.length % 4 !== 0) this.buf.emit8(0xcc);
      this.buf.bindLabel(t.label);
      const start = this.buf.length;
      const kind: FixupKind = {
        name: 'amd64 jump-table entry',
        patch(bytes, site, target) {
          new DataView(bytes.buffer, bytes.byteOffset).setInt32(site, target - start, true);
          return true;
        },
      };
      for (const e of t.edges) {
        this.buf.addFixup(this.buf.length, this.edgeTarget(e), kind);
        this.buf.emit32(0);
      }
    }
  }
}
