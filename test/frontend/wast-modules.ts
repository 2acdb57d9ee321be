// Extracts the text of top-level `(module ...)` forms from a .wast script with a small
// s-expression scan (strings and both comment forms are skipped correctly). Binary and quoted
// modules are returned too, tagged, so callers can decide.
export interface WastModule { readonly text: string; readonly line: number; readonly kind: 'text' | 'binary' | 'quote' }

export function extractModules(source: string): WastModule[] {
  const out: WastModule[] = [];
  let i = 0;
  let line = 1;
  const n = source.length;
  while (i < n) {
    const c = source[i]!;
    if (c === '\n') { line++; i++; continue; }
    if (c === ';' && source[i + 1] === ';') { while (i < n && source[i] !== '\n') i++; continue; }
    if (c === '(' && source[i + 1] === ';') { i = skipBlockComment(source, i); continue; }
    if (c !== '(') { i++; continue; }
    const start = i;
    const startLine = line;
    const end = skipForm(source, i);
    const text = source.slice(start, end);
    for (let k = start; k < end; k++) if (source[k] === '\n') line++;
    i = end;
    const m = /^\(module(\s+\$[^\s()]+)?\s*(binary|quote)?/.exec(text);
    if (m) out.push({ text, line: startLine, kind: m[2] === 'binary' ? 'binary' : m[2] === 'quote' ? 'quote' : 'text' });
  }
  return out;
}

function skipBlockComment(s: string, i: number): number {
  let depth = 0;
  while (i < s.length) {
    if (s[i] === '(' && s[i + 1] === ';') { depth++; i += 2; continue; }
    if (s[i] === ';' && s[i + 1] === ')') { depth--; i += 2; if (depth === 0) return i; continue; }
    i++;
  }
  return i;
}

/** Index just past the form starting at `i` (an opening parenthesis). */
function skipForm(s: string, i: number): number {
  let depth = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '"') {
      i++;
      while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === ';' && s[i + 1] === ';') { while (i < s.length && s[i] !== '\n') i++; continue; }
    if (c === '(' && s[i + 1] === ';') { i = skipBlockComment(s, i); continue; }
    if (c === '(') depth++;
    else if (c === ')') { depth--; if (depth === 0) return i + 1; }
    i++;
  }
  return i;
}

/** Decodes the string literals of a `(module binary "...")` form into bytes. */
export function binaryModuleBytes(text: string): Uint8Array {
  const bytes: number[] = [];
  const re = /"((?:[^"\\]|\\.)*)"/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const s = m[1]!;
    for (let k = 0; k < s.length; k++) {
      const ch = s[k]!;
      if (ch !== '\\') { for (const b of new TextEncoder().encode(ch)) bytes.push(b); continue; }
      const nx = s[k + 1]!;
      if (/[0-9a-fA-F]/.test(nx)) { bytes.push(parseInt(s.slice(k + 1, k + 3), 16)); k += 2; continue; }
      const esc: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, "'": 39, '\\': 92 };
      bytes.push(esc[nx] ?? nx.charCodeAt(0));
      k += 1;
    }
  }
  return new Uint8Array(bytes);
}
