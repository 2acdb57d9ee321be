// Calling generated code from JS, and the host-call bridge generated code calls back into JS.
#pragma once
#include <node_api.h>

#include "contexts.h"

namespace zw {

// JS: call(instance, code, offset, timeoutMs?) -> undefined, or the trap kind; a host exception is
// rethrown instead of returning.
napi_value callExport(napi_env env, napi_callback_info info);
// JS: entryCreate(instance, code, offset) -> entry handle: a call target validated once.
napi_value entryCreate(napi_env env, napi_callback_info info);
// JS: callEntry(entry, timeoutMs?) -> like call, with one handle to unwrap instead of three
// arguments to convert (the fast path: about a third of call's cost on top of Node-API's own).
napi_value callEntry(napi_env env, napi_callback_info info);
// JS: entryFunction(instance, code, offset, timeoutMs?) -> a function `() => undefined | trap kind`
// that calls the entry: the fastest path, its call passes nothing for the addon to convert.
napi_value entryFunction(napi_env env, napi_callback_info info);

}  // namespace zw

extern "C" {
// Generated code calls this with (exec, vmctx, import index, slot buffer, frame), `frame` being
// the calling stub's frame pointer (0 if unknown). It returns normally when the JS function
// returned; when it threw, it unwinds straight to the innermost entry instead, through
// exec->exitFn from `frame` when known (so the trace exit records the Wasm frames below it).
void zw_host_call(zw::ExecContext* exec, zw::VmContext* vmctx, uint32_t importIndex, uint64_t* slots, uintptr_t frame);
}
