// Hand-written amd64 machine code for the native tests. Each instruction is [hex bytes, Intel
// syntax]; snippets.test.ts checks every one against objdump. Entry ABI (SysV):
// rdi = vmctx, rsi = exec, rdx = slots. Offsets: exec+0x8 stackLimit, exec+0x10 interrupt,
// exec+0x18 exitFn, exec+0x20 hostCallFn; vmctx+0x8 memoryBase (layout.test.ts pins them).

export type Instr = readonly [hex: string, asm: string];

export interface Snippet {
  readonly name: string;
  readonly instrs: readonly Instr[];
}

export function bytesOf(snippet: Snippet): Uint8Array {
  const hex = snippet.instrs.map(([h]) => h).join(' ').trim().split(/\s+/);
  return Uint8Array.from(hex.map((b) => parseInt(b, 16)));
}

/** slots[0] = slots[0] + slots[1] (i64). */
export const addI64: Snippet = {
  name: 'addI64',
  instrs: [
    ['48 8b 02', 'mov rax, qword ptr [rdx]'],
    ['48 03 42 08', 'add rax, qword ptr [rdx+0x8]'],
    ['48 89 02', 'mov qword ptr [rdx], rax'],
    ['c3', 'ret'],
  ],
};

/** slots[0] = slots[0] * slots[1] (f64). */
export const mulF64: Snippet = {
  name: 'mulF64',
  instrs: [
    ['f2 0f 10 02', 'movsd xmm0, qword ptr [rdx]'],
    ['f2 0f 59 42 08', 'mulsd xmm0, qword ptr [rdx+0x8]'],
    ['f2 0f 11 02', 'movsd qword ptr [rdx], xmm0'],
    ['c3', 'ret'],
  ],
};

/** slots[0] = i64 load from memory0 at u32 index slots[0] (no bounds check: the guard traps). */
export const loadI64: Snippet = {
  name: 'loadI64',
  instrs: [
    ['48 8b 47 08', 'mov rax, qword ptr [rdi+0x8]'],
    ['8b 0a', 'mov ecx, dword ptr [rdx]'],
    ['48 8b 04 08', 'mov rax, qword ptr [rax+rcx*1]'],
    ['48 89 02', 'mov qword ptr [rdx], rax'],
    ['c3', 'ret'],
  ],
};

/** i64 store of slots[1] to memory0 at u32 index slots[0]. */
export const storeI64: Snippet = {
  name: 'storeI64',
  instrs: [
    ['48 8b 47 08', 'mov rax, qword ptr [rdi+0x8]'],
    ['8b 0a', 'mov ecx, dword ptr [rdx]'],
    ['4c 8b 42 08', 'mov r8, qword ptr [rdx+0x8]'],
    ['4c 89 04 08', 'mov qword ptr [rax+rcx*1], r8'],
    ['c3', 'ret'],
  ],
};

/** Calls host import slots[0] through the bridge, then adds 1 to the i64 it left in slots[0]. */
export const callHostThenIncrement: Snippet = {
  name: 'callHostThenIncrement',
  instrs: [
    ['53', 'push rbx'],
    ['48 89 d3', 'mov rbx, rdx'],
    ['48 87 fe', 'xchg rsi, rdi'],
    ['8b 13', 'mov edx, dword ptr [rbx]'],
    ['48 89 d9', 'mov rcx, rbx'],
    ['ff 57 20', 'call qword ptr [rdi+0x20]'],
    ['48 83 03 01', 'add qword ptr [rbx], 0x1'],
    ['5b', 'pop rbx'],
    ['c3', 'ret'],
  ],
};

/** Calls host import 0 slots[1] times (slots[1] >= 1), keeping vmctx/exec/slots in callee-saved registers. */
export const callHostNTimes: Snippet = {
  name: 'callHostNTimes',
  instrs: [
    ['53', 'push rbx'],
    ['41 54', 'push r12'],
    ['41 55', 'push r13'],
    ['48 89 d3', 'mov rbx, rdx'],
    ['49 89 fc', 'mov r12, rdi'],
    ['49 89 f5', 'mov r13, rsi'],
    ['4c 89 ef', 'mov rdi, r13'],
    ['4c 89 e6', 'mov rsi, r12'],
    ['31 d2', 'xor edx, edx'],
    ['48 89 d9', 'mov rcx, rbx'],
    ['41 ff 55 20', 'call qword ptr [r13+0x20]'],
    ['48 83 6b 08 01', 'sub qword ptr [rbx+0x8], 0x1'],
    ['75 ea', 'jne 0xe'],
    ['41 5d', 'pop r13'],
    ['41 5c', 'pop r12'],
    ['5b', 'pop rbx'],
    ['c3', 'ret'],
  ],
};

/** Spins until the interrupt flag is set, then exits with the Interrupted trap (11). */
export const spinUntilInterrupted: Snippet = {
  name: 'spinUntilInterrupted',
  instrs: [
    ['83 7e 10 00', 'cmp dword ptr [rsi+0x10], 0x0'],
    ['74 fa', 'je 0x0'],
    ['48 89 f7', 'mov rdi, rsi'],
    ['be 0b 00 00 00', 'mov esi, 0xb'],
    ['ff 67 18', 'jmp qword ptr [rdi+0x18]'],
  ],
};

/** Recurses forever; the prologue check against stackLimit exits with CallStackExhausted (10). */
export const recurseForever: Snippet = {
  name: 'recurseForever',
  instrs: [
    ['48 3b 66 08', 'cmp rsp, qword ptr [rsi+0x8]'],
    ['72 06', 'jb 0xc'],
    ['e8 f5 ff ff ff', 'call 0x0'],
    ['c3', 'ret'],
    ['48 89 f7', 'mov rdi, rsi'],
    ['be 0a 00 00 00', 'mov esi, 0xa'],
    ['ff 67 18', 'jmp qword ptr [rdi+0x18]'],
  ],
};

/** Recurses forever with no stack check: the stack guard faults and the handler traps it. */
export const recurseUnchecked: Snippet = {
  name: 'recurseUnchecked',
  instrs: [['e8 fb ff ff ff', 'call 0x0']],
};

/** Loads from address 0x10: a fault outside every linear memory. */
export const loadFromNull: Snippet = {
  name: 'loadFromNull',
  instrs: [
    ['48 8b 04 25 10 00 00 00', 'mov rax, qword ptr ds:0x10'],
    ['c3', 'ret'],
  ],
};

export const allSnippets: readonly Snippet[] = [
  addI64, mulF64, loadI64, storeI64, callHostThenIncrement, callHostNTimes, spinUntilInterrupted, recurseForever, recurseUnchecked, loadFromNull,
];
