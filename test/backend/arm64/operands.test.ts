// The arm64 encoder's operand checking and immediate encoders, without objdump: bad operands are
// errors naming the form and the operand; the bitmask encoder agrees with the architecture's
// decoding on every one of the 5334 encodable 64-bit patterns and refuses everything else tried.
import { expect } from 'chai';
import { Assembler } from '../../../src/backend/arm64/encoder.js';
import { form } from '../../../src/backend/arm64/forms.js';
import { addSubImmediate, decodeFpImm8, encodeBitmask, encodeFpImm, scaledOffsetFits, unscaledOffsetFits } from '../../../src/backend/arm64/immediates.js';
import { Cond, Extend, Shift, SP, v, ZR } from '../../../src/backend/arm64/registers.js';

/** DecodeBitMasks from the Arm ARM (wmask only), written independently of the encoder. */
function decodeBitmask(n: number, immr: number, imms: number, width: number): bigint | undefined {
  const combined = (n << 6) | (~imms & 0x3f);
  if (combined === 0) return undefined;
  const len = 31 - Math.clz32(combined);
  if (len < 1) return undefined;
  const size = 1 << len;
  const levels = size - 1;
  const s = imms & levels;
  const r = immr & levels;
  if (s === levels || size > width) return undefined;
  const welem = (1n << BigInt(s + 1)) - 1n;
  const mask = (1n << BigInt(size)) - 1n;
  const rotated = ((welem >> BigInt(r)) | (welem << BigInt(size - r))) & mask;
  let out = 0n;
  for (let i = 0; i < width; i += size) out |= rotated << BigInt(i);
  return out;
}

describe('backend/arm64: immediates', () => {
  it('bitmask immediates: every encodable pattern round-trips (64 and 32 bits)', () => {
    for (const width of [64, 32] as const) {
      const distinct = new Set<bigint>();
      for (let n = 0; n < 2; n++) {
        for (let immr = 0; immr < 64; immr++) {
          for (let imms = 0; imms < 64; imms++) {
            if (width === 32 && (n === 1 || immr >= 32)) continue;
            const value = decodeBitmask(n, immr, imms, width);
            if (value === undefined) continue;
            distinct.add(value);
            const enc = encodeBitmask(value, width);
            expect(enc, `0x${value.toString(16)}`).to.be.at.least(0);
            // The encoding is unique up to immr bits beyond the element size; compare the decoded values.
            expect(decodeBitmask(enc >> 12, (enc >> 6) & 0x3f, enc & 0x3f, width)).to.equal(value);
          }
        }
      }
      // Sum over element sizes e of e*(e-1) rotated runs: 5334 for 64 bits, 1302 for 32.
      expect(distinct.size).to.equal(width === 64 ? 5334 : 1302);
    }
  });

  it('bitmask immediates: a value is accepted exactly when the architecture can decode it', () => {
    const encodable = new Set<bigint>();
    for (let n = 0; n < 2; n++) {
      for (let immr = 0; immr < 64; immr++) {
        for (let imms = 0; imms < 64; imms++) {
          const value = decodeBitmask(n, immr, imms, 64);
          if (value !== undefined) encodable.add(value);
        }
      }
    }
    // Every encodable value with one bit flipped (mostly unencodable), and pseudo-random values.
    const probes: bigint[] = [];
    let i = 0;
    for (const value of encodable) probes.push(value ^ (1n << BigInt(i++ % 64)));
    let seed = 12345n;
    for (let k = 0; k < 5000; k++) {
      seed = BigInt.asUintN(64, seed * 6364136223846793005n + 1442695040888963407n);
      probes.push(seed);
    }
    for (const value of probes) {
      expect(encodeBitmask(value, 64) >= 0, `0x${value.toString(16)}`).to.equal(encodable.has(value));
      const low = value & 0xffffffffn;
      expect(encodeBitmask(low, 32) >= 0, `w 0x${low.toString(16)}`).to.equal(encodable.has(low | (low << 32n)));
    }
  });

  it('bitmask immediates: unencodable values are refused', () => {
    for (const value of [0n, -1n, 0x12345678n, 0b101n, 0xffff0000ffff0001n, (1n << 64n) - 1n]) {
      expect(encodeBitmask(value, 64), value.toString(16)).to.equal(-1);
    }
    expect(encodeBitmask(0xffffffffn, 32)).to.equal(-1);
    expect(encodeBitmask(0xffffffffn, 64)).to.be.at.least(0);
    // Numbers and bigints agree (numbers skip BigInt arithmetic).
    for (const x of [0xff, 0xffffffff, 0x3ffffffffffff, -2, -16, 0x12345]) {
      expect(encodeBitmask(x, 64), String(x)).to.equal(encodeBitmask(BigInt(x), 64));
      expect(encodeBitmask(x, 32), String(x)).to.equal(encodeBitmask(BigInt(x), 32));
    }
  });

  it('ADD/SUB immediates and load/store offset ranges', () => {
    expect(addSubImmediate(0)).to.deep.equal([0, 0]);
    expect(addSubImmediate(4095)).to.deep.equal([4095, 0]);
    expect(addSubImmediate(4096)).to.deep.equal([1, 12]);
    expect(addSubImmediate(0xfff000)).to.deep.equal([0xfff, 12]);
    for (const bad of [4097, 0x1000000, -1, 1.5]) expect(addSubImmediate(bad), String(bad)).to.equal(undefined);
    expect(scaledOffsetFits(32760, 8)).to.equal(true);
    expect(scaledOffsetFits(32768, 8)).to.equal(false);
    expect(scaledOffsetFits(12, 8)).to.equal(false);
    expect(scaledOffsetFits(-8, 8)).to.equal(false);
    expect(unscaledOffsetFits(-256)).to.equal(true);
    expect(unscaledOffsetFits(256)).to.equal(false);
  });

  it('FMOV immediates: all 256 encodings round-trip; others are refused', () => {
    for (let i = 0; i < 256; i++) expect(encodeFpImm(decodeFpImm8(i))).to.equal(i);
    expect(decodeFpImm8(0x70)).to.equal(1);
    for (const x of [0, 0.1, 32, 1 / 3, -0.0, NaN, Infinity]) expect(encodeFpImm(x), String(x)).to.equal(-1);
  });
});

describe('backend/arm64: operand errors name the form and the operand', () => {
  const asm = new Assembler();
  it('register classes', () => {
    expect(() => asm.emit(form('add_x_imm'), 0, ZR, 1, 0)).to.throw(/add_x_imm: operand 2 is the zero register, but here register 31 means sp/);
    expect(() => asm.emit(form('add_x_shifted'), SP, 1, 2, Shift.LSL, 0)).to.throw(/add_x_shifted: operand 1 is sp/);
    expect(() => asm.emit(form('madd_x'), 0, v(1), 2, 3)).to.throw(/madd_x: operand 2 must be a general register/);
    expect(() => asm.emit(form('add_x_imm'), SP, SP, 8, 0)).to.not.throw();
  });
  it('floating point', () => {
    expect(() => asm.emit(form('fmov_d_imm'), v(0), 0.1)).to.throw(/fmov_d_imm: operand 2 0.1 is not encodable as an FMOV immediate/);
    expect(() => asm.emit(form('fadd_d'), v(0), 1, v(2))).to.throw(/fadd_d: operand 2 must be a vector\/FP register/);
    expect(() => asm.emit(form('fcvtzs_w_d'), v(0), v(1))).to.throw(/fcvtzs_w_d: operand 1 must be a general register/);
    expect(() => asm.emit(form('fcmp_d_zero'), v(0))).to.not.throw();
  });

  it('vector operands', () => {
    expect(() => asm.emit(form('umov_w_s'), 0, v(1), 4)).to.throw(/umov_w_s: operands 2\.\.3 lane 4 is out of range 0\.\.3/);
    expect(() => asm.emit(form('movi_v_2d'), v(0), 0x1234n)).to.throw(/movi_v_2d: operand 2 0x1234 is not a byte mask/);
    expect(() => asm.emit(form('ushr_v_4s'), v(0), v(1), 0)).to.throw(/ushr_v_4s: operand 3 shift 0 is out of range 1\.\.32/);
    expect(() => asm.emit(form('shl_v_16b'), v(0), v(1), 8)).to.throw(/shift 8 is out of range 0\.\.7/);
    expect(() => asm.emit(form('ld1_lane_h'), v(0), 8, 1)).to.throw(/ld1_lane_h: operands 1\.\.2 lane 8 is out of range 0\.\.7/);
    expect(() => asm.emit(form('add_v_4s'), v(0), 1, v(2))).to.throw(/add_v_4s: operand 2 must be a vector\/FP register/);
  });

  it('memory operands', () => {
    expect(() => asm.emit(form('ldr_x_uoff'), 0, 1, 12)).to.throw(/ldr_x_uoff: operands 2\.\.3 offset 12 is not a multiple of 8/);
    expect(() => asm.emit(form('ldr_x_uoff'), 0, 1, 32768)).to.throw(/offset 32768 is out of range 0\.\.32760/);
    expect(() => asm.emit(form('ldr_x_uoff'), 0, ZR, 8)).to.throw(/operands 2\.\.3 is the zero register/);
    expect(() => asm.emit(form('ldur_x_unscaled'), 0, 1, 256)).to.throw(/unknown arm64 form/);
    expect(() => asm.emit(form('ldr_x_unscaled'), 0, 1, 256)).to.throw(/ldr_x_unscaled: operands 2\.\.3 offset 256 is out of range -256\.\.255/);
    expect(() => asm.emit(form('stp_x_pre'), 29, 30, SP, -520)).to.throw(/offset -520 is out of range -512\.\.504/);
    expect(() => asm.emit(form('ldr_x_pre'), 1, 1, 8)).to.throw(/ldr_x_pre: the writeback base x1 is also a data register/);
    expect(() => asm.emit(form('ldp_x_off'), 2, 2, 1, 16)).to.throw(/ldp_x_off: both destinations are the same register/);
    expect(() => asm.emit(form('ldr_w_reg'), 0, 1, 2, Extend.UXTB, 0)).to.throw(/index extend must be UXTW, LSL \(UXTX\), SXTW or SXTX/);
    expect(() => asm.emit(form('ldr_d_uoff'), 0, 1, 8)).to.throw(/ldr_d_uoff: operand 1 must be a vector\/FP register/);
    expect(() => asm.emit(form('stp_x_pre'), 29, 30, SP, -16)).to.not.throw();
  });

  it('immediates out of range or unencodable', () => {
    expect(() => asm.emit(form('add_x_imm'), 0, 1, 4096, 0)).to.throw(/add_x_imm: operand 3 immediate 4096 does not fit 12 unsigned bits/);
    expect(() => asm.emit(form('add_x_imm'), 0, 1, 1, 16)).to.throw(/operand 4 immediate shift must be 0 or 12/);
    expect(() => asm.emit(form('and_x_imm'), 0, 1, 0x12345n)).to.throw(/and_x_imm: operand 3 0x12345 is not encodable as a logical immediate/);
    expect(() => asm.emit(form('and_w_imm'), 0, 1, 0x1ffffffffn)).to.throw(/does not fit 32 bits/);
    expect(() => asm.emit(form('movz_w'), 0, 1, 32)).to.throw(/movz_w: operand 3 shift must be 0 or 16/);
    expect(() => asm.emit(form('lsl_w_imm'), 0, 1, 32)).to.throw(/lsl_w_imm: operand 3 shift 32 is out of range 0\.\.31/);
    expect(() => asm.emit(form('add_w_shifted'), 0, 1, 2, Shift.ROR, 1)).to.throw(/shift type 3 is out of range 0\.\.2/);
    expect(() => asm.emit(form('ubfx_x'), 0, 1, 60, 5)).to.throw(/ubfx_x: operands 3..4 field width 5 is out of range 1\.\.4/);
    expect(() => asm.emit(form('cset_x'), 0, Cond.AL)).to.throw(/cset_x: operand 2 condition \(al\/nv have no inverse\)/);
    expect(() => asm.emit(form('add_x_ext'), 0, 1, 2, Extend.SXTW, 5)).to.throw(/extend shift 5 is out of range 0\.\.4/);
    expect(() => asm.emit(form('add_x_imm'), 0, 1, 2)).to.throw(/add_x_imm: takes 4 operands, got 3/);
    expect(() => asm.emit(form('add_x_imm'), 0, 1, 1.5, 0)).to.throw(/operand 3 must be an integer/);
  });
});
