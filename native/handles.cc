// JS values that own native objects: checked unwrapping and creation. Code and memory handles
// are externals (cheapest to unwrap); instance handles are wrapped objects, because they must
// also hold JS values (the host functions) in a way the garbage collector can trace.
#include "env_state.h"

namespace zw {

Handle* handleOf(napi_env env, napi_value value, HandleKind kind) {
  void* raw = nullptr;
  napi_status status = kind == HandleKind::Instance ? napi_unwrap(env, value, &raw)
                                                    : napi_get_value_external(env, value, &raw);
  if (status != napi_ok || raw == nullptr || static_cast<Handle*>(raw)->kind != kind) {
    napi_throw_type_error(env, nullptr, "expected a zerowasm native handle of another kind");
    return nullptr;
  }
  return static_cast<Handle*>(raw);
}

void* unwrapHandle(napi_env env, napi_value value, HandleKind kind) {
  Handle* handle = handleOf(env, value, kind);
  if (handle == nullptr) return nullptr;
  void* object = handle->object;
  if (object == nullptr) napi_throw_error(env, nullptr, "the native object was already freed");
  return object;
}

napi_value makeHandle(napi_env env, HandleKind kind, void* object, napi_finalize finalize) {
  auto* handle = new Handle{kind, object};
  napi_value result;
  napi_status status;
  if (kind == HandleKind::Instance) {
    status = napi_create_object(env, &result);
    if (status == napi_ok) status = napi_wrap(env, result, handle, finalize, nullptr, nullptr);
  } else {
    status = napi_create_external(env, handle, finalize, nullptr, &result);
  }
  if (status != napi_ok) {
    delete handle;
    return nullptr;
  }
  return result;
}

}  // namespace zw
