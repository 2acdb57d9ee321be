// The fault handler. A fault is ours when the thread is inside an entry (exec->savedSp != 0), the
// PC is in a registered code region and the fault address is in a linear-memory reservation.
// Then the handler rewrites the saved context so that, on return from the signal, the thread
// resumes in zw_exit(exec, MemoryOutOfBounds): sigreturn restores the signal mask for us.
// Any other fault is passed on, exactly as if our handler were not there.
#include "signals.h"

#include <signal.h>
#include <sys/mman.h>
#include <ucontext.h>

#include <atomic>
#include <cstring>
#include <mutex>

#include "entry.h"
#include "ranges.h"

namespace zw {
namespace {

// initial-exec: reading it in the handler must not call into the TLS allocator.
thread_local ExecContext* threadExec __attribute__((tls_model("initial-exec"))) = nullptr;

// How far below the stack limit a fault still counts as a stack overflow of generated code:
// the headroom kept above the thread's lowest stack address plus the kernel's guard gap.
constexpr uintptr_t kOverflowWindow = 2 * 1024 * 1024;
constexpr size_t kAltStackBytes = 64 * 1024;

// The handler must run even when the fault is a stack overflow, so each thread that runs
// generated code gets an alternate signal stack (unless it has one), released when the thread
// exits (worker threads come and go). Only normal code touches this; the handler never does.
struct AltStack {
  bool checked = false;
  void* memory = nullptr;
  ~AltStack() {
    if (memory == nullptr) return;
    stack_t off;
    std::memset(&off, 0, sizeof off);
    off.ss_flags = SS_DISABLE;
    sigaltstack(&off, nullptr);
    munmap(memory, kAltStackBytes);
  }
};
thread_local AltStack altStack;

void ensureAltStack() {
  if (altStack.checked) return;
  altStack.checked = true;
  stack_t current;
  if (sigaltstack(nullptr, &current) == 0 && !(current.ss_flags & SS_DISABLE)) return;
  void* memory = mmap(nullptr, kAltStackBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) return;
  stack_t alt;
  alt.ss_sp = memory;
  alt.ss_size = kAltStackBytes;
  alt.ss_flags = 0;
  if (sigaltstack(&alt, nullptr) != 0) {
    munmap(memory, kAltStackBytes);
    return;
  }
  altStack.memory = memory;
}

struct sigaction previousSegv;
struct sigaction previousBus;
std::once_flag installOnce;
const char* installError = nullptr;

#if defined(__x86_64__)
uintptr_t pcOf(ucontext_t* uc) { return uc->uc_mcontext.gregs[REG_RIP]; }
void redirectToExit(ucontext_t* uc, ExecContext* exec, uint32_t status) {
  uc->uc_mcontext.gregs[REG_RIP] = reinterpret_cast<greg_t>(&zw_exit);
  uc->uc_mcontext.gregs[REG_RDI] = reinterpret_cast<greg_t>(exec);
  uc->uc_mcontext.gregs[REG_RSI] = status;
}
// A memory fault leaves the stack usable: resume in exec->exitFn as if the faulting code had
// called it from just after the faulting instruction, so the trace exit names every frame
// (the pushed word lies below SP, in space nothing reads again: the exit never returns).
void redirectToTracedExit(ucontext_t* uc, ExecContext* exec, uint32_t status, uintptr_t pc) {
  auto sp = static_cast<uintptr_t>(uc->uc_mcontext.gregs[REG_RSP]) - 8;
  *reinterpret_cast<uintptr_t*>(sp) = pc + 1;
  uc->uc_mcontext.gregs[REG_RSP] = static_cast<greg_t>(sp);
  uc->uc_mcontext.gregs[REG_RIP] = static_cast<greg_t>(exec->exitFn);
  uc->uc_mcontext.gregs[REG_RDI] = reinterpret_cast<greg_t>(exec);
  uc->uc_mcontext.gregs[REG_RSI] = status;
}
#elif defined(__aarch64__)
uintptr_t pcOf(ucontext_t* uc) { return uc->uc_mcontext.pc; }
void redirectToExit(ucontext_t* uc, ExecContext* exec, uint32_t status) {
  uc->uc_mcontext.pc = reinterpret_cast<uintptr_t>(&zw_exit);
  uc->uc_mcontext.regs[0] = reinterpret_cast<uintptr_t>(exec);
  uc->uc_mcontext.regs[1] = status;
}
void redirectToTracedExit(ucontext_t* uc, ExecContext* exec, uint32_t status, uintptr_t) {
  redirectToExit(uc, exec, status);  // no arm64 backend yet: nothing to trace
}
#endif

void passOn(int sig, siginfo_t* info, void* context) {
  const struct sigaction& prev = sig == SIGBUS ? previousBus : previousSegv;
  if (prev.sa_flags & SA_SIGINFO) {
    prev.sa_sigaction(sig, info, context);
    return;
  }
  if (prev.sa_handler == SIG_DFL || prev.sa_handler == SIG_IGN) {
    // Default action: restore it; a real fault re-executes and kills, a sent signal is re-raised.
    signal(sig, SIG_DFL);
    if (info->si_code <= 0) raise(sig);
    return;
  }
  prev.sa_handler(sig);
}

void onFault(int sig, siginfo_t* info, void* context) {
  auto* uc = static_cast<ucontext_t*>(context);
  ExecContext* exec = threadExec;
  uintptr_t pc = pcOf(uc);
  auto address = reinterpret_cast<uintptr_t>(info->si_addr);
  if (exec != nullptr && exec->savedSp != 0 && info->si_code > 0 && inRange(RangeKind::Code, pc)) {
    uint32_t status = 0;
    if (inRange(RangeKind::Memory, address)) {
      status = ZW_STATUS_MEMORY_OUT_OF_BOUNDS;
    } else if (address < exec->stackLimit && address + kOverflowWindow >= exec->stackLimit) {
      // A frame that outgrew the prologue's check: still a trap, not a crash. zw_exit resets SP.
      status = ZW_STATUS_CALL_STACK_EXHAUSTED;
    }
    if (status != 0) {
      exec->faultPc = pc;
      exec->faultAddr = address;
      if (status == ZW_STATUS_MEMORY_OUT_OF_BOUNDS) redirectToTracedExit(uc, exec, status, pc);
      else redirectToExit(uc, exec, status);  // SP is in the guard page: push nothing
      return;
    }
  }
  passOn(sig, info, context);
}

void install() {
  struct sigaction action;
  std::memset(&action, 0, sizeof action);
  action.sa_sigaction = onFault;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  if (sigaction(SIGSEGV, &action, &previousSegv) != 0) {
    installError = "sigaction(SIGSEGV) failed";
    return;
  }
  if (sigaction(SIGBUS, &action, &previousBus) != 0) {
    sigaction(SIGSEGV, &previousSegv, nullptr);
    installError = "sigaction(SIGBUS) failed";
  }
}

}  // namespace

const char* installSignalHandlers() {
  std::call_once(installOnce, install);
  return installError;
}

void setThreadExec(ExecContext* exec) {
  threadExec = exec;
  ensureAltStack();
}

}  // namespace zw
