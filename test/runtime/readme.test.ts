// Runs the embedding example of README.md and of docs/runtime.md exactly as written (a separate
// node process importing the package by its name) and checks what it prints.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');

for (const docName of ['README.md', 'docs/runtime.md']) {
  describe(`runtime: ${docName} example`, () => {
    it('works as written', () => {
      const doc = readFileSync(join(root, docName), 'utf8');
      const m = /<!-- readme-example[^>]*-->\n```js\n([\s\S]*?)```/.exec(doc);
      expect(m, 'example block not found').to.not.equal(null);
      const file = join(here, 'readme-example.tmp.mjs'); // inside the package: 'zerowasm' resolves to it
      writeFileSync(file, m![1]!);
      try {
        const out = execFileSync(process.execPath, [file], { encoding: 'utf8' });
        expect(out).to.equal('func add\nwasm says 42\n42\n');
        const printed = /prints\n\n```\n([\s\S]*?)```/.exec(doc.slice(m!.index));
        expect(printed?.[1]).to.equal(out);
      } finally {
        rmSync(file, { force: true });
      }
    });
  });
}
