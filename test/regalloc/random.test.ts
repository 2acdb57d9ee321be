// Randomized allocation: thousands of generated machine functions, each allocated and proved
// correct by the checker. Fixed seed by default; ZEROWASM_REGALLOC_SEED / ZEROWASM_REGALLOC_COUNT
// for longer runs (e.g. ZEROWASM_REGALLOC_SEED=$RANDOM ZEROWASM_REGALLOC_COUNT=100000).
import { expect } from 'chai';
import { AllocResult, MachFunction, RegAllocator, RegisterInfo, checkAllocation } from '../../src/regalloc/index.js';
import { AMD64, AMD64_CALL_CLOBBERS, ARM64, ARM64_CALL_CLOBBERS, TOY, TOY_CALL_CLOBBERS } from './fake-isa.js';
import { GenOptions, generate, rng } from './gen.js';

const SEED = Number(process.env['ZEROWASM_REGALLOC_SEED'] ?? 12345);
const COUNT = Number(process.env['ZEROWASM_REGALLOC_COUNT'] ?? 3000);

function run(name: string, regs: RegisterInfo, clobbers: readonly number[], count: number, seed: number): void {
  const f = new MachFunction();
  const ra = new RegAllocator(regs);
  const out = new AllocResult();
  const totals = { insts: 0, moves: 0, loads: 0, stores: 0, remats: 0, edgeBlocks: 0 };
  for (let n = 0; n < count; n++) {
    const rand = rng(seed + n * 7919);
    const opts: GenOptions = {
      blocks: 1 + Math.floor(rand() * 12),
      instsPerBlock: 1 + Math.floor(rand() * 10),
      oldUse: rand() * 0.6,
      constraints: rand() * 0.5,
      calls: rand() * 0.2,
      floats: rand() < 0.5,
    };
    generate(f, regs, clobbers, rand, opts);
    let errors: string[];
    try {
      ra.allocate(f, { check: false }, out);
      errors = checkAllocation(f, regs, out);
    } catch (e) {
      errors = [String(e)];
    }
    if (errors.length > 0) {
      expect.fail(`${name}: function #${n} (seed ${seed}, ZEROWASM_REGALLOC_SEED=${seed + n * 7919} COUNT=1 reproduces the generator state): ${errors.slice(0, 3).join('; ')}`);
    }
    totals.insts += out.numInsts;
    totals.moves += out.stats.moves;
    totals.loads += out.stats.loads;
    totals.stores += out.stats.stores;
    totals.remats += out.stats.remats;
    totals.edgeBlocks += out.stats.edgeBlocks;
  }
  expect(totals.insts).to.be.greaterThan(count);
  if (process.env['ZEROWASM_REGALLOC_STATS'] === '1') console.log(`    ${name}: ${JSON.stringify(totals)}`);
}

describe('regalloc: randomized functions, checked', function () {
  this.timeout(120000);
  it(`toy ISA (4 int, 3 float registers): ${COUNT} functions, seed ${SEED}`, () => run('toy', TOY, TOY_CALL_CLOBBERS, COUNT, SEED));
  it(`amd64 register file: ${Math.ceil(COUNT / 3)} functions`, () => run('amd64', AMD64, AMD64_CALL_CLOBBERS, Math.ceil(COUNT / 3), SEED + 1));
  it(`arm64 register file: ${Math.ceil(COUNT / 3)} functions`, () => run('arm64', ARM64, ARM64_CALL_CLOBBERS, Math.ceil(COUNT / 3), SEED + 2));
});
