// Register allocator throughput on large generated machine functions (amd64 and arm64 register
// files). Usage: npm run bench:regalloc [-- <functions> <blocks> <instsPerBlock>]; env
// ZEROWASM_REGALLOC_BENCH_OLD_USE (default 0.15) is the chance that a use reads an old value.
import { AllocResult, MachFunction, RegAllocator, RegisterInfo, checkAllocation, formatStats } from '../src/regalloc/index.js';
import { AMD64, AMD64_CALL_CLOBBERS, ARM64, ARM64_CALL_CLOBBERS } from '../test/regalloc/fake-isa.js';
import { generate, rng } from '../test/regalloc/gen.js';

const [nFuncs = 20, blocks = 500, perBlock = 40] = process.argv.slice(2).map(Number);

function bench(name: string, regs: RegisterInfo, clobbers: readonly number[]): void {
  const funcs: MachFunction[] = [];
  for (let n = 0; n < nFuncs; n++) {
    const f = new MachFunction();
    const rand = rng(1000 + n);
    generate(f, regs, clobbers, rand, { blocks, instsPerBlock: perBlock, oldUse: Number(process.env["ZEROWASM_REGALLOC_BENCH_OLD_USE"] ?? 0.15), constraints: 0.2, calls: 0.03, floats: true });
    funcs.push(f);
  }
  const ra = new RegAllocator(regs);
  const out = new AllocResult();
  // Warm up (JIT), and prove the results correct once.
  for (const f of funcs.slice(0, 3)) {
    ra.allocate(f, { check: false, stats: false }, out);
    const errors = checkAllocation(f, regs, out);
    if (errors.length > 0) throw new Error(`${name}: checker: ${errors[0]}`);
  }
  // Several rounds over all functions: the first shows a cold JIT, the best is steady state.
  let insts = 0;
  for (const f of funcs) insts += f.numInsts;
  const rounds: number[] = [];
  const totals = { moves: 0, loads: 0, stores: 0, remats: 0 };
  for (let round = 0; round < 5; round++) {
    // CPU time of this process, not wall time: the machine may be shared.
    const t0 = process.cpuUsage();
    for (const f of funcs) {
      ra.allocate(f, { check: false, stats: false }, out);
      if (round === 0) {
        totals.moves += out.stats.moves; totals.loads += out.stats.loads; totals.stores += out.stats.stores; totals.remats += out.stats.remats;
      }
    }
    const dt = process.cpuUsage(t0);
    rounds.push((dt.user + dt.system) / 1e6);
  }
  const rate = (t: number): string => (insts / t / 1e6).toFixed(2);
  const per = (x: number): string => (x / nFuncs).toFixed(0);
  console.log(`${name}: ${nFuncs} functions of ~${per(insts)} insts: ${rate(Math.min(...rounds))} M insts per CPU-second steady ` +
    `(first round ${rate(rounds[0]!)} M/s); per function: moves ${per(totals.moves)}, reloads ${per(totals.loads)}, ` +
    `spills ${per(totals.stores)}, remats ${per(totals.remats)}`);
  console.log(`  last: ${formatStats(out)}`);
}

bench('amd64', AMD64, AMD64_CALL_CLOBBERS);
bench('arm64', ARM64, ARM64_CALL_CLOBBERS);
