// Values passed between the runner and an engine, and the patterns assert_return expects.
//
// Numbers are carried as exact bit patterns so NaN payloads, -0 and i64 are never lost:
//   i32, f32 -> unsigned 32-bit `number` bits; i64, f64 -> unsigned 64-bit `bigint` bits;
//   v128     -> 16 bytes, little-endian lane order;
//   externref -> `ref` null or the host-reference number N of `(ref.extern N)`;
//   funcref   -> `ref` null or an engine-owned opaque handle.
import { F32, F64, LiteralError, parseFloatBits, parseIntBits } from './floats.js';
import { atomText, type SExpr, type SList } from './sexpr.js';

export type SpecValue =
  | { readonly type: 'i32'; readonly bits: number }
  | { readonly type: 'i64'; readonly bits: bigint }
  | { readonly type: 'f32'; readonly bits: number }
  | { readonly type: 'f64'; readonly bits: bigint }
  | { readonly type: 'v128'; readonly bytes: Uint8Array }
  | { readonly type: 'externref'; readonly ref: number | null }
  | { readonly type: 'funcref'; readonly ref: unknown };

export type SpecType = SpecValue['type'];
export type NanKind = 'canonical' | 'arithmetic';
export type LaneShape = 'i8x16' | 'i16x8' | 'i32x4' | 'i64x2' | 'f32x4' | 'f64x2';

/** One float lane of an expected v128: exact bits or a NaN class. */
export type FloatLane = { readonly bits: bigint } | { readonly nan: NanKind };

export type Expected =
  | { readonly kind: 'exact'; readonly value: SpecValue }
  | { readonly kind: 'nan'; readonly type: 'f32' | 'f64'; readonly nan: NanKind }
  | { readonly kind: 'v128-lanes'; readonly shape: 'f32x4' | 'f64x2'; readonly lanes: readonly FloatLane[] }
  | { readonly kind: 'any-funcref' }
  | { readonly kind: 'any-externref' };

const laneInfo: Record<LaneShape, { count: number; bytes: 1 | 2 | 4 | 8 }> = {
  i8x16: { count: 16, bytes: 1 }, i16x8: { count: 8, bytes: 2 }, i32x4: { count: 4, bytes: 4 },
  i64x2: { count: 2, bytes: 8 }, f32x4: { count: 4, bytes: 4 }, f64x2: { count: 2, bytes: 8 },
};

function isLaneShape(s: string | undefined): s is LaneShape {
  return s !== undefined && Object.prototype.hasOwnProperty.call(laneInfo, s);
}

function writeLane(out: Uint8Array, index: number, width: number, bits: bigint): void {
  for (let b = 0; b < width; b++) out[index * width + b] = Number((bits >> BigInt(8 * b)) & 0xffn);
}

function readLane(bytes: Uint8Array, index: number, width: number): bigint {
  let v = 0n;
  for (let b = width - 1; b >= 0; b--) v = (v << 8n) | BigInt(bytes[index * width + b]!);
  return v;
}

function laneBits(shape: LaneShape, text: string): bigint {
  switch (shape) {
    case 'i8x16': return parseIntBits(text, 8);
    case 'i16x8': return parseIntBits(text, 16);
    case 'i32x4': return parseIntBits(text, 32);
    case 'i64x2': return parseIntBits(text, 64);
    case 'f32x4': return parseFloatBits(text, F32);
    case 'f64x2': return parseFloatBits(text, F64);
  }
}

function atomsOf(list: SList, from: number): string[] {
  const out: string[] = [];
  for (let i = from; i < list.items.length; i++) {
    const t = atomText(list.items[i]);
    if (t === undefined) throw new LiteralError(`line ${list.line}: expected a literal`);
    out.push(t);
  }
  return out;
}

function one(list: SList, op: string): string {
  const args = atomsOf(list, 1);
  if (args.length !== 1) throw new LiteralError(`line ${list.line}: ${op} takes one literal`);
  return args[0]!;
}

/** Parses an argument constant: `(i32.const 1)`, `(v128.const i8x16 ...)`, `(ref.null func)`, ... */
export function parseConst(e: SExpr): SpecValue {
  const exp = parseExpected(e);
  if (exp.kind === 'exact') return exp.value;
  throw new LiteralError(`line ${e.line}: a NaN pattern or wildcard reference is not a value`);
}

/** Parses a result pattern of assert_return. Errors name the line. */
export function parseExpected(e: SExpr): Expected {
  try {
    return parsePattern(e);
  } catch (err) {
    if (err instanceof LiteralError && !err.message.startsWith('line ')) throw new LiteralError(`line ${e.line}: ${err.message}`);
    throw err;
  }
}

function parsePattern(e: SExpr): Expected {
  if (e.kind !== 'list') throw new LiteralError(`line ${e.line}: expected a constant`);
  const op = atomText(e.items[0]);
  switch (op) {
    case 'i32.const': return exact({ type: 'i32', bits: Number(parseIntBits(one(e, op), 32)) });
    case 'i64.const': return exact({ type: 'i64', bits: parseIntBits(one(e, op), 64) });
    case 'f32.const': case 'f64.const': {
      const text = one(e, op);
      const type = op === 'f32.const' ? 'f32' : 'f64';
      if (text === 'nan:canonical' || text === 'nan:arithmetic') return { kind: 'nan', type, nan: text.slice(4) as NanKind };
      return type === 'f32'
        ? exact({ type, bits: Number(parseFloatBits(text, F32)) })
        : exact({ type, bits: parseFloatBits(text, F64) });
    }
    case 'v128.const': {
      const shape = atomText(e.items[1]);
      if (!isLaneShape(shape)) throw new LiteralError(`line ${e.line}: bad v128 shape '${shape}'`);
      const lanes = atomsOf(e, 2);
      const { count, bytes } = laneInfo[shape];
      if (lanes.length !== count) throw new LiteralError(`line ${e.line}: ${shape} needs ${count} lanes`);
      if ((shape === 'f32x4' || shape === 'f64x2') && lanes.some((l) => l === 'nan:canonical' || l === 'nan:arithmetic')) {
        const fl = lanes.map((l): FloatLane => (l === 'nan:canonical' || l === 'nan:arithmetic')
          ? { nan: l.slice(4) as NanKind } : { bits: laneBits(shape, l) });
        return { kind: 'v128-lanes', shape, lanes: fl };
      }
      const out = new Uint8Array(16);
      lanes.forEach((l, i) => writeLane(out, i, bytes, laneBits(shape, l)));
      return exact({ type: 'v128', bytes: out });
    }
    case 'ref.null': {
      const t = atomText(e.items[1]);
      if (t === 'func' || t === 'funcref') return exact({ type: 'funcref', ref: null });
      if (t === 'extern' || t === 'externref') return exact({ type: 'externref', ref: null });
      throw new LiteralError(`line ${e.line}: bad ref.null type '${t}'`);
    }
    case 'ref.extern': {
      if (e.items.length === 1) return { kind: 'any-externref' };
      const n = Number(parseIntBits(one(e, op), 32));
      return exact({ type: 'externref', ref: n });
    }
    case 'ref.func':
      if (e.items.length === 1) return { kind: 'any-funcref' };
      throw new LiteralError(`line ${e.line}: ref.func with an index is not a script value`);
    default:
      throw new LiteralError(`line ${e.line}: unknown constant '${op}'`);
  }
}

function exact(value: SpecValue): Expected {
  return { kind: 'exact', value };
}

const F32_CANON = 0x7fc00000;
const F64_CANON = 0x7ff8000000000000n;
const F64_ABS = 0x7fffffffffffffffn;

export function f32NanMatches(bits: number, nan: NanKind): boolean {
  const abs = (bits & 0x7fffffff) >>> 0;
  return nan === 'canonical' ? abs === F32_CANON : (abs & F32_CANON) === F32_CANON && abs !== 0x7f800000;
}

export function f64NanMatches(bits: bigint, nan: NanKind): boolean {
  const abs = bits & F64_ABS;
  return nan === 'canonical' ? abs === F64_CANON : (abs & F64_CANON) === F64_CANON;
}

/** Is `actual` what `expected` allows? Comparisons are bitwise, as in the reference interpreter. */
export function valueMatches(expected: Expected, actual: SpecValue): boolean {
  switch (expected.kind) {
    case 'exact': return sameValue(expected.value, actual);
    case 'nan':
      if (actual.type !== expected.type) return false;
      return actual.type === 'f32' ? f32NanMatches(actual.bits, expected.nan)
        : actual.type === 'f64' && f64NanMatches(actual.bits, expected.nan);
    case 'v128-lanes': {
      if (actual.type !== 'v128') return false;
      const width = expected.shape === 'f32x4' ? 4 : 8;
      return expected.lanes.every((lane, i) => {
        const bits = readLane(actual.bytes, i, width);
        if ('bits' in lane) return bits === lane.bits;
        return width === 4 ? f32NanMatches(Number(bits), lane.nan) : f64NanMatches(bits, lane.nan);
      });
    }
    case 'any-funcref': return actual.type === 'funcref' && actual.ref !== null;
    case 'any-externref': return actual.type === 'externref' && actual.ref !== null;
  }
}

function sameValue(a: SpecValue, b: SpecValue): boolean {
  switch (a.type) {
    case 'i32': case 'f32': return b.type === a.type && (b.bits >>> 0) === (a.bits >>> 0);
    case 'i64': case 'f64': return b.type === a.type && b.bits === a.bits;
    case 'v128': return b.type === 'v128' && a.bytes.every((x, i) => b.bytes[i] === x);
    case 'externref': return b.type === 'externref' && b.ref === a.ref;
    case 'funcref': return b.type === 'funcref' && (a.ref === null ? b.ref === null : b.ref === a.ref);
  }
}

function hex(bits: bigint | number, digits: number): string {
  return '0x' + (typeof bits === 'number' ? bits >>> 0 : bits).toString(16).padStart(digits, '0');
}

/** Human-readable rendering for failure messages, e.g. `f32:0x7fc00000 (nan)`. */
export function formatValue(v: SpecValue): string {
  switch (v.type) {
    case 'i32': return `i32:${v.bits | 0}`;
    case 'i64': return `i64:${BigInt.asIntN(64, v.bits)}`;
    case 'f32': {
      const f = new Float32Array(new Uint32Array([v.bits >>> 0]).buffer)[0]!;
      return `f32:${hex(v.bits, 8)} (${f})`;
    }
    case 'f64': {
      const f = new Float64Array(new BigUint64Array([v.bits]).buffer)[0]!;
      return `f64:${hex(v.bits, 16)} (${f})`;
    }
    case 'v128': return `v128:i32x4 ${[0, 1, 2, 3].map((i) => hex(readLane(v.bytes, i, 4), 8)).join(' ')}`;
    case 'externref': return v.ref === null ? 'ref.null extern' : `ref.extern ${v.ref}`;
    case 'funcref': return v.ref === null ? 'ref.null func' : 'ref.func';
  }
}

export function formatExpected(e: Expected): string {
  switch (e.kind) {
    case 'exact': return formatValue(e.value);
    case 'nan': return `${e.type}:nan:${e.nan}`;
    case 'v128-lanes':
      return `v128:${e.shape} ${e.lanes.map((l) => ('bits' in l ? hex(l.bits, e.shape === 'f32x4' ? 8 : 16) : `nan:${l.nan}`)).join(' ')}`;
    case 'any-funcref': return 'ref.func';
    case 'any-externref': return 'ref.extern';
  }
}

/** The value type an expected result has, for engines that need result types up front. */
export function expectedType(e: Expected): SpecType {
  switch (e.kind) {
    case 'exact': return e.value.type;
    case 'nan': return e.type;
    case 'v128-lanes': return 'v128';
    case 'any-funcref': return 'funcref';
    case 'any-externref': return 'externref';
  }
}
