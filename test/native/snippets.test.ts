// Every hand-written instruction decodes, with objdump, to exactly the bytes and text we claim.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allSnippets, bytesOf } from './snippets.js';

const haveObjdump = spawnSync('objdump', ['--version']).status === 0;

function normalize(asm: string): string {
  return asm.toLowerCase().replace(/\s+/g, ' ').replace(/, /g, ',').trim();
}

/** objdump's instructions as [hex, asm], joining the continuation lines of long encodings. */
function disassemble(bytes: Uint8Array): Array<[string, string]> {
  const dir = mkdtempSync(join(tmpdir(), 'zw-objdump-'));
  try {
    const file = join(dir, 'code.bin');
    writeFileSync(file, bytes);
    const out = spawnSync('objdump', ['-D', '-b', 'binary', '-m', 'i386:x86-64', '-M', 'intel', file], { encoding: 'utf8' });
    const result: Array<[string, string]> = [];
    for (const line of out.stdout.split('\n')) {
      const m = /^\s*[0-9a-f]+:\t([0-9a-f ]+)\t?(.*)$/.exec(line);
      if (!m) continue;
      if (m[2] === '') result[result.length - 1]![0] += ' ' + m[1]!.trim();
      else result.push([m[1]!.trim(), m[2]!]);
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('native/test snippets', () => {
  before(function () {
    if (!haveObjdump) {
      console.warn('  skipped: objdump (binutils) is not installed');
      this.skip();
    }
  });
  for (const snippet of allSnippets) {
    it(`${snippet.name} disassembles as written`, () => {
      const got = disassemble(bytesOf(snippet));
      expect(got.map(([hex, asm]) => [hex, normalize(asm)])).to.deep.equal(
        snippet.instrs.map(([hex, asm]) => [hex, normalize(asm)]),
      );
    });
  }
});
