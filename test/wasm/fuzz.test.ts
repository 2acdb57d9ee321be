// Fuzz-hardness: thousands of modules derived from valid seeds (bytes flipped, truncated,
// sections cut, LEB128 lengths inflated, bytes inserted) must each end in a valid module or a
// CompileError: never another exception, a hang or a huge allocation. Deterministic (seeded).
import { expect } from 'chai';
import { compileModule, describeExports, describeImports, FeaturesV1, validate } from '../../src/wasm/index.js';
import { CompileError } from '../../src/runtime/errors.js';
import { rng, wat } from './helpers.js';

const SEEDS = [
  `(module
    (type $t (func (param i32 i64) (result i32)))
    (import "env" "f" (func $imp (type $t)))
    (import "env" "g" (global (mut i32)))
    (import "env" "m" (memory 1 100))
    (table $tab 4 funcref) (table $ext 1 externref)
    (global $c i64 (i64.const -42)) (global (mut f64) (f64.const 3.5))
    (func $a (export "a") (param i32 i64) (result i32) (local f32 v128)
      (block $b (result i32)
        (loop $l
          (br_if $l (i32.eqz (local.get 0)))
          (br_table $b $b (i32.const 7) (local.get 0)))
        (i32.const 0))
      (call_indirect $tab (type $t) (local.get 0) (local.get 1) (i32.const 1))
      drop)
    (func $b (result i32 i64) (i32.const 1) (i64.const 2))
    (func $s (i32.store8 offset=3 (i32.const 0) (i32.load16_u (i32.const 8)))
      (memory.copy (i32.const 0) (i32.const 1) (i32.const 2))
      (memory.init 1 (i32.const 0) (i32.const 0) (i32.const 1))
      (data.drop 0) (elem.drop 1)
      (table.set $ext (i32.const 0) (ref.null extern))
      (drop (table.grow $tab (ref.func $a) (i32.const 1))))
    (elem (table $tab) (i32.const 0) func $a $b)
    (elem funcref (ref.func $s) (ref.null func))
    (elem declare func $imp)
    (data (i32.const 16) "hello") (data "passive")
    (start $s)
    (export "tab" (table $tab)) (export "mem" (memory 0)) (export "c" (global $c)))`,
  `(module (memory 1)
    (func (export "simd") (param v128 i32) (result v128)
      (local.get 1)
      (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 (local.get 0) (local.get 0))
      (v128.load32_lane offset=4 2)
      (i32x4.replace_lane 3 (i32.const 5))
      (f64x2.add (v128.const f64x2 1.5 -2.5))
      (i16x8.extmul_low_i8x16_s (local.get 0))))`,
  `(module
    (func $fac (export "fac") (param i64) (result i64)
      (if (result i64) (i64.eqz (local.get 0))
        (then (i64.const 1))
        (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
    (func (param f32 f64) (result i32)
      (i32.add (i32.trunc_sat_f32_s (local.get 0)) (i32.trunc_f64_u (local.get 1))))
    (func (result externref) (select (result externref) (ref.null extern) (ref.null extern) (i32.const 0))))`,
];

/** Offsets [start, end) of each top-level section (after the 8-byte header). */
function sectionSpans(bytes: Uint8Array): [number, number][] {
  const spans: [number, number][] = [];
  let p = 8;
  while (p < bytes.length) {
    const start = p++;
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[p++]!;
      size += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) break;
    }
    p += size;
    spans.push([start, p]);
  }
  return spans;
}

function mutate(seed: Uint8Array, random: () => number): Uint8Array {
  const pick = (n: number): number => Math.floor(random() * n);
  const kind = pick(6);
  const b = [...seed];
  switch (kind) {
    case 0: { // flip 1..4 bytes
      for (let i = pick(4); i >= 0; i--) b[pick(b.length)] = pick(256);
      break;
    }
    case 1: return seed.slice(0, pick(seed.length)); // truncate
    case 2: { // cut one section
      const spans = sectionSpans(seed);
      const [s, e] = spans[pick(spans.length)]!;
      b.splice(s, e - s);
      break;
    }
    case 3: { // inflate a byte into a huge (but well-formed) LEB128 value
      const at = 8 + pick(b.length - 8);
      b.splice(at, 1, 0xff, 0xff, 0xff, 0xff, 0x0f);
      break;
    }
    case 4: { // insert random bytes
      const at = pick(b.length + 1);
      const n = 1 + pick(4);
      for (let i = 0; i < n; i++) b.splice(at, 0, pick(256));
      break;
    }
    case 5: { // pad a byte into a longer LEB128 (maybe too long)
      const at = 8 + pick(b.length - 8);
      const v = b[at]! & 0x7f;
      b.splice(at, 1, v | 0x80, ...new Array<number>(pick(5)).fill(0x80), 0x00);
      break;
    }
  }
  return new Uint8Array(b);
}

describe('wasm/fuzz: mutated modules end in a module or a CompileError', function () {
  this.timeout(120_000);
  const seeds = SEEDS.map((text) => wat(text));

  it('the seeds are valid', () => {
    for (const s of seeds) expect(() => compileModule(s)).to.not.throw();
  });

  it('survives 4000 mutations of each kind', () => {
    const random = rng(0x5eed);
    const rssBefore = process.memoryUsage().rss;
    let valid = 0;
    let rejected = 0;
    let slowest = 0;
    const disagreements: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const bytes = mutate(seeds[i % seeds.length]!, random);
      const t0 = performance.now();
      let ours: boolean;
      try {
        const m = compileModule(bytes);
        describeImports(m);
        describeExports(m);
        valid++;
        ours = true;
      } catch (e) {
        ours = false;
        if (!(e instanceof CompileError)) {
          throw new Error(`case ${i}: ${String(e)} for bytes ${Buffer.from(bytes).toString('hex')}`);
        }
        expect(e.offset, `case ${i} offset`).to.be.within(-1, bytes.length);
        rejected++;
      }
      // Under the MVP feature set the verdict may differ, but the outcome is still only a boolean
      // (validate rethrows anything that is not a CompileError) and never more permissive.
      if (validate(bytes, FeaturesV1) && !ours) throw new Error(`case ${i}: valid under V1 but not V2`);
      if (ours !== WebAssembly.validate(bytes)) disagreements.push(`case ${i}: ours ${ours}: ${Buffer.from(bytes).toString('hex')}`);
      slowest = Math.max(slowest, performance.now() - t0);
    }
    expect(valid + rejected).to.equal(4000);
    // V8 (Node 20) implements exactly Core 2.0 by default, so its verdict is a second opinion.
    expect(disagreements, 'verdicts differing from V8').to.deep.equal([]);
    expect(rejected).to.be.greaterThan(1000); // the mutations do break modules
    expect(slowest, 'slowest case (ms)').to.be.below(1000);
    expect(process.memoryUsage().rss - rssBefore, 'RSS growth').to.be.below(256 * 1024 * 1024);
  });
});
