// The compiler engine's glue code on amd64, written against the Wasm-internal convention
// (abi.ts) and the addon's entry protocol (docs/native.md):
//  - entry trampoline, one per signature: called by `zw_enter` under SysV with
//    (vmctx, exec, slots); loads the arguments from the slots into the Wasm convention, calls
//    the function whose code address the caller left in slot `calleeSlot`, stores the results
//    back into the slots from slot 0;
//  - host-call stub, one per signature: a Wasm-convention callee (r15 = the vmctx of a host
//    adapter instance) that spills its arguments into the slot buffer and calls the addon's
//    bridge `zw_host_call(exec, vmctx, 0, slots)`, then loads the results;
//  - helper stub, one per helper: SysV (rdi = vmctx, integer arguments in rsi, rdx, rcx, r8,
//    r9) → slots → `zw_host_call(exec, vmctx, hostIndex, slots)` → rax = slot 0.
// A trap inside a host function or helper is a JS exception: the bridge exits through
// `zw_exit` itself, so none of these stubs has an error path.
import { execLayout } from '../../engine/native/layout.js';
import { ValType, type FuncType } from '../../wasm/types.js';
import { CodeBuffer } from '../code-buffer.js';
import { callLayout, VMCTX, VMCTX_REG } from './abi.js';
import { Assembler } from './encoder.js';
import { form } from './forms.js';
import { mem, type Mem } from './operands.js';
import { Gpr } from './registers.js';

const T = {
  push: form('push_r64'), pop: form('pop_r64'), ret: form('ret'),
  mov64: form('mov_r64_rm64'), store64: form('mov_rm64_r64'), mov32: form('mov_r32_rm32'),
  movss: form('movss_x_xm'), movsd: form('movsd_x_xm'), storess: form('movss_m_x'), storesd: form('movsd_m_x'),
  subImm: form('sub_rm64_imm32'), lea: form('lea_r64_m'), movImm32: form('mov_r32_imm32'),
  callM: form('call_rm64'), movdqu: form('movdqu_x_xm'), storedqu: form('movdqu_m_x'),
};

const EXEC_SLOTS = execLayout.offsets['slots']!;
const EXEC_HOST_CALL = execLayout.offsets['hostCallFn']!;
const SLOT = 8;

/**
 * Slot index of each value in the slot buffer: 8-byte slots in order, a v128 takes two. The
 * engine reads and writes the slots at the same positions.
 */
export function slotPositions(types: readonly ValType[]): number[] {
  let k = 0;
  return types.map((t) => {
    const at = k;
    k += t === ValType.V128 ? 2 : 1;
    return at;
  });
}

/** Slots the values of `types` occupy. */
export function slotCount(types: readonly ValType[]): number {
  let n = 0;
  for (const t of types) n += t === ValType.V128 ? 2 : 1;
  return n;
}

function loadValue(asm: Assembler, t: ValType, reg: number, src: Mem): void {
  if (t === ValType.V128) asm.rm(T.movdqu, reg, src);
  else if (t === ValType.F32) asm.rm(T.movss, reg, src);
  else if (t === ValType.F64) asm.rm(T.movsd, reg, src);
  else if (t === ValType.I32) asm.rm(T.mov32, reg, src); // zero-extends, as the convention wants
  else asm.rm(T.mov64, reg, src);
}

function storeValue(asm: Assembler, t: ValType, dst: Mem, reg: number): void {
  if (t === ValType.V128) asm.mr(T.storedqu, dst, reg);
  else if (t === ValType.F32) asm.mr(T.storess, dst, reg);
  else if (t === ValType.F64) asm.mr(T.storesd, dst, reg);
  else asm.mr(T.store64, dst, reg);
}

/** Copies a value's 8 (16 for a v128) bytes between memory operands through r11 (the scratch register). */
function move(asm: Assembler, t: ValType, dst: Mem, src: Mem): void {
  asm.rm(T.mov64, Gpr.R11, src);
  asm.mr(T.store64, dst, Gpr.R11);
  if (t !== ValType.V128) return;
  asm.rm(T.mov64, Gpr.R11, { ...src, disp: src.disp + 8 });
  asm.mr(T.store64, { ...dst, disp: dst.disp + 8 }, Gpr.R11);
}

/**
 * Entry trampoline for `type`. The caller stores the callee's code address in slot
 * `calleeSlot` (which must be ≥ the number of parameters and of results).
 */
export function entryTrampoline(type: FuncType, calleeSlot: number): Uint8Array {
  if (calleeSlot < slotCount(type.params) || calleeSlot < slotCount(type.results)) {
    throw new RangeError('entry trampoline: the callee slot overlaps the arguments or results');
  }
  const layout = callLayout(type.params, type.results);
  const asm = new Assembler(new CodeBuffer(256));
  // Entered with rsp = 16n + 8: three pushes and a 16-multiple keep rsp 16-aligned at the call.
  asm.o(T.push, Gpr.RBP);
  asm.rm(T.mov64, Gpr.RBP, Gpr.RSP);
  asm.o(T.push, VMCTX_REG);
  asm.o(T.push, Gpr.RBX);
  if (layout.stackBytes > 0) asm.mi(T.subImm, Gpr.RSP, layout.stackBytes);
  asm.rm(T.mov64, VMCTX_REG, Gpr.RDI);
  asm.rm(T.mov64, Gpr.RBX, Gpr.RDX); // slots; rbx is preserved by Wasm callees
  const slot = (k: number): Mem => mem(Gpr.RBX, SLOT * k);
  const pp = slotPositions(type.params), rp = slotPositions(type.results);
  type.params.forEach((t, k) => {
    const loc = layout.params[k]!;
    if (loc.reg < 0) move(asm, t, mem(Gpr.RSP, loc.stackOffset), slot(pp[k]!));
  });
  type.params.forEach((t, k) => {
    const loc = layout.params[k]!;
    if (loc.reg >= 0) loadValue(asm, t, loc.reg & 31, slot(pp[k]!));
  });
  asm.m(T.callM, slot(calleeSlot));
  type.results.forEach((t, k) => {
    const loc = layout.results[k]!;
    if (loc.reg < 0) move(asm, t, slot(rp[k]!), mem(Gpr.RSP, loc.stackOffset));
    else storeValue(asm, t, slot(rp[k]!), loc.reg & 31);
  });
  asm.rm(T.lea, Gpr.RSP, mem(Gpr.RBP, -16));
  asm.o(T.pop, Gpr.RBX);
  asm.o(T.pop, VMCTX_REG);
  asm.o(T.pop, Gpr.RBP);
  asm.zo(T.ret);
  return asm.buf.finish();
}

/** Loads exec.slots of the current vmctx (r15) into `dst`. */
function loadSlots(asm: Assembler, dst: Gpr, vmctx: Gpr): void {
  asm.rm(T.mov64, dst, mem(vmctx, VMCTX.exec));
  asm.rm(T.mov64, dst, mem(dst, EXEC_SLOTS));
}

/**
 * Calls the bridge: rdi = exec, rsi = vmctx, edx = host index, rcx = slots (in r11), r8 = this
 * stub's frame (rbp), from which a failed call's exit traces the Wasm frames below.
 */
function callBridge(asm: Assembler, vmctx: Gpr, hostIndex: number): void {
  asm.rm(T.mov64, Gpr.R8, Gpr.RBP);
  asm.rm(T.mov64, Gpr.RCX, Gpr.R11);
  asm.rm(T.mov64, Gpr.RSI, vmctx);
  asm.rm(T.mov64, Gpr.RDI, mem(vmctx, VMCTX.exec));
  asm.oi(T.movImm32, Gpr.RDX, hostIndex);
  asm.m(T.callM, mem(Gpr.RDI, EXEC_HOST_CALL));
}

/**
 * Host-call stub for `type`: a Wasm-convention function that forwards to host function 0 of
 * the vmctx in r15 through the slot buffer.
 */
export function hostCallStub(type: FuncType): Uint8Array {
  const layout = callLayout(type.params, type.results);
  const asm = new Assembler(new CodeBuffer(256));
  asm.o(T.push, Gpr.RBP); // rsp is now 16-aligned for the C call
  asm.rm(T.mov64, Gpr.RBP, Gpr.RSP);
  loadSlots(asm, Gpr.R11, VMCTX_REG);
  const slot = (k: number): Mem => mem(Gpr.R11, SLOT * k);
  const pp = slotPositions(type.params), rp = slotPositions(type.results);
  type.params.forEach((t, k) => {
    const loc = layout.params[k]!;
    if (loc.reg < 0) {
      for (let h = 0; h < (t === ValType.V128 ? 16 : 8); h += 8) {
        asm.rm(T.mov64, Gpr.R10, mem(Gpr.RBP, 16 + loc.stackOffset + h));
        asm.mr(T.store64, mem(Gpr.R11, SLOT * pp[k]! + h), Gpr.R10);
      }
    } else {
      storeValue(asm, t, slot(pp[k]!), loc.reg & 31);
    }
  });
  callBridge(asm, VMCTX_REG, 0);
  loadSlots(asm, Gpr.R11, VMCTX_REG); // r15 survives the C call (callee-saved)
  type.results.forEach((t, k) => {
    const loc = layout.results[k]!;
    if (loc.reg < 0) {
      for (let h = 0; h < (t === ValType.V128 ? 16 : 8); h += 8) {
        asm.rm(T.mov64, Gpr.R10, mem(Gpr.R11, SLOT * rp[k]! + h));
        asm.mr(T.store64, mem(Gpr.RBP, 16 + loc.stackOffset + h), Gpr.R10);
      }
    }
  });
  type.results.forEach((t, k) => {
    const loc = layout.results[k]!;
    if (loc.reg >= 0) loadValue(asm, t, loc.reg & 31, slot(rp[k]!));
  });
  asm.o(T.pop, Gpr.RBP);
  asm.zo(T.ret);
  return asm.buf.finish();
}

/** SysV integer argument registers after rdi (which carries the vmctx). */
const HELPER_ARGS: readonly Gpr[] = [Gpr.RSI, Gpr.RDX, Gpr.RCX, Gpr.R8, Gpr.R9];

/**
 * Helper stub: spills the five SysV argument registers after rdi into slots 0..4, calls host
 * function `hostIndex` of the vmctx in rdi, and returns slot 0 in rax.
 */
export function helperStub(hostIndex: number): Uint8Array {
  const asm = new Assembler(new CodeBuffer(128));
  asm.o(T.push, Gpr.RBP);
  asm.rm(T.mov64, Gpr.RBP, Gpr.RSP);
  asm.o(T.push, Gpr.RBX); // keeps the vmctx across the C call (rbx is callee-saved); rsp stays 16-aligned after the next push
  asm.o(T.push, Gpr.RBX);
  asm.rm(T.mov64, Gpr.RBX, Gpr.RDI);
  loadSlots(asm, Gpr.R11, Gpr.RBX);
  HELPER_ARGS.forEach((r, k) => asm.mr(T.store64, mem(Gpr.R11, SLOT * k), r));
  callBridge(asm, Gpr.RBX, hostIndex);
  loadSlots(asm, Gpr.R11, Gpr.RBX);
  asm.rm(T.mov64, Gpr.RAX, mem(Gpr.R11, 0));
  asm.o(T.pop, Gpr.RBX);
  asm.o(T.pop, Gpr.RBX);
  asm.o(T.pop, Gpr.RBP);
  asm.zo(T.ret);
  return asm.buf.finish();
}

/** Return addresses the trace exit records at most (slot 0 holds the count). */
export const TRACE_MAX_FRAMES = 64;
/** High half of slot 0 after a trace exit: tells a fresh trace from stale slot contents. */
export const TRACE_MAGIC = 0x7ace7ace;

/**
 * Trace exit: installed as `exec.exitFn`, so the trap stubs of generated code (which call it
 * with rdi = exec, esi = status and rbp = the trapping function's frame) pass through it. It
 * records the address the trap stub's call pushed (a PC in the trapping function) into slot 1,
 * then walks the frame-pointer chain while frames lie in [rsp, exec.savedSp) (the innermost
 * entry), records each return address into slots 2.., and the count of addresses into slot 0,
 * then jumps to the addon's exit routine `zwExit` (slot 0's high half becomes TRACE_MAGIC).
 * Reads never leave that stack range.
 */
export function traceExitStub(zwExit: bigint): Uint8Array {
  const asm = new Assembler(new CodeBuffer(128));
  const f = {
    cmp: form('cmp_r64_rm64'), cmp32: form('cmp_rm32_imm8'), jcc: form('jcc_rel8'), jmp: form('jmp_rel8'),
    add32: form('add_rm32_imm8'), movabs: form('mov_r64_imm64'), jmpM: form('jmp_rm64'), xor32: form('xor_r32_rm32'),
  };
  const savedSp = execLayout.offsets['savedSp']!;
  const loop = asm.buf.newLabel(), done = asm.buf.newLabel();
  asm.rm(T.mov64, Gpr.R8, mem(Gpr.RDI, EXEC_SLOTS));
  asm.rm(T.mov64, Gpr.R9, mem(Gpr.RDI, savedSp));
  asm.rm(T.mov64, Gpr.RDX, mem(Gpr.RSP, 0));
  asm.mr(T.store64, mem(Gpr.R8, SLOT), Gpr.RDX);
  asm.oi(T.movImm32, Gpr.RCX, 1);
  asm.rm(T.mov64, Gpr.RAX, Gpr.RBP);
  asm.buf.bindLabel(loop);
  asm.rm(f.cmp, Gpr.RAX, Gpr.RSP);
  asm.relLabel(f.jcc, done, 2 /* b: a frame may sit exactly at rsp (leaf, no spills) */);
  asm.rm(f.cmp, Gpr.RAX, Gpr.R9);
  asm.relLabel(f.jcc, done, 3 /* ae */);
  asm.mi(f.cmp32, Gpr.RCX, TRACE_MAX_FRAMES);
  asm.relLabel(f.jcc, done, 3 /* ae */);
  asm.rm(T.mov64, Gpr.RDX, mem(Gpr.RAX, 8));
  asm.mr(T.store64, mem(Gpr.R8, SLOT, Gpr.RCX, 8), Gpr.RDX);
  asm.mi(f.add32, Gpr.RCX, 1);
  asm.rm(T.mov64, Gpr.RAX, mem(Gpr.RAX, 0));
  asm.relLabel(f.jmp, loop);
  asm.buf.bindLabel(done);
  asm.mr(T.store64, mem(Gpr.R8, 0), Gpr.RCX);
  asm.mi(form('mov_rm32_imm32'), mem(Gpr.R8, 4), TRACE_MAGIC);
  asm.oi(f.movabs, Gpr.R11, zwExit);
  asm.m(f.jmpM, Gpr.R11);
  asm.buf.resolveFixups();
  return asm.buf.finish();
}
