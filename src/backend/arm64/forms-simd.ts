// Advanced SIMD (128-bit, the Wasm v128 type): integer and FP lane arithmetic, compares,
// logical operations, shifts by immediate, narrowing/widening, reductions, lane moves, DUP,
// MOVI byte masks, EXT/TBL and the permutes. Rows exist per arrangement (`add_v_4s`).
import { row } from './form-table.js';
import { K, spec } from './operands.js';

const arrangements = ['16b', '8h', '4s', '2d'] as const;
type Arr = (typeof arrangements)[number];
const noD: readonly Arr[] = ['16b', '8h', '4s'];
const all: readonly Arr[] = arrangements;
const sizeOf = (a: Arr): number => arrangements.indexOf(a);
const vd = (arr: string) => spec(K.V, 0, { arr });
const vn = (arr: string) => spec(K.V, 5, { arr });
const vm = (arr: string) => spec(K.V, 16, { arr });

/** Three registers of one arrangement; size at 22. */
const threeSame = [
  ['add', 0x4e208400, all], ['sub', 0x6e208400, all], ['mul', 0x4e209c00, noD],
  ['cmeq', 0x6e208c00, all], ['cmgt', 0x4e203400, all], ['cmge', 0x4e203c00, all], ['cmhi', 0x6e203400, all], ['cmhs', 0x6e203c00, all],
  ['smax', 0x4e206400, noD], ['smin', 0x4e206c00, noD], ['umax', 0x6e206400, noD], ['umin', 0x6e206c00, noD],
  ['sqadd', 0x4e200c00, all], ['uqadd', 0x6e200c00, all], ['sqsub', 0x4e202c00, all], ['uqsub', 0x6e202c00, all],
  ['urhadd', 0x6e201400, noD], ['addp', 0x4e20bc00, all], ['sshl', 0x4e204400, all], ['ushl', 0x6e204400, all],
  ['sqrdmulh', 0x6e20b400, ['8h', '4s']], ['zip1', 0x4e003800, all], ['zip2', 0x4e007800, all],
  ['uzp1', 0x4e001800, all], ['uzp2', 0x4e005800, all], ['trn1', 0x4e002800, all], ['trn2', 0x4e006800, all],
] as const;
/** Bitwise operations: 16b only. */
const logical = [
  ['and', 0x4e201c00], ['bic', 0x4e601c00], ['orr', 0x4ea01c00], ['orn', 0x4ee01c00],
  ['eor', 0x6e201c00], ['bsl', 0x6e601c00], ['bit', 0x6ea01c00], ['bif', 0x6ee01c00],
] as const;
/** Two registers of one arrangement; `zero`: compare with #0. */
const twoMisc = [
  ['abs', 0x4e20b800, all, false], ['neg', 0x6e20b800, all, false], ['cnt', 0x4e205800, ['16b'], false], ['not', 0x6e205800, ['16b'], false],
  ['cmeq', 0x4e209800, all, true], ['cmge', 0x6e208800, all, true], ['cmgt', 0x4e208800, all, true],
  ['cmle', 0x6e209800, all, true], ['cmlt', 0x4e20a800, all, true],
] as const;
const fpThree = [
  ['fadd', 0x4e20d400], ['fsub', 0x4ea0d400], ['fmul', 0x6e20dc00], ['fdiv', 0x6e20fc00], ['fmax', 0x4e20f400], ['fmin', 0x4ea0f400],
  ['fmaxnm', 0x4e20c400], ['fminnm', 0x4ea0c400], ['fcmeq', 0x4e20e400], ['fcmge', 0x6e20e400], ['fcmgt', 0x6ea0e400],
] as const;
const fpTwo = [
  ['fabs', 0x4ea0f800], ['fneg', 0x6ea0f800], ['fsqrt', 0x6ea1f800], ['frintn', 0x4e218800], ['frintm', 0x4e219800],
  ['frintp', 0x4ea18800], ['frintz', 0x4ea19800], ['scvtf', 0x4e21d800], ['ucvtf', 0x6e21d800], ['fcvtzs', 0x4ea1b800], ['fcvtzu', 0x6ea1b800],
] as const;
/** Narrowing (Q=0 writes the low half; the `2` forms, Q=1, the high half) by source arrangement. */
const narrow = [['xtn', 0x0e212800], ['sqxtn', 0x0e214800], ['uqxtn', 0x2e214800], ['sqxtun', 0x2e212800]] as const;
const narrowArr = [['8b', '16b', '8h'], ['4h', '8h', '4s'], ['2s', '4s', '2d']] as const;
/** Widening shifts left (SXTL/UXTL are these with #0), by source arrangement. */
const widen = [['sshll', 0x0f00a400], ['ushll', 0x2f00a400]] as const;
const widenArr = [['8h', '8b', '16b'], ['4s', '4h', '8h'], ['2d', '2s', '4s']] as const;

for (const [op, bits, arrs] of threeSame) {
  for (const a of arrs) row(`${op}_v_${a}`, op, 64, bits | (sizeOf(a) << 22), [vd(a), vn(a), vm(a)]);
}
for (const [op, bits] of logical) row(`${op}_v_16b`, op, 64, bits, [vd('16b'), vn('16b'), vm('16b')]);
for (const [op, bits, arrs, zero] of twoMisc) {
  for (const a of arrs) {
    const operands = zero ? [vd(a), vn(a), spec(K.VZero, 0)] : [vd(a), vn(a)];
    row(`${op}_v_${a}${zero ? '_zero' : ''}`, op, 64, bits | (sizeOf(a) << 22), operands);
  }
}
for (const [a, sz] of [['4s', 0], ['2d', 1]] as const) {
  for (const [op, bits] of fpThree) row(`${op}_v_${a}`, op, 64, bits | (sz << 22), [vd(a), vn(a), vm(a)]);
  for (const [op, bits] of fpTwo) row(`${op}_v_${a}`, op, 64, bits | (sz << 22), [vd(a), vn(a)]);
}
row('fcvtn_v_2s', 'fcvtn', 64, 0x0e616800, [vd('2s'), vn('2d')]);
row('fcvtl_v_2d', 'fcvtl', 64, 0x0e617800, [vd('2d'), vn('2s')]);
for (const [op, bits] of narrow) {
  narrowArr.forEach(([low, high, src], size) => {
    row(`${op}_v_${low}`, op, 64, bits | (size << 22), [vd(low), vn(src)]);
    row(`${op}2_v_${high}`, `${op}2`, 64, bits | 0x40000000 | (size << 22), [vd(high), vn(src)]);
  });
}
for (const [op, bits] of widen) {
  for (const [dst, low, high] of widenArr) {
    row(`${op}_v_${dst}`, op, 64, bits, [vd(dst), vn(low), spec(K.VShl, 0, { arr: low })]);
    row(`${op}2_v_${dst}`, `${op}2`, 64, bits | 0x40000000, [vd(dst), vn(high), spec(K.VShl, 0, { arr: high })]);
  }
}
for (const a of all) {
  row(`shl_v_${a}`, 'shl', 64, 0x4f005400, [vd(a), vn(a), spec(K.VShl, 0, { arr: a })]);
  row(`sshr_v_${a}`, 'sshr', 64, 0x4f000400, [vd(a), vn(a), spec(K.VShr, 0, { arr: a })]);
  row(`ushr_v_${a}`, 'ushr', 64, 0x6f000400, [vd(a), vn(a), spec(K.VShr, 0, { arr: a })]);
}

// Reductions across lanes into a scalar register of the element size.
for (const [op, bits] of [['addv', 0x4e31b800], ['umaxv', 0x6e30a800], ['uminv', 0x6e31a800], ['smaxv', 0x4e30a800], ['sminv', 0x4e31a800]] as const) {
  for (const [a, k] of [['16b', K.B], ['8h', K.H], ['4s', K.S]] as const) row(`${op}_v_${a}`, op, 64, bits | (sizeOf(a) << 22), [spec(k, 0), vn(a)]);
}

// Lane moves. imm5 (16..20) holds the element size (lowest set bit) and the lane index above it.
const imm5Size: Record<string, number> = { b: 1, h: 2, s: 4, d: 8 };
for (const [a, e] of [['16b', 'b'], ['8h', 'h'], ['4s', 's'], ['2d', 'd']] as const) {
  const gpr = e === 'd' ? K.X : K.W;
  row(`dup_v_${a}_gpr`, 'dup', 64, 0x4e000c00 | (imm5Size[e]! << 16), [vd(a), spec(gpr, 5)]);
  row(`dup_v_${a}_lane`, 'dup', 64, 0x4e000400, [vd(a), spec(K.VLane, 5, { arr: e })]);
  row(`ins_v_${e}_gpr`, 'ins', 64, 0x4e001c00, [spec(K.VLane, 0, { arr: e }), spec(gpr, 5)]);
}
row('umov_w_b', 'umov', 32, 0x0e003c00, [spec(K.W, 0), spec(K.VLane, 5, { arr: 'b' })]);
row('umov_w_h', 'umov', 32, 0x0e003c00, [spec(K.W, 0), spec(K.VLane, 5, { arr: 'h' })]);
row('umov_w_s', 'umov', 32, 0x0e003c00, [spec(K.W, 0), spec(K.VLane, 5, { arr: 's' })]);
row('umov_x_d', 'umov', 64, 0x4e003c00, [spec(K.X, 0), spec(K.VLane, 5, { arr: 'd' })]);
row('smov_w_b', 'smov', 32, 0x0e002c00, [spec(K.W, 0), spec(K.VLane, 5, { arr: 'b' })]);
row('smov_w_h', 'smov', 32, 0x0e002c00, [spec(K.W, 0), spec(K.VLane, 5, { arr: 'h' })]);
row('smov_x_b', 'smov', 64, 0x4e002c00, [spec(K.X, 0), spec(K.VLane, 5, { arr: 'b' })]);
row('smov_x_h', 'smov', 64, 0x4e002c00, [spec(K.X, 0), spec(K.VLane, 5, { arr: 'h' })]);
row('smov_x_s', 'smov', 64, 0x4e002c00, [spec(K.X, 0), spec(K.VLane, 5, { arr: 's' })]);

row('movi_v_2d', 'movi', 64, 0x6f00e400, [vd('2d'), spec(K.ByteMask, 0)]);
row('ext_v_16b', 'ext', 64, 0x6e000000, [vd('16b'), vn('16b'), vm('16b'), spec(K.UImm, 11, { bits: 4 })]);
row('tbl_v_16b', 'tbl', 64, 0x4e000000, [vd('16b'), spec(K.VList, 5, { arr: '16b' }), vm('16b')]);

// Structure loads and stores of one register: LD1R replicates an element into every lane (Wasm
// loadN_splat), LD1/ST1 of one lane (load_lane/store_lane). Lane index: Q:S:size bits.
for (const a of all) row(`ld1r_v_${a}`, 'ld1r', 64, 0x4d40c000 | (sizeOf(a) << 10), [spec(K.VList, 0, { arr: a }), spec(K.MemBase, 5)]);
for (const [e, opcode] of [['b', 0x0000], ['h', 0x4000], ['s', 0x8000], ['d', 0x8000]] as const) {
  row(`ld1_lane_${e}`, 'ld1', 64, 0x0d400000 | opcode, [spec(K.VListLane, 0, { arr: e }), spec(K.MemBase, 5)]);
  row(`st1_lane_${e}`, 'st1', 64, 0x0d000000 | opcode, [spec(K.VListLane, 0, { arr: e }), spec(K.MemBase, 5)]);
}

// Widening multiplies (Wasm extmul_low/high; dot products with ADDP) and pairwise widening adds
// (extadd_pairwise): the destination lanes are twice as wide as the sources.
const wideArr = [['8h', '8b', '16b'], ['4s', '4h', '8h'], ['2d', '2s', '4s']] as const;
for (const [op, bits] of [['smull', 0x0e20c000], ['umull', 0x2e20c000]] as const) {
  wideArr.forEach(([dst, low, high], size) => {
    row(`${op}_v_${dst}`, op, 64, bits | (size << 22), [vd(dst), vn(low), vm(low)]);
    row(`${op}2_v_${dst}`, `${op}2`, 64, bits | 0x40000000 | (size << 22), [vd(dst), vn(high), vm(high)]);
  });
}
for (const [op, bits] of [['saddlp', 0x4e202800], ['uaddlp', 0x6e202800]] as const) {
  wideArr.forEach(([dst, , high], size) => row(`${op}_v_${dst}`, op, 64, bits | (size << 22), [vd(dst), vn(high)]));
}
