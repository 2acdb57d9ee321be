import { expect } from 'chai';
import { EditKind, Location, ParallelMoves, isSlot, slotLoc } from '../../src/regalloc/index.js';
import { rng } from './gen.js';

const SCRATCH = 7;
const TEMP = slotLoc(99);

/** Runs the emitted sequence on a machine of named cells and returns the final contents. */
function simulate(pm: ParallelMoves, init: Map<Location, number>): { cells: Map<Location, number>; edits: string[] } {
  const cells = new Map(init);
  const edits: string[] = [];
  pm.resolve(SCRATCH, () => TEMP, (kind, from, to) => {
    if (kind === EditKind.Move) expect(isSlot(from) || isSlot(to)).to.equal(false);
    if (kind === EditKind.Load) expect(isSlot(from) && !isSlot(to)).to.equal(true);
    if (kind === EditKind.Store) expect(!isSlot(from) && isSlot(to)).to.equal(true);
    cells.set(to, cells.get(from)!);
    edits.push(`${to}<-${from}`);
  });
  return { cells, edits };
}

function check(moves: [Location, Location][]): string[] {
  const pm = new ParallelMoves();
  const init = new Map<Location, number>();
  let n = 100;
  for (const [s, d] of moves) {
    if (!init.has(s)) init.set(s, n++);
    if (!init.has(d)) init.set(d, n++);
    pm.add(s, d, 0);
  }
  const { cells, edits } = simulate(pm, init);
  for (const [s, d] of moves) expect(cells.get(d), `${d} <- ${s}`).to.equal(init.get(s));
  // Locations that are not destinations keep their values.
  const dsts = new Set(moves.map((m) => m[1]));
  for (const [loc, val] of init) if (!dsts.has(loc)) expect(cells.get(loc)).to.equal(val);
  return edits;
}

describe('regalloc: parallel moves', () => {
  it('orders a chain so that nothing is overwritten before it is read', () => {
    expect(check([[1, 2], [0, 1]])).to.deep.equal(['2<-1', '1<-0']);
  });
  it('swaps two registers through the scratch register (3 moves)', () => {
    const edits = check([[0, 1], [1, 0]]);
    expect(edits).to.have.length(3);
    expect(edits.some((e) => e.startsWith(`${SCRATCH}<-`))).to.equal(true);
  });
  it('rotates 3 and 5 registers with one extra move each', () => {
    expect(check([[0, 1], [1, 2], [2, 0]])).to.have.length(4);
    expect(check([[0, 1], [1, 2], [2, 3], [3, 4], [4, 0]])).to.have.length(6);
  });
  it('handles fan-out from a cycle and two independent cycles', () => {
    check([[0, 1], [1, 0], [0, 2], [3, 4], [4, 3]]);
  });
  it('breaks a cycle through slots with a temporary slot when slot-to-slot copies are pending', () => {
    const edits = check([[slotLoc(0), slotLoc(1)], [slotLoc(1), slotLoc(0)]]);
    expect(edits.some((e) => e.startsWith(`${TEMP}<-`))).to.equal(true);
    check([[slotLoc(0), 1], [1, slotLoc(0)]]);
    check([[slotLoc(0), 1], [1, 2], [2, slotLoc(0)]]);
  });
  it('resolves 2000 random move sets correctly', () => {
    const rand = rng(99);
    for (let t = 0; t < 2000; t++) {
      const n = 1 + Math.floor(rand() * 8);
      const locs: Location[] = [];
      for (let k = 0; k < 6; k++) locs.push(k);
      for (let k = 0; k < 4; k++) locs.push(slotLoc(k));
      const dsts = locs.slice().sort(() => rand() - 0.5).slice(0, n);
      check(dsts.map((d) => [locs[Math.floor(rand() * locs.length)]!, d]));
    }
  });
});
