// Label resolution in the arm64 encoder: forward and backward references are patched with the
// right word offsets, and a target out of a form's range is an error naming the instruction.
import { expect } from 'chai';
import { CodeBuffer } from '../../../src/backend/code-buffer.js';
import { Assembler } from '../../../src/backend/arm64/encoder.js';
import { form } from '../../../src/backend/arm64/forms.js';
import { Cond } from '../../../src/backend/arm64/registers.js';

function words(asm: Assembler): string[] {
  const bytes = asm.buf.finish();
  const view = new DataView(bytes.buffer);
  return Array.from({ length: bytes.length / 4 }, (_, i) => view.getUint32(i * 4, true).toString(16).padStart(8, '0'));
}

describe('backend/arm64: labels', () => {
  it('forward and backward references are patched', () => {
    const asm = new Assembler(new CodeBuffer());
    const top = asm.buf.newLabel();
    const out = asm.buf.newLabel();
    asm.buf.bindLabel(top);
    asm.emit(form('cbz_x'), 0, out); // +12
    asm.emit(form('b_cond'), Cond.NE, top); // -4
    asm.emit(form('b'), top); // -8
    asm.buf.bindLabel(out);
    asm.emit(form('tbnz_x'), 1, 63, top); // -12
    asm.emit(form('adr'), 2, out); // -4 bytes
    asm.buf.resolveFixups();
    expect(words(asm)).to.deep.equal(['b4000060', '54ffffe1', '17fffffe', 'b7ffffa1', '10ffffe2']);
  });

  it('a target out of range is an error naming the instruction', () => {
    const asm = new Assembler();
    const far = asm.buf.newLabel();
    asm.emit(form('tbz_w'), 0, 3, far);
    for (let i = 0; i < 8192; i++) asm.emit(form('nop'));
    asm.buf.bindLabel(far);
    expect(() => asm.buf.resolveFixups()).to.throw(/arm64 tbz_w \(±32 KiB\) fix-up at 0x0 cannot reach 0x8004/);

    const near = new Assembler();
    const l = near.buf.newLabel();
    near.emit(form('tbz_w'), 0, 3, l);
    for (let i = 0; i < 8190; i++) near.emit(form('nop'));
    near.buf.bindLabel(l); // +32764: the last reachable word
    expect(() => near.buf.resolveFixups()).to.not.throw();
  });

  it('an unbound label is an error', () => {
    const asm = new Assembler();
    asm.emit(form('b'), asm.buf.newLabel());
    expect(() => asm.buf.resolveFixups()).to.throw(/never bound/);
  });
});
