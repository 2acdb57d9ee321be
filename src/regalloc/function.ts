// The machine function as the allocator sees it: blocks in layout order, each a run of
// instructions ending in its terminator, with successors and block parameters; instructions
// reduced to operands (vreg + kind + policy) and clobber masks. Backends build one with the
// methods below while selecting instructions (instruction i here is the backend's instruction i),
// and may reuse the object for the next function after `reset()`.
import { IntBuf } from './intbuf.js';
import {
  MAX_VREGS, NUM_PREGS, Operand, OperandKind, Policy, PReg, RegAllocError, RegClass, VReg,
  operand, opArg, opKind, opPolicy, opVreg, pregClass,
} from './operand.js';

export type BlockId = number;

export class MachFunction {
  /** Per vreg: its class. */
  readonly vregClass = new IntBuf();
  /** Per vreg: 1 if the backend can recompute it (a constant) instead of reloading it. */
  readonly vregRemat = new IntBuf();

  /** Per block b: instructions [blockStart[b], blockStart[b+1]). */
  readonly blockStart = new IntBuf();
  /** Per block b: params are params[paramStart[b] .. paramStart[b+1]). */
  readonly paramStart = new IntBuf();
  readonly params = new IntBuf();
  /** Per block b: its outgoing edges are [succStart[b], succStart[b+1]); edge e goes to succ[e]. */
  readonly succStart = new IntBuf();
  readonly succ = new IntBuf();
  /** Per edge e: the values passed to the target's params are args[argStart[e] .. argStart[e+1]). */
  readonly argStart = new IntBuf();
  readonly args = new IntBuf();

  /** Per instruction i: operands ops[opStart[i] .. opStart[i+1]). */
  readonly opStart = new IntBuf();
  readonly ops = new IntBuf();
  /** Per instruction i: registers it clobbers, two masks (class Int, class Float) at 2i, 2i+1. */
  readonly clobbers = new IntBuf();

  private finished = false;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.vregClass.clear();
    this.vregRemat.clear();
    this.blockStart.clear();
    this.paramStart.clear();
    this.params.clear();
    this.succStart.clear();
    this.succ.clear();
    this.argStart.clear();
    this.args.clear();
    this.opStart.clear();
    this.ops.clear();
    this.clobbers.clear();
    this.opStart.push(0);
    this.argStart.push(0);
    this.finished = false;
  }

  /** Makes this function an exact copy of `other` (finished or not), reusing this one's storage. */
  copyFrom(other: MachFunction): void {
    copyBuf(this.vregClass, other.vregClass); copyBuf(this.vregRemat, other.vregRemat);
    copyBuf(this.blockStart, other.blockStart); copyBuf(this.paramStart, other.paramStart);
    copyBuf(this.params, other.params); copyBuf(this.succStart, other.succStart);
    copyBuf(this.succ, other.succ); copyBuf(this.argStart, other.argStart); copyBuf(this.args, other.args);
    copyBuf(this.opStart, other.opStart); copyBuf(this.ops, other.ops); copyBuf(this.clobbers, other.clobbers);
    this.finished = other.finished;
  }

  get numVregs(): number { return this.vregClass.length; }
  get numBlocks(): number { return this.finished ? this.blockStart.length - 1 : this.blockStart.length; }
  get numInsts(): number { return this.opStart.length - 1; }
  get numEdges(): number { return this.succ.length; }
  get numOperands(): number { return this.ops.length; }

  // ---- building ----

  newVReg(cls: RegClass): VReg {
    const v = this.vregClass.length;
    if (v >= MAX_VREGS) throw new RegAllocError(`too many vregs (limit ${MAX_VREGS})`);
    this.vregClass.push(cls);
    this.vregRemat.push(0);
    return v;
  }

  /** Marks `v` as recomputable: the backend can emit its defining instruction again anywhere. */
  setRemat(v: VReg): void {
    this.vregRemat.data[v] = 1;
  }

  /** Starts the next block in layout order and returns its id. */
  block(): BlockId {
    this.assertBuilding();
    const b = this.blockStart.length;
    this.blockStart.push(this.numInsts);
    this.paramStart.push(this.params.length);
    this.succStart.push(this.succ.length);
    return b;
  }

  /** Adds a parameter to the current block (an SSA phi, written by every incoming edge). */
  param(v: VReg): void {
    this.assertInBlock();
    this.params.push(v);
  }

  /** Adds an operand to the instruction being built; returns its index in that instruction. */
  addOperand(v: VReg, kind: OperandKind, policy: Policy, arg = 0): number {
    this.assertInBlock();
    const index = this.ops.length - this.opStart.data[this.opStart.length - 1]!;
    this.ops.push(operand(v, kind, policy, arg));
    return index;
  }
  use(v: VReg, policy: Policy = Policy.Reg): number { return this.addOperand(v, OperandKind.Use, policy); }
  useFixed(v: VReg, p: PReg): number { return this.addOperand(v, OperandKind.Use, Policy.Fixed, p); }
  def(v: VReg, policy: Policy = Policy.Reg): number { return this.addOperand(v, OperandKind.Def, policy); }
  defFixed(v: VReg, p: PReg): number { return this.addOperand(v, OperandKind.Def, Policy.Fixed, p); }
  /** A def that must land in the register of use operand `useIndex` (x86 two-address forms). */
  defReuse(v: VReg, useIndex: number): number { return this.addOperand(v, OperandKind.Def, Policy.Reuse, useIndex); }
  earlyDef(v: VReg, policy: Policy.Reg | Policy.Fixed = Policy.Reg, p = 0): number {
    return this.addOperand(v, OperandKind.EarlyDef, policy, p);
  }

  /** Ends the instruction whose operands were just added; returns its index. */
  inst(clobberInt = 0, clobberFloat = 0): number {
    this.assertInBlock();
    this.clobbers.push(clobberInt | 0);
    this.clobbers.push(clobberFloat | 0);
    this.opStart.push(this.ops.length);
    return this.numInsts - 1;
  }

  /** Adds an edge from the current block (after its terminator) to `target`, passing `args`. */
  edge(target: BlockId, args: readonly VReg[] = []): void {
    this.assertInBlock();
    this.succ.push(target);
    for (const a of args) this.args.push(a);
    this.argStart.push(this.args.length);
  }

  /** Closes the function and validates it; throws RegAllocError naming the first problem. */
  finish(): void {
    this.assertBuilding();
    this.blockStart.push(this.numInsts);
    this.paramStart.push(this.params.length);
    this.succStart.push(this.succ.length);
    this.finished = true;
    validate(this);
  }

  get isFinished(): boolean { return this.finished; }

  // ---- reading ----

  instBlockEnd(b: BlockId): number { return this.blockStart.data[b + 1]!; }
  terminator(b: BlockId): number { return this.blockStart.data[b + 1]! - 1; }

  private assertBuilding(): void {
    if (this.finished) throw new RegAllocError('machine function is finished; call reset() to reuse it');
  }
  private assertInBlock(): void {
    this.assertBuilding();
    if (this.blockStart.length === 0) throw new RegAllocError('no block started: call block() first');
  }
}

function validate(f: MachFunction): void {
  const nb = f.numBlocks;
  const nv = f.numVregs;
  if (nb === 0) throw new RegAllocError('function has no blocks');
  if (f.paramStart.data[1] !== 0) throw new RegAllocError('the entry block cannot have params (define ABI arguments with fixed defs)');
  const defined = new Uint8Array(nv);
  const defineOnce = (v: VReg, where: string): void => {
    if (v >= nv) throw new RegAllocError(`${where}: v${v} was never created`);
    if (defined[v]) throw new RegAllocError(`${where}: v${v} is defined twice (the input must be SSA)`);
    defined[v] = 1;
  };
  for (let b = 0; b < nb; b++) {
    const first = f.blockStart.data[b]!;
    const end = f.blockStart.data[b + 1]!;
    if (first === end) throw new RegAllocError(`block ${b} has no instructions (it needs at least a terminator)`);
    for (let k = f.paramStart.data[b]!; k < f.paramStart.data[b + 1]!; k++) defineOnce(f.params.data[k]!, `block ${b} param`);
    for (let e = f.succStart.data[b]!; e < f.succStart.data[b + 1]!; e++) {
      const s = f.succ.data[e]!;
      if (s < 0 || s >= nb) throw new RegAllocError(`block ${b}: successor ${s} does not exist`);
      if (s === 0) throw new RegAllocError(`block ${b}: the entry block cannot be a branch target`);
      const na = f.argStart.data[e + 1]! - f.argStart.data[e]!;
      const np = f.paramStart.data[s + 1]! - f.paramStart.data[s]!;
      if (na !== np) throw new RegAllocError(`edge b${b}->b${s}: ${na} args for ${np} params`);
      for (let k = 0; k < na; k++) {
        const a = f.args.data[f.argStart.data[e]! + k]!;
        const p = f.params.data[f.paramStart.data[s]! + k]!;
        if (a >= nv) throw new RegAllocError(`edge b${b}->b${s}: arg v${a} was never created`);
        if (f.vregClass.data[a] !== f.vregClass.data[p]) throw new RegAllocError(`edge b${b}->b${s}: arg v${a} and param v${p} differ in class`);
      }
    }
    for (let i = first; i < end; i++) validateInst(f, i, i === end - 1, defineOnce);
  }
}

function validateInst(f: MachFunction, i: number, isTerminator: boolean, defineOnce: (v: VReg, where: string) => void): void {
  const start = f.opStart.data[i]!;
  const end = f.opStart.data[i + 1]!;
  const where = `inst ${i}`;
  let fixedUse = 0, fixedUse2 = 0, fixedDef = 0, fixedDef2 = 0, fixedEarly = 0, fixedEarly2 = 0;
  const reused = new Set<number>();
  for (let k = start; k < end; k++) {
    const op: Operand = f.ops.data[k]!;
    const v = opVreg(op);
    const kind = opKind(op);
    const policy = opPolicy(op);
    const arg = opArg(op);
    if (v >= f.numVregs) throw new RegAllocError(`${where}: operand ${k - start} names v${v}, which was never created`);
    const cls = f.vregClass.data[v]!;
    if ((kind as number) === 3) throw new RegAllocError(`${where}: operand ${k - start} has an unknown kind`);
    if (kind !== OperandKind.Use) {
      if (isTerminator) throw new RegAllocError(`${where}: a block terminator cannot define values (v${v})`);
      defineOnce(v, where);
    }
    if (policy === Policy.Fixed) {
      if (arg >= NUM_PREGS || pregClass(arg) !== cls) throw new RegAllocError(`${where}: v${v} fixed to register ${arg} of another class`);
      const bit = 1 << (arg & 31);
      const lo = cls === RegClass.Int;
      if (kind === OperandKind.Use) {
        if ((lo ? fixedUse : fixedUse2) & bit) throw new RegAllocError(`${where}: two uses fixed to register ${arg}`);
        if (lo) fixedUse |= bit; else fixedUse2 |= bit;
      } else if (kind === OperandKind.Def) {
        if ((lo ? fixedDef : fixedDef2) & bit) throw new RegAllocError(`${where}: two defs fixed to register ${arg}`);
        if (lo) fixedDef |= bit; else fixedDef2 |= bit;
      } else {
        if ((lo ? fixedEarly : fixedEarly2) & bit) throw new RegAllocError(`${where}: two early defs fixed to register ${arg}`);
        if (lo) fixedEarly |= bit; else fixedEarly2 |= bit;
      }
    } else if (policy === Policy.Reuse) {
      if (kind !== OperandKind.Def) throw new RegAllocError(`${where}: only a (late) def can reuse a use's register`);
      if (arg >= end - start) throw new RegAllocError(`${where}: v${v} reuses operand ${arg}, which does not exist`);
      const target = f.ops.data[start + arg]!;
      const tp = opPolicy(target);
      if (opKind(target) !== OperandKind.Use || (tp !== Policy.Reg && tp !== Policy.Any)) {
        throw new RegAllocError(`${where}: v${v} reuses operand ${arg}, which is not a Reg or Any use`);
      }
      if (f.vregClass.data[opVreg(target)] !== cls) throw new RegAllocError(`${where}: v${v} reuses operand ${arg} of another class`);
      if (reused.has(arg)) throw new RegAllocError(`${where}: operand ${arg} is reused by two defs`);
      reused.add(arg);
    } else if (policy === Policy.Stack || policy === Policy.Any) {
      if (kind === OperandKind.EarlyDef) throw new RegAllocError(`${where}: an early def must be Reg or Fixed`);
      if (policy === Policy.Stack && kind !== OperandKind.Use) throw new RegAllocError(`${where}: Stack policy is for uses only`);
    } else if (policy !== Policy.Reg) {
      throw new RegAllocError(`${where}: operand ${k - start} has an unknown policy`);
    }
  }
  if ((fixedEarly & (fixedUse | fixedDef)) !== 0 || (fixedEarly2 & (fixedUse2 | fixedDef2)) !== 0) {
    throw new RegAllocError(`${where}: an early def is fixed to a register that a use or def of the same instruction also names`);
  }
  for (const arg of reused) {
    const target = f.ops.data[start + arg]!;
    for (let k = start; k < end; k++) {
      const op = f.ops.data[k]!;
      if (k - start !== arg && opKind(op) === OperandKind.Use && opPolicy(op) === Policy.Fixed && opVreg(op) === opVreg(target)) {
        // A reused input is copied to the def's register; a fixed use of the same vreg would need
        // a second copy at the same point. Backends never need this; reject it plainly.
        throw new RegAllocError(`${where}: v${opVreg(target)} is both a reused input and a fixed use`);
      }
    }
  }
}

function copyBuf(to: IntBuf, from: IntBuf): void {
  to.clear();
  to.grow(from.length);
  to.data.set(from.data.subarray(0, from.length));
  to.length = from.length;
}
