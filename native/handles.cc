// JS externals that own native objects: checked unwrapping and creation. Externals are the
// cheapest handles to unwrap (napi_unwrap of a wrapped object costs about 3 Node-API calls).
#include "env_state.h"

namespace zw {

Handle* handleOf(napi_env env, napi_value value, HandleKind kind) {
  void* raw = nullptr;
  if (napi_get_value_external(env, value, &raw) != napi_ok || raw == nullptr || static_cast<Handle*>(raw)->kind != kind) {
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
  if (napi_create_external(env, handle, finalize, nullptr, &result) != napi_ok) {
    delete handle;
    return nullptr;
  }
  return result;
}

}  // namespace zw
