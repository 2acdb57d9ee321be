// Constant folding with exact Wasm semantics (see fold-eval.ts for what is never folded):
//  - `num` on constants becomes a constant (in place: the result value id is kept);
//  - `select` with a constant condition, or equal operands, becomes its chosen operand;
//  - `ref.is_null` of `ref.null` / `ref.func` becomes 1 / 0;
//  - `trap_if` with a constant condition is removed (0) or becomes a `trap` that ends the block;
//  - `brif` / `br_table` with a constant selector become a `jump`.
// Requires: preds. Keeps: SSA. May leave unreachable blocks (run CFG simplification after),
// except those cut off by a new `trap`: they may use the values it removed, so they go at once.
import { IrFunction, NONE } from '../function.js';
import { Opcode } from '../opcodes.js';
import { reversePostorder } from './dominators.js';
import { compactLayout, ValueAliases } from './edit.js';
import { removeUnreachable, replaceWithJump } from './cfg-simplify.js';
import { ConstArg, foldNumeric } from './fold-eval.js';

const aliases = new ValueAliases();
const argScratch: ConstArg[] = [];

function constBits(fn: IrFunction, v: number): ConstArg | undefined {
  const d = fn.valueDef[v]!;
  if (d < 0) return undefined;
  const op = fn.instOp[d];
  if (op === Opcode.Iconst32 || op === Opcode.Fconst32) return { lo: fn.instImm0[d]!, hi: 0 };
  if (op === Opcode.Iconst64 || op === Opcode.Fconst64) return { lo: fn.instImm0[d]!, hi: fn.instImm1[d]! };
  return undefined;
}

const constOpOf = { i32: Opcode.Iconst32, i64: Opcode.Iconst64, f32: Opcode.Fconst32, f64: Opcode.Fconst64 } as const;

/** Turns instruction `i` into a constant in place. */
function makeConst(fn: IrFunction, i: number, op: Opcode, lo: number, hi: number): void {
  fn.instOp[i] = op;
  fn.instArgCount[i] = 0;
  fn.instImm0[i] = lo;
  fn.instImm1[i] = hi;
  fn.instImm2[i] = 0;
}

// Integer identities x op c = x (exact for integers; floats are left alone: x + 0 is not x for
// x = -0, and x * 1 may quiet a signalling NaN). Codes: [i32, i64] per operation.
const ADD = [0x6a, 0x7c], SUB = [0x6b, 0x7d], MUL = [0x6c, 0x7e], AND = [0x71, 0x83], OR = [0x72, 0x84],
  XOR = [0x73, 0x85], SHIFTS = [0x74, 0x75, 0x76, 0x77, 0x78, 0x86, 0x87, 0x88, 0x89, 0x8a];

function isAll(c: ConstArg | undefined, is64: boolean, value: number): boolean {
  return c !== undefined && c.lo === value && (!is64 || c.hi === (value < 0 ? -1 : 0));
}

/** The operand equal to `code(a, b)` when the other one is an identity constant, else NONE. */
function identityOperand(fn: IrFunction, code: number, a: number, b: number): number {
  const ca = constBits(fn, a), cb = constBits(fn, b);
  const is64 = code >= 0x7c;
  const k = is64 ? 1 : 0;
  if (code === ADD[k] || code === OR[k] || code === XOR[k]) {
    if (isAll(cb, is64, 0)) return a;
    if (isAll(ca, is64, 0)) return b;
  } else if (code === SUB[k]) {
    if (isAll(cb, is64, 0)) return a;
  } else if (code === MUL[k]) {
    if (isAll(cb, is64, 1)) return a;
    if (isAll(ca, is64, 1)) return b;
  } else if (code === AND[k]) {
    if (isAll(cb, is64, -1)) return a;
    if (isAll(ca, is64, -1)) return b;
  } else if (SHIFTS.includes(code)) {
    if (cb !== undefined && (cb.lo & (is64 ? 63 : 31)) === 0) return a;
  }
  return NONE;
}

export function foldConstants(fn: IrFunction): boolean {
  aliases.reset(fn);
  let changed = false;
  let trapsMade = false;
  for (const b of reversePostorder(fn)) {
    for (let i = fn.blockFirst[b]!; i !== NONE;) {
      const next = fn.instNext[i]!;
      // arguments may refer to values replaced earlier in this walk
      const s = fn.instArgStart[i]!;
      if (aliases.any) for (let k = 0; k < fn.instArgCount[i]!; k++) fn.argPool[s + k] = aliases.resolve(fn.argPool[s + k]!);
      switch (fn.instOp[i]) {
        case Opcode.Num: {
          const n = fn.instArgCount[i]!;
          argScratch.length = 0;
          for (let k = 0; k < n; k++) {
            const c = constBits(fn, fn.argPool[s + k]!);
            if (c === undefined) break;
            argScratch.push(c);
          }
          if (n === 2 && argScratch.length !== n) {
            const same = identityOperand(fn, fn.instImm0[i]!, fn.argPool[s]!, fn.argPool[s + 1]!);
            if (same !== NONE) {
              aliases.set(fn.instResult[i]!, same);
              fn.removeInst(i);
              changed = true;
            }
            break;
          }
          if (argScratch.length !== n || n === 0) break;
          const r = foldNumeric(fn.instImm0[i]!, argScratch);
          if (r === undefined) break;
          makeConst(fn, i, constOpOf[r.kind], r.lo, r.hi);
          changed = true;
          break;
        }
        case Opcode.Select: {
          const c = constBits(fn, fn.argPool[s]!);
          const x = fn.argPool[s + 1]!, y = fn.argPool[s + 2]!;
          if (c === undefined && x !== y) break;
          aliases.set(fn.instResult[i]!, c === undefined || c.lo !== 0 ? x : y);
          fn.removeInst(i);
          changed = true;
          break;
        }
        case Opcode.RefIsNull: {
          const d = fn.valueDef[fn.argPool[s]!]!;
          if (d < 0) break;
          const op = fn.instOp[d];
          if (op !== Opcode.RefNull && op !== Opcode.RefFunc) break;
          makeConst(fn, i, Opcode.Iconst32, op === Opcode.RefNull ? 1 : 0, 0);
          changed = true;
          break;
        }
        case Opcode.TrapIf: {
          const c = constBits(fn, fn.argPool[s]!);
          if (c === undefined) break;
          if (c.lo === 0) { fn.removeInst(i); changed = true; break; }
          // Always traps: everything after it in the block is dead.
          for (let j = fn.blockLast[b]!; j !== i;) { const p = fn.instPrev[j]!; fn.removeInst(j); j = p; }
          const kind = fn.instImm0[i]!;
          fn.removeInst(i);
          fn.appendInst(b, fn.newInst(Opcode.Trap, 0, kind, 0, 0));
          changed = true;
          trapsMade = true;
          i = NONE;
          continue;
        }
        case Opcode.BrIf: {
          const c = constBits(fn, fn.argPool[s]!);
          if (c === undefined) break;
          replaceWithJump(fn, i, fn.instEdgeStart[i]! + (c.lo !== 0 ? 0 : 1));
          changed = true;
          break;
        }
        case Opcode.BrTable: {
          const c = constBits(fn, fn.argPool[s]!);
          if (c === undefined) break;
          const n = fn.instEdgeCount[i]! - 1;
          const idx = (c.lo >>> 0) < n ? c.lo >>> 0 : n;
          replaceWithJump(fn, i, fn.instEdgeStart[i]! + idx);
          changed = true;
          break;
        }
        default: break;
      }
      i = next;
    }
  }
  aliases.apply(fn);
  if (trapsMade && removeUnreachable(fn)) compactLayout(fn);
  return changed;
}
