// Test-only implementations of the backend's helper routines (abi.ts `Helper`): a machine-code
// stub per helper that follows the helper ABI (SysV: rdi = vmctx, integer arguments in rsi ..
// r9, result in rax) and forwards through the addon's host-call bridge to a JS function. They
// exercise the backend's helper calls end to end; the real ones belong to the compiler engine.
import { Helper } from '../../../src/backend/amd64/abi.js';
import type { Assembler } from '../../../src/backend/amd64/encoder.js';
import { form } from '../../../src/backend/amd64/forms.js';
import { mem } from '../../../src/backend/amd64/operands.js';
import { Gpr } from '../../../src/backend/amd64/registers.js';
import { execLayout } from '../../../src/engine/native/layout.js';
import { VMCTX } from '../../../src/backend/amd64/abi.js';

const H = {
  push: form('push_r64'), pop: form('pop_r64'), movRR: form('mov_r64_rm64'), movMR: form('mov_rm64_r64'),
  movImm: form('mov_r32_imm32'), callM: form('call_rm64'), ret: form('ret'),
};

export const NUM_HELPERS = Helper.ElemDrop + 1;

/** Emits one stub per helper; returns their offsets. Host function `index` must implement helper `index`. */
export function emitHelperStubs(asm: Assembler): number[] {
  const at: number[] = [];
  const slots = execLayout.offsets['slots']!, hostCall = execLayout.offsets['hostCallFn']!;
  for (let h = 0; h < NUM_HELPERS; h++) {
    while (asm.buf.length % 16) asm.buf.emit8(0xcc);
    at.push(asm.buf.length);
    asm.o(H.push, Gpr.RBP);
    asm.rm(H.movRR, Gpr.RBP, Gpr.RSP);
    asm.rm(H.movRR, Gpr.R11, mem(Gpr.RDI, VMCTX.exec));
    asm.rm(H.movRR, Gpr.R10, mem(Gpr.R11, slots));
    [Gpr.RSI, Gpr.RDX, Gpr.RCX, Gpr.R8, Gpr.R9].forEach((r, k) => asm.mr(H.movMR, mem(Gpr.R10, 8 * k), r));
    asm.rm(H.movRR, Gpr.RSI, Gpr.RDI);
    asm.rm(H.movRR, Gpr.RDI, Gpr.R11);
    asm.oi(H.movImm, Gpr.RDX, h);
    asm.rm(H.movRR, Gpr.RCX, Gpr.R10);
    asm.m(H.callM, mem(Gpr.RDI, hostCall));
    // r15 (callee-saved in SysV) still holds the caller's vmctx.
    asm.rm(H.movRR, Gpr.R11, mem(Gpr.R15, VMCTX.exec));
    asm.rm(H.movRR, Gpr.R11, mem(Gpr.R11, slots));
    asm.rm(H.movRR, Gpr.RAX, mem(Gpr.R11, 0));
    asm.o(H.pop, Gpr.RBP);
    asm.zo(H.ret);
  }
  return at;
}
