// zerowasm native addon: module initialisation. It creates the per-environment state (execution
// context and slot buffer, both in JS ArrayBuffers), installs the fault handler and exports the
// functions of bindings.cc and call.cc plus the constants the loader checks.
#include <node_api.h>
#include <pthread.h>

#include <cstdlib>
#include <cstring>

#include "bindings.h"
#include "call.h"
#include "entry.h"
#include "env_state.h"
#include "signals.h"

namespace zw {
namespace {

// Headroom kept below the stack limit for the host-call bridge, JS host functions and the
// signal handler, which all run on the same stack as generated code.
constexpr uintptr_t kStackHeadroom = 256 * 1024;

uintptr_t computeStackLimit() {
  constexpr uintptr_t kMaxStack = 256u * 1024 * 1024;  // bound for "unlimited" stack rlimits
  pthread_attr_t attr;
  void* low = nullptr;
  size_t size = 0;
  uintptr_t here = reinterpret_cast<uintptr_t>(&attr);
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    pthread_attr_getstack(&attr, &low, &size);
    pthread_attr_destroy(&attr);
  }
  uintptr_t limit = reinterpret_cast<uintptr_t>(low) + kStackHeadroom;
  // Unknown or implausible bounds: allow 1 MiB below the current frame.
  if (low == nullptr || limit >= here) limit = here - 1024 * 1024;
  if (here - limit > kMaxStack) limit = here - kMaxStack;
  return limit;
}

void finalizeEnv(napi_env env, void* data, void*) {
  auto* state = static_cast<EnvState*>(data);
  napi_delete_reference(env, state->execBuffer);
  napi_delete_reference(env, state->slotBuffer);
  delete state;
}

napi_value testFaultOutsideRanges(napi_env, napi_callback_info) {
  // A genuine fault in native code that is not zerowasm's generated code (for the chaining test).
  volatile uintptr_t address = 16;  // volatile: keep the compiler from proving the fault
  *reinterpret_cast<volatile int*>(address) = 1;
  return nullptr;
}

// Benchmark baseline: calls fn() n times from native code with plain napi_call_function.
napi_value testCallbackLoop(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  uint32_t n = 0;
  napi_get_value_uint32(env, argv[1], &n);
  napi_value receiver, result;
  napi_get_undefined(env, &receiver);
  for (uint32_t i = 0; i < n; i++) {
    if (napi_call_function(env, receiver, argv[0], 0, nullptr, &result) != napi_ok) return nullptr;
  }
  return nullptr;
}

napi_value getRef(napi_env env, napi_callback_info info, bool exec) {
  void* data;
  napi_get_cb_info(env, info, nullptr, nullptr, nullptr, &data);
  auto* state = static_cast<EnvState*>(data);
  napi_value result;
  napi_get_reference_value(env, exec ? state->execBuffer : state->slotBuffer, &result);
  return result;
}
napi_value execBufferJs(napi_env env, napi_callback_info info) { return getRef(env, info, true); }
napi_value slotBufferJs(napi_env env, napi_callback_info info) { return getRef(env, info, false); }

void setNumber(napi_env env, napi_value target, const char* name, double value) {
  napi_value v;
  napi_create_double(env, value, &v);
  napi_set_named_property(env, target, name, v);
}

void setFunction(napi_env env, napi_value target, const char* name, napi_callback cb, void* data) {
  napi_value fn;
  napi_create_function(env, name, NAPI_AUTO_LENGTH, cb, data, &fn);
  napi_set_named_property(env, target, name, fn);
}

napi_value init(napi_env env, napi_value exports) {
  auto* state = new EnvState{env, nullptr, nullptr, nullptr};
  void* execData = nullptr;
  void* slotData = nullptr;
  napi_value execBuffer, slotBuffer;
  napi_create_arraybuffer(env, ZW_SIZEOF_EXEC_CONTEXT, &execData, &execBuffer);
  napi_create_arraybuffer(env, ZW_SLOT_COUNT * ZW_SLOT_BYTES, &slotData, &slotBuffer);
  napi_create_reference(env, execBuffer, 1, &state->execBuffer);
  napi_create_reference(env, slotBuffer, 1, &state->slotBuffer);
  ExecContext* exec = static_cast<ExecContext*>(execData);
  std::memset(exec, 0, sizeof *exec);
  exec->stackLimit = computeStackLimit();
  exec->exitFn = reinterpret_cast<uintptr_t>(&zw_exit);
  exec->hostCallFn = reinterpret_cast<uintptr_t>(&zw_host_call);
  exec->slots = static_cast<uint64_t*>(slotData);
  exec->slotCount = ZW_SLOT_COUNT;
  exec->envState = state;
  state->exec = exec;
  napi_set_instance_data(env, state, finalizeEnv, nullptr);

  for (size_t i = 0; i < kBindingCount; i++) setFunction(env, exports, kBindings[i].name, kBindings[i].callback, state);
  setFunction(env, exports, "call", callExport, state);
  setFunction(env, exports, "entryCreate", entryCreate, state);
  setFunction(env, exports, "callEntry", callEntry, state);
  setFunction(env, exports, "execBuffer", execBufferJs, state);
  setFunction(env, exports, "slotBuffer", slotBufferJs, state);
  // Test helpers (one crashes the process on purpose) exist only when a test asks for them.
  const char* testing = std::getenv("ZEROWASM_NATIVE_TESTING");
  if (testing != nullptr && std::strcmp(testing, "1") == 0) {
    setFunction(env, exports, "testFaultOutsideRanges", testFaultOutsideRanges, state);
    setFunction(env, exports, "testCallbackLoop", testCallbackLoop, state);
  }
  setNumber(env, exports, "abiVersion", ZW_ABI_VERSION);
  setNumber(env, exports, "layoutFingerprint", ZW_LAYOUT_FINGERPRINT);
#if defined(__x86_64__)
  const char* arch = "x64";
#else
  const char* arch = "arm64";
#endif
  napi_value archValue, signalError;
  napi_create_string_utf8(env, arch, NAPI_AUTO_LENGTH, &archValue);
  napi_set_named_property(env, exports, "arch", archValue);
  const char* error = installSignalHandlers();
  if (error != nullptr) {
    napi_create_string_utf8(env, error, NAPI_AUTO_LENGTH, &signalError);
  } else {
    napi_get_null(env, &signalError);
  }
  napi_set_named_property(env, exports, "signalError", signalError);
  return exports;
}

}  // namespace
}  // namespace zw

NAPI_MODULE_INIT() { return zw::init(env, exports); }
