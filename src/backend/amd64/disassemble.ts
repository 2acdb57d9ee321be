// Debug output: machine code as text, through objdump when it is installed (binutils), else as
// hex. Only used when ZEROWASM_DEBUG asks for it; never on a normal compile.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function disassemble(code: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'zw-asm-'));
  try {
    const file = join(dir, 'code.bin');
    writeFileSync(file, code);
    const out = spawnSync('objdump', ['-D', '-b', 'binary', '-m', 'i386:x86-64', '-M', 'intel', file], { encoding: 'utf8' });
    if (out.status === 0) {
      return out.stdout.split('\n').filter((l) => /^\s*[0-9a-f]+:\t/.test(l)).join('\n');
    }
  } catch {
    // No objdump: fall through to hex.
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const lines: string[] = [];
  for (let at = 0; at < code.length; at += 16) {
    lines.push(`${at.toString(16).padStart(6, '0')}: ${Array.from(code.subarray(at, at + 16), (b) => b.toString(16).padStart(2, '0')).join(' ')}`);
  }
  return lines.join('\n');
}
