// zw_enter / zw_exit: a setjmp/longjmp pair in a few instructions. zw_enter's frame holds the
// callee-saved registers, the exec pointer and the previous exec->savedSp, so a nested entry
// (host -> export) restores the outer one on the way out, whether it returns or exits.
#include "entry.h"

#define ZW_STR2(x) #x
#define ZW_STR(x) ZW_STR2(x)
#define SAVED_SP ZW_STR(ZW_EXEC_SAVED_SP)
#define EXIT_FN ZW_STR(ZW_EXEC_EXIT_FN)

#if defined(__x86_64__)
// Frame after the pushes (from rsp up): pad, exec, prev savedSp, r15, r14, r13, r12, rbx, rbp, ret.
// Eight pushes plus the pad keep rsp 16-byte aligned at the call, as the SysV ABI requires.
asm(R"(
  .text
  .globl zw_enter
  .hidden zw_enter
  .type zw_enter, @function
  .p2align 4
zw_enter:
  push %rbp
  mov %rsp, %rbp
  push %rbx
  push %r12
  push %r13
  push %r14
  push %r15
  pushq )" SAVED_SP R"((%rdx)
  push %rdx
  sub $8, %rsp
  mov %rsp, )" SAVED_SP R"((%rdx)
  mov %rdi, %rax
  mov %rsi, %rdi
  mov %rdx, %rsi
  mov %rcx, %rdx
  call *%rax
  xor %eax, %eax
zw_enter_return:
  add $8, %rsp
  pop %rdx
  pop %rcx
  mov %rcx, )" SAVED_SP R"((%rdx)
  pop %r15
  pop %r14
  pop %r13
  pop %r12
  pop %rbx
  pop %rbp
  ret
  .size zw_enter, .-zw_enter

  .globl zw_exit
  .hidden zw_exit
  .type zw_exit, @function
  .p2align 4
zw_exit:
  mov )" SAVED_SP R"((%rdi), %rsp
  mov %esi, %eax
  jmp zw_enter_return
  .size zw_exit, .-zw_exit

  .globl zw_exit_from
  .hidden zw_exit_from
  .type zw_exit_from, @function
  .p2align 4
zw_exit_from:
  mov %rdx, %rbp
  call *)" EXIT_FN R"((%rdi)
  .size zw_exit_from, .-zw_exit_from
)");

#elif defined(__aarch64__)
// Frame (176 bytes, from sp up): x29, x30, x19..x28, d8..d15, exec, prev savedSp.
asm(R"(
  .text
  .globl zw_enter
  .hidden zw_enter
  .type zw_enter, %function
  .p2align 4
zw_enter:
  stp x29, x30, [sp, #-176]!
  mov x29, sp
  stp x19, x20, [sp, #16]
  stp x21, x22, [sp, #32]
  stp x23, x24, [sp, #48]
  stp x25, x26, [sp, #64]
  stp x27, x28, [sp, #80]
  stp d8, d9, [sp, #96]
  stp d10, d11, [sp, #112]
  stp d12, d13, [sp, #128]
  stp d14, d15, [sp, #144]
  ldr x9, [x2, #)" SAVED_SP R"(]
  stp x2, x9, [sp, #160]
  mov x9, sp
  str x9, [x2, #)" SAVED_SP R"(]
  mov x9, x0
  mov x0, x1
  mov x1, x2
  mov x2, x3
  blr x9
  mov w0, #0
zw_enter_return:
  ldp x2, x9, [sp, #160]
  str x9, [x2, #)" SAVED_SP R"(]
  ldp x19, x20, [sp, #16]
  ldp x21, x22, [sp, #32]
  ldp x23, x24, [sp, #48]
  ldp x25, x26, [sp, #64]
  ldp x27, x28, [sp, #80]
  ldp d8, d9, [sp, #96]
  ldp d10, d11, [sp, #112]
  ldp d12, d13, [sp, #128]
  ldp d14, d15, [sp, #144]
  ldp x29, x30, [sp], #176
  ret
  .size zw_enter, .-zw_enter

  .globl zw_exit
  .hidden zw_exit
  .type zw_exit, %function
  .p2align 4
zw_exit:
  ldr x9, [x0, #)" SAVED_SP R"(]
  mov sp, x9
  mov w0, w1
  b zw_enter_return
  .size zw_exit, .-zw_exit

  .globl zw_exit_from
  .hidden zw_exit_from
  .type zw_exit_from, %function
  .p2align 4
zw_exit_from:
  b zw_exit
  .size zw_exit_from, .-zw_exit_from
)");

#else
#error "zerowasm's native addon supports x86-64 and arm64 only"
#endif
