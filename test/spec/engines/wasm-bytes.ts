// Just enough of the Wasm binary format for the V8 adapter: read the types of a module's exports
// (V8 does not expose them) and write the small helper modules the adapter generates.
import { ValType } from '../../../src/wasm/types.js';
import type { SpecType } from '../values.js';

export type ExportType =
  | { readonly kind: 'func'; readonly params: readonly SpecType[]; readonly results: readonly SpecType[] }
  | { readonly kind: 'global'; readonly type: SpecType; readonly mutable: boolean }
  | { readonly kind: 'table' | 'memory' };

const typeNames = new Map<number, SpecType>([
  [ValType.I32, 'i32'], [ValType.I64, 'i64'], [ValType.F32, 'f32'], [ValType.F64, 'f64'],
  [ValType.V128, 'v128'], [ValType.FuncRef, 'funcref'], [ValType.ExternRef, 'externref'],
]);

export const typeCodes: Record<SpecType, number> = {
  i32: ValType.I32, i64: ValType.I64, f32: ValType.F32, f64: ValType.F64,
  v128: ValType.V128, funcref: ValType.FuncRef, externref: ValType.ExternRef,
};

// ignoreBOM: a leading U+FEFF is part of the name, not a byte-order mark.
const nameDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}
  byte(): number {
    if (this.pos >= this.bytes.length) throw new Error('unexpected end of module');
    return this.bytes[this.pos++]!;
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
      if (shift > 35) throw new Error('LEB128 too long');
    }
  }
  skipLeb(): void {
    while ((this.byte() & 0x80) !== 0) { /* continuation */ }
  }
  name(): string {
    const len = this.u32();
    const s = nameDecoder.decode(this.bytes.subarray(this.pos, this.pos + len));
    this.pos += len;
    return s;
  }
  valType(): SpecType {
    const b = this.byte();
    const t = typeNames.get(b);
    if (t === undefined) throw new Error(`unknown value type 0x${b.toString(16)}`);
    return t;
  }
  skipLimits(): void {
    const flags = this.byte();
    this.skipLeb();
    if (flags & 1) this.skipLeb();
  }
  // Constant expressions of Core 2.0: one or more instructions ending in `end`.
  skipConstExpr(): void {
    for (;;) {
      const op = this.byte();
      switch (op) {
        case 0x0b: return;
        case 0x41: case 0x42: case 0x23: case 0xd2: this.skipLeb(); break; // i32/i64.const, global.get, ref.func
        case 0x43: this.pos += 4; break;
        case 0x44: this.pos += 8; break;
        case 0xd0: this.byte(); break; // ref.null t
        case 0xfd: this.skipLeb(); this.pos += 16; break; // v128.const
        default: throw new Error(`unexpected opcode 0x${op.toString(16)} in constant expression`);
      }
    }
  }
}

/** Types of every export of a (valid) module, by export name. */
export function readExportTypes(bytes: Uint8Array): Map<string, ExportType> {
  const r = new Reader(bytes);
  r.pos = 8;
  const types: { params: SpecType[]; results: SpecType[] }[] = [];
  const funcs: number[] = []; // type index per function index
  const globals: { type: SpecType; mutable: boolean }[] = [];
  const out = new Map<string, ExportType>();
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const end = r.pos + size;
    if (id === 1) {
      for (let n = r.u32(); n > 0; n--) {
        if (r.byte() !== 0x60) throw new Error('unsupported type form');
        const params: SpecType[] = [];
        for (let k = r.u32(); k > 0; k--) params.push(r.valType());
        const results: SpecType[] = [];
        for (let k = r.u32(); k > 0; k--) results.push(r.valType());
        types.push({ params, results });
      }
    } else if (id === 2) {
      for (let n = r.u32(); n > 0; n--) {
        r.name(); r.name();
        const kind = r.byte();
        if (kind === 0) funcs.push(r.u32());
        else if (kind === 1) { r.byte(); r.skipLimits(); } else if (kind === 2) r.skipLimits();
        else if (kind === 3) globals.push({ type: r.valType(), mutable: r.byte() === 1 });
        else throw new Error(`unknown import kind ${kind}`);
      }
    } else if (id === 3) {
      for (let n = r.u32(); n > 0; n--) funcs.push(r.u32());
    } else if (id === 6) {
      for (let n = r.u32(); n > 0; n--) {
        globals.push({ type: r.valType(), mutable: r.byte() === 1 });
        r.skipConstExpr();
      }
    } else if (id === 7) {
      for (let n = r.u32(); n > 0; n--) {
        const name = r.name();
        const kind = r.byte();
        const index = r.u32();
        if (kind === 0) {
          const t = types[funcs[index]!];
          if (t === undefined) throw new Error(`export ${name}: bad function index`);
          out.set(name, { kind: 'func', params: t.params, results: t.results });
        } else if (kind === 3) {
          const g = globals[index];
          if (g === undefined) throw new Error(`export ${name}: bad global index`);
          out.set(name, { kind: 'global', type: g.type, mutable: g.mutable });
        } else {
          out.set(name, { kind: kind === 1 ? 'table' : 'memory' });
        }
      }
      return out; // nothing after the export section matters here
    }
    r.pos = end;
  }
  return out;
}

/** A growable byte buffer with the LEB128 writers the helper modules need. */
export class ByteWriter {
  private buf: number[] = [];
  byte(...bs: number[]): this { for (const b of bs) this.buf.push(b & 0xff); return this; }
  u32(v: number): this {
    do {
      let b = v & 0x7f;
      v = Math.floor(v / 128);
      if (v !== 0) b |= 0x80;
      this.buf.push(b);
    } while (v !== 0);
    return this;
  }
  /** Signed LEB128 of a bigint (any i32/i64 constant). */
  sleb(v: bigint): this {
    for (;;) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) { this.buf.push(b); return this; }
      this.buf.push(b | 0x80);
    }
  }
  name(s: string): this {
    const bytes = new TextEncoder().encode(s);
    this.u32(bytes.length);
    for (const b of bytes) this.buf.push(b);
    return this;
  }
  bytes(bs: Uint8Array | readonly number[]): this { for (const b of bs) this.buf.push(b); return this; }
  get length(): number { return this.buf.length; }
  finish(): Uint8Array { return Uint8Array.from(this.buf); }
}

/** Assembles a module from (section id, contents) pairs, in the order given. */
export function assembleModule(sections: readonly [number, ByteWriter][]): Uint8Array {
  const w = new ByteWriter().byte(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
  for (const [id, body] of sections) w.byte(id).u32(body.length).bytes(body.finish());
  return w.finish();
}

/** A `vec(...)` section body from already-encoded entries. */
export function vecSection(entries: readonly ByteWriter[]): ByteWriter {
  const w = new ByteWriter().u32(entries.length);
  for (const e of entries) w.bytes(e.finish());
  return w;
}
