// The A64 form table: one row per encoding the backend may emit. A row is the instruction's fixed
// bits plus its operands in assembly order; the encoder, the printer and the objdump cross-check
// (test/backend/arm64) all read these rows, so a form added here is encoded, printed and checked.
// The families fill the table from forms-*.ts; forms.ts loads them all.
import { arityOf, K, type OperandSpec } from './operands.js';

export interface Form {
  /** Unique name used by the backend and in test output. */
  readonly name: string;
  /** The mnemonic as objdump prints it (B.cond: `b.`, the condition is appended). */
  readonly mnemonic: string;
  /** Operation width: decides W/X limits of shifts, bit positions and bitmask immediates. */
  readonly width: 32 | 64;
  /** The instruction word with every operand field zero. */
  readonly bits: number;
  readonly operands: readonly OperandSpec[];
  /** Number of encoder arguments (operands of some kinds take several). */
  readonly arity: number;
  /** A preferred alias (MOV, CMP, LSL...): objdump prints it by default; base forms are checked
   *  against `objdump -M no-aliases`. */
  readonly alias: boolean;
  /** Pre/post-index addressing: the base may not also be a data register. */
  readonly writeback: boolean;
  /** LDP: the two destinations must differ. */
  readonly pairLoad: boolean;
}

export const allForms: Form[] = [];
const byName = new Map<string, Form>();

export function row(name: string, mnemonic: string, width: 32 | 64, bits: number, operands: OperandSpec[], alias = false): void {
  if (byName.has(name)) throw new Error(`arm64 form ${name} defined twice`);
  const arity = operands.reduce((n, o) => n + arityOf(o.k), 0);
  const writeback = operands.some((o) => o.k === K.MemPre || o.k === K.MemPost || o.k === K.PairPre || o.k === K.PairPost);
  const pairLoad = operands.some((o) => o.k >= K.PairOff && o.k <= K.PairPost) && (bits & 0x00400000) !== 0;
  const f: Form = { name, mnemonic, width, bits: bits >>> 0, operands, arity, alias, writeback, pairLoad };
  allForms.push(f);
  byName.set(name, f);
}

/** The form called `name`; throws if there is none. */
export function form(name: string): Form {
  const f = byName.get(name);
  if (!f) throw new Error(`unknown arm64 form ${name}`);
  return f;
}
