// Small register files for tests: few registers make pressure, calls and fixed constraints bite.
import { PReg, RegClass, RegisterInfo, preg } from '../../src/regalloc/index.js';

export function maskOf(...hw: number[]): number {
  let m = 0;
  for (const h of hw) m |= 1 << h;
  return m;
}

/** A toy ISA: int r0..r3 (r2, r3 callee-saved, r7 scratch); float f0..f2 (f2 callee-saved, f7 scratch). */
export const TOY: RegisterInfo = {
  allocatable: [maskOf(0, 1, 2, 3), maskOf(0, 1, 2)],
  calleeSaved: [maskOf(2, 3), maskOf(2)],
  scratch: [preg(RegClass.Int, 7), preg(RegClass.Float, 7)],
  slotSize: [8, 16],
  name: (p: PReg) => (p < 32 ? `r${p}` : `f${p - 32}`),
};

/** Caller-saved registers of TOY, clobbered by a call. */
export const TOY_CALL_CLOBBERS = [maskOf(0, 1), maskOf(0, 1)];

/** amd64 as the backend will describe it: rsp, rbp reserved, r11 / xmm15 scratch. */
const AMD64_GPR = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
export const AMD64: RegisterInfo = {
  allocatable: [maskOf(0, 1, 2, 3, 6, 7, 8, 9, 10, 12, 13, 14, 15), 0x7fff],
  calleeSaved: [maskOf(3, 12, 13, 14, 15), 0],
  scratch: [preg(RegClass.Int, 11), preg(RegClass.Float, 15)],
  slotSize: [8, 16],
  name: (p: PReg) => (p < 32 ? AMD64_GPR[p]! : `xmm${p - 32}`),
};
export const AMD64_CALL_CLOBBERS = [maskOf(0, 1, 2, 6, 7, 8, 9, 10, 11), 0xffff];

/** arm64: x0..x15, x19..x28 allocatable (x16 scratch, x18 platform, x29 fp, x30 lr); v0..v30 (v31 scratch). */
export const ARM64: RegisterInfo = {
  allocatable: [0xffff | maskOf(19, 20, 21, 22, 23, 24, 25, 26, 27, 28), 0x7fffffff],
  calleeSaved: [maskOf(19, 20, 21, 22, 23, 24, 25, 26, 27, 28), 0xff00],
  scratch: [preg(RegClass.Int, 16), preg(RegClass.Float, 31)],
  slotSize: [8, 16],
  name: (p: PReg) => (p < 32 ? `x${p}` : `v${p - 32}`),
};
export const ARM64_CALL_CLOBBERS = [0xffff | maskOf(16, 17), ~0xff00 | 0];
