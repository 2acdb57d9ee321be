// Immediate encodings with no simple bit field: the logical ("bitmask") immediate and the
// 8-bit FMOV immediate. Both return -1 for a value that has no encoding, so instruction selection
// can test a constant before choosing a form.

/**
 * Encodes `value` (taken modulo 2^width) as a logical immediate: N:immr:imms packed as
 * `N << 12 | immr << 6 | imms`, or -1. Encodable values are an element of 2, 4, ... 64 bits,
 * replicated across the width, that is a rotated run of 1..e-1 ones.
 */
export function encodeBitmask(value: bigint | number, width: 32 | 64): number {
  let lo: number;
  let hi: number;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
    lo = value % 0x100000000;
    hi = Math.floor(value / 0x100000000);
  } else {
    const v = BigInt.asUintN(64, BigInt(value));
    lo = Number(v & 0xffffffffn);
    hi = Number(v >> 32n);
  }
  // A 32-bit immediate is the 64-bit one of the value replicated (its element is at most 32 bits).
  if (width === 32) hi = lo;
  return encodeBitmaskHalves(hi >>> 0, lo >>> 0);
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Bit index of the lowest set bit of a non-zero 32-bit value. */
function lowestBit(x: number): number {
  return 31 - Math.clz32(x & -x);
}

function pack(size: number, ones: number, start: number): number {
  const immr = (size - start) % size; // elem = ROR(run, immr): the run starts at bit size-immr
  const imms = ((~(size - 1) << 1) | (ones - 1)) & 0x3f;
  return ((size === 64 ? 1 : 0) << 12) | (immr << 6) | imms;
}

function encodeBitmaskHalves(hi: number, lo: number): number {
  if ((hi === 0 && lo === 0) || (hi === 0xffffffff && lo === 0xffffffff)) return -1;
  if (hi !== lo) {
    // 64-bit element. A single run (possibly wrapping) has exactly one bit that is set while the
    // bit below it (cyclically) is clear: its start.
    const startsLo = (lo & ~((lo << 1) | (hi >>> 31))) >>> 0;
    const startsHi = (hi & ~((hi << 1) | (lo >>> 31))) >>> 0;
    const startCount = popcount32(startsLo) + popcount32(startsHi);
    if (startCount !== 1) return -1;
    const start = startsLo ? lowestBit(startsLo) : 32 + lowestBit(startsHi);
    return pack(64, popcount32(lo) + popcount32(hi), start);
  }
  // The element divides 32 bits: halve while both halves agree.
  let size = 32;
  let elem = lo;
  while (size > 2) {
    const half = size / 2;
    const mask = (1 << half) - 1;
    if ((elem & mask) !== ((elem >>> half) & mask)) break;
    size = half;
    elem &= mask;
  }
  const mask = size === 32 ? 0xffffffff : (1 << size) - 1;
  const below = ((elem << 1) | (elem >>> (size - 1))) & mask; // bit i holds bit i-1 (cyclic)
  const starts = (elem & ~below) >>> 0;
  if (starts === 0 || (starts & (starts - 1)) !== 0) return -1;
  return pack(size, popcount32(elem >>> 0), lowestBit(starts));
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

/**
 * The ADD/SUB/CMP immediate operands for `value`: [imm12, 0] or [imm12, 12], or undefined when
 * neither a 12-bit value nor a 12-bit value shifted by 12 equals it.
 */
export function addSubImmediate(value: number): [number, 0 | 12] | undefined {
  if (!Number.isInteger(value) || value < 0) return undefined;
  if (value <= 0xfff) return [value, 0];
  if (value % 0x1000 === 0 && value <= 0xfff000) return [value / 0x1000, 12];
  return undefined;
}

/** Whether a LDR/STR of `size` bytes reaches `offset` with the scaled unsigned-offset form. */
export function scaledOffsetFits(offset: number, size: number): boolean {
  return Number.isInteger(offset) && offset >= 0 && offset % size === 0 && offset / size <= 0xfff;
}

/** Whether LDUR/STUR (and pre/post-index) reach `offset`: a signed 9-bit byte offset. */
export function unscaledOffsetFits(offset: number): boolean {
  return Number.isInteger(offset) && offset >= -256 && offset <= 255;
}
