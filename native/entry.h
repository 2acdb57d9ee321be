// The entry/exit glue between the addon and generated code (hand-written assembly, entry.cc).
#pragma once
#include <cstdint>

#include "contexts.h"

extern "C" {
// Saves the callee-saved registers, records SP in exec->savedSp (keeping the previous value for
// nesting), calls fn(vmctx, exec, slots) under the platform C ABI and returns ZW_STATUS_OK when
// fn returns, or the status passed to zw_exit when something jumps there instead.
uint32_t zw_enter(uintptr_t fn, zw::VmContext* vmctx, zw::ExecContext* exec, uint64_t* slots);
// Unwinds every frame above the innermost zw_enter of `exec` and makes it return `status`.
// Generated trap stubs jump here; the signal handler redirects faulting code here.
[[noreturn]] void zw_exit(zw::ExecContext* exec, uint32_t status);
// Like zw_exit, but through exec->exitFn as if a trap stub of the code owning the frame-pointer
// chain at `frame` had called it (x86-64: the trace exit then records the Wasm frames below).
[[noreturn]] void zw_exit_from(zw::ExecContext* exec, uint32_t status, uintptr_t frame);
}
