import { expect } from 'chai';
import {
  AllocResult, EditEmitter, EditKind, MachFunction, emitEdits, Policy, RegAllocError, RegAllocator, RegClass, RegisterInfo, VReg,
  checkAllocation, isSlot, preg,
} from '../../src/regalloc/index.js';
import { AMD64, AMD64_CALL_CLOBBERS, TOY, TOY_CALL_CLOBBERS } from './fake-isa.js';

const I = RegClass.Int;
const r = (n: number): number => preg(I, n);

function allocate(f: MachFunction, regs: RegisterInfo = TOY): AllocResult {
  const out = new RegAllocator(regs).allocate(f);
  expect(checkAllocation(f, regs, out)).to.deep.equal([]);
  return out;
}

/** Global operand index of operand `k` of instruction `i`. */
function opIndex(f: MachFunction, i: number, k: number): number {
  return f.opStart.data[i]! + k;
}

/** Edits of a kind emitted anywhere inside instructions [first, end) (block entry/exit included). */
function editsIn(out: AllocResult, first: number, end: number, kind: EditKind): number {
  let n = 0;
  for (let k = out.editStart[4 * first]!; k < out.editStart[4 * end]!; k++) if (out.editKind[k] === kind) n++;
  return n;
}

function defs(f: MachFunction, n: number): VReg[] {
  const vs: VReg[] = [];
  for (let k = 0; k < n; k++) {
    const v = f.newVReg(I);
    vs.push(v);
    f.def(v);
    f.inst();
  }
  return vs;
}

describe('regalloc: allocator', () => {
  it('allocates straight-line code without spilling and returns in the ABI register', () => {
    const f = new MachFunction();
    f.block();
    const [a, b] = defs(f, 2) as [VReg, VReg];
    const c = f.newVReg(I);
    f.use(a); f.use(b); f.def(c); f.inst();
    f.useFixed(c, r(0)); f.inst();
    f.finish();
    const out = allocate(f);
    expect(out.stats.stores + out.stats.loads).to.equal(0);
    expect(out.operandLoc[opIndex(f, 3, 0)]).to.equal(r(0));
    expect(out.spillAreaSize).to.equal(0);
  });

  it('allocates a diamond with a block param at the join', () => {
    const f = new MachFunction();
    f.block();
    const [a, b] = defs(f, 2) as [VReg, VReg];
    f.use(a); f.inst();
    f.edge(1); f.edge(2);
    const [x, y, p] = [f.newVReg(I), f.newVReg(I), f.newVReg(I)];
    f.block(); f.use(a); f.def(x); f.inst(); f.inst(); f.edge(3, [x]);
    f.block(); f.use(b); f.def(y); f.inst(); f.inst(); f.edge(3, [y]);
    f.block(); f.param(p); f.useFixed(p, r(0)); f.use(a); f.inst();
    f.finish();
    const out = allocate(f);
    expect(out.stats.stores).to.equal(0);
    expect(isSlot(out.paramLoc[0]!)).to.equal(false);
  });

  it('keeps values live around a loop back edge in registers and rotates loop params', () => {
    const f = new MachFunction();
    f.block();
    const [n, s0, t0] = defs(f, 3) as [VReg, VReg, VReg];
    f.inst(); f.edge(1, [s0, t0]);
    const [s, t, s1] = [f.newVReg(I), f.newVReg(I), f.newVReg(I)];
    f.block(); f.param(s); f.param(t);
    f.use(s); f.use(n); f.def(s1); f.inst();
    f.use(s1); f.inst();
    f.edge(1, [t, s1]); // the params swap roles every iteration
    f.edge(2);
    f.block(); f.useFixed(s1, r(0)); f.inst();
    f.finish();
    const out = allocate(f);
    expect(out.stats.stores + out.stats.loads).to.equal(0);
  });

  it('steers values defined in a loop toward the registers the loop header expects', () => {
    const f = new MachFunction();
    f.block();
    const [x, i0] = defs(f, 2) as [VReg, VReg];  // x takes r0, i0 takes r1
    f.use(x); f.inst();                           // x dies: r0 is free again
    f.inst(); f.edge(1, [i0]);
    const [i, j] = [f.newVReg(I), f.newVReg(I)];
    f.block(); f.param(i);                        // i enters in r1, where its arg was
    f.use(i); f.def(j); f.inst();                 // j = i + 1: r0 would be the first free choice
    f.use(j); f.inst();
    f.edge(1, [j]); f.edge(2);
    f.block(); f.useFixed(j, r(0)); f.inst();
    f.finish();
    const out = allocate(f);
    expect(out.paramLoc[0]).to.equal(r(1));
    expect(out.operandLoc[opIndex(f, 4, 1)]).to.equal(r(1));
    expect(out.stats.moves).to.equal(1); // only j into r0 for the return
  });

  it('moves values live across a call out of clobbered registers into callee-saved ones', () => {
    const f = new MachFunction();
    f.block();
    const [a, b] = defs(f, 2) as [VReg, VReg];
    const res = f.newVReg(I);
    f.useFixed(a, r(0)); f.defFixed(res, r(0)); f.inst(TOY_CALL_CLOBBERS[0], TOY_CALL_CLOBBERS[1]);
    const c = f.newVReg(I);
    f.use(a); f.use(b); f.use(res); f.def(c); f.inst();
    f.useFixed(c, r(0)); f.inst();
    f.finish();
    const out = allocate(f);
    const aAfter = out.operandLoc[opIndex(f, 3, 0)]!;
    const bAfter = out.operandLoc[opIndex(f, 3, 1)]!;
    for (const loc of [aAfter, bAfter]) expect([r(2), r(3)]).to.include(loc);
    expect(out.calleeSavedUsed[0]).to.equal((1 << 2) | (1 << 3));
    expect(out.stats.stores).to.equal(0);
  });

  it('spills what does not fit in callee-saved registers across a call', () => {
    const f = new MachFunction();
    f.block();
    const vs = defs(f, 3);
    f.inst(TOY_CALL_CLOBBERS[0], TOY_CALL_CLOBBERS[1]);
    for (const v of vs) f.use(v);
    f.inst();
    f.finish();
    const out = allocate(f);
    expect(out.stats.stores).to.equal(1);
    expect(out.stats.loads).to.equal(1);
  });

  it('honours x86 shift and divide constraints (rcx count, rax/rdx, two-address)', () => {
    const f = new MachFunction();
    const [rax, rcx, rdx] = [r(0), r(1), r(2)];
    f.block();
    const [x, n, d] = defs(f, 3) as [VReg, VReg, VReg];
    const sh = f.newVReg(I);
    // shl: x in any register that the result reuses, count in rcx.
    f.use(x); f.useFixed(n, rcx); f.defReuse(sh, 0); f.inst();
    // div: dividend in rax (high part rdx), quotient in rax, remainder in rdx.
    const [hi, q, rem] = [f.newVReg(I), f.newVReg(I), f.newVReg(I)];
    f.def(hi); f.inst();
    f.useFixed(sh, rax); f.useFixed(hi, rdx); f.use(d); f.defFixed(q, rax); f.defFixed(rem, rdx); f.inst();
    f.use(q); f.use(rem); f.use(x); f.use(n); f.inst();
    f.finish();
    const out = allocate(f, AMD64);
    expect(out.operandLoc[opIndex(f, 3, 1)]).to.equal(rcx);
    expect(out.operandLoc[opIndex(f, 3, 2)]).to.equal(out.operandLoc[opIndex(f, 3, 0)]);
    expect(out.operandLoc[opIndex(f, 5, 3)]).to.equal(rax);
    expect(out.operandLoc[opIndex(f, 5, 4)]).to.equal(rdx);
    expect([rax, rdx, rcx]).to.not.include(out.operandLoc[opIndex(f, 5, 2)]);
  });

  it('two-address: copies the input when it lives on, reuses its register when it dies', () => {
    const f = new MachFunction();
    f.block();
    const [a, b] = defs(f, 2) as [VReg, VReg];
    const [c, d] = [f.newVReg(I), f.newVReg(I)];
    f.use(a); f.use(b); f.defReuse(c, 0); f.inst(); // a lives on: copy
    f.use(c); f.use(b); f.defReuse(d, 0); f.inst(); // c dies: same register, no copy
    f.use(a); f.use(d); f.inst();
    f.finish();
    const out = allocate(f);
    expect(out.stats.moves).to.equal(1);
    expect(out.operandLoc[opIndex(f, 2, 2)]).to.not.equal(out.operandLoc[opIndex(f, 4, 0)]);
    expect(out.operandLoc[opIndex(f, 3, 2)]).to.equal(out.operandLoc[opIndex(f, 3, 0)]);
  });

  it('spills under pressure beyond the register count and shares slots between disjoint values', () => {
    const f = new MachFunction();
    f.block();
    for (let round = 0; round < 2; round++) {
      const vs = defs(f, 8);
      for (const v of vs.slice().reverse()) { f.use(v); f.inst(); }
    }
    f.inst();
    f.finish();
    const out = allocate(f);
    expect(out.stats.stores).to.be.greaterThan(0);
    expect(out.stats.loads).to.equal(out.stats.stores);
    // Each round spills the same number of values; the second round reuses the first's slots.
    expect(out.numSlots).to.equal(out.stats.stores / 2);
  });

  it('hands edits to the backend through an emitter with byte offsets into the spill area', () => {
    const f = new MachFunction();
    f.block();
    const k = f.newVReg(I);
    f.setRemat(k);
    f.def(k); f.inst();
    const vs = defs(f, 6);
    for (const v of vs.slice().reverse()) { f.use(v); f.inst(); }
    f.use(k); f.inst();
    f.finish();
    const out = allocate(f);
    const calls = { move: 0, load: 0, store: 0, remat: 0 };
    const offsets: number[] = [];
    const em: EditEmitter = {
      move: (cls, to, from) => { calls.move++; expect([cls, from >> 5, to >> 5]).to.deep.equal([I, I, I]); },
      load: (_cls, _to, off) => { calls.load++; offsets.push(off); },
      store: (_cls, off) => { calls.store++; offsets.push(off); },
      remat: (v, to) => { calls.remat++; expect(v).to.equal(k); expect(to >> 5).to.equal(I); },
    };
    for (let i = 0; i < f.numInsts; i++) emitEdits(out, out.beforeInst(i), em);
    expect(calls).to.deep.equal({ move: out.stats.moves, load: out.stats.loads, store: out.stats.stores, remat: out.stats.remats });
    expect(calls.store).to.be.greaterThan(0);
    for (const off of offsets) {
      expect(off % 8).to.equal(0);
      expect(off).to.be.lessThan(out.spillAreaSize);
    }
  });

  it('rematerialises constants instead of spilling them', () => {
    const f = new MachFunction();
    f.block();
    const k = f.newVReg(I);
    f.setRemat(k);
    f.def(k); f.inst();
    const vs = defs(f, 4);
    for (const v of vs) { f.use(v); f.inst(); }
    f.use(k); f.inst();
    f.finish();
    const out = allocate(f);
    expect(out.stats.remats).to.equal(1);
    expect(out.stats.stores).to.equal(0);
  });

  it('places spill stores outside a loop for values defined before it', () => {
    const f = new MachFunction();
    f.block();
    const outer = defs(f, 4);
    f.inst(); f.edge(1);
    f.block(); // loop body: uses all outer values, with a call that leaves only two registers
    for (const v of outer) { f.use(v); f.inst(); }
    f.inst(TOY_CALL_CLOBBERS[0], TOY_CALL_CLOBBERS[1]);
    const c = f.newVReg(I);
    f.def(c); f.inst();
    f.use(c); f.inst();
    f.edge(1); f.edge(2);
    f.block(); f.inst();
    f.finish();
    const out = allocate(f);
    const loopFirst = f.blockStart.data[1]!, loopEnd = f.blockStart.data[2]!;
    expect(out.stats.stores).to.be.greaterThan(0);
    expect(editsIn(out, loopFirst, loopEnd, EditKind.Store)).to.equal(0);
    for (let e = 0; e < f.numEdges; e++) {
      const [a, z] = out.onEdge(e);
      for (let k = a; k < z; k++) expect(out.editKind[k]).to.not.equal(EditKind.Store);
    }
  });

  it('splits critical edges only when they need moves', () => {
    const f = new MachFunction();
    f.block();
    const [a, b] = defs(f, 2) as [VReg, VReg];
    const p = f.newVReg(I);
    f.use(a); f.inst();
    f.edge(1, [a]); f.edge(2); // edge 0: b0 -> b1 (critical: b0 has 2 succs, b1 has 2 preds)
    f.block(); f.param(p); f.use(p); f.use(b); f.inst();
    f.block(); f.use(b); f.inst();
    f.edge(1, [b]); f.edge(3); // edge 2: b2 -> b1 (critical too)
    f.block(); f.inst();
    f.finish();
    const out = allocate(f);
    // b1 starts where b0 left its arg, so only b2 -> b1 needs a block of its own.
    expect(out.edgeNeedsBlock(0)).to.equal(false);
    expect(out.edgeNeedsBlock(2)).to.equal(true);
    expect(out.stats.edgeBlocks).to.equal(1);
  });

  it('allocates unreachable blocks and duplicate edges without disturbing the rest', () => {
    const f = new MachFunction();
    f.block();
    const [a, b] = defs(f, 2) as [VReg, VReg];
    const p = f.newVReg(I);
    f.use(a); f.inst();
    f.edge(2, [a]); f.edge(2, [b]);              // both edges of a branch go to b2
    f.block();                                   // b1: nobody branches here
    const c = f.newVReg(I);
    f.use(a); f.use(b); f.def(c); f.inst();
    f.inst(); f.edge(2, [c]);
    f.block(); f.param(p); f.useFixed(p, r(0)); f.inst();
    f.finish();
    const out = allocate(f);
    expect(out.operandLoc[opIndex(f, 5, 0)]).to.equal(r(0));
  });

  it('rejects malformed input with a clear error', () => {
    const f = new MachFunction();
    f.block();
    const a = f.newVReg(I);
    f.def(a); f.inst();
    f.def(a); f.inst();
    f.inst();
    expect(() => f.finish()).to.throw(RegAllocError, /defined twice/);
    const g = new MachFunction();
    g.block();
    const u = g.newVReg(I);
    g.use(u); g.inst();
    g.finish();
    expect(() => new RegAllocator(TOY).allocate(g)).to.throw(RegAllocError, /not defined on every path/);
    const h = new MachFunction();
    h.block();
    const w = h.newVReg(I);
    h.addOperand(w, 1, Policy.Fixed, preg(RegClass.Float, 0)); h.inst();
    h.inst();
    expect(() => h.finish()).to.throw(RegAllocError, /another class/);
    const k = new MachFunction();
    k.block();
    const z = k.newVReg(I);
    k.defFixed(z, r(7)); k.inst(); // r7 is TOY's scratch register
    k.inst();
    k.finish();
    expect(() => new RegAllocator(TOY).allocate(k)).to.throw(RegAllocError, /not allocatable/);
  });
});

describe('regalloc: checker', () => {
  function sample(): { f: MachFunction; out: AllocResult } {
    const f = new MachFunction();
    f.block();
    const vs = defs(f, 3);
    f.inst(TOY_CALL_CLOBBERS[0], TOY_CALL_CLOBBERS[1]);
    f.use(vs[0]!); f.use(vs[1]!); f.use(vs[2]!); f.inst();
    f.finish();
    const out = new RegAllocator(TOY).allocate(f);
    expect(checkAllocation(f, TOY, out)).to.deep.equal([]);
    return { f, out };
  }

  it('catches a use that reads another value', () => {
    const { f, out } = sample();
    const k0 = opIndex(f, 4, 0), k1 = opIndex(f, 4, 1);
    [out.operandLoc[k0], out.operandLoc[k1]] = [out.operandLoc[k1]!, out.operandLoc[k0]!];
    expect(checkAllocation(f, TOY, out).join()).to.match(/use of v\d+ reads/);
  });

  it('catches a value left in a register clobbered by a call', () => {
    const { f, out } = sample();
    // Pretend the value was kept in r0 across the call: its def and its use both say r0.
    out.operandLoc[opIndex(f, 0, 0)] = r(0);
    out.operandLoc[opIndex(f, 4, 0)] = r(0);
    out.numEdits = 0;
    out.editStart.fill(0);
    expect(checkAllocation(f, TOY, out).join()).to.match(/holds no known value/);
  });

  it('catches a missing reload and an unreported callee-saved register', () => {
    const { f, out } = sample();
    const loads: number[] = [];
    for (let k = 0; k < out.numEdits; k++) if (out.editKind[k] === EditKind.Load) loads.push(k);
    expect(loads.length).to.be.greaterThan(0);
    out.editKind[loads[0]!] = EditKind.Move;
    out.editFrom[loads[0]!] = out.editTo[loads[0]!]!;
    expect(checkAllocation(f, TOY, out).length).to.be.greaterThan(0);
    const again = sample();
    again.out.calleeSavedUsed = [0, 0];
    expect(checkAllocation(again.f, TOY, again.out).join()).to.match(/callee-saved/);
  });

  it('catches a violated fixed constraint', () => {
    const f = new MachFunction();
    f.block();
    const [a] = defs(f, 1) as [VReg];
    f.useFixed(a, r(1)); f.inst();
    f.finish();
    const out = new RegAllocator(TOY).allocate(f);
    out.operandLoc[opIndex(f, 1, 0)] = out.operandLoc[opIndex(f, 0, 0)]!;
    if (out.operandLoc[opIndex(f, 1, 0)] === r(1)) out.operandLoc[opIndex(f, 1, 0)] = r(3);
    expect(checkAllocation(f, TOY, out).join()).to.match(/must be in r1/);
  });
});

void AMD64_CALL_CLOBBERS;

describe('regalloc: options', () => {
  it('reports impossible register demands, runs the checker and prints statistics when asked', () => {
    const f = new MachFunction();
    f.block();
    const vs = defs(f, 6);
    for (const v of vs) f.use(v);
    f.inst();
    f.finish();
    // Six values read by one instruction cannot fit in four registers: a clear error, not a crash.
    expect(() => new RegAllocator(TOY).allocate(f)).to.throw(RegAllocError, /needs more registers/);
    const g = new MachFunction();
    g.block();
    const ws = defs(g, 6);
    for (const w of ws) { g.use(w); g.inst(); }
    g.inst();
    g.finish();
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => { lines.push(String(s)); return true; }) as typeof process.stderr.write;
    try {
      new RegAllocator(TOY).allocate(g, { check: true, stats: true });
    } finally {
      process.stderr.write = write;
    }
    expect(lines.join('')).to.match(/^regalloc: insts=\d+ moves=\d+ reloads=\d+ spills=\d+/);
  });
});
