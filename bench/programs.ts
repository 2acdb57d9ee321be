// The benchmark programs: every `*.c` in the programs folder, each declaring its kind and its
// problem sizes on its first line, so the C file is the single source of truth:
//   // bench: kind=integer full=20000000 quick=100000 reduced=400000
// `full` runs 0.2–2 s natively, `quick` is for CI smoke runs, `reduced` for slow engines.

import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export type SizeName = 'full' | 'quick' | 'reduced';
const SIZE_NAMES: readonly SizeName[] = ['full', 'quick', 'reduced'];

export interface Program {
  name: string;
  source: string;
  kind: string;
  sizes: Record<SizeName, number>;
}

export function parseHeader(file: string, firstLine: string): Omit<Program, 'name' | 'source'> {
  const match = /^\/\/\s*bench:\s*(.*)$/.exec(firstLine.trim());
  if (!match) throw new Error(`${file}: first line must be "// bench: kind=... full=N quick=N reduced=N"`);
  const fields = new Map<string, string>();
  for (const pair of match[1].trim().split(/\s+/)) {
    const [key, value] = pair.split('=');
    if (!key || value === undefined) throw new Error(`${file}: malformed field "${pair}" in bench header`);
    fields.set(key, value);
  }
  const kind = fields.get('kind');
  if (!kind) throw new Error(`${file}: bench header lacks kind=`);
  const sizes = {} as Record<SizeName, number>;
  for (const size of SIZE_NAMES) {
    const n = Number(fields.get(size));
    if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${file}: bench header needs a positive ${size}=N`);
    sizes[size] = n;
  }
  return { kind, sizes };
}

export function loadPrograms(dir: string): Program[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.c')).sort();
  if (files.length === 0) throw new Error(`no benchmark programs (*.c) in ${dir}`);
  return files.map((f) => {
    const source = join(dir, f);
    const firstLine = readFileSync(source, 'utf8').split('\n', 1)[0];
    return { name: basename(f, '.c'), source, ...parseHeader(source, firstLine) };
  });
}
