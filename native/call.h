// Calling generated code from JS, and the host-call bridge generated code calls back into JS.
#pragma once
#include <node_api.h>

#include "contexts.h"

namespace zw {

// JS: call(instance, code, offset, timeoutMs) -> exit status (0 or a trap kind); a host exception
// is rethrown instead of returning.
napi_value callExport(napi_env env, napi_callback_info info);

}  // namespace zw

extern "C" {
// Generated code calls this with (exec, vmctx, import index, slot buffer). It returns normally when
// the JS function returned; when it threw, it unwinds straight to the innermost entry instead.
void zw_host_call(zw::ExecContext* exec, zw::VmContext* vmctx, uint32_t importIndex, uint64_t* slots);
}
