// Random machine functions for the randomized test and the benchmark: random CFGs (forward and
// back edges, critical edges, block params), SSA values chosen among those that dominate the
// use, random register pressure and constraints (fixed, reuse, early defs, Any/Stack, calls
// with clobbers, rematerialisable constants). Every function it makes is valid input.
import { MachFunction, OperandKind, Policy, RegClass, RegisterInfo, VReg, preg } from '../../src/regalloc/index.js';

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenOptions {
  readonly blocks: number;
  readonly instsPerBlock: number;
  /** Probability that a use picks an old value (long live ranges, more pressure). */
  readonly oldUse: number;
  /** Probability of a constrained operand (fixed / reuse / early / stack). */
  readonly constraints: number;
  /** Probability that an instruction is a call. */
  readonly calls: number;
  readonly floats: boolean;
}

interface Op { v: VReg; kind: OperandKind; policy: Policy; arg: number }
interface Inst { ops: Op[]; clob: [number, number] }
interface Block { params: VReg[]; insts: Inst[]; succs: number[]; args: VReg[][] }

function bits(mask: number): number[] {
  const out: number[] = [];
  for (let h = 0; h < 32; h++) if ((mask >>> h) & 1) out.push(h);
  return out;
}

export function generate(f: MachFunction, regs: RegisterInfo, callClobbers: readonly number[], rand: () => number, o: GenOptions): void {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const chance = (p: number): boolean => rand() < p;
  const nb = Math.max(1, o.blocks);
  f.reset();
  const cls: number[] = [];
  const newV = (c: RegClass): VReg => { const v = f.newVReg(c); cls.push(c); return v; };
  const allocRegs = [bits(regs.allocatable[0]!), bits(regs.allocatable[1]!)];
  const nclasses = o.floats ? 2 : 1;

  // CFG: each block falls to the next (so all are reachable) and may branch anywhere but the entry.
  const blocks: Block[] = [];
  for (let b = 0; b < nb; b++) blocks.push({ params: [], insts: [], succs: [], args: [] });
  for (let b = 0; b < nb - 1; b++) {
    const s = blocks[b]!.succs;
    s.push(b + 1);
    const extra = chance(0.5) ? 1 : chance(0.2) ? 2 : 0;
    for (let k = 0; k < extra && nb > 2; k++) {
      const t = 1 + Math.floor(rand() * (nb - 1));
      if (!s.includes(t) || chance(0.1)) s.push(t); // sometimes a duplicate edge (br_table)
    }
  }
  for (let b = 1; b < nb; b++) {
    const n = chance(0.5) ? Math.floor(rand() * 4) : 0;
    for (let k = 0; k < n; k++) blocks[b]!.params.push(newV(chance(0.7) || nclasses === 1 ? RegClass.Int : RegClass.Float));
  }

  // Dominators (Cooper, Harvey, Kennedy) over the layout order, which is a topological order of
  // the forward edges; back edges are handled by iterating.
  const preds: number[][] = blocks.map(() => []);
  blocks.forEach((bl, b) => bl.succs.forEach((s) => preds[s]!.push(b)));
  const idom = new Array<number>(nb).fill(-1);
  idom[0] = 0;
  for (let changed = true; changed;) {
    changed = false;
    for (let b = 1; b < nb; b++) {
      let d = -1;
      for (const p of preds[b]!) {
        if (idom[p] === -1) continue;
        if (d === -1) { d = p; continue; }
        let x = p, y = d;
        while (x !== y) {
          while (x > y) x = idom[x]!;
          while (y > x) y = idom[y]!;
        }
        d = x;
      }
      if (d !== idom[b]) { idom[b] = d; changed = true; }
    }
  }

  // Instructions. availEnd[b]: values usable at the end of b (defined in b or its dominators).
  const availEnd: VReg[][] = [];
  for (let b = 0; b < nb; b++) {
    const bl = blocks[b]!;
    const avail: VReg[] = b === 0 ? [] : [...availEnd[idom[b]!]!, ...bl.params];
    const fromClass = (c: number): VReg | undefined => {
      const recent = avail.length - 1 - Math.floor(rand() * Math.min(avail.length, 6));
      for (let tries = 0; tries < 8; tries++) {
        const v = chance(o.oldUse) ? pick(avail) : avail[Math.max(0, recent - tries)];
        if (v !== undefined && cls[v] === c) return v;
      }
      return avail.find((v) => cls[v] === c);
    };
    if (b === 0) {
      // ABI arguments arrive in fixed registers.
      const ops: Op[] = [];
      const n = 1 + Math.floor(rand() * 3);
      for (let k = 0; k < n && k < allocRegs[0]!.length; k++) {
        const v = newV(RegClass.Int);
        ops.push({ v, kind: OperandKind.Def, policy: Policy.Fixed, arg: preg(RegClass.Int, allocRegs[0]![k]!) });
        avail.push(v);
      }
      if (nclasses > 1) {
        const v = newV(RegClass.Float);
        ops.push({ v, kind: OperandKind.Def, policy: Policy.Fixed, arg: preg(RegClass.Float, allocRegs[1]![0]!) });
        avail.push(v);
      }
      bl.insts.push({ ops, clob: [0, 0] });
    }
    const count = 1 + Math.floor(rand() * o.instsPerBlock);
    for (let n = 0; n < count; n++) {
      const inst = chance(o.calls) ? makeCall() : chance(0.1) ? makeConst() : makeOp();
      bl.insts.push(inst);
      for (const op of inst.ops) if (op.kind !== OperandKind.Use) avail.push(op.v);
    }
    availEnd.push(avail);

    function makeConst(): Inst {
      const c = nclasses > 1 && chance(0.3) ? RegClass.Float : RegClass.Int;
      const v = newV(c);
      f.setRemat(v);
      return { ops: [{ v, kind: OperandKind.Def, policy: Policy.Reg, arg: 0 }], clob: [0, 0] };
    }

    function makeCall(): Inst {
      const ops: Op[] = [];
      const c0 = callClobbers[0]!, c1 = callClobbers[1]!;
      const argRegs = bits(c0 & regs.allocatable[0]!);
      const nargs = Math.floor(rand() * Math.min(3, argRegs.length));
      const seen = new Set<VReg>();
      for (let k = 0; k < nargs; k++) {
        const v = fromClass(RegClass.Int);
        if (v === undefined || seen.has(v)) continue;
        seen.add(v);
        ops.push({ v, kind: OperandKind.Use, policy: Policy.Fixed, arg: preg(RegClass.Int, argRegs[k]!) });
      }
      if (argRegs.length > 0 && chance(0.7)) ops.push({ v: newV(RegClass.Int), kind: OperandKind.Def, policy: Policy.Fixed, arg: preg(RegClass.Int, argRegs[0]!) });
      const fArg = bits(c1 & regs.allocatable[1]!);
      if (nclasses > 1 && fArg.length > 0 && chance(0.3)) ops.push({ v: newV(RegClass.Float), kind: OperandKind.Def, policy: Policy.Fixed, arg: preg(RegClass.Float, fArg[0]!) });
      return { ops, clob: [c0, nclasses > 1 ? c1 : 0] };
    }

    function makeOp(): Inst {
      const c = nclasses > 1 && chance(0.3) ? RegClass.Float : RegClass.Int;
      const regsOfClass = allocRegs[c]!;
      const k = regsOfClass.length;
      // Budget of registers the instruction may hold at once, so that it is always satisfiable.
      let budget = Math.max(1, Math.min(k - 1, 3));
      const ops: Op[] = [];
      const fixedUsed = new Set<number>();
      const fixedDefd = new Set<number>();
      const fixedUseVregs = new Set<VReg>();
      const nUses = Math.floor(rand() * 4);
      for (let u = 0; u < nUses && budget > 0; u++) {
        const v = fromClass(c);
        if (v === undefined) break;
        let policy = Policy.Reg, arg = 0;
        if (chance(o.constraints)) {
          const r = rand();
          if (r < 0.4) {
            const p = preg(c, pick(regsOfClass));
            if (!fixedUsed.has(p)) { policy = Policy.Fixed; arg = p; fixedUsed.add(p); fixedUseVregs.add(v); }
          } else if (r < 0.7) policy = Policy.Any;
          else policy = Policy.Stack;
        }
        if (policy !== Policy.Stack && policy !== Policy.Any) budget--;
        ops.push({ v, kind: OperandKind.Use, policy, arg });
      }
      const nDefs = Math.floor(rand() * 3);
      let reused = -1;
      for (let d = 0; d < nDefs; d++) {
        const v = newV(c);
        let policy = Policy.Reg, arg = 0, kind = OperandKind.Def;
        if (chance(o.constraints)) {
          const r = rand();
          const target = ops.findIndex((op, idx) => op.kind === OperandKind.Use && (op.policy === Policy.Reg || op.policy === Policy.Any) &&
            idx !== reused && !fixedUseVregs.has(op.v));
          if (r < 0.35 && target >= 0 && reused < 0 && budget > 0) {
            policy = Policy.Reuse; arg = target; reused = target; budget--;
          } else if (r < 0.6) {
            const p = preg(c, pick(regsOfClass));
            if (!fixedDefd.has(p)) { policy = Policy.Fixed; arg = p; fixedDefd.add(p); }
          } else if (r < 0.8 && budget > 0) {
            kind = OperandKind.EarlyDef;
            budget--;
            const p = preg(c, pick(regsOfClass));
            if (chance(0.5) && !fixedUsed.has(p) && !fixedDefd.has(p)) { policy = Policy.Fixed; arg = p; fixedDefd.add(p); }
          } else policy = Policy.Any;
        }
        ops.push({ v, kind, policy, arg });
      }
      return { ops, clob: [0, 0] };
    }
  }

  // Terminators: a conditional branch reads a value; edges pass args for the target's params.
  for (let b = 0; b < nb; b++) {
    const bl = blocks[b]!;
    const avail = availEnd[b]!;
    const ops: Op[] = [];
    const ints = avail.filter((v) => cls[v] === RegClass.Int);
    if (bl.succs.length > 1 && ints.length > 0) ops.push({ v: pick(ints), kind: OperandKind.Use, policy: Policy.Reg, arg: 0 });
    if (bl.succs.length === 0 && ints.length > 0) ops.push({ v: pick(ints), kind: OperandKind.Use, policy: Policy.Fixed, arg: preg(RegClass.Int, allocRegs[0]![0]!) });
    bl.insts.push({ ops, clob: [0, 0] });
    for (const s of bl.succs) {
      bl.args.push(blocks[s]!.params.map((p) => {
        const same = avail.filter((v) => cls[v] === cls[p]);
        // The entry defines values of every class used, and it dominates every block.
        if (same.length === 0) throw new Error(`generator: no value of class ${cls[p]} for an arg`);
        return pick(same);
      }));
    }
  }
  for (let b = 0; b < nb; b++) {
    const bl = blocks[b]!;
    f.block();
    for (const p of bl.params) f.param(p);
    for (const inst of bl.insts) {
      for (const op of inst.ops) f.addOperand(op.v, op.kind, op.policy, op.arg);
      f.inst(inst.clob[0], inst.clob[1]);
    }
    bl.succs.forEach((s, e) => f.edge(s, bl.args[e]!));
  }
  f.finish();
}
