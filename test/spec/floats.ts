// Exact parsing of WAST float and integer literals into bit patterns.
//
// Float literals are rounded once, to nearest-even, from their exact rational value (BigInt
// arithmetic), so f32 literals never suffer the double rounding of `Math.fround(parseFloat(s))`
// and NaN payloads survive (`nan:0x200000`).

export interface FloatFormat {
  /** Explicit fraction bits: 23 for f32, 52 for f64. */
  readonly fracBits: number;
  /** Exponent field bits: 8 for f32, 11 for f64. */
  readonly expBits: number;
}
export const F32: FloatFormat = { fracBits: 23, expBits: 8 };
export const F64: FloatFormat = { fracBits: 52, expBits: 11 };

export class LiteralError extends Error {
  override name = 'LiteralError';
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** Rounds the positive value num/den * 2^e2 to the format; returns the unsigned bits (sign 0). */
function roundToFormat(num: bigint, den: bigint, e2: number, f: FloatFormat): bigint {
  const p = f.fracBits + 1;
  const bias = (1 << (f.expBits - 1)) - 1;
  const emin = 1 - bias;
  const infBits = BigInt((1 << f.expBits) - 1) << BigInt(f.fracBits);
  if (num === 0n) return 0n;
  const topEstimate = bitLength(num) - bitLength(den) + e2;
  if (topEstimate > bias + 2) return infBits;
  if (topEstimate < emin - p - 2) return 0n;
  // Scale so the integer quotient keeps at least two bits below the final LSB.
  const lsb0 = Math.min(topEstimate - p - 3, emin - p - 2);
  const shift = e2 - lsb0;
  let q: bigint;
  let sticky: boolean;
  if (shift >= 0) {
    const scaled = num << BigInt(shift);
    q = scaled / den;
    sticky = q * den !== scaled;
  } else {
    const d = den << BigInt(-shift);
    q = num / d;
    sticky = q * d !== num;
  }
  const top = lsb0 + bitLength(q) - 1;
  let lsb = Math.max(top - (p - 1), emin - (p - 1));
  const drop = lsb - lsb0;
  let mant = q >> BigInt(drop);
  const rest = q - (mant << BigInt(drop));
  const half = 1n << BigInt(drop - 1);
  if (rest > half || (rest === half && (sticky || (mant & 1n) === 1n))) mant++;
  if (mant === 1n << BigInt(p)) { mant >>= 1n; lsb++; }
  const hidden = 1n << BigInt(p - 1);
  if (mant < hidden) return mant; // subnormal (or zero): exponent field 0
  const biased = lsb + (p - 1) + bias;
  if (biased >= (1 << f.expBits) - 1) return infBits;
  return (BigInt(biased) << BigInt(f.fracBits)) | (mant - hidden);
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/**
 * Parses a WAST float literal (decimal, hex, `inf`, `nan`, `nan:0x...`, optional sign and `_`
 * separators) and returns its bit pattern as a bigint.
 */
export function parseFloatBits(text: string, f: FloatFormat): bigint {
  let s = text;
  let neg = false;
  if (s.startsWith('-')) { neg = true; s = s.slice(1); } else if (s.startsWith('+')) s = s.slice(1);
  if (s.includes('__') || s.startsWith('_') || s.endsWith('_')) throw new LiteralError(`bad float literal '${text}'`);
  const signBit = neg ? 1n << BigInt(f.fracBits + f.expBits) : 0n;
  const expAll = BigInt((1 << f.expBits) - 1) << BigInt(f.fracBits);
  if (s === 'inf') return signBit | expAll;
  if (s === 'nan') return signBit | expAll | (1n << BigInt(f.fracBits - 1));
  if (s.startsWith('nan:0x')) {
    const payload = BigInt('0x' + s.slice(6).replace(/_/g, ''));
    if (payload === 0n || payload >= 1n << BigInt(f.fracBits)) throw new LiteralError(`NaN payload out of range in '${text}'`);
    return signBit | expAll | payload;
  }
  let m: RegExpExecArray | null;
  if ((m = /^0x([0-9a-fA-F_]*)(?:\.([0-9a-fA-F_]*))?(?:[pP]([+-]?[0-9_]+))?$/.exec(s)) !== null) {
    const int = (m[1] ?? '').replace(/_/g, '');
    const frac = (m[2] ?? '').replace(/_/g, '');
    if (int.length + frac.length === 0) throw new LiteralError(`bad float literal '${text}'`);
    const mant = BigInt('0x' + (int + frac || '0'));
    const exp = m[3] === undefined ? 0 : clampExponent(m[3].replace(/_/g, ''));
    return signBit | roundToFormat(mant, 1n, exp - 4 * frac.length, f);
  }
  if ((m = /^([0-9_]+)(?:\.([0-9_]*))?(?:[eE]([+-]?[0-9_]+))?$/.exec(s)) !== null) {
    const int = m[1]!.replace(/_/g, '');
    const frac = (m[2] ?? '').replace(/_/g, '');
    const mant = BigInt(int + frac);
    const exp = (m[3] === undefined ? 0 : clampExponent(m[3].replace(/_/g, ''))) - frac.length;
    if (mant === 0n) return signBit;
    const digits = mant.toString().length;
    if (exp + digits > 400) return signBit | expAll; // far beyond the largest finite value
    if (exp + digits < -400) return signBit; // far below half the smallest subnormal
    const bits = exp >= 0 ? roundToFormat(mant * pow10(exp), 1n, 0, f) : roundToFormat(mant, pow10(-exp), 0, f);
    return signBit | bits;
  }
  throw new LiteralError(`bad float literal '${text}'`);
}

// Exponents beyond any meaningful range are clamped so `1e1000000000` stays cheap.
function clampExponent(s: string): number {
  const v = Number(s);
  return Math.max(-100000, Math.min(100000, v));
}

/** Parses an integer literal of `bits` width (signed or unsigned range) into its unsigned bits. */
export function parseIntBits(text: string, bits: 8 | 16 | 32 | 64): bigint {
  let s = text;
  let neg = false;
  if (s.startsWith('-')) { neg = true; s = s.slice(1); } else if (s.startsWith('+')) s = s.slice(1);
  const ok = /^(0x[0-9a-fA-F](_?[0-9a-fA-F])*|[0-9](_?[0-9])*)$/.test(s);
  if (!ok) throw new LiteralError(`bad integer literal '${text}'`);
  const mag = BigInt(s.replace(/_/g, ''));
  const limit = 1n << BigInt(bits);
  if (neg ? mag > limit / 2n : mag >= limit) throw new LiteralError(`integer literal '${text}' out of range for i${bits}`);
  return neg ? (limit - mag) % limit : mag;
}
