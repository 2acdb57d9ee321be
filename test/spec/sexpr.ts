// S-expression reader for the WAST script format.
//
// The source is held as a "binary" string: one char per byte (latin1 decoding). String literals
// in WAST denote byte sequences, so this keeps `(module binary "...")` bytes and non-ASCII text
// exact, and a list's [start, end) slice can be handed to wabt unchanged.

export interface SAtom { readonly kind: 'atom'; readonly text: string; readonly line: number }
/** A string literal; `bytes` is the decoded byte sequence. */
export interface SString { readonly kind: 'string'; readonly bytes: Uint8Array; readonly line: number }
export interface SList {
  readonly kind: 'list';
  readonly items: readonly SExpr[];
  readonly line: number;
  /** Offsets of '(' and one past ')' in the source. */
  readonly start: number;
  readonly end: number;
}
export type SExpr = SAtom | SString | SList;

export class WastSyntaxError extends Error {
  override name = 'WastSyntaxError';
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
  }
}

const enum Ch {
  Tab = 9, Nl = 10, Cr = 13, Space = 32, Quote = 34, LParen = 40, RParen = 41, Semi = 59, Backslash = 92,
}

function isDelimiter(c: number): boolean {
  return c === Ch.Space || c === Ch.Nl || c === Ch.Tab || c === Ch.Cr || c === Ch.LParen || c === Ch.RParen
    || c === Ch.Quote || c === Ch.Semi || c === 12;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Appends the UTF-8 encoding of a code point. */
function pushUtf8(out: number[], cp: number): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
}

/** Reads every top-level S-expression of `src` (a one-char-per-byte string). */
export function parseSExprs(src: string): SList[] {
  let pos = 0;
  let line = 1;
  const n = src.length;

  function skipSpaceAndComments(): void {
    while (pos < n) {
      const c = src.charCodeAt(pos);
      if (c === Ch.Nl) { line++; pos++; continue; }
      if (c === Ch.Space || c === Ch.Tab || c === Ch.Cr || c === 12) { pos++; continue; }
      if (c === Ch.Semi && src.charCodeAt(pos + 1) === Ch.Semi) {
        while (pos < n && src.charCodeAt(pos) !== Ch.Nl) pos++;
        continue;
      }
      if (c === Ch.LParen && src.charCodeAt(pos + 1) === Ch.Semi) {
        skipBlockComment();
        continue;
      }
      return;
    }
  }

  // Block comments nest: (; (; ;) ;)
  function skipBlockComment(): void {
    const startLine = line;
    let depth = 0;
    while (pos < n) {
      const c = src.charCodeAt(pos);
      if (c === Ch.LParen && src.charCodeAt(pos + 1) === Ch.Semi) { depth++; pos += 2; continue; }
      if (c === Ch.Semi && src.charCodeAt(pos + 1) === Ch.RParen) {
        depth--; pos += 2;
        if (depth === 0) return;
        continue;
      }
      if (c === Ch.Nl) line++;
      pos++;
    }
    throw new WastSyntaxError('unterminated block comment', startLine);
  }

  function readString(): SString {
    const startLine = line;
    pos++; // opening quote
    const out: number[] = [];
    for (;;) {
      if (pos >= n) throw new WastSyntaxError('unterminated string', startLine);
      const c = src.charCodeAt(pos++);
      if (c === Ch.Quote) break;
      if (c === Ch.Nl) throw new WastSyntaxError('newline in string', startLine);
      if (c !== Ch.Backslash) { out.push(c); continue; }
      const e = src.charCodeAt(pos++);
      switch (e) {
        case 110: out.push(10); break; // \n
        case 116: out.push(9); break; // \t
        case 114: out.push(13); break; // \r
        case Ch.Backslash: case Ch.Quote: case 39: out.push(e); break;
        case 117: { // \u{hex}
          if (src.charCodeAt(pos) !== 123) throw new WastSyntaxError('bad \\u escape', line);
          const close = src.indexOf('}', pos);
          const hex = close < 0 ? '' : src.slice(pos + 1, close).replace(/_/g, '');
          const cp = /^[0-9a-fA-F]+$/.test(hex) ? parseInt(hex, 16) : NaN;
          if (!(cp <= 0x10ffff) || (cp >= 0xd800 && cp < 0xe000)) throw new WastSyntaxError('bad \\u escape', line);
          pushUtf8(out, cp);
          pos = close + 1;
          break;
        }
        default: {
          const hi = hexValue(e);
          const lo = hexValue(src.charCodeAt(pos));
          if (hi < 0 || lo < 0) throw new WastSyntaxError(`bad escape \\${String.fromCharCode(e)}`, line);
          out.push(hi * 16 + lo);
          pos++;
        }
      }
    }
    return { kind: 'string', bytes: Uint8Array.from(out), line: startLine };
  }

  function readAtom(): SAtom {
    const start = pos;
    while (pos < n && !isDelimiter(src.charCodeAt(pos))) pos++;
    return { kind: 'atom', text: src.slice(start, pos), line };
  }

  function readList(): SList {
    const start = pos;
    const startLine = line;
    pos++; // '('
    const items: SExpr[] = [];
    for (;;) {
      skipSpaceAndComments();
      if (pos >= n) throw new WastSyntaxError('unclosed parenthesis', startLine);
      const c = src.charCodeAt(pos);
      if (c === Ch.RParen) { pos++; break; }
      if (c === Ch.LParen) items.push(readList());
      else if (c === Ch.Quote) items.push(readString());
      else items.push(readAtom());
    }
    return { kind: 'list', items, line: startLine, start, end: pos };
  }

  const top: SList[] = [];
  for (;;) {
    skipSpaceAndComments();
    if (pos >= n) break;
    const c = src.charCodeAt(pos);
    if (c !== Ch.LParen) throw new WastSyntaxError(`unexpected ${c === Ch.RParen ? "')'" : 'token'} at top level`, line);
    top.push(readList());
  }
  return top;
}

/** Decodes a byte string (from a string literal) as UTF-8, e.g. an export name. */
// ignoreBOM: a leading U+FEFF is part of a name (names.wast exports one), not a byte-order mark.
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

export function utf8(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

export function atomText(e: SExpr | undefined): string | undefined {
  return e?.kind === 'atom' ? e.text : undefined;
}

/** The head keyword of a list, e.g. 'module' for `(module ...)`. */
export function headOf(e: SExpr | undefined): string | undefined {
  return e?.kind === 'list' ? atomText(e.items[0]) : undefined;
}
