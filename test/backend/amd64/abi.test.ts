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

  it('rejects v128 with the message the runtime falls back on', async () => {
    let message = '';
    try {
      await compileWat('(module (func (param v128) (result v128) (local.get 0)))');
    } catch (e) {
      message = e instanceof Error ? e.message : String(e);
    }
    expect(message).to.match(/SIMD not supported by the compiler yet/);
    try {
      message = '';
      await compileWat('(module (func (result i32) (i32x4.extract_lane 0 (v128.const i64x2 1 2))))');
    } catch (e) {
      message = e instanceof Error ? e.message : String(e);
    }
    expect(message).to.match(/SIMD not supported by the compiler yet/);
  });
});
