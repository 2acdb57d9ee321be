// The table of JS-facing functions the addon exports (besides `call`, see call.h).
#pragma once
#include <node_api.h>

#include <cstddef>

namespace zw {

struct NamedFunction {
  const char* name;
  napi_callback callback;
};

extern const NamedFunction kBindings[];
extern const size_t kBindingCount;

}  // namespace zw
