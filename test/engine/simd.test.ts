// Compiled SIMD against the interpreter: every non-memory v128 operation the amd64 backend
// compiles runs on edge-case vectors (lane minima and maxima, signed/unsigned boundaries, NaNs
// with payloads and signs, ±0, ±inf, the truncation limits) and random ones, on both engines.
// Integer results must match bit for bit; a float lane either matches bit for bit or is a NaN on
// both sides, the compiled one quiet (an arithmetic NaN: Wasm leaves which one unspecified). Memory
// forms, the boundary (parameters, results, host calls, stack arguments) and lane edges follow.
import { expect } from 'chai';
import { Runtime } from '../../src/index.js';
import { opInfo } from '../../src/wasm/opcodes.js';
import { ValType } from '../../src/wasm/types.js';
import { watToBytes } from '../frontend/helpers.js';
import { requireNative } from '../native/harness.js';

type Fn = (...args: unknown[]) => unknown;

function vec(fill: (dv: DataView) => void): Uint8Array {
  const b = new Uint8Array(16);
  fill(new DataView(b.buffer));
  return b;
}
const f32s = (...v: number[]): Uint8Array => vec((d) => v.forEach((x, k) => d.setFloat32(4 * k, x, true)));
const f64s = (a: number, b: number): Uint8Array => vec((d) => { d.setFloat64(0, a, true); d.setFloat64(8, b, true); });
const u32s = (...v: number[]): Uint8Array => vec((d) => v.forEach((x, k) => d.setUint32(4 * k, x >>> 0, true)));
const bytes = (...v: number[]): Uint8Array => new Uint8Array(v);

/** A deterministic generator, so a failure names reproducible inputs. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s;
  };
}
const rnd = random(0x5eed);

const inputs: Uint8Array[] = [
  new Uint8Array(16),
  new Uint8Array(16).fill(0xff),
  bytes(0x80, 0x7f, 0x00, 0xff, 0x01, 0xfe, 0x81, 0x7e, 0x80, 0x00, 0x7f, 0xff, 0x40, 0xc0, 0x10, 0xf0),
  u32s(0x80000000, 0x7fffffff, 0x00008000, 0xffff7fff),
  u32s(0x00000000, 0x80000000, 0xffffffff, 0x7fffffff),
  f32s(NaN, -0, 0, Infinity),
  u32s(0x7fa00001, 0xffc00000, 0xff800000, 0x7f800001), // NaN payloads and signs, -inf, a signalling NaN
  f32s(2147483648, -2147483904, 4294967296, 4294967040),
  f32s(1.5, -1.5, 2.5, -0.5),
  f32s(-0, 0, -Infinity, 1e-45),
  f64s(NaN, -0),
  u32s(0x00000001, 0x7ff40000, 0x00000000, 0xfff80000), // f64 signalling NaN, canonical -NaN
  f64s(2147483647.5, -2147483648.5),
  f64s(4294967295.9, -1),
  f64s(0.5, -2.5),
  f64s(Infinity, -Infinity),
  ...Array.from({ length: 6 }, () => u32s(rnd(), rnd(), rnd(), rnd())),
];

/** How a v128 result is compared: integer bits, or float lanes with NaN tolerance. */
type Lanes = 'int' | 'f32' | 'f64';

function lanesOf(name: string): Lanes {
  if (/^f32x4\.(eq|ne|lt|gt|le|ge)$/.test(name) || /^f64x2\.(eq|ne|lt|gt|le|ge)$/.test(name)) return 'int';
  if (name.startsWith('f32x4.')) return 'f32';
  if (name.startsWith('f64x2.')) return 'f64';
  return 'int';
}

function sameVec(lanes: Lanes, compiled: Uint8Array, interp: Uint8Array): string | undefined {
  if (lanes === 'int') return Buffer.from(compiled).equals(Buffer.from(interp)) ? undefined : 'bits differ';
  const size = lanes === 'f32' ? 4 : 8;
  const c = new DataView(compiled.buffer, compiled.byteOffset, 16), i = new DataView(interp.buffer, interp.byteOffset, 16);
  for (let at = 0; at < 16; at += size) {
    const a = size === 4 ? c.getFloat32(at, true) : c.getFloat64(at, true);
    const b = size === 4 ? i.getFloat32(at, true) : i.getFloat64(at, true);
    const sameBits = Buffer.from(compiled.subarray(at, at + size)).equals(Buffer.from(interp.subarray(at, at + size)));
    if (sameBits) continue;
    if (Number.isNaN(a) !== Number.isNaN(b)) return `lane at byte ${at}: ${a} vs ${b}`;
    if (Number.isNaN(a)) {
      // Different NaNs are both allowed only as results of arithmetic, which produces quiet ones.
      const quiet = size === 4 ? (c.getUint32(at, true) & 0x00400000) !== 0 : (c.getUint32(at + 4, true) & 0x00080000) !== 0;
      if (!quiet) return `lane at byte ${at}: the compiled NaN is not quiet`;
    } else if (!Object.is(a, b) && !Object.is(c.getBigUint64(at & ~7, true), i.getBigUint64(at & ~7, true))) {
      return `lane at byte ${at}: ${a} vs ${b}`;
    }
  }
  return undefined;
}

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

interface Case { name: string; export: string; params: readonly ValType[]; result: ValType; lanes: Lanes; extra: string }

const typeText: Partial<Record<ValType, string>> = {
  [ValType.I32]: 'i32', [ValType.I64]: 'i64', [ValType.F32]: 'f32', [ValType.F64]: 'f64', [ValType.V128]: 'v128',
};

/** Every pure SIMD operation (no memory access), with lane immediates spelled out (first and last lane). */
function cases(): Case[] {
  const out: Case[] = [];
  for (let sub = 0; sub < 256; sub++) {
    const info = opInfo(0xfd000 | sub);
    if (info === undefined || info.params === undefined || info.results?.length !== 1) continue;
    if (info.name.includes('load') || info.name.includes('store') || info.params.length === 0) continue;
    const result = info.results[0]!;
    const base = { name: info.name, params: info.params, result, lanes: result === ValType.V128 ? lanesOf(info.name) : 'int' as Lanes };
    if (info.lanes > 0) {
      for (const lane of [0, info.lanes - 1]) out.push({ ...base, export: `${info.name}/${lane}`, extra: ` ${lane}` });
    } else if (info.name === 'i8x16.shuffle') {
      out.push({ ...base, export: 'shuffle/a', extra: ' 31 0 30 1 29 2 28 3 16 17 18 19 12 13 14 15' });
      out.push({ ...base, export: 'shuffle/b', extra: ' 0 0 0 0 5 5 5 5 16 16 16 16 31 31 31 31' });
      out.push({ ...base, export: 'shuffle/x', extra: ' 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0' });
      out.push({ ...base, export: 'shuffle/y', extra: ' 16 16 17 17 18 18 19 19 28 29 30 31 31 30 29 28' });
    } else {
      out.push({ ...base, export: info.name, extra: '' });
    }
  }
  return out;
}

function moduleText(all: Case[]): string {
  const funcs = all.map((c) => {
    const params = c.params.map((t) => ` ${typeText[t]!}`).join('');
    const args = c.params.map((_, k) => `(local.get ${k})`).join(' ');
    return `(func (export "${c.export}") (param${params}) (result ${typeText[c.result]!}) (${c.name}${c.extra} ${args}))`;
  });
  // One value in several v128 operands (the allocator then passes one register for them).
  const aliased = all.flatMap((c) => aliasPatterns(c).map((p, k) => {
    const n = Math.max(...p) + 1;
    const args = p.map((j) => `(local.get ${j})`).join(' ');
    return `(func (export "${c.export}/alias${k}") (param${' v128'.repeat(n)}) (result ${typeText[c.result]!}) (${c.name}${c.extra} ${args}))`;
  }));
  return `(module ${[...funcs, ...aliased].join('\n')})`;
}

/** For operations with several v128 operands: which parameter feeds each operand. */
function aliasPatterns(c: Case): number[][] {
  if (c.params.length < 2 || !c.params.every((t) => t === ValType.V128)) return [];
  return c.params.length === 2 ? [[0, 0]] : [[0, 0, 0], [0, 0, 1], [0, 1, 0], [0, 1, 1]];
}

/** Scalar operands: lane-width boundaries, shift counts beyond the lane width, NaN and -0. */
const scalars: Partial<Record<ValType, unknown[]>> = {
  [ValType.I32]: [0, 1, 7, 8, 9, 15, 16, 31, 32, 33, 63, 64, 65, -1, 0x80, 0x7fff, 0x12345678],
  [ValType.I64]: [0n, -1n, 0x123456789abcdefn, -0x8000000000000000n],
  [ValType.F32]: [NaN, -0, 1.5, -Infinity],
  [ValType.F64]: [NaN, -0, 1.5, Infinity],
};

function argLists(c: Case): unknown[][] {
  const values = (t: ValType): unknown[] => (t === ValType.V128 ? inputs : scalars[t]!);
  const [p0, p1, p2] = c.params;
  if (p1 === undefined) return values(p0!).map((v) => [v]);
  const out: unknown[][] = [];
  if (p2 === undefined) {
    for (const a of values(p0!)) for (const b of values(p1)) out.push([a, b]);
    return out;
  }
  // v128.bitselect: every pair, with a mask picked from the inputs.
  for (const a of inputs) for (const b of inputs) out.push([a, b, inputs[(a[0]! + b[1]!) % inputs.length]]);
  return out;
}

function sameScalar(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b)) return true;
  return Object.is(a, b) || a === b;
}

describe('engine: compiled SIMD against the interpreter', function () {
  requireNative();
  this.timeout(120_000);

  it('every compiled v128 operation agrees on edge-case and random vectors', async () => {
    const all = cases();
    expect(all.length).to.be.above(200);
    const bin = await watToBytes(moduleText(all));
    const cr = new Runtime({ engine: 'compiler' }), ir = new Runtime({ engine: 'interpreter' });
    const cm = cr.compile(bin);
    expect(cm.engine).to.equal('compiler');
    const cx = cr.instantiate(cm).exports as Record<string, Fn>;
    const ix = ir.instantiate(ir.compile(bin)).exports as Record<string, Fn>;
    const failures: string[] = [];
    for (const c of all) {
      const runs = argLists(c).map((args) => ({ name: c.export, args }));
      aliasPatterns(c).forEach((p, k) => {
        const n = Math.max(...p) + 1;
        for (const a of inputs) for (const b of n > 1 ? inputs.slice(0, 8) : [a]) runs.push({ name: `${c.export}/alias${k}`, args: n > 1 ? [a, b] : [a] });
      });
      for (const { name, args } of runs) {
        let got: unknown, want: unknown;
        try {
          got = cx[name]!(...args);
          want = ix[name]!(...args);
        } catch (e) {
          failures.push(`${name}: threw ${String(e)}`);
          break;
        }
        const why = got instanceof Uint8Array && want instanceof Uint8Array ? sameVec(c.lanes, got, want)
          : sameScalar(got, want) ? undefined : `${String(got)} vs ${String(want)}`;
        if (why !== undefined) {
          const show = (v: unknown): string => (v instanceof Uint8Array ? hex(v) : String(v));
          failures.push(`${name}(${args.map(show).join(', ')}): ${why}; compiled ${show(got)}, interpreter ${show(want)}`);
          break;
        }
      }
    }
    expect(failures).to.deep.equal([]);
  });

  it('memory forms: loads, splats, zero-extending, lane loads and stores, at the end of memory and out of bounds', async () => {
    const wat = `(module (memory 1)
      (func (export "init") (local $i i32)
        (loop (i32.store8 (local.get $i) (i32.sub (i32.const 200) (local.get $i)))
          (br_if 0 (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 65536)))))
      ${['v128.load', 'v128.load8x8_s', 'v128.load8x8_u', 'v128.load16x4_s', 'v128.load16x4_u', 'v128.load32x2_s', 'v128.load32x2_u',
    'v128.load8_splat', 'v128.load16_splat', 'v128.load32_splat', 'v128.load64_splat', 'v128.load32_zero', 'v128.load64_zero']
    .map((n) => `(func (export "${n}") (param i32) (result v128) (${n} offset=3 (local.get 0)))`).join('\n')}
      ${[8, 16, 32, 64].map((w) => `(func (export "l${w}") (param i32 v128) (result v128) (v128.load${w}_lane offset=1 ${128 / w - 1} (local.get 0) (local.get 1)))
        (func (export "s${w}") (param i32 v128) (v128.store${w}_lane offset=1 ${128 / w - 1} (local.get 0) (local.get 1)))`).join('\n')}
      (func (export "store") (param i32 v128) (v128.store offset=2 (local.get 0) (local.get 1))))`;
    const bin = await watToBytes(wat);
    const cr = new Runtime({ engine: 'compiler' }), ir = new Runtime({ engine: 'interpreter' });
    const cm = cr.compile(bin);
    expect(cm.engine).to.equal('compiler');
    const cx = cr.instantiate(cm).exports as Record<string, Fn>;
    const ix = ir.instantiate(ir.compile(bin)).exports as Record<string, Fn>;
    cx['init']!();
    ix['init']!();
    const outcome = (x: Record<string, Fn>, name: string, args: unknown[]): string => {
      try {
        const r = x[name]!(...args);
        return r instanceof Uint8Array ? hex(r) : String(r);
      } catch (e) {
        return `trap: ${(e as Error).message}`;
      }
    };
    const v = u32s(0x01020304, 0x05060708, 0x090a0b0c, 0x0d0e0f10);
    const checked: string[] = [];
    for (const name of Object.keys(cx)) {
      if (name === 'init') continue;
      const stores = name.startsWith('s') && name !== 'store' ? true : name === 'store';
      // The last valid start and the first invalid one for the widest access of each form, and 0.
      for (const addr of [0, 1, 65536 - 19, 65536 - 18, 65536 - 17, 65536 - 11, 65536 - 4, 65536 - 3, 65536, -1]) {
        const args = name.startsWith('l') || stores ? [addr, v] : [addr];
        const a = outcome(cx, name, args), b = outcome(ix, name, args);
        expect(a, `${name}(${addr})`).to.equal(b);
        checked.push(a);
      }
      if (stores) {
        for (const addr of [0, 65536 - 18]) expect(outcome(cx, 'v128.load', [addr]), `after ${name}`).to.equal(outcome(ix, 'v128.load', [addr]));
      }
    }
    expect(checked.some((s) => s.startsWith('trap: out of bounds memory access'))).to.equal(true);
  });

  it('passes v128 through parameters, results, globals, stack arguments, host calls and calls between instances', async () => {
    const ps = Array.from({ length: 10 }, () => 'v128').join(' ');
    const wat = `(module
      (import "h" "g" (func $g (param i32 v128 f64 v128) (result v128 i32)))
      (global $v (mut v128) (v128.const i64x2 -1 2))
      (func $many (param ${ps} i32 v128) (result v128 i32 v128 v128)
        (local.get 9) (local.get 10) (local.get 11) (local.get 0))
      (func (export "many") (param v128 v128) (result v128 i32 v128 v128)
        (call $many (local.get 0) (local.get 1) (local.get 0) (local.get 1) (local.get 0) (local.get 1) (local.get 0)
          (local.get 1) (local.get 0) (local.get 1) (i32.const 5) (v128.const i32x4 9 9 9 9)))
      (func (export "host") (param v128) (result v128 i32)
        (call $g (i32.const 1) (local.get 0) (f64.const 2.5) (global.get $v)))
      (func (export "swap") (param v128) (result v128) (global.get $v) (global.set $v (local.get 0))))`;
    const rt = new Runtime({ engine: 'compiler' });
    const mod = rt.compile(await watToBytes(wat));
    expect(mod.engine).to.equal('compiler');
    const seen: unknown[][] = [];
    const x = rt.instantiate(mod, { h: { g: (...args: unknown[]) => { seen.push(args); return [f32s(1, 2, 3, 4), 77]; } } }).exports as Record<string, Fn>;
    const a = u32s(1, 2, 3, 4), b = u32s(5, 6, 7, 8);
    const many = x['many']!(a, b) as unknown[];
    expect(many.map((r) => (r instanceof Uint8Array ? hex(r) : r))).to.deep.equal([hex(b), 5, hex(u32s(9, 9, 9, 9)), hex(a)]);
    const host = x['host']!(b) as unknown[];
    expect(hex(host[0] as Uint8Array)).to.equal(hex(f32s(1, 2, 3, 4)));
    expect(host[1]).to.equal(77);
    expect(seen[0]![0]).to.equal(1);
    expect(hex(seen[0]![1] as Uint8Array)).to.equal(hex(b));
    expect(seen[0]![2]).to.equal(2.5);
    expect(hex(seen[0]![3] as Uint8Array)).to.equal(hex(u32s(0xffffffff, 0xffffffff, 2, 0)));
    expect(hex(x['swap']!(a) as Uint8Array)).to.equal(hex(u32s(0xffffffff, 0xffffffff, 2, 0)));
    expect(hex(x['swap']!(b) as Uint8Array)).to.equal(hex(a));
    // An interpreter instance calling the compiled function, and the other way round.
    const ir = new Runtime({ engine: 'interpreter' });
    const caller = ir.instantiate(ir.compile(await watToBytes(`(module (import "m" "swap" (func $s (param v128) (result v128)))
      (func (export "f") (param v128) (result v128) (call $s (local.get 0))))`)), { m: { swap: x['swap'] } }).exports as Record<string, Fn>;
    expect(hex(caller['f']!(a) as Uint8Array)).to.equal(hex(b));
  });

  it('returns more v128 results than registers (stack results) to JS, to compiled callers and from a host function', async () => {
    const n = 11; // xmm0..xmm7 hold 8
    const res = Array.from({ length: n }, () => 'v128').join(' ');
    const body = Array.from({ length: n }, (_, k) => `(i32x4.add (local.get 0) (i32x4.splat (i32.const ${k})))`).join(' ');
    const adds = Array.from({ length: n - 1 }, () => '(i32x4.add)').join(' ');
    const wat = `(module (import "h" "g" (func $g (param v128) (result ${res})))
      (func $many (export "many") (param v128) (result ${res}) ${body})
      (func (export "sum") (param v128) (result v128) (call $many (local.get 0)) ${adds})
      (func (export "sumh") (param v128) (result v128) (call $g (local.get 0)) ${adds}))`;
    const rt = new Runtime({ engine: 'compiler' });
    const mod = rt.compile(await watToBytes(wat));
    expect(mod.engine).to.equal('compiler');
    const host = (x: Uint8Array): Uint8Array[] => Array.from({ length: n }, (_, k) => {
      const r = new Uint8Array(x);
      r[0]! += k;
      return r;
    });
    const x = rt.instantiate(mod, { h: { g: host } }).exports as Record<string, Fn>;
    const v = u32s(1, 2, 3, 4);
    const many = x['many']!(v) as Uint8Array[];
    expect(many.map(hex)).to.deep.equal(Array.from({ length: n }, (_, k) => hex(u32s(1 + k, 2 + k, 3 + k, 4 + k))));
    expect(hex(x['sum']!(v) as Uint8Array)).to.equal(hex(u32s(66, 77, 88, 99)));
    expect(hex(x['sumh']!(v) as Uint8Array)).to.equal(hex(u32s(66, 22, 33, 44)));
  });

  it('keeps v128 values live across calls and under register pressure (spilled 16 bytes wide)', async () => {
    // 20 live vectors exceed the 15 allocatable xmm registers; a call clobbers all of them.
    const n = 20;
    const locals = Array.from({ length: n }, (_, k) => `(local $v${k} v128)`).join(' ');
    const sets = Array.from({ length: n }, (_, k) => `(local.set $v${k} (i32x4.add (local.get 0) (i32x4.splat (i32.const ${k * 0x01010101}))))`).join('\n');
    let sum = '(local.get $v0)';
    for (let k = 1; k < n; k++) sum = `(i8x16.add ${sum} (local.get $v${k}))`;
    const wat = `(module (func $clobber (param f64) (result f64) (f64.mul (local.get 0) (f64.const 3)))
      (func (export "f") (param v128) (result v128) ${locals}
        ${sets}
        (drop (call $clobber (f64.const 1)))
        ${sum}))`;
    const bin = await watToBytes(wat);
    const cr = new Runtime({ engine: 'compiler' }), ir = new Runtime({ engine: 'interpreter' });
    const cm = cr.compile(bin);
    expect(cm.engine).to.equal('compiler');
    const arg = bytes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
    const got = (cr.instantiate(cm).exports as Record<string, Fn>)['f']!(arg) as Uint8Array;
    const want = (ir.instantiate(ir.compile(bin)).exports as Record<string, Fn>)['f']!(arg) as Uint8Array;
    expect(hex(got)).to.equal(hex(want));
  });
});
