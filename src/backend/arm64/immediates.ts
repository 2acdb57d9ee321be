// Immediate encodings with no simple bit field: the logical ("bitmask") immediate and the
// 8-bit FMOV immediate. Both return -1 for a value that has no encoding, so instruction selection
// can test a constant before choosing a form.

/**
 * Encodes `value` (taken modulo 2^width) as a logical immediate: N:immr:imms packed as
 * `N << 12 | immr << 6 | imms`, or -1. Encodable values are an element of 2, 4, ... 64 bits,
 * replicated across the width, that is a rotated run of 1..e-1 ones.
 */
export function encodeBitmask(value: bigint, width: 32 | 64): number {
  const all = (1n << BigInt(width)) - 1n;
  const v = value & all;
  if (v === 0n || v === all) return -1;
  // The smallest element size: halve while both halves of the element agree.
  let size: number = width;
  while (size > 2) {
    const half = size / 2;
    const halfMask = (1n << BigInt(half)) - 1n;
    if ((v & halfMask) !== ((v >> BigInt(half)) & halfMask)) break;
    size = half;
  }
  const elemMask = (1n << BigInt(size)) - 1n;
  const elem = v & elemMask;
  let ones = 0;
  for (let i = 0; i < size; i++) if ((elem >> BigInt(i)) & 1n) ones++;
  const run = (1n << BigInt(ones)) - 1n;
  // elem = ROR(run, immr), so rotating elem left by immr gives the run back.
  for (let immr = 0; immr < size; immr++) {
    const rotl = ((elem << BigInt(immr)) | (elem >> BigInt(size - immr))) & elemMask;
    if (rotl === run) {
      const imms = ((~(size - 1) << 1) | (ones - 1)) & 0x3f;
      const n = size === 64 ? 1 : 0;
      return (n << 12) | (immr << 6) | imms;
    }
  }
  return -1; // the ones are not one contiguous (rotated) run
}

/** The value of an FMOV imm8: ±(16+frac)/16 × 2^exp, exp in -3..4. */
export function decodeFpImm8(imm8: number): number {
  const sign = imm8 & 0x80 ? -1 : 1;
  const b = (imm8 >> 6) & 1;
  const cd = (imm8 >> 4) & 3;
  const exp = b ? cd - 3 : cd + 1;
  return sign * ((16 + (imm8 & 15)) / 16) * 2 ** exp;
}

const fpImmValues = Float64Array.from({ length: 256 }, (_, i) => decodeFpImm8(i));

/** The imm8 of an FMOV immediate equal to `value`, or -1 (zero has none: use FMOV from xzr). */
export function encodeFpImm(value: number): number {
  for (let i = 0; i < 256; i++) if (fpImmValues[i] === value) return i;
  return -1;
}
