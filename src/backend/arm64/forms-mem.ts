// Loads and stores: every access size and signedness in each addressing mode a compiler uses
// (scaled unsigned offset, unscaled signed offset, pre/post-index, register offset with
// extend/shift), FP/vector registers included, and the LDP/STP pairs of prologues and spills.
import { row } from './form-table.js';
import { K, spec } from './operands.js';

/** name, log2 of the access size, opc (bits 22..23), SIMD&FP (V bit), data register kind. */
const accesses = [
  ['strb', 0, 0, 0, K.W], ['ldrb', 0, 1, 0, K.W], ['ldrsb_x', 0, 2, 0, K.X], ['ldrsb_w', 0, 3, 0, K.W],
  ['strh', 1, 0, 0, K.W], ['ldrh', 1, 1, 0, K.W], ['ldrsh_x', 1, 2, 0, K.X], ['ldrsh_w', 1, 3, 0, K.W],
  ['str_w', 2, 0, 0, K.W], ['ldr_w', 2, 1, 0, K.W], ['ldrsw', 2, 2, 0, K.X],
  ['str_x', 3, 0, 0, K.X], ['ldr_x', 3, 1, 0, K.X],
  ['str_s', 2, 0, 1, K.S], ['ldr_s', 2, 1, 1, K.S], ['str_d', 3, 0, 1, K.D], ['ldr_d', 3, 1, 1, K.D],
  // 128-bit accesses encode size 0 with opc 2/3.
  ['str_q', 4, 2, 1, K.Q], ['ldr_q', 4, 3, 1, K.Q],
] as const;

for (const [name, log2, opc, simd, kind] of accesses) {
  const mnemonic = name.replace(/_.$/, '');
  const unscaled = mnemonic.replace(/^(ld|st)r/, '$1ur');
  const scale = 1 << log2;
  const width = kind === K.W || kind === K.S ? 32 : 64;
  const bits = ((log2 & 3) << 30) | 0x38000000 | (simd << 26) | (opc << 22);
  const rt = spec(kind, 0);
  row(`${name}_uoff`, mnemonic, width, bits | 0x01000000, [rt, spec(K.MemUOff, 0, { scale })]);
  row(`${name}_unscaled`, unscaled, width, bits, [rt, spec(K.MemSOff, 0)]);
  row(`${name}_pre`, mnemonic, width, bits | 0xc00, [rt, spec(K.MemPre, 0)]);
  row(`${name}_post`, mnemonic, width, bits | 0x400, [rt, spec(K.MemPost, 0)]);
  row(`${name}_reg`, mnemonic, width, bits | 0x00200800, [rt, spec(K.MemReg, 0, { scale })]);
}

/** name, opc (bits 30..31), SIMD&FP, register kind, access size; L (bit 22) from the name. */
const pairs = [
  ['stp_w', 0, 0, K.W, 4], ['ldp_w', 0, 0, K.W, 4], ['ldpsw', 1, 0, K.X, 4],
  ['stp_x', 2, 0, K.X, 8], ['ldp_x', 2, 0, K.X, 8],
  ['stp_s', 0, 1, K.S, 4], ['ldp_s', 0, 1, K.S, 4], ['stp_d', 1, 1, K.D, 8], ['ldp_d', 1, 1, K.D, 8],
  ['stp_q', 2, 1, K.Q, 16], ['ldp_q', 2, 1, K.Q, 16],
] as const;
const pairModes = [['off', 2, K.PairOff], ['pre', 3, K.PairPre], ['post', 1, K.PairPost]] as const;

for (const [name, opc, simd, kind, scale] of pairs) {
  const load = name.startsWith('ld') ? 1 : 0;
  const mnemonic = name.replace(/_.$/, '');
  for (const [mode, modeBits, k] of pairModes) {
    const bits = (opc << 30) | 0x28000000 | (simd << 26) | (modeBits << 23) | (load << 22);
    row(`${name}_${mode}`, mnemonic, kind === K.W || kind === K.S ? 32 : 64, bits, [spec(kind, 0), spec(kind, 10), spec(k, 0, { scale })]);
  }
}
