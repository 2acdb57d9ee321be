// The machine-code dump (env ZEROWASM_DEBUG=asm or the Runtime option `debug: 'asm'`): each
// function's optimized IR and its disassembly, by objdump when it is installed, else hex bytes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LinkedImage } from '../../backend/link.js';

/** True when the environment asks for the dump. */
export function asmDumpRequested(): boolean {
  return (process.env['ZEROWASM_DEBUG'] ?? '').split(',').includes('asm');
}

/** objdump's Intel-syntax listing of `bytes` placed at `address`, or undefined without objdump. */
export function disassemble(bytes: Uint8Array, address: number): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'zerowasm-asm-'));
  try {
    const file = join(dir, 'code.bin');
    writeFileSync(file, bytes);
    const r = spawnSync('objdump', ['-D', '-b', 'binary', '-m', 'i386:x86-64', '-M', 'intel',
      `--adjust-vma=0x${address.toString(16)}`, file], { encoding: 'utf8' });
    if (r.error !== undefined || r.status !== 0) return undefined;
    const at = r.stdout.indexOf('<.data>:');
    return at < 0 ? r.stdout : r.stdout.slice(at + '<.data>:'.length).replace(/^\n/, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function hex(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) {
    lines.push(Array.from(bytes.subarray(i, i + 16), (b) => b.toString(16).padStart(2, '0')).join(' '));
  }
  return lines.join('\n');
}

/** Writes symbol `index`'s IR and machine code to stderr. */
export function dumpFunction(image: LinkedImage, index: number, base: number, ir: string): void {
  const s = image.symbols[index]!;
  const bytes = image.bytes.subarray(s.offset, s.offset + s.size);
  const asm = disassemble(bytes, base + s.offset) ?? `(objdump not found; bytes)\n${hex(bytes)}`;
  process.stderr.write(`;; ${s.name} (function ${s.funcIndex}) at 0x${(base + s.offset).toString(16)}, ${s.size} bytes\n;; IR\n${ir}\n;; machine code\n${asm}\n`);
}
