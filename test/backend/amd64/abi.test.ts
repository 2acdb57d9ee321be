// The calling convention's pure parts: argument/result assignment and the register description.
import { expect } from 'chai';
import { callLayout, amd64Registers, CALLEE_SAVED_GPRS, VMCTX_REG, SCRATCH_GPR } from '../../../src/backend/amd64/abi.js';
import { checkRegisterInfo } from '../../../src/regalloc/registers.js';
import { ValType } from '../../../src/wasm/types.js';
import { compileWat } from './harness.js';

const { I32, I64, F32, F64 } = { I32: ValType.I32, I64: ValType.I64, F32: ValType.F32, F64: ValType.F64 };

describe('backend/amd64 ABI', () => {
  it('assigns integer and float arguments to their own register sequences, then the stack', () => {
    const l = callLayout([I32, F64, I64, F32, I32, I32, I32, I32, I64, F32], [I64, F64, I32]);
    const regs = l.params.map((p) => (p.reg >= 0 ? amd64Registers.name!(p.reg) : `stack+${p.stackOffset}`));
    expect(regs).to.deep.equal(['rdi', 'xmm0', 'rsi', 'xmm1', 'rdx', 'rcx', 'r8', 'r9', 'stack+0', 'xmm2']);
    expect(l.results.map((r) => amd64Registers.name!(r.reg))).to.deep.equal(['rax', 'xmm0', 'rdx']);
    expect(l.stackBytes).to.equal(16);
  });

  it('puts results beyond the result registers after the stack arguments', () => {
    const results = Array.from({ length: 9 }, () => I32);
    const l = callLayout(Array.from({ length: 7 }, () => I64), results);
    expect(l.params[6]!.stackOffset).to.equal(0);
    expect(l.results.slice(7).map((r) => r.stackOffset)).to.deep.equal([8, 16]);
    expect(l.stackBytes).to.equal(32);
  });

  it('describes registers the allocator accepts, never handing out rsp, rbp, r15 or the scratch register', () => {
    checkRegisterInfo(amd64Registers);
    const ints = amd64Registers.allocatable[0]!;
    for (const r of [4, 5, VMCTX_REG, SCRATCH_GPR]) expect((ints >>> r) & 1, `register ${r}`).to.equal(0);
    for (const r of CALLEE_SAVED_GPRS) expect((amd64Registers.calleeSaved[0]! >>> r) & 1).to.equal(1);
  });

  it('passes v128 in the xmm sequence shared with floats, and in 16-byte stack slots after it', () => {
    const V = ValType.V128;
    const l = callLayout([V, F64, I32, V, V, V, V, V, V, I64, V, F32], [V, I32, F32]);
    const regs = l.params.map((p) => (p.reg >= 0 ? amd64Registers.name!(p.reg) : `stack+${p.stackOffset}`));
    expect(regs).to.deep.equal(['xmm0', 'xmm1', 'rdi', 'xmm2', 'xmm3', 'xmm4', 'xmm5', 'xmm6', 'xmm7', 'rsi', 'stack+0', 'stack+16']);
    expect(l.results.map((r) => amd64Registers.name!(r.reg))).to.deep.equal(['xmm0', 'rax', 'xmm1']);
    expect(l.stackBytes).to.equal(32);
    expect(amd64Registers.slotSize[1]).to.equal(16);
  });
});
