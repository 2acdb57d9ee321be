// Entry trampolines, host-call stubs and helper stubs, exercised with hand-assembled Wasm-
// convention functions (no compiler involved) linked into one image and run through the addon.
import { expect } from 'chai';
import { Assembler } from '../../src/backend/amd64/encoder.js';
import { form } from '../../src/backend/amd64/forms.js';
import { mem } from '../../src/backend/amd64/operands.js';
import { Gpr } from '../../src/backend/amd64/registers.js';
import { entryTrampoline, helperStub, hostCallStub } from '../../src/backend/amd64/trampolines.js';
import { CodeBuffer } from '../../src/backend/code-buffer.js';
import { linkImage, SymbolKind, type Piece } from '../../src/backend/link.js';
import { NativeInstance } from '../../src/engine/native/instance.js';
import { vmctxLayout } from '../../src/engine/native/layout.js';
import { RuntimeError } from '../../src/runtime/errors.js';
import { ValType, type FuncType } from '../../src/wasm/types.js';
import { addon, context, requireNative } from '../native/harness.js';

const I32 = ValType.I32, I64 = ValType.I64, F64 = ValType.F64, F32 = ValType.F32;
const T = {
  push: form('push_r64'), pop: form('pop_r64'), ret: form('ret'), mov: form('mov_r64_rm64'),
  sub: form('sub_r64_rm64'), lea32: form('lea_r32_m'), callM: form('call_rm64'), callRel: form('call_rel32'),
  movImm: form('mov_r32_imm32'), store: form('mov_rm64_r64'),
};

function asm(build: (a: Assembler) => void): Uint8Array {
  const a = new Assembler(new CodeBuffer());
  build(a);
  return a.buf.finish();
}

const piece = (name: string, code: Uint8Array, relocations: { offset: number; target: number }[] = []): Piece =>
  ({ name, kind: SymbolKind.Stub, funcIndex: -1, code, relocations });

/** Links pieces, maps them, and returns a caller of piece `entry` with the function at `callee`. */
function load(pieces: Piece[]) {
  const image = linkImage(pieces);
  const a = addon();
  const handle = a.codeCreate(image.bytes);
  const base = a.codeAddress(handle);
  return { image, handle, base, at: (i: number) => base + BigInt(image.symbols[i]!.offset) };
}

function run(inst: NativeInstance, loaded: ReturnType<typeof load>, entry: number, callee: number, calleeSlot: number): void {
  context().slots.i64[calleeSlot] = loaded.at(callee);
  const status = addon().call(inst.handle, loaded.handle, loaded.image.symbols[entry]!.offset, 0);
  if (status !== undefined && status !== 0) throw new RuntimeError(status as never);
}

/**
 * A function that calls import 0 as compiled code does: through the stub at [vmctx+size], with
 * the host instance's vmctx from [vmctx+size+8] in r15 (its own vmctx saved around the call).
 */
function callsImportZero(): Uint8Array {
  return asm((a) => {
    a.o(T.push, Gpr.RBP); a.rm(T.mov, Gpr.RBP, Gpr.RSP);
    a.o(T.push, Gpr.R15); a.o(T.push, Gpr.R15);
    a.rm(T.mov, Gpr.R11, Gpr.R15);
    a.rm(T.mov, Gpr.R15, mem(Gpr.R11, vmctxLayout.size + 8));
    a.m(T.callM, mem(Gpr.R11, vmctxLayout.size));
    a.o(T.pop, Gpr.R15); a.o(T.pop, Gpr.R15);
    a.o(T.pop, Gpr.RBP); a.zo(T.ret);
  });
}

describe('engine: amd64 trampolines', () => {
  requireNative();

  it('entry trampoline: register and stack arguments in, register and stack results out', () => {
    // f(i64 × 8) -> (i64 × 9): results 0..6 in rax, rdx, rcx, rsi, rdi, r8, r9; 7 and 8 on the stack.
    // Returns (p0, p1, p2, p3, p4, p5, p6 (stack), p7 − p6, p7).
    const type: FuncType = { params: Array(8).fill(I64), results: Array(9).fill(I64) };
    const f = asm((a) => {
      a.o(T.push, Gpr.RBP); a.rm(T.mov, Gpr.RBP, Gpr.RSP);
      a.rm(T.mov, Gpr.R10, mem(Gpr.RBP, 16)); // p6
      a.rm(T.mov, Gpr.R11, mem(Gpr.RBP, 24)); // p7
      a.mr(T.store, mem(Gpr.RBP, 16 + 24), Gpr.R11); // result 8 (stack slot 1 of the results area)
      a.rm(T.sub, Gpr.R11, Gpr.R10);
      a.mr(T.store, mem(Gpr.RBP, 16 + 16), Gpr.R11); // result 7
      // Rotate arguments into result registers: rax=p0(rdi), rdx=p1(rsi), rcx=p2(rdx), rsi=p3(rcx), rdi=p4(r8), r8=p5(r9), r9=p6
      a.rm(T.mov, Gpr.RAX, Gpr.RDI);
      a.rm(T.mov, Gpr.R11, Gpr.RDX); // p2
      a.rm(T.mov, Gpr.RDX, Gpr.RSI); // p1
      a.rm(T.mov, Gpr.RSI, Gpr.RCX); // p3
      a.rm(T.mov, Gpr.RCX, Gpr.R11); // p2
      a.rm(T.mov, Gpr.RDI, Gpr.R8);
      a.rm(T.mov, Gpr.R8, Gpr.R9);
      a.rm(T.mov, Gpr.R9, Gpr.R10);
      a.o(T.pop, Gpr.RBP); a.zo(T.ret);
    });
    const calleeSlot = 9;
    const loaded = load([piece('f', f), piece('entry', entryTrampoline(type, calleeSlot))]);
    const inst = new NativeInstance(addon(), []);
    const { slots } = context();
    for (let k = 0; k < 8; k++) slots.i64[k] = BigInt(100 + k) * 1_000_000_000_000n;
    run(inst, loaded, 1, 0, calleeSlot);
    const expected = [100, 101, 102, 103, 104, 105, 106, 1, 107].map((x) => BigInt(x) * 1_000_000_000_000n);
    expect(Array.from(slots.i64.subarray(0, 9))).to.deep.equal(expected);
    inst.free();
  });

  it('rejects a callee slot that overlaps arguments or results', () => {
    expect(() => entryTrampoline({ params: [I32, I32], results: [] }, 1)).to.throw(RangeError, /overlaps/);
  });

  it('host-call stub: a Wasm call reaches the JS function with its arguments and gets its results', () => {
    // f(a i32, b f64, c i64, d f32) -> (f64, i32) calls the import through [vmctx+80] (stub) with
    // vmctx [vmctx+88] (the host instance), as compiled code calls importedFuncs.
    const type: FuncType = { params: [I32, F64, I64, F32], results: [F64, I32] };
    const f = callsImportZero();
    const loaded = load([piece('f', f), piece('entry', entryTrampoline(type, 4)), piece('host stub', hostCallStub(type))]);
    const { slots } = context();
    const seen: unknown[] = [];
    const host = new NativeInstance(addon(), [() => {
      seen.push(slots.i32[0], slots.f64[1], slots.i64[2], slots.f32[6]);
      const sum = slots.i32[0]! + Number(slots.i64[2]!);
      slots.f64[0] = slots.f64[1]! * 2; // results overwrite the arguments: read them first
      slots.i32[2] = sum;
    }]);
    const inst = new NativeInstance(addon(), [], vmctxLayout.size + 16);
    inst.vmctx.setBigUint64(vmctxLayout.size, loaded.at(2), true);
    inst.vmctx.setBigUint64(vmctxLayout.size + 8, host.address, true);
    slots.i32[0] = -5; slots.f64[1] = 1.25; slots.i64[2] = 40n; slots.f32[6] = 0.5;
    run(inst, loaded, 1, 0, 4);
    expect(seen).to.deep.equal([-5, 1.25, 40n, 0.5]);
    expect(slots.f64[0]).to.equal(2.5);
    expect(slots.i32[2]).to.equal(35);
    host.free(); inst.free();
  });

  it('host-call stub: a JS exception unwinds every Wasm frame and reaches the caller unchanged', () => {
    const type: FuncType = { params: [], results: [] };
    const f = callsImportZero();
    const loaded = load([piece('f', f), piece('entry', entryTrampoline(type, 0)), piece('host stub', hostCallStub(type))]);
    const boom = new Error('boom');
    const host = new NativeInstance(addon(), [() => { throw boom; }]);
    const inst = new NativeInstance(addon(), [], vmctxLayout.size + 16);
    inst.vmctx.setBigUint64(vmctxLayout.size, loaded.at(2), true);
    inst.vmctx.setBigUint64(vmctxLayout.size + 8, host.address, true);
    let caught: unknown;
    try { run(inst, loaded, 1, 0, 0); } catch (e) { caught = e; }
    expect(caught).to.equal(boom);
    expect(context().depth()).to.equal(0);
    host.free(); inst.free();
  });

  it('helper stub: SysV arguments go to slots 0..4, slot 0 comes back in rax', () => {
    // f() -> i64: calls helper 1 of its own vmctx with (vmctx, 5, 6, 7, 8, 9).
    const type: FuncType = { params: [], results: [I64] };
    const f = asm((a) => {
      a.o(T.push, Gpr.RBP); a.rm(T.mov, Gpr.RBP, Gpr.RSP);
      a.rm(T.mov, Gpr.RDI, Gpr.R15);
      [Gpr.RSI, Gpr.RDX, Gpr.RCX, Gpr.R8, Gpr.R9].forEach((r, k) => a.oi(T.movImm, r, 5 + k));
      a.relDisp(T.callRel, 0);
      a.o(T.pop, Gpr.RBP); a.zo(T.ret);
    });
    const callSite = f.length - 2 - 4; // the rel32 before pop rbp; ret
    const loaded = load([piece('f', f, [{ offset: callSite, target: 2 }]), piece('entry', entryTrampoline(type, 1)), piece('helper', helperStub(1))]);
    const { slots } = context();
    let args: number[] = [];
    const inst = new NativeInstance(addon(), [() => { throw new Error('helper 0 must not be called'); }, () => {
      args = [0, 1, 2, 3, 4].map((k) => Number(slots.i64[k]!));
      slots.i64[0] = 1n << 40n;
    }]);
    run(inst, loaded, 1, 0, 1);
    expect(args).to.deep.equal([5, 6, 7, 8, 9]);
    expect(slots.i64[0]).to.equal(1n << 40n);
    inst.free();
  });
});
