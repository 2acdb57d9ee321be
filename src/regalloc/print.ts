// Text dump of a machine function with its allocation, for debugging backends and the allocator:
// vregs print as v12, registers by their ISA names, slots as slot3; edits are indented under the
// instruction they precede.
import { MachFunction } from './function.js';
import { NO_LOC, Policy, opArg, opKind, opPolicy, opVreg } from './operand.js';
import { RegisterInfo, pregName } from './registers.js';
import { AllocResult, editToString, locName } from './result.js';

const KIND = ['use', 'def', 'early'];
const POLICY = ['any', 'reg', 'fixed', 'reuse', 'stack'];

export function printAllocation(f: MachFunction, regs: RegisterInfo, r: AllocResult): string {
  const out: string[] = [];
  const edits = (range: [number, number], indent: string): void => {
    for (let j = range[0]; j < range[1]; j++) out.push(`${indent}${editToString(regs, r, j)}`);
  };
  for (let b = 0; b < f.numBlocks; b++) {
    const params: string[] = [];
    for (let k = f.paramStart.data[b]!; k < f.paramStart.data[b + 1]!; k++) {
      const loc = r.paramLoc[k]!;
      params.push(`v${f.params.data[k]}${loc === NO_LOC ? '' : `@${locName(regs, loc)}`}`);
    }
    out.push(`b${b}(${params.join(', ')}):`);
    const first = f.blockStart.data[b]!, last = f.blockStart.data[b + 1]! - 1;
    edits(r.blockEntry(first), '  | ');
    for (let i = first; i <= last; i++) {
      edits(r.beforeInst(i), '  | ');
      if (i === last) edits(r.blockExit(last), '  | ');
      const ops: string[] = [];
      for (let k = f.opStart.data[i]!; k < f.opStart.data[i + 1]!; k++) {
        const op = f.ops.data[k]!;
        const policy = opPolicy(op);
        const detail = policy === Policy.Fixed ? `(${pregName(regs, opArg(op))})` : policy === Policy.Reuse ? `(${opArg(op)})` : '';
        ops.push(`${KIND[opKind(op)]} v${opVreg(op)}:${POLICY[policy]}${detail}@${locName(regs, r.operandLoc[k]!)}`);
      }
      const clob = f.clobbers.data[2 * i]! | f.clobbers.data[2 * i + 1]!;
      out.push(`  ${i}: ${ops.join(', ')}${clob !== 0 ? ' clobbers' : ''}`);
    }
    for (let e = f.succStart.data[b]!; e < f.succStart.data[b + 1]!; e++) {
      const args: string[] = [];
      for (let k = f.argStart.data[e]!; k < f.argStart.data[e + 1]!; k++) args.push(`v${f.args.data[k]}`);
      out.push(`  -> b${f.succ.data[e]}(${args.join(', ')})${r.edgeNeedsBlock(e) ? ' via edge block:' : ''}`);
      edits(r.onEdge(e), '     | ');
    }
  }
  return out.join('\n') + '\n';
}

