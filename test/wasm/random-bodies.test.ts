// Differential test of the validator against V8: random function bodies, generated mostly
// type-directed (so many are valid and reach deep into control flow, SIMD, memory, tables) with
// deliberate slips (wrong operand, lane, alignment, label, index) so many are not. For every body
// our verdict must equal V8's WebAssembly.validate. Deterministic (seeded).
import { expect } from 'chai';
import { allOps, Imm, type OpInfo } from '../../src/wasm/opcodes.js';
import { ValType } from '../../src/wasm/types.js';
import { validate } from '../../src/wasm/index.js';
import { moduleBytes, rng, section, sleb, str, uleb, vec } from './helpers.js';

const I32 = ValType.I32, I64 = ValType.I64, F32 = ValType.F32, F64 = ValType.F64, V128 = ValType.V128;
const FUNCREF = ValType.FuncRef, EXTERNREF = ValType.ExternRef;

// Module context shared by every generated body.
const TYPES: [number[], number[]][] = [[[], []], [[I32], [I32]], [[I32, I64], [F32, F64]], [[], [I32, I32]]];
const LOCALS = [I32, I64, F32, F64, V128, EXTERNREF, FUNCREF]; // param 0 is i32, then these
const GLOBALS: [number, boolean][] = [[I32, true], [I64, false], [V128, true], [FUNCREF, true]];
const TABLES = [FUNCREF, EXTERNREF];

function opBytes(info: OpInfo): number[] {
  const prefix = info.code >>> 12;
  return prefix === 0 ? [info.code] : [prefix, ...uleb(info.code & 0xfff)];
}

const fixedOps = allOps.filter((o) => o.params !== undefined && o.results !== undefined);

interface Frame {
  readonly params: number[]; readonly labelTypes: number[]; readonly results: number[];
  readonly height: number; readonly isIf: boolean;
}

class BodyGen {
  readonly out: number[] = [];
  readonly stack: number[] = [];
  readonly frames: Frame[] = [];
  constructor(private readonly random: () => number) {}

  pick(n: number): number { return Math.floor(this.random() * n); }
  chance(p: number): boolean { return this.random() < p; }

  constOf(t: number): number[] {
    switch (t) {
      case I32: return [0x41, ...sleb(this.pick(1000) - 500)];
      case I64: return [0x42, ...sleb(this.pick(1000) - 500)];
      case F32: return [0x43, 0, 0, 0x80, 0x3f];
      case F64: return [0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f];
      case V128: return [0xfd, 12, ...new Array<number>(16).fill(this.pick(256))];
      default: return [0xd0, t];
    }
  }

  push(t: number): void {
    this.out.push(...this.constOf(t));
    this.stack.push(t);
  }

  top(types: readonly number[]): boolean {
    const h = this.frames.length > 0 ? this.frames[this.frames.length - 1]!.height : 0;
    if (this.stack.length - h < types.length) return false;
    for (let i = 0; i < types.length; i++) if (this.stack[this.stack.length - types.length + i] !== types[i]) return false;
    return true;
  }

  /** Makes the current frame's stack exactly `types` (drops extras, pushes constants). */
  settle(types: readonly number[]): void {
    const h = this.frames[this.frames.length - 1]!.height;
    while (this.stack.length > h && !(this.stack.length - h === types.length && this.top(types))) {
      this.out.push(0x1a);
      this.stack.pop();
    }
    if (this.stack.length === h) for (const t of types) this.push(t);
  }

  immediates(info: OpInfo, slip: boolean): number[] {
    switch (info.imm) {
      case Imm.MemArg: case Imm.MemArgLane: {
        const align = slip ? info.naturalAlign + 1 : this.pick(info.naturalAlign + 1);
        const bytes = [...uleb(align), ...uleb(this.pick(4) * 8)];
        if (info.imm === Imm.MemArgLane) bytes.push(slip && this.chance(0.5) ? info.lanes : this.pick(info.lanes));
        return bytes;
      }
      case Imm.Lane: return [slip ? info.lanes + this.pick(3) : this.pick(info.lanes)];
      case Imm.I32: return sleb(this.pick(1 << 20) - (1 << 19));
      case Imm.I64: return sleb(BigInt(this.pick(1 << 30)) * 12345n);
      case Imm.F32: return [0, 0, 0xc0, 0x7f];
      case Imm.F64: return [0, 0, 0, 0, 0, 0, 0xf8, 0x7f];
      case Imm.V128: return new Array<number>(16).fill(7);
      case Imm.Shuffle: return Array.from({ length: 16 }, () => (slip ? 32 : this.pick(32)));
      case Imm.Memory: return [slip ? 1 : 0];
      case Imm.Data: return [slip ? 1 : 0];
      case Imm.Elem: return [slip ? 1 : 0];
      case Imm.MemoryInit: return [slip ? 1 : 0, 0];
      case Imm.MemoryCopy: return [0, slip ? 1 : 0];
      case Imm.TableInit: return [0, slip ? 1 : 0];
      case Imm.TableCopy: return [0, slip ? 1 : 0];
      case Imm.Table: return [slip ? 2 : 0];
      case Imm.Func: return [slip ? 1 : 0];
      default: return [];
    }
  }

  /** One instruction with a fixed signature, chosen to fit the stack unless slipping. */
  fixed(slip: boolean): void {
    for (let attempt = 0; attempt < 40; attempt++) {
      const info = fixedOps[this.pick(fixedOps.length)]!;
      if (!slip && !this.top(info.params!)) continue;
      this.out.push(...opBytes(info), ...this.immediates(info, slip && this.chance(0.5)));
      for (let i = 0; i < info.params!.length; i++) this.stack.pop();
      this.stack.push(...info.results!);
      return;
    }
    this.push([I32, I64, F32, F64, V128][this.pick(5)]!);
  }

  control(slip: boolean): void {
    const depth = this.frames.length;
    switch (this.pick(9)) {
      case 0: case 1: { // block / loop / if, with an inline or indexed block type
        const kind = [0x02, 0x03, 0x04][this.pick(3)]!;
        const ti = this.pick(TYPES.length + 2);
        let params: number[] = [];
        let results: number[];
        let bt: number[];
        if (ti < TYPES.length) {
          [params, results] = TYPES[ti]!;
          bt = sleb(ti);
        } else if (ti === TYPES.length) { results = []; bt = [0x40]; } else { results = [I32]; bt = [I32]; }
        if (kind === 0x04 && !slip) { for (const p of params) this.push(p); this.push(I32); }
        if (kind !== 0x04 && !slip) for (const p of params) this.push(p);
        if (kind === 0x04) this.stack.pop();
        this.out.push(kind, ...bt);
        for (let i = 0; i < params.length; i++) this.stack.pop();
        this.frames.push({ params, labelTypes: kind === 0x03 ? params : results, results, height: this.stack.length, isIf: kind === 0x04 });
        this.stack.push(...params);
        return;
      }
      case 2: { // end (with else first for an if whose params differ from results)
        if (depth <= 1) return; // the function's own frame closes at the very end
        const f = this.frames[depth - 1]!;
        if (!slip) this.settle(f.results);
        if (f.isIf && (this.chance(0.5) || !slip)) this.elseBranch(f, slip);
        this.out.push(0x0b);
        this.frames.pop();
        this.stack.length = f.height;
        this.stack.push(...f.results);
        return;
      }
      case 3: case 4: { // br / br_if / br_table to a random label
        if (depth === 0) return;
        const l = this.pick(depth + (slip ? 1 : 0));
        const target = this.frames[depth - 1 - Math.min(l, depth - 1)]!;
        if (!slip) this.settle(target.labelTypes);
        const which = this.pick(3);
        if (which === 0) this.out.push(0x0c, l);
        else {
          this.push(I32);
          if (which === 1) this.out.push(0x0d, l);
          else this.out.push(0x0e, 2, l, this.pick(depth), l);
          this.stack.pop();
        }
        if (which !== 1) this.unreachable();
        return;
      }
      case 5: { // locals and globals
        const i = this.pick(LOCALS.length + 1);
        const t = i === 0 ? I32 : LOCALS[i - 1]!;
        const op = [0x20, 0x21, 0x22][this.pick(3)]!;
        if (op !== 0x20 && !slip && !this.top([t])) this.push(t);
        this.out.push(op, slip ? LOCALS.length + 1 : i);
        if (op !== 0x20) this.stack.pop();
        if (op !== 0x21) this.stack.push(t);
        return;
      }
      case 6: { // select, drop, ref ops
        const t = [I32, I64, F32, F64, V128, FUNCREF][this.pick(6)]!;
        if (!slip) { this.push(t); this.push(t); this.push(I32); }
        if (t === FUNCREF || this.chance(0.3)) this.out.push(0x1c, 1, t);
        else this.out.push(0x1b);
        this.stack.length = Math.max(this.stack.length - 3, 0);
        this.stack.push(t);
        if (this.chance(0.5)) { this.out.push(0x1a); this.stack.pop(); }
        return;
      }
      case 7: { // globals, tables, calls
        const g = this.pick(GLOBALS.length);
        if (this.chance(0.5)) { this.out.push(0x23, g); this.stack.push(GLOBALS[g]![0]); return; }
        const ti = this.pick(2);
        if (!slip) { this.push(I32); this.push(TABLES[ti]!); }
        this.out.push(0x26, ti);
        this.stack.length = Math.max(this.stack.length - 2, 0);
        return;
      }
      default: { // call / call_indirect / ref.func / unreachable
        const c = this.pick(4);
        if (c === 0) { if (!slip) this.push(I32); this.out.push(0x10, 0); this.stack.pop(); this.stack.push(I32); }
        else if (c === 1) { if (!slip) { this.push(I32); this.push(I32); } this.out.push(0x11, 1, slip ? 1 : 0); this.stack.length = Math.max(this.stack.length - 2, 0); this.stack.push(I32); }
        else if (c === 2) { this.out.push(0xd2, slip ? 1 : 0); this.stack.push(FUNCREF); }
        else { this.out.push(0x00); this.unreachable(); }
      }
    }
  }

  elseBranch(f: Frame, slip: boolean): void {
    this.out.push(0x05);
    this.stack.length = f.height;
    this.stack.push(...f.params);
    if (!slip) this.settle(f.results);
  }

  unreachable(): void {
    const h = this.frames.length > 0 ? this.frames[this.frames.length - 1]!.height : 0;
    this.stack.length = h;
  }

  body(steps: number, slipRate: number): number[] {
    this.frames.push({ params: [], labelTypes: [I32], results: [I32], height: 0, isIf: false });
    for (let i = 0; i < steps; i++) {
      const slip = this.chance(slipRate);
      if (this.chance(0.3)) this.control(slip); else this.fixed(slip);
    }
    while (this.frames.length > 1) this.closeOne();
    this.settle([I32]);
    return [...this.out, 0x0b];
  }

  private closeOne(): void {
    if (this.frames.length <= 1) return;
    const f = this.frames.pop()!;
    this.frames.push(f);
    this.settle(f.results);
    if (f.isIf) this.elseBranch(f, false);
    this.out.push(0x0b);
    this.frames.pop();
    this.stack.length = f.height;
    this.stack.push(...f.results);
  }
}

function moduleWith(body: number[]): Uint8Array {
  const types = section(1, vec(TYPES.map(([p, r]) => [0x60, ...vec(p.map((t) => [t])), ...vec(r.map((t) => [t]))])));
  const funcs = section(3, vec([[1]]));
  const tables = section(4, vec(TABLES.map((t) => [t, 0x00, 4])));
  const memory = section(5, vec([[0x00, 1]]));
  const globals = section(6, vec(GLOBALS.map(([t, mut]) => {
    const init = t === I32 ? [0x41, 0] : t === I64 ? [0x42, 0] : t === V128 ? [0xfd, 12, ...new Array<number>(16).fill(0)] : [0xd0, t];
    return [t, mut ? 1 : 0, ...init, 0x0b];
  })));
  const exports = section(7, vec([[...str('f'), 0, 0]]));
  const elems = section(9, vec([[0x05, FUNCREF, ...vec([[0xd0, FUNCREF, 0x0b]])]]));
  const dataCount = section(12, [1]);
  const locals = vec(LOCALS.map((t) => [1, t]));
  const code = [...locals, ...body];
  const codeSec = section(10, vec([[...uleb(code.length), ...code]]));
  const data = section(11, vec([[1, 2, 0xaa, 0xbb]]));
  return moduleBytes(types, funcs, tables, memory, globals, exports, elems, dataCount, codeSec, data);
}

describe('wasm/validator vs V8 on random bodies', function () {
  this.timeout(120_000);
  it('gives V8\'s verdict for 3000 generated bodies, both valid and invalid', () => {
    const random = rng(0xb0d1e5);
    let valid = 0;
    const disagreements: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const gen = new BodyGen(random);
      const bytes = moduleWith(gen.body(10 + Math.floor(random() * 60), i % 3 === 0 ? 0 : 0.02));
      const ours = validate(bytes);
      const v8 = WebAssembly.validate(bytes);
      if (ours) valid++;
      if (ours !== v8 && disagreements.length < 5) {
        disagreements.push(`case ${i}: ours ${ours}, V8 ${v8}: ${Buffer.from(bytes).toString('hex')}`);
      }
    }
    expect(disagreements).to.deep.equal([]);
    expect(valid, 'valid bodies').to.be.greaterThan(600);
    expect(3000 - valid, 'invalid bodies').to.be.greaterThan(300);
  });
});
