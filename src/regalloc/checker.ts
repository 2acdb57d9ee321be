// An independent verifier of an allocation. It executes the allocated function symbolically:
// every register and spill slot holds "the value of vreg v" or "unknown"; edits copy values;
// clobbers make registers unknown; defs write their vreg into their location; edges bind block
// params. States meet at block entries (disagreement = unknown) until a fixpoint. Then every
// use must read its own vreg, and every operand must sit where its policy says. It relies only
// on the MachFunction and the AllocResult, never on the allocator's internals.
import { MachFunction } from './function.js';
import {
  Location, NO_LOC, NUM_PREGS, OperandKind, Policy, RegClass, isSlot, locSlot, opArg, opKind, opPolicy, opVreg, pregClass,
} from './operand.js';
import { RegisterInfo } from './registers.js';
import { AllocResult, EditKind, locName } from './result.js';

const UNKNOWN = -1;
const MAX_ERRORS = 20;

/** Returns the problems found (empty: the allocation is correct for every path from the entry). */
export function checkAllocation(f: MachFunction, regs: RegisterInfo, r: AllocResult): string[] {
  return new Checker(f, regs, r).run();
}

class Checker {
  private readonly errors: string[] = [];
  private readonly nLocs: number;

  constructor(private readonly f: MachFunction, private readonly regs: RegisterInfo, private readonly r: AllocResult) {
    this.nLocs = NUM_PREGS + r.numSlots;
  }

  private error(msg: string): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push(msg);
  }

  private index(loc: Location, where: string): number {
    if (isSlot(loc)) {
      const s = locSlot(loc);
      if (s >= this.r.numSlots) { this.error(`${where}: slot ${s} does not exist`); return -1; }
      return NUM_PREGS + s;
    }
    if (loc >= NUM_PREGS) { this.error(`${where}: register ${loc} does not exist`); return -1; }
    return loc;
  }

  private name(loc: Location): string {
    return locName(this.regs, loc);
  }

  run(): string[] {
    const { f, r } = this;
    if (r.numInsts !== f.numInsts || r.numEdges !== f.numEdges) return ['result does not belong to this function'];
    const nb = f.numBlocks, nl = this.nLocs;
    const inState = new Int32Array(nb * nl);
    const seen = new Uint8Array(nb);
    const queued = new Uint8Array(nb);
    inState.fill(UNKNOWN, 0, nl);
    seen[0] = 1;
    const work = [0];
    queued[0] = 1;
    const st = new Int32Array(nl);
    const edgeSt = new Int32Array(nl);
    const written = [0, 0];
    while (work.length > 0 && this.errors.length < MAX_ERRORS) {
      const b = work.pop()!;
      queued[b] = 0;
      st.set(inState.subarray(b * nl, (b + 1) * nl));
      const first = f.blockStart.data[b]!, last = f.blockStart.data[b + 1]! - 1;
      for (let i = first; i <= last; i++) {
        const [a, z] = r.beforeInst(i);
        this.applyEdits(st, a, z, `before inst ${i}`, written);
        if (i === last) {
          const [xa, xz] = r.blockExit(last);
          this.applyEdits(st, xa, xz, `exit of block ${b}`, written);
        }
        this.checkInst(st, i, written);
      }
      for (let e = f.succStart.data[b]!; e < f.succStart.data[b + 1]!; e++) {
        const s = f.succ.data[e]!;
        edgeSt.set(st);
        const [ea, ez] = r.onEdge(e);
        this.applyEdits(edgeSt, ea, ez, `edge b${b}->b${s}`, written);
        const [na, nz] = r.blockEntry(f.blockStart.data[s]!);
        this.applyEdits(edgeSt, na, nz, `entry of block ${s}`, written);
        this.bindParams(edgeSt, e, b, s);
        if (this.meet(inState, s, edgeSt, seen) && !queued[s]) {
          queued[s] = 1;
          work.push(s);
        }
      }
    }
    for (let c = 0; c < 2; c++) {
      const missing = written[c]! & regs(this.regs, c) & ~(this.r.calleeSavedUsed[c] ?? 0);
      if (missing !== 0) this.error(`callee-saved registers written but not reported (class ${c} mask 0x${(missing >>> 0).toString(16)})`);
    }
    return this.errors;
  }

  private applyEdits(st: Int32Array, a: number, z: number, where: string, written: number[]): void {
    const r = this.r;
    for (let k = a; k < z; k++) {
      const kind = r.editKind[k] as EditKind;
      const from = r.editFrom[k]!, to = r.editTo[k]!;
      const ti = this.index(to, where);
      if (ti < 0) continue;
      if (!isSlot(to)) {
        const cls = pregClass(to);
        written[cls]! |= 1 << (to & 31);
        if (((this.regs.allocatable[cls]! >>> (to & 31)) & 1) === 0 && to !== this.regs.scratch[cls]) {
          this.error(`${where}: edit writes ${this.name(to)}, which is neither allocatable nor the scratch register`);
        }
      }
      let value = UNKNOWN;
      if (kind === EditKind.Remat) {
        const v = r.editVreg[k]!;
        if (!this.f.vregRemat.data[v]) this.error(`${where}: remat of v${v}, which is not rematerialisable`);
        if (isSlot(to)) this.error(`${where}: remat into a slot`);
        value = v;
      } else {
        const fi = this.index(from, where);
        if (fi < 0) continue;
        const shapeOk = kind === EditKind.Move ? !isSlot(from) && !isSlot(to)
          : kind === EditKind.Load ? isSlot(from) && !isSlot(to)
            : kind === EditKind.Store ? !isSlot(from) && isSlot(to) : false;
        if (!shapeOk) this.error(`${where}: edit ${k} of kind ${kind} has the wrong shape ${this.name(from)} -> ${this.name(to)}`);
        if (kind === EditKind.Move && pregClass(from) !== pregClass(to)) this.error(`${where}: move between classes`);
        value = st[fi]!;
      }
      st[ti] = value;
    }
  }

  private checkInst(st: Int32Array, i: number, written: number[]): void {
    const { f, r } = this;
    const s = f.opStart.data[i]!, e = f.opStart.data[i + 1]!;
    const where = `inst ${i}`;
    for (let k = s; k < e; k++) {
      const op = f.ops.data[k]!;
      const v = opVreg(op);
      const loc = r.operandLoc[k]!;
      const li = this.index(loc, where);
      if (li < 0) continue;
      const cls = f.vregClass.data[v]! as RegClass;
      const policy = opPolicy(op);
      const kind = opKind(op);
      if (!isSlot(loc)) {
        if (pregClass(loc) !== cls) this.error(`${where}: v${v} in ${this.name(loc)} of the wrong class`);
        const allocatable = (this.regs.allocatable[cls]! >>> (loc & 31)) & 1;
        if (!allocatable && !(policy === Policy.Fixed && opArg(op) === loc)) this.error(`${where}: v${v} in non-allocatable ${this.name(loc)}`);
      }
      if (policy === Policy.Fixed && loc !== opArg(op)) this.error(`${where}: v${v} must be in ${this.name(opArg(op))}, is in ${this.name(loc)}`);
      if ((policy === Policy.Reg || kind === OperandKind.EarlyDef) && isSlot(loc)) this.error(`${where}: v${v} must be in a register, is in ${this.name(loc)}`);
      if (policy === Policy.Stack && !isSlot(loc)) this.error(`${where}: v${v} must be in its slot, is in ${this.name(loc)}`);
      if (policy === Policy.Reuse) {
        const inLoc = r.operandLoc[s + opArg(op)]!;
        if (inLoc !== loc || isSlot(loc)) this.error(`${where}: v${v} must reuse operand ${opArg(op)}'s register ${this.name(inLoc)}, is in ${this.name(loc)}`);
      }
      if (kind === OperandKind.Use) {
        if (st[li] !== v) {
          const held = st[li]!;
          this.error(`${where}: use of v${v} reads ${this.name(loc)}, which holds ${held === UNKNOWN ? 'no known value' : `v${held}`}`);
        }
      } else {
        for (let o = s; o < e; o++) {
          if (o === k) continue;
          const other = f.ops.data[o]!;
          const ok = opKind(other);
          const sameLoc = r.operandLoc[o] === loc;
          if (!sameLoc) continue;
          if (ok !== OperandKind.Use && o < k) this.error(`${where}: defs v${opVreg(other)} and v${v} share ${this.name(loc)}`);
          if (ok === OperandKind.Use && kind === OperandKind.EarlyDef) this.error(`${where}: early def v${v} shares ${this.name(loc)} with use v${opVreg(other)}`);
        }
      }
    }
    for (let c = 0; c < 2; c++) {
      let m = f.clobbers.data[2 * i + c]!;
      while (m !== 0) {
        const bit = m & -m;
        m ^= bit;
        st[c * 32 + (31 - Math.clz32(bit))] = UNKNOWN;
      }
    }
    for (let k = s; k < e; k++) {
      const op = f.ops.data[k]!;
      if (opKind(op) === OperandKind.Use) continue;
      const loc = r.operandLoc[k]!;
      const li = this.index(loc, where);
      if (li < 0) continue;
      st[li] = opVreg(op);
      if (!isSlot(loc)) written[pregClass(loc)]! |= 1 << (loc & 31);
    }
  }

  private bindParams(st: Int32Array, e: number, p: number, s: number): void {
    const f = this.f;
    const ps = f.paramStart.data[s]!, pe = f.paramStart.data[s + 1]!, as = f.argStart.data[e]!;
    const where = `edge b${p}->b${s}`;
    const idx: number[] = [];
    for (let k = ps; k < pe; k++) {
      const x = f.args.data[as + k - ps]!;
      const loc = this.r.paramLoc[k]!;
      if (loc === NO_LOC) { idx.push(-1); continue; }
      const li = this.index(loc, where);
      idx.push(li);
      if (li >= 0 && st[li] !== x) {
        const held = st[li]!;
        this.error(`${where}: param v${f.params.data[k]} at ${this.name(loc)} should receive v${x}, finds ${held === UNKNOWN ? 'no known value' : `v${held}`}`);
      }
    }
    for (let k = ps; k < pe; k++) if (idx[k - ps]! >= 0) st[idx[k - ps]!] = f.params.data[k]!;
  }

  private meet(inState: Int32Array, s: number, st: Int32Array, seen: Uint8Array): boolean {
    const nl = this.nLocs, base = s * nl;
    if (!seen[s]) {
      seen[s] = 1;
      inState.set(st, base);
      return true;
    }
    let changed = false;
    for (let l = 0; l < nl; l++) {
      if (inState[base + l] !== UNKNOWN && inState[base + l] !== st[l]) {
        inState[base + l] = UNKNOWN;
        changed = true;
      }
    }
    return changed;
  }
}

function regs(info: RegisterInfo, c: number): number {
  return info.calleeSaved[c] ?? 0;
}
