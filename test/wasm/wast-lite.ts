// A minimal WAST reader for the dev check's fallback (files the installed wast2json cannot
// convert): splits a script into top-level forms and extracts the module commands the decoder
// and validator are judged on. Text modules are assembled with the wabt npm package. Not a WAST
// runner: values, invocations and assertions on results are ignored.
import wabtInit from 'wabt';

const wabt = await wabtInit();

export interface ModuleCase {
  readonly command: string;
  readonly line: number;
  /** undefined when the module is text that wabt could not assemble (reason in `skip`). */
  readonly bytes: Uint8Array | undefined;
  readonly skip?: string;
  readonly expectValid: boolean;
  readonly text?: string;
}

interface Form { readonly start: number; readonly end: number; readonly line: number }

/** Top-level parenthesized forms of `src`, skipping comments and strings. */
function topLevelForms(src: string): Form[] {
  const forms: Form[] = [];
  let depth = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\n') line++;
    else if (c === ';' && src[i + 1] === ';') {
      while (i < src.length && src[i] !== '\n') i++;
      line++;
    } else if (c === '(' && src[i + 1] === ';') {
      let nest = 1;
      i += 2;
      while (i < src.length && nest > 0) {
        if (src[i] === '\n') line++;
        if (src[i] === '(' && src[i + 1] === ';') { nest++; i++; } else if (src[i] === ';' && src[i + 1] === ')') { nest--; i++; }
        i++;
      }
      i--;
    } else if (c === '"') {
      for (i++; i < src.length && src[i] !== '"'; i++) if (src[i] === '\\') i++;
    } else if (c === '(') {
      if (depth++ === 0) { start = i; startLine = line; }
    } else if (c === ')') {
      if (--depth === 0) forms.push({ start, end: i + 1, line: startLine });
    }
  }
  return forms;
}

/** The first parenthesized sub-form of a form (the module of an assertion). */
function firstSubForm(text: string): string | undefined {
  const inner = text.slice(1);
  const forms = topLevelForms(inner);
  const f = forms[0];
  return f === undefined ? undefined : inner.slice(f.start, f.end);
}

/** The string literals of a `(module binary "..." ...)` form, concatenated as bytes. */
function binaryStrings(text: string): Uint8Array {
  const out: number[] = [];
  const re = /"((?:[^"\\]|\\.)*)"/g;
  for (const m of text.matchAll(re)) {
    const s = m[1]!;
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (c !== '\\') { out.push(...new TextEncoder().encode(c)); continue; }
      const n = s[++i]!;
      if (/[0-9a-fA-F]/.test(n)) { out.push(parseInt(s.slice(i, i + 2), 16)); i++; continue; }
      const simple: Record<string, number> = { n: 10, t: 9, r: 13, '\\': 92, "'": 39, '"': 34 };
      if (n in simple) { out.push(simple[n]!); continue; }
      if (n === 'u') {
        const close = s.indexOf('}', i);
        out.push(...new TextEncoder().encode(String.fromCodePoint(parseInt(s.slice(i + 2, close), 16))));
        i = close;
      }
    }
  }
  return new Uint8Array(out);
}

function moduleCase(command: string, line: number, moduleText: string, expectValid: boolean, text?: string): ModuleCase | undefined {
  const head = moduleText.slice(0, 40);
  if (/^\(module\s+(\$\S+\s+)?quote\b/.test(head)) return undefined; // text-format-only case
  if (/^\(module\s+(\$\S+\s+)?binary\b/.test(head)) {
    return { command, line, bytes: binaryStrings(moduleText), expectValid, ...(text !== undefined ? { text } : {}) };
  }
  try {
    const m = wabt.parseWat('x.wat', moduleText, { simd: true, reference_types: true, bulk_memory: true,
      multi_value: true, sign_extension: true, sat_float_to_int: true, mutable_globals: true });
    try {
      return { command, line, bytes: m.toBinary({}).buffer, expectValid, ...(text !== undefined ? { text } : {}) };
    } finally {
      m.destroy();
    }
  } catch (e) {
    return { command, line, bytes: undefined, skip: 'wabt npm cannot assemble the text module', expectValid };
  }
}

/** The module cases of a WAST script. */
export function wastModuleCases(src: string): { cases: ModuleCase[]; textOnly: number } {
  const cases: ModuleCase[] = [];
  let textOnly = 0;
  for (const f of topLevelForms(src)) {
    const form = src.slice(f.start, f.end);
    const keyword = /^\(\s*([a-z_]+)/.exec(form)?.[1] ?? '';
    let c: ModuleCase | undefined;
    let isModuleCommand = true;
    if (keyword === 'module') c = moduleCase('module', f.line, form, true);
    else if (keyword === 'assert_invalid' || keyword === 'assert_malformed' || keyword === 'assert_unlinkable' ||
      keyword === 'assert_trap' || keyword === 'assert_uninstantiable') {
      const mod = firstSubForm(form);
      if (mod === undefined || !mod.startsWith('(module')) continue;
      const text = /"((?:[^"\\]|\\.)*)"\s*\)$/.exec(form)?.[1];
      c = moduleCase(keyword, f.line, mod, keyword !== 'assert_invalid' && keyword !== 'assert_malformed', text);
    } else isModuleCommand = false;
    if (c !== undefined) cases.push(c);
    else if (isModuleCommand) textOnly++;
  }
  return { cases, textOnly };
}
