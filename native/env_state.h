// Addon state per Node environment (main thread or worker) and the handle objects JS holds.
#pragma once
#include <node_api.h>

#include <vector>

#include "contexts.h"

namespace zw {

// One per environment; its ExecContext lives in a JS ArrayBuffer so TS can read it directly.
struct EnvState {
  napi_env env;
  ExecContext* exec;
  napi_ref execBuffer;
  napi_ref slotBuffer;
};

// The JS functions an instance imports, indexed by import index (the host-call bridge's table).
struct HostTable {
  std::vector<napi_ref> funcs;
};

enum class HandleKind : uint32_t { Code = 0xC0DE0001, Memory = 0xC0DE0002, Instance = 0xC0DE0003, Entry = 0xC0DE0004 };

// What a JS external points at. `object` is null once explicitly freed; the finalizer frees the
// rest when the external is collected.
struct Handle {
  HandleKind kind;
  void* object;
};

struct Instance {
  VmContext* vmctx;
  napi_ref vmctxBuffer;
  HostTable hosts;
  uint32_t activeEntries;  // calls entered with this instance and not yet returned
};

// Returns the handle if `value` is one of `kind` (freed or not), else throws and returns null.
Handle* handleOf(napi_env env, napi_value value, HandleKind kind);
// Returns the live object of `value` if it is a handle of `kind`, else throws and returns null.
void* unwrapHandle(napi_env env, napi_value value, HandleKind kind);
napi_value makeHandle(napi_env env, HandleKind kind, void* object, napi_finalize finalize);

}  // namespace zw
