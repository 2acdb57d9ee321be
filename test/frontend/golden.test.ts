// Golden IR tests: each test/frontend/golden/NAME.wat is lowered and optimized (verifier on) and
// the printed IR of all its functions is compared with NAME.ir. Regenerate on purpose with
// ZEROWASM_BLESS=1 and review the diff.
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FunctionLowerer } from '../../src/frontend/index.js';
import { optimizeFunction, printFunction } from '../../src/ssa/index.js';
import { watToModule } from './helpers.js';

// dist/test/frontend → test/frontend/golden in the source tree
const goldenDir = fileURLToPath(new URL('../../../test/frontend/golden/', import.meta.url));
const bless = process.env['ZEROWASM_BLESS'] === '1';

export async function renderModule(wat: string): Promise<string> {
  const m = await watToModule(wat);
  const lowerer = new FunctionLowerer();
  const parts: string[] = [];
  for (let i = 0; i < m.code.length; i++) parts.push(printFunction(optimizeFunction(lowerer.lower(m, i), { verify: true })));
  return parts.join('\n');
}

describe('frontend golden IR (after the pass pipeline)', () => {
  const cases = readdirSync(goldenDir).filter((f) => f.endsWith('.wat')).sort();
  it('has golden cases', () => expect(cases.length).to.be.greaterThan(5));
  for (const file of cases) {
    it(file, async () => {
      const actual = await renderModule(readFileSync(goldenDir + file, 'utf8'));
      const irPath = goldenDir + file.replace(/\.wat$/, '.ir');
      if (bless) writeFileSync(irPath, actual);
      if (!existsSync(irPath)) throw new Error(`missing ${irPath}: run with ZEROWASM_BLESS=1 to create it`);
      expect(actual).to.equal(readFileSync(irPath, 'utf8'));
    });
  }
});
