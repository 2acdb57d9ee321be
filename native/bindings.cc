// The JS-facing functions for code regions, linear memories and instances. Each takes and
// returns handles (externals); the TS wrapper in src/engine/native/ gives them types.
#include "bindings.h"

#include "call.h"

#include "code_memory.h"
#include "env_state.h"
#include "linear_memory.h"

namespace zw {
namespace {

constexpr size_t kMaxArgs = 4;

struct Args {
  size_t count = kMaxArgs;
  napi_value values[kMaxArgs];
  void* data = nullptr;
  Args(napi_env env, napi_callback_info info) { napi_get_cb_info(env, info, &count, values, nullptr, &data); }
};

napi_value throwError(napi_env env, const char* message) {
  napi_throw_error(env, nullptr, message);
  return nullptr;
}

// A whole number in [0, 2^32); anything else (negative, fractional, not a number) clears *ok.
uint32_t u32Arg(napi_env env, const Args& args, size_t i, bool* ok) {
  double v = -1;
  if (i >= args.count || napi_get_value_double(env, args.values[i], &v) != napi_ok || !(v >= 0) || v > 4294967295.0 ||
      v != static_cast<double>(static_cast<uint64_t>(v))) {
    *ok = false;
    return 0;
  }
  return static_cast<uint32_t>(v);
}

napi_value bigint(napi_env env, uint64_t v) {
  napi_value r;
  napi_create_bigint_uint64(env, v, &r);
  return r;
}

napi_value number(napi_env env, double v) {
  napi_value r;
  napi_create_double(env, v, &r);
  return r;
}

napi_value undefined(napi_env env) {
  napi_value r;
  napi_get_undefined(env, &r);
  return r;
}

// ---- code regions ----

void finalizeCode(napi_env, void* data, void*) {
  auto* h = static_cast<Handle*>(data);
  if (h->object != nullptr) codeFree(static_cast<CodeRegion*>(h->object));
  delete h;
}

napi_value codeCreateJs(napi_env env, napi_callback_info info) {
  Args args(env, info);
  bool isTyped = false;
  if (args.count >= 1) napi_is_typedarray(env, args.values[0], &isTyped);
  napi_typedarray_type type;
  size_t length = 0;
  void* bytes = nullptr;
  if (!isTyped || napi_get_typedarray_info(env, args.values[0], &type, &length, &bytes, nullptr, nullptr) != napi_ok ||
      type != napi_uint8_array) {
    napi_throw_type_error(env, nullptr, "codeCreate expects a Uint8Array of machine code");
    return nullptr;
  }
  const char* error = nullptr;
  CodeRegion* region = codeCreate(static_cast<const uint8_t*>(bytes), length, &error);
  if (region == nullptr) return throwError(env, error);
  return makeHandle(env, HandleKind::Code, region, finalizeCode);
}

napi_value codeFreeJs(napi_env env, napi_callback_info info) {
  Args args(env, info);
  Handle* h = args.count >= 1 ? handleOf(env, args.values[0], HandleKind::Code) : nullptr;
  if (h == nullptr) return nullptr;
  auto* region = static_cast<CodeRegion*>(h->object);
  if (region != nullptr && region->activeEntries > 0) return throwError(env, "cannot free code that is running");
  if (region != nullptr) codeFree(region);
  h->object = nullptr;
  return undefined(env);
}

napi_value codeAddressJs(napi_env env, napi_callback_info info) {
  Args args(env, info);
  auto* region = static_cast<CodeRegion*>(unwrapHandle(env, args.values[0], HandleKind::Code));
  return region == nullptr ? nullptr : bigint(env, region->base);
}

// ---- linear memories ----

int64_t committedBytes(const LinearMemory* m) { return static_cast<int64_t>(m->pages * ZW_WASM_PAGE); }

void finalizeMemory(napi_env env, void* data, void*) {
  auto* h = static_cast<Handle*>(data);
  if (h->object != nullptr) memoryClose(static_cast<LinearMemory*>(h->object));
  delete h;
}

napi_value memoryCreateJs(napi_env env, napi_callback_info info) {
  Args args(env, info);
  bool ok = true;
  uint32_t initial = u32Arg(env, args, 0, &ok);
  uint32_t maximum = u32Arg(env, args, 1, &ok);
  bool guarded = true;
  if (args.count >= 3) napi_get_value_bool(env, args.values[2], &guarded);
  if (!ok) {
    napi_throw_type_error(env, nullptr, "memoryCreate(initialPages, maxPages, guarded) needs page counts");
    return nullptr;
  }
  const char* error = nullptr;
  LinearMemory* m = memoryCreate(initial, maximum, guarded, &error);
  if (m == nullptr) return throwError(env, error);
  int64_t adjusted;
  napi_adjust_external_memory(env, committedBytes(m), &adjusted);
  return makeHandle(env, HandleKind::Memory, m, finalizeMemory);
}

napi_value memoryGrowJs(napi_env env, napi_callback_info info) {
  Args args(env, info);
  auto* m = static_cast<LinearMemory*>(unwrapHandle(env, args.values[0], HandleKind::Memory));
  if (m == nullptr) return nullptr;
  bool ok = true;
  uint32_t delta = u32Arg(env, args, 1, &ok);
  if (!ok) {
    napi_throw_type_error(env, nullptr, "memoryGrow(memory, deltaPages) needs a page count");
    return nullptr;
  }
  int64_t old = memoryGrow(m, delta);
  if (old >= 0 && delta > 0) {
    int64_t adjusted;
    napi_adjust_external_memory(env, static_cast<int64_t>(delta) * ZW_WASM_PAGE, &adjusted);
  }
  return number(env, static_cast<double>(old));
}

napi_value memoryInfoJs(napi_env env, napi_callback_info info) {
  Args args(env, info);
  auto* m = static_cast<LinearMemory*>(unwrapHandle(env, args.values[0], HandleKind::Memory));
  if (m == nullptr) return nullptr;
  napi_value result, pages, max, reserved, base, guarded;
  napi_create_object(env, &result);
  napi_create_double(env, static_cast<double>(m->pages), &pages);
  napi_create_double(env, static_cast<double>(m->maxPages), &max);
  napi_create_double(env, static_cast<double>(m->reservedBytes), &reserved);
  napi_get_boolean(env, m->guarded, &guarded);
  base = bigint(env, reinterpret_cast<uintptr_t>(m->base));
  napi_set_named_property(env, result, "pages", pages);
  napi_set_named_property(env, result, "maxPages", max);
  napi_set_named_property(env, result, "reservedBytes", reserved);
  napi_set_named_property(env, result, "base", base);
  napi_set_named_property(env, result, "guarded", guarded);
  return result;
}

void finalizeMemoryBuffer(napi_env, void*, void* hint) { memoryRelease(static_cast<LinearMemory*>(hint)); }

// A new ArrayBuffer over the current size. It holds a reference, so the mapping outlives an
// explicit free for as long as JS can still reach the bytes.
napi_value memoryBufferJs(napi_env env, napi_callback_info info) {
  Args args(env, info);
  auto* m = static_cast<LinearMemory*>(unwrapHandle(env, args.values[0], HandleKind::Memory));
  if (m == nullptr) return nullptr;
  memoryRetain(m);
  napi_value result;
  if (napi_create_external_arraybuffer(env, m->base, static_cast<size_t>(committedBytes(m)), finalizeMemoryBuffer, m,
                                       &result) != napi_ok) {
    memoryRelease(m);
    return throwError(env, "cannot create an ArrayBuffer over linear memory");
  }
  return result;
}

napi_value memoryFreeJs(napi_env env, napi_callback_info info) {
  Args args(env, info);
  Handle* h = args.count >= 1 ? handleOf(env, args.values[0], HandleKind::Memory) : nullptr;
  if (h == nullptr) return nullptr;
  if (h->object != nullptr) {
    auto* m = static_cast<LinearMemory*>(h->object);
    int64_t adjusted;
    napi_adjust_external_memory(env, -committedBytes(m), &adjusted);
    memoryClose(m);
  }
  h->object = nullptr;
  return undefined(env);
}

// ---- instances ----

void destroyInstance(napi_env env, Instance* instance) {
  for (napi_ref r : instance->hosts.funcs) napi_delete_reference(env, r);
  if (instance->vmctxBuffer != nullptr) {
    // The buffer is still alive here (our reference holds it). Code that wrongly keeps using it
    // then gets "import index out of range" from the bridge, not a dangling host table.
    instance->vmctx->hostFuncs = nullptr;
    napi_delete_reference(env, instance->vmctxBuffer);
  }
  delete instance;
}

void finalizeInstance(napi_env env, void* data, void*) {
  auto* h = static_cast<Handle*>(data);
  if (h->object != nullptr) destroyInstance(env, static_cast<Instance*>(h->object));
  delete h;
}

// instanceCreate(vmctx: ArrayBuffer, hostFunctions: Function[]): the addon fills in the exec and
// hostFuncs fields of the vmctx; TS fills in the rest.
napi_value instanceCreateJs(napi_env env, napi_callback_info info) {
  Args args(env, info);
  auto* state = static_cast<EnvState*>(args.data);
  bool isBuffer = false, isArray = false;
  if (args.count >= 2) {
    napi_is_arraybuffer(env, args.values[0], &isBuffer);
    napi_is_array(env, args.values[1], &isArray);
  }
  if (!isBuffer || !isArray) {
    napi_throw_type_error(env, nullptr, "instanceCreate(vmctx: ArrayBuffer, hostFunctions: Function[])");
    return nullptr;
  }
  void* data = nullptr;
  size_t length = 0;
  napi_get_arraybuffer_info(env, args.values[0], &data, &length);
  if (length < ZW_SIZEOF_VM_CONTEXT || reinterpret_cast<uintptr_t>(data) % 16 != 0) {
    napi_throw_range_error(env, nullptr, "instanceCreate: vmctx buffer too small or misaligned");
    return nullptr;
  }
  uint32_t count = 0;
  napi_get_array_length(env, args.values[1], &count);
  // The addon refers to the functions weakly; the caller keeps them alive next to the handle
  // (src/engine/native/instance.ts). A strong native reference would be a GC root, and host
  // functions that close over their instance would then keep it alive forever.
  auto* instance = new Instance{static_cast<VmContext*>(data), nullptr, {}, 0};
  for (uint32_t i = 0; i < count; i++) {
    napi_value fn;
    napi_valuetype type = napi_undefined;
    napi_get_element(env, args.values[1], i, &fn);
    napi_typeof(env, fn, &type);
    if (type != napi_function) {
      destroyInstance(env, instance);
      napi_throw_type_error(env, nullptr, "instanceCreate: every host function must be a function");
      return nullptr;
    }
    napi_ref ref;
    napi_create_reference(env, fn, 0, &ref);
    instance->hosts.funcs.push_back(ref);
  }
  napi_create_reference(env, args.values[0], 1, &instance->vmctxBuffer);
  instance->vmctx->exec = state->exec;
  instance->vmctx->hostFuncs = &instance->hosts;
  napi_value handle = makeHandle(env, HandleKind::Instance, instance, finalizeInstance);
  if (handle == nullptr) {
    destroyInstance(env, instance);
    return throwError(env, "cannot create an instance handle");
  }
  return handle;
}

napi_value instanceFreeJs(napi_env env, napi_callback_info info) {
  Args args(env, info);
  Handle* h = args.count >= 1 ? handleOf(env, args.values[0], HandleKind::Instance) : nullptr;
  if (h == nullptr) return nullptr;
  auto* instance = static_cast<Instance*>(h->object);
  if (instance != nullptr && instance->activeEntries > 0) return throwError(env, "cannot free an instance that is running");
  if (instance != nullptr) destroyInstance(env, instance);
  h->object = nullptr;
  return undefined(env);
}

napi_value instanceAddressJs(napi_env env, napi_callback_info info) {
  Args args(env, info);
  auto* instance = static_cast<Instance*>(unwrapHandle(env, args.values[0], HandleKind::Instance));
  return instance == nullptr ? nullptr : bigint(env, reinterpret_cast<uintptr_t>(instance->vmctx));
}

}  // namespace

const NamedFunction kBindings[] = {
    {"codeCreate", codeCreateJs},
    {"codeFree", codeFreeJs},
    {"codeAddress", codeAddressJs},
    {"memoryCreate", memoryCreateJs},
    {"memoryGrow", memoryGrowJs},
    {"memoryInfo", memoryInfoJs},
    {"memoryBuffer", memoryBufferJs},
    {"memoryFree", memoryFreeJs},
    {"instanceCreate", instanceCreateJs},
    {"instanceFree", instanceFreeJs},
    {"instanceAddress", instanceAddressJs},
    {"entryFunction", entryFunction},
};
const size_t kBindingCount = sizeof(kBindings) / sizeof(kBindings[0]);

}  // namespace zw
