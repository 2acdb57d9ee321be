// Scalar floating point, single (S) and double (D): arithmetic, min/max, rounding (FRINT*),
// compares, conditional select, precision conversion, conversions to and from integers, and
// FMOV between registers, from general registers and from encodable immediates.
import { row } from './form-table.js';
import { K, spec } from './operands.js';

const types = [['s', 0, K.S, K.W, 32], ['d', 1, K.D, K.X, 64]] as const;
const twoSource = [['fmul', 0], ['fdiv', 1], ['fadd', 2], ['fsub', 3], ['fmax', 4], ['fmin', 5], ['fmaxnm', 6], ['fminnm', 7], ['fnmul', 8]] as const;
const oneSource = [
  ['fmov', 0], ['fabs', 1], ['fneg', 2], ['fsqrt', 3],
  ['frintn', 8], ['frintp', 9], ['frintm', 10], ['frintz', 11], ['frinta', 12], ['frintx', 14], ['frinti', 15],
] as const;
/** Integer ↔ FP conversions: name, rmode (bits 19..20), opcode (bits 16..18), FP is the destination. */
const conversions = [['fcvtzs', 3, 0, false], ['fcvtzu', 3, 1, false], ['scvtf', 0, 2, true], ['ucvtf', 0, 3, true]] as const;
const gprs = [['w', 0, K.W], ['x', 0x80000000, K.X]] as const;

for (const [t, ftype, f, sameGpr, width] of types) {
  const type = ftype << 22;
  const d = spec(f, 0);
  const n = spec(f, 5);
  const m = spec(f, 16);
  for (const [op, opcode] of twoSource) row(`${op}_${t}`, op, width, 0x1e200800 | type | (opcode << 12), [d, n, m]);
  for (const [op, opcode] of oneSource) row(`${op}_${t}`, op, width, 0x1e204000 | type | (opcode << 15), [d, n]);
  row(`fcmp_${t}`, 'fcmp', width, 0x1e202000 | type, [n, m]);
  row(`fcmpe_${t}`, 'fcmpe', width, 0x1e202010 | type, [n, m]);
  row(`fcmp_${t}_zero`, 'fcmp', width, 0x1e202008 | type, [n, spec(K.FpZero, 0)]);
  row(`fcsel_${t}`, 'fcsel', width, 0x1e200c00 | type, [d, n, m, spec(K.Cond, 12)]);
  row(`fmov_${t}_imm`, 'fmov', width, 0x1e201000 | type, [d, spec(K.FpImm, 0)]);
  for (const [g, sf, r] of gprs) {
    for (const [op, rmode, opcode, toFp] of conversions) {
      const bits = 0x1e200000 | sf | type | (rmode << 19) | (opcode << 16);
      if (toFp) row(`${op}_${t}_${g}`, op, width, bits, [d, spec(r, 5)]);
      else row(`${op}_${g}_${t}`, op, width, bits, [spec(r, 0), n]);
    }
  }
  // FMOV between general and FP registers of the same size copies the bits.
  const sf = sameGpr === K.X ? 0x80000000 : 0;
  const g = sameGpr === K.X ? 'x' : 'w';
  row(`fmov_${g}_${t}`, 'fmov', width, 0x1e260000 | sf | type, [spec(sameGpr, 0), n]);
  row(`fmov_${t}_${g}`, 'fmov', width, 0x1e270000 | sf | type, [d, spec(sameGpr, 5)]);
}
row('fcvt_d_s', 'fcvt', 64, 0x1e22c000, [spec(K.D, 0), spec(K.S, 5)]);
row('fcvt_s_d', 'fcvt', 32, 0x1e624000, [spec(K.S, 0), spec(K.D, 5)]);
