// Runs aarch64-linux-gnu-objdump over raw A64 code, returning the text at each address. Both the
// default output (preferred aliases: mov, cmp, lsl...) and `-M no-aliases` (base forms) are read.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const OBJDUMP = 'aarch64-linux-gnu-objdump';

export function hasObjdump(): boolean {
  try {
    execFileSync(OBJDUMP, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface Disassembly {
  aliases: Map<number, string>;
  noAliases: Map<number, string>;
}

function parse(out: string): Map<number, string> {
  const lines = new Map<number, string>();
  for (const line of out.split('\n')) {
    const m = /^\s*([0-9a-f]+):\t[0-9a-f]{8}\s+(.*)$/.exec(line);
    if (!m) continue;
    lines.set(parseInt(m[1]!, 16), m[2]!.replace(/\/\/.*$/, '').trim().replace(/\s+/g, ' '));
  }
  return lines;
}

export function disassemble(bytes: Uint8Array): Disassembly {
  const dir = mkdtempSync(join(tmpdir(), 'zw-arm64-'));
  try {
    const file = join(dir, 'code.bin');
    writeFileSync(file, bytes);
    const run = (extra: string[]): Map<number, string> =>
      parse(execFileSync(OBJDUMP, ['-D', '-b', 'binary', '-m', 'aarch64', ...extra, file], { encoding: 'utf8', maxBuffer: 64 << 20 }));
    return { aliases: run([]), noAliases: run(['-M', 'no-aliases']) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
