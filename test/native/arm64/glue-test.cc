// arm64 check of the addon's Node-independent glue (zw_enter/zw_exit, the fault handler, code and
// linear memory), run under qemu-aarch64 by arm64-glue.test.ts. Hand-written arm64 code, one
// 32-bit word per instruction with its assembly; the test checks them with aarch64 objdump
// (`objdump -D -j .text.zwcode glue-test.o`). Exit code 0 and "ok" lines on success.
#include <cstdio>
#include <cstring>

#include "../../../native/code_memory.h"
#include "../../../native/entry.h"
#include "../../../native/linear_memory.h"
#include "../../../native/signals.h"

using zw::ExecContext;
using zw::VmContext;

#define CODE __attribute__((section(".text.zwcode"), aligned(4))) const uint32_t

// slots[0] = slots[0] + slots[1]
CODE kAdd[] = {
    0xf9400049,  // ldr x9, [x2]
    0xf940044a,  // ldr x10, [x2, #8]
    0x8b0a0129,  // add x9, x9, x10
    0xf9000049,  // str x9, [x2]
    0xd65f03c0,  // ret
};
// slots[0] = i64 load from memoryBase + u32 slots[0]
CODE kLoad[] = {
    0xf9400409,  // ldr x9, [x0, #8]
    0xb940004a,  // ldr w10, [x2]
    0xf86a6929,  // ldr x9, [x9, x10]
    0xf9000049,  // str x9, [x2]
    0xd65f03c0,  // ret
};
// exit with status 11 through exec->exitFn
CODE kExit[] = {
    0xaa0103e0,  // mov x0, x1
    0x52800161,  // mov w1, #0xb
    0xf9400c09,  // ldr x9, [x0, #24]
    0xd61f0120,  // br x9
};
// calls the C function at slots[1] with (exec), then returns
CODE kCallC[] = {
    0xa9bf7bfd,  // stp x29, x30, [sp, #-16]!
    0x910003fd,  // mov x29, sp
    0xaa0103e0,  // mov x0, x1
    0xf9400449,  // ldr x9, [x2, #8]
    0xd63f0120,  // blr x9
    0xa8c17bfd,  // ldp x29, x30, [sp], #16
    0xd65f03c0,  // ret
};

static int failures = 0;
static void check(bool ok, const char* what) {
  std::printf("%s %s\n", ok ? "ok" : "FAIL", what);
  if (!ok) failures++;
}

static uintptr_t load(const uint32_t* words, size_t bytes) {
  const char* error = nullptr;
  zw::CodeRegion* r = zw::codeCreate(reinterpret_cast<const uint8_t*>(words), bytes, &error);
  if (r == nullptr) {
    std::printf("FAIL codeCreate: %s\n", error);
    failures++;
    return 0;
  }
  return r->base;
}

static ExecContext exec;
static uint64_t slots[16];
static VmContext vmctx;
static uintptr_t loadCode;
static uint32_t nestedStatus;

extern "C" void nestedEntry(ExecContext* e) {
  slots[0] = 1u << 20;  // out of bounds
  nestedStatus = zw_enter(loadCode, &vmctx, e, slots);
}

int main() {
  std::memset(&exec, 0, sizeof exec);
  exec.exitFn = reinterpret_cast<uintptr_t>(&zw_exit);
  exec.slots = slots;
  check(zw::installSignalHandlers() == nullptr, "signal handlers installed");
  zw::setThreadExec(&exec);
  const char* error = nullptr;
  zw::LinearMemory* memory = zw::memoryCreate(1, 2, true, &error);
  check(memory != nullptr, "guarded memory reserved");
  if (memory == nullptr) return 1;
  vmctx.exec = &exec;
  vmctx.memoryBase = reinterpret_cast<uintptr_t>(memory->base);

  uintptr_t add = load(kAdd, sizeof kAdd);
  slots[0] = 40;
  slots[1] = 2;
  uint32_t status = zw_enter(add, &vmctx, &exec, slots);
  check(status == 0 && slots[0] == 42, "arguments and results through slots");
  check(exec.savedSp == 0, "savedSp restored after return");

  loadCode = load(kLoad, sizeof kLoad);
  std::memcpy(memory->base + 16, "\x2a\0\0\0\0\0\0\0", 8);
  slots[0] = 16;
  status = zw_enter(loadCode, &vmctx, &exec, slots);
  check(status == 0 && slots[0] == 42, "load from linear memory");
  slots[0] = 65536;
  status = zw_enter(loadCode, &vmctx, &exec, slots);
  check(status == ZW_STATUS_MEMORY_OUT_OF_BOUNDS, "guard-region fault becomes a trap");
  check(exec.faultAddr == vmctx.memoryBase + 65536, "fault address recorded");
  check(zw::memoryGrow(memory, 1) == 1, "grow in place");
  slots[0] = 65536;
  status = zw_enter(loadCode, &vmctx, &exec, slots);
  check(status == 0 && slots[0] == 0, "grown page readable and zero");

  uintptr_t exitCode = load(kExit, sizeof kExit);
  status = zw_enter(exitCode, &vmctx, &exec, slots);
  check(status == 11 && exec.savedSp == 0, "explicit exit with a status");

  uintptr_t callC = load(kCallC, sizeof kCallC);
  slots[1] = reinterpret_cast<uintptr_t>(&nestedEntry);
  status = zw_enter(callC, &vmctx, &exec, slots);
  check(status == 0 && nestedStatus == ZW_STATUS_MEMORY_OUT_OF_BOUNDS, "nested entry traps to the inner entry only");
  check(exec.savedSp == 0, "savedSp restored after nesting");
  return failures == 0 ? 0 : 1;
}
