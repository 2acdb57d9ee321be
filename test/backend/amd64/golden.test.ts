// Golden disassembly: small functions compiled for a fixed CPU feature set, disassembled by
// objdump, compared with test/backend/amd64/golden/<name>.txt. ZEROWASM_BLESS=1 rewrites the files.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MODERN_CPU } from '../../../src/backend/amd64/cpu.js';
import { compileWat } from './harness.js';

const haveObjdump = spawnSync('objdump', ['--version']).status === 0;
const goldenDir = join(process.cwd(), 'test', 'backend', 'amd64', 'golden');
const bless = process.env['ZEROWASM_BLESS'] === '1';

function disassemble(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'zw-golden-'));
  try {
    const file = join(dir, 'code.bin');
    writeFileSync(file, bytes);
    const out = spawnSync('objdump', ['-D', '-b', 'binary', '-m', 'i386:x86-64', '-M', 'intel', file], { encoding: 'utf8' });
    const lines: string[] = [];
    for (const line of out.stdout.split('\n')) {
      const m = /^\s*([0-9a-f]+):\t[0-9a-f ]+\t(.*)$/.exec(line);
      if (m) lines.push(`${m[1]!.padStart(4)}: ${m[2]!.replace(/\s+/g, ' ').trim()}`);
    }
    return lines.join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cases: Record<string, string> = {
  'arith': `(module (func (param i32 i32) (result i32)
      (i32.add (i32.mul (local.get 0) (i32.const 12)) (i32.sub (local.get 1) (i32.const 5))))
    (func (param i64 i64) (result i64) (i64.shl (local.get 0) (local.get 1)))
    (func (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1))))`,
  'loop-branch': `(module (func (param i32) (result i32) (local i32)
      (block (loop (br_if 1 (i32.ge_s (local.get 1) (local.get 0)))
        (local.set 1 (i32.add (local.get 1) (i32.const 3))) (br 0)))
      (local.get 1)))`,
  // Polled back-edges, in place after the branch's exit: a do-while latch, and a swap whose
  // back-edge needs moves (moves, poll, je back); each continues with the poll's je.
  'loop-poll': `(module (func (param i32) (result i32) (local i32)
      (loop (local.set 1 (i32.add (local.get 1) (i32.const 3))) (br_if 0 (i32.lt_s (local.get 1) (local.get 0))))
      (local.get 1))
    (func (param i32 i32 i32) (result i32)
      (loop (local.set 0 (i32.sub (local.get 1) (local.get 0))) (local.set 1 (i32.sub (local.get 0) (local.get 1)))
        (br_if 0 (local.tee 2 (i32.sub (local.get 2) (i32.const 1)))))
      (i32.add (local.get 0) (local.get 1))))`,
  // i32.wrap_i64 read by 32-bit users: lea and cmp take the i64 registers, no mov r32, r32.
  'wrap-fold': `(module (func (param i64 i64) (result i32)
      (if (result i32) (i32.lt_u (i32.wrap_i64 (local.get 0)) (i32.const 100))
        (then (i32.add (i32.wrap_i64 (local.get 0)) (i32.wrap_i64 (local.get 1)))) (else (i32.const 0)))))`,
  'select-cmov': `(module (func (param i64 i64) (result i64)
      (select (local.get 0) (local.get 1) (i64.lt_u (local.get 0) (local.get 1)))))`,
  'memory': `(module (memory 1) (func (param i32) (result i32)
      (i32.store offset=4 (local.get 0) (i32.load8_u offset=16 (local.get 0)))
      (i32.load offset=4 (local.get 0))))`,
  'calls': `(module (type $t (func (param i32) (result i32))) (table 2 funcref)
    (func $f (param i32) (result i32) (local.get 0))
    (func (param i32) (result i32) (i32.add (call $f (local.get 0)) (call_indirect (type $t) (local.get 0) (i32.const 1)))))`,
  'float': `(module (func (param f64 f64) (result f64) (f64.min (local.get 0) (local.get 1)))
    (func (param f32) (result i32) (i32.trunc_f32_s (local.get 0))))`,
  'folding': `(module (memory 1) (func (param i32 i64) (result i64)
      (i64.add (i64.mul (local.get 1) (i64.load offset=8 (local.get 0))) (i64.shl (local.get 1) (i64.const 3))))
    (func (param f64 i32) (result f64) (f64.add (local.get 0) (f64.load (local.get 1)))))`,
  'bit-test': `(module (func (param i32 i64) (result i32)
      (if (result i32) (i32.eqz (i32.and (local.get 0) (i32.const 8))) (then (i32.const 1))
        (else (i64.ne (i64.and (local.get 1) (i64.extend_i32_u (local.get 0))) (i64.const 0))))))`,
  'br-table': `(module (func (param i32) (result i32)
      (block (block (block (br_table 0 1 2 (local.get 0))) (return (i32.const 1))) (return (i32.const 2))) (i32.const 3)))`,
  'simd-arith': `(module (func (param v128 v128) (result v128) (i32x4.add (local.get 0) (i32x4.mul (local.get 1) (local.get 0))))
    (func (param v128 v128) (result v128) (f32x4.min (local.get 0) (local.get 1)))
    (func (param v128 v128) (result v128) (i8x16.shuffle 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31 (local.get 0) (local.get 1)))
    (func (param v128 v128) (result v128) (i64x2.gt_s (local.get 0) (local.get 1))))`,
  'simd-memory': `(module (memory 1) (func (param i32 v128) (result i32)
      (v128.store offset=16 (local.get 0) (i16x8.add (v128.load16_splat (local.get 0)) (v128.const i16x8 1 2 3 4 5 6 7 8)))
      (v128.store32_lane 3 (local.get 0) (v128.load8_lane 5 (local.get 0) (local.get 1)))
      (i8x16.extract_lane_s 15 (v128.load offset=16 (local.get 0)))))`,
  'simd-shift': `(module (func (param v128 i32) (result i32)
      (i32.add (i8x16.bitmask (i8x16.shr_s (local.get 0) (local.get 1)))
        (i16x8.bitmask (i16x8.shl (local.get 0) (i32.const 3))))))`,
};

describe('backend/amd64 golden disassembly', () => {
  before(function () {
    if (!haveObjdump) {
      console.warn('  skipped: objdump (binutils) is not installed');
      this.skip();
    }
  });
  for (const [name, wat] of Object.entries(cases)) {
    it(`${name} matches golden/${name}.txt`, async () => {
      const cm = await compileWat(wat, { cpu: MODERN_CPU, interruptPolls: true });
      const text = cm.funcs.map((f, k) => `;; function ${k}\n${cm.ir[k]!.replace(/^/gm, ';; ')}\n${disassemble(f.code)}\n`).join('\n');
      const file = join(goldenDir, `${name}.txt`);
      if (bless) writeFileSync(file, text);
      expect(existsSync(file), `${file} is missing: run with ZEROWASM_BLESS=1`).to.equal(true);
      expect(text).to.equal(readFileSync(file, 'utf8'));
    });
  }
});
