// Every function of every module of the spec test suite goes through the frontend and the full
// pass pipeline with the verifier after every pass, then is printed, parsed back and compared.
// Modules that wabt cannot parse or validate (invalid on purpose, or using features we do not
// enable) are skipped and counted.
import { expect } from 'chai';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { FunctionLowerer } from '../../src/frontend/index.js';
import { moduleVerifyContext, optimizeFunction, parseFunction, printFunction, verifyFunction } from '../../src/ssa/index.js';
import { normalizeIr } from '../ssa/ir-text.js';
import { decodeModule } from '../../src/wasm/decoder.js';
import type { WasmModule } from '../../src/wasm/module.js';
import { binaryModuleBytes, extractModules } from './wast-modules.js';
import { validateBinary, watToBytes } from './helpers.js';

const suiteDir = process.env['ZEROWASM_TESTSUITE'] ?? '/work/shared/testsuite/core-2.0';

describe('frontend + passes over the spec test suite (verifier after every pass)', function () {
  this.timeout(120_000);
  if (!existsSync(suiteDir)) {
    it.skip(`test suite not found at ${suiteDir}`);
    return;
  }
  const files = readdirSync(suiteDir).filter((f) => f.endsWith('.wast')).sort();
  let functions = 0;
  let skipped = 0;
  const lowerer = new FunctionLowerer();
  for (const file of files) {
    it(file, async () => {
      const modules = extractModules(readFileSync(join(suiteDir, file), 'utf8'));
      for (const mod of modules) {
        if (mod.kind === 'quote') { skipped++; continue; } // quoted text: malformed-syntax tests
        let m: WasmModule;
        try {
          if (mod.kind === 'binary') {
            const bytes = binaryModuleBytes(mod.text);
            await validateBinary(bytes);
            m = decodeModule(bytes);
          } else {
            m = decodeModule(await watToBytes(mod.text));
          }
        } catch {
          skipped++;
          continue;
        }
        const context = moduleVerifyContext(m);
        for (let i = 0; i < m.code.length; i++) {
          let stage = 'frontend';
          try {
            const fn = lowerer.lower(m, i);
            stage = 'passes';
            optimizeFunction(fn, { verify: true, context });
            stage = 'print/parse round trip';
            const text = printFunction(fn);
            const back = parseFunction(text);
            const errors = verifyFunction(back, context);
            if (errors.length > 0) throw new Error(errors.join('\n'));
            if (normalizeIr(printFunction(back)) !== normalizeIr(text)) throw new Error(`text differs after parsing:\n${text}`);
          } catch (e) {
            throw new Error(`${file}:${mod.line} function ${i} (${stage}): ${(e as Error).message}`);
          }
          functions++;
        }
      }
    });
  }
  after(() => {
    expect(functions).to.be.greaterThan(1000);
    console.log(`    ${functions} functions lowered and verified; ${skipped} modules skipped (quoted text, or rejected by wabt)`);
  });
});
