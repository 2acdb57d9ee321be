// `--invoke NAME ARGS...`: textual arguments parsed by the export's parameter types, and results
// printed one per line. i64 goes through bigint so no precision is lost; floats accept decimal,
// `inf`, `nan`, and C99 hex floats (0x1.8p3); integers accept decimal or 0x hex, signed or not.
import { ValType, valTypeName, type FuncType } from '../wasm/types.js';
import { RunRequestError } from './run-types.js';

export type InvokeValue = number | bigint;

const INT_TEXT = /^[+-]?(0x[0-9a-f]+|\d+)$/i;
const HEX_FLOAT = /^([+-]?)0x([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?\d+))?$/i;

function bad(text: string, type: ValType, why: string): RunRequestError {
  return new RunRequestError(`--invoke argument '${text}' is not a valid ${valTypeName(type)}: ${why}`);
}

function parseInteger(text: string, type: ValType, bits: 32 | 64): bigint {
  const t = text.trim();
  if (!INT_TEXT.test(t)) throw bad(text, type, 'expected a decimal or 0x-hex integer');
  const negative = t.startsWith('-');
  const magnitude = BigInt(t.replace(/^[+-]/, ''));
  const value = negative ? -magnitude : magnitude;
  // Signed or unsigned spellings are both accepted: -1 and 0xffffffff are the same i32.
  const min = -(1n << BigInt(bits - 1));
  const max = (1n << BigInt(bits)) - 1n;
  if (value < min || value > max) throw bad(text, type, `out of range for ${bits} bits`);
  return BigInt.asIntN(bits, value);
}

function parseHexFloat(m: RegExpExecArray): number {
  const [, sign, whole = '', frac = '', exp = '0'] = m;
  if (whole === '' && frac === '') return Number.NaN;
  let mantissa = 0;
  for (const ch of whole + frac) mantissa = mantissa * 16 + parseInt(ch, 16);
  const v = mantissa * 2 ** (Number(exp) - 4 * frac.length);
  return sign === '-' ? -v : v;
}

function parseFloatText(text: string, type: ValType): number {
  const t = text.trim().toLowerCase();
  const sign = t.startsWith('-') ? -1 : 1;
  const body = t.replace(/^[+-]/, '');
  if (body === 'nan') return sign * Number.NaN;
  if (body === 'inf' || body === 'infinity') return sign * Infinity;
  const hex = HEX_FLOAT.exec(t);
  if (hex !== null) {
    const v = parseHexFloat(hex);
    if (!Number.isNaN(v)) return v;
  } else if (t !== '' && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) {
    return Number(t);
  }
  throw bad(text, type, 'expected a number such as 1.5, -2e3, 0x1.8p3, inf or nan');
}

/** Converts `--invoke` arguments to the values the export's JS wrapper expects. */
export function parseInvokeArgs(name: string, type: FuncType, args: readonly string[]): InvokeValue[] {
  if (args.length !== type.params.length) {
    throw new RunRequestError(`'${name}' takes ${type.params.length} argument${type.params.length === 1 ? '' : 's'} `
      + `(${type.params.map(valTypeName).join(', ') || 'none'}), got ${args.length}`);
  }
  return type.params.map((p, i) => {
    const text = args[i]!;
    switch (p) {
      case ValType.I32: return Number(parseInteger(text, p, 32));
      case ValType.I64: return parseInteger(text, p, 64);
      case ValType.F32: return Math.fround(parseFloatText(text, p));
      case ValType.F64: return parseFloatText(text, p);
      default:
        throw new RunRequestError(`'${name}' takes a ${valTypeName(p)} parameter, which cannot be given on the command line`);
    }
  });
}

/** One line per result; floats print as JS shortest round-trip text, NaN as `nan`. */
export function formatResult(value: unknown, type: ValType): string {
  if (type === ValType.F32 || type === ValType.F64) {
    const v = value as number;
    if (Number.isNaN(v)) return 'nan';
    if (v === Infinity) return 'inf';
    if (v === -Infinity) return '-inf';
    if (Object.is(v, -0)) return '-0';
    return String(v);
  }
  if (type === ValType.V128 && value instanceof Uint8Array) {
    return `v128 ${Array.from(value, (b) => b.toString(16).padStart(2, '0')).join(' ')}`;
  }
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return `<${valTypeName(type)}>`;
}
