// Differential test of the arm64 encoder: every form in the table is encoded with a spread of
// operands (see samples.ts), disassembled by aarch64-linux-gnu-objdump, and compared with the
// printer's text: alias rows against objdump's default output, base forms against
// `-M no-aliases`. A form added to the table is checked automatically.
import { expect } from 'chai';
import { CodeBuffer } from '../../../src/backend/code-buffer.js';
import { Assembler, type Operand } from '../../../src/backend/arm64/encoder.js';
import { allForms, type Form } from '../../../src/backend/arm64/forms.js';
import { formatInstruction } from '../../../src/backend/arm64/printer.js';
import { disassemble, hasObjdump, OBJDUMP } from './objdump.js';
import { casesFor } from './samples.js';

interface Case { form: Form; ops: Operand[]; at: number }

describe('backend/arm64: encoder vs objdump', function () {
  before(function () {
    if (!hasObjdump()) {
      // Counted as pending by mocha; the reason is in the test titles.
      console.log(`    skipped: ${OBJDUMP} not found (Debian package binutils-aarch64-linux-gnu)`);
      this.skip();
    }
  });

  it(`every form encodes to what ${OBJDUMP} disassembles (skipped when it is missing)`, () => {
    const asm = new Assembler(new CodeBuffer());
    const back = asm.buf.newLabel();
    const forward = asm.buf.newLabel();
    asm.buf.bindLabel(back);
    const cases: Case[] = [];
    for (const f of allForms) {
      for (const ops of casesFor(f, { back, forward })) {
        cases.push({ form: f, ops, at: asm.buf.length });
        asm.emit(f, ...ops);
      }
    }
    asm.buf.bindLabel(forward);
    asm.buf.resolveFixups();
    const bytes = asm.buf.finish();
    const dis = disassemble(bytes);
    const view = new DataView(bytes.buffer);
    const mismatches: string[] = [];
    const formsSeen = new Set<string>();
    for (const c of cases) {
      formsSeen.add(c.form.name);
      const expected = formatInstruction(c.form, c.ops, { address: c.at, labelAddress: (l) => asm.buf.labelOffset(l) });
      const actual = (c.form.alias ? dis.aliases : dis.noAliases).get(c.at);
      if (actual !== expected) {
        const word = view.getUint32(c.at, true).toString(16).padStart(8, '0');
        mismatches.push(`${c.form.name}(${c.ops.map(String).join(', ')}): expected '${expected}', objdump '${actual ?? '<nothing>'}' [${word}]`);
      }
    }
    console.log(`    ${allForms.length} forms, ${cases.length} cases checked against ${OBJDUMP}`);
    expect(mismatches.slice(0, 40)).to.deep.equal([]);
    expect(mismatches.length).to.equal(0);
    const missing = allForms.filter((f) => !formsSeen.has(f.name)).map((f) => f.name);
    expect(missing, 'forms without a test case').to.deep.equal([]);
  });
});
