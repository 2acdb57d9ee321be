#include "call.h"

#include "entry.h"
#include "env_state.h"
#include "signals.h"
#include "watchdog.h"
#include "code_memory.h"

namespace zw {

namespace {

// An export's call target. It holds references to the instance and code handles so their Handle
// records outlive it; an explicit free of either is noticed through Handle::object.
struct Entry {
  Handle* instance;
  Handle* code;
  uint32_t offset;
  napi_ref instanceRef;
  napi_ref codeRef;
};

void finalizeEntry(napi_env env, void* data, void*) {
  auto* handle = static_cast<Handle*>(data);
  auto* entry = static_cast<Entry*>(handle->object);
  napi_delete_reference(env, entry->instanceRef);
  napi_delete_reference(env, entry->codeRef);
  delete entry;
  delete handle;
}

double timeoutArg(napi_env env, size_t argc, napi_value* argv, size_t index) {
  double timeout = 0;
  if (argc > index) napi_get_value_double(env, argv[index], &timeout);
  return timeout > 0 && timeout < 1e9 ? timeout : 0;  // else no deadline (also NaN, Infinity)
}

// The shared body of call and callEntry: bookkeeping around zw_enter, and the JS result.
napi_value enter(napi_env env, EnvState* state, Instance* instance, CodeRegion* code, uint32_t offset, double timeout) {
  ExecContext* exec = state->exec;
  uint32_t status;
  if (exec->depth >= ZW_MAX_DEPTH) {
    status = ZW_STATUS_CALL_STACK_EXHAUSTED;
  } else {
    if (exec->depth == 0) {
      exec->interrupt = 0;
      setThreadExec(exec);
    }
    uint64_t deadline = timeout > 0 ? watchdogArm(exec, timeout) : 0;
    exec->depth++;
    code->activeEntries++;
    instance->activeEntries++;
    status = zw_enter(code->base + offset, instance->vmctx, exec, exec->slots);
    instance->activeEntries--;
    code->activeEntries--;
    exec->depth--;
    if (deadline != 0) watchdogDisarm(deadline);
  }
  if (status == ZW_STATUS_OK) return nullptr;  // undefined: nothing to allocate on the fast path
  if (status == ZW_STATUS_HOST_EXCEPTION) {
    bool pending = false;
    napi_is_exception_pending(env, &pending);
    if (!pending) napi_throw_error(env, nullptr, "a host call failed without a JS exception");
    return nullptr;
  }
  napi_value result;
  napi_create_uint32(env, status, &result);
  return result;
}

// Checks entryCreate/entryFunction's (instance, code, offset) and makes the Entry; null after
// throwing.
Entry* newEntry(napi_env env, napi_value* argv, const char* what) {
  Handle* instance = handleOf(env, argv[0], HandleKind::Instance);
  if (instance == nullptr) return nullptr;
  Handle* code = handleOf(env, argv[1], HandleKind::Code);
  if (code == nullptr) return nullptr;
  if (instance->object == nullptr || code->object == nullptr) {
    napi_throw_error(env, nullptr, "the native object was already freed");
    return nullptr;
  }
  uint32_t offset = 0;
  if (napi_get_value_uint32(env, argv[2], &offset) != napi_ok ||
      offset >= static_cast<CodeRegion*>(code->object)->codeBytes) {
    napi_throw_range_error(env, nullptr, what);
    return nullptr;
  }
  auto* entry = new Entry{instance, code, offset, nullptr, nullptr};
  napi_create_reference(env, argv[0], 1, &entry->instanceRef);
  napi_create_reference(env, argv[1], 1, &entry->codeRef);
  return entry;
}

void deleteEntry(napi_env env, Entry* entry) {
  napi_delete_reference(env, entry->instanceRef);
  napi_delete_reference(env, entry->codeRef);
  delete entry;
}

}  // namespace

napi_value callExport(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  void* data;
  napi_get_cb_info(env, info, &argc, argv, nullptr, &data);
  if (argc < 3) {
    napi_throw_type_error(env, nullptr, "call(instance, code, offset, timeoutMs?) needs 3 arguments");
    return nullptr;
  }
  auto* instance = static_cast<Instance*>(unwrapHandle(env, argv[0], HandleKind::Instance));
  if (instance == nullptr) return nullptr;
  auto* code = static_cast<CodeRegion*>(unwrapHandle(env, argv[1], HandleKind::Code));
  if (code == nullptr) return nullptr;
  uint32_t offset = 0;
  if (napi_get_value_uint32(env, argv[2], &offset) != napi_ok || offset >= code->codeBytes) {
    napi_throw_range_error(env, nullptr, "call: entry offset is outside the code region");
    return nullptr;
  }
  return enter(env, static_cast<EnvState*>(data), instance, code, offset, timeoutArg(env, argc, argv, 3));
}

napi_value entryCreate(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc < 3) {
    napi_throw_type_error(env, nullptr, "entryCreate(instance, code, offset) needs 3 arguments");
    return nullptr;
  }
  Entry* entry = newEntry(env, argv, "entryCreate: entry offset is outside the code region");
  if (entry == nullptr) return nullptr;
  napi_value result = makeHandle(env, HandleKind::Entry, entry, finalizeEntry);
  if (result == nullptr) deleteEntry(env, entry);
  return result;
}

napi_value callEntry(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  void* data;
  napi_get_cb_info(env, info, &argc, argv, nullptr, &data);
  auto* entry = static_cast<Entry*>(unwrapHandle(env, argv[0], HandleKind::Entry));
  if (entry == nullptr) return nullptr;
  auto* instance = static_cast<Instance*>(entry->instance->object);
  auto* code = static_cast<CodeRegion*>(entry->code->object);
  if (instance == nullptr || code == nullptr) {
    napi_throw_error(env, nullptr, "callEntry: its instance or code was already freed");
    return nullptr;
  }
  return enter(env, static_cast<EnvState*>(data), instance, code, entry->offset, timeoutArg(env, argc, argv, 1));
}

namespace {

// An entry that is its own JS function: the call needs no argument at all (no handle to unwrap,
// no timeout to convert), only the callback data, which is the cheapest Node-API call there is.
struct EntryFunction {
  Entry* entry;
  EnvState* state;
  double timeout;
};

void finalizeEntryFunction(napi_env env, void* data, void*) {
  auto* f = static_cast<EntryFunction*>(data);
  deleteEntry(env, f->entry);
  delete f;
}

napi_value callEntryFunction(napi_env env, napi_callback_info info) {
  void* data;
  napi_get_cb_info(env, info, nullptr, nullptr, nullptr, &data);
  auto* f = static_cast<EntryFunction*>(data);
  auto* instance = static_cast<Instance*>(f->entry->instance->object);
  auto* code = static_cast<CodeRegion*>(f->entry->code->object);
  if (instance == nullptr || code == nullptr) {
    napi_throw_error(env, nullptr, "entry function: its instance or code was already freed");
    return nullptr;
  }
  return enter(env, f->state, instance, code, f->entry->offset, f->timeout);
}

}  // namespace

napi_value entryFunction(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  void* data;
  napi_get_cb_info(env, info, &argc, argv, nullptr, &data);
  if (argc < 3) {
    napi_throw_type_error(env, nullptr, "entryFunction(instance, code, offset, timeoutMs?) needs 3 arguments");
    return nullptr;
  }
  Entry* entry = newEntry(env, argv, "entryFunction: entry offset is outside the code region");
  if (entry == nullptr) return nullptr;
  auto* f = new EntryFunction{entry, static_cast<EnvState*>(data), timeoutArg(env, argc, argv, 3)};
  napi_value fn;
  if (napi_create_function(env, "zwEntry", NAPI_AUTO_LENGTH, callEntryFunction, f, &fn) != napi_ok ||
      napi_add_finalizer(env, fn, f, finalizeEntryFunction, nullptr, nullptr) != napi_ok) {
    deleteEntry(env, entry);
    delete f;
    napi_throw_error(env, nullptr, "entryFunction: cannot create the function");
    return nullptr;
  }
  return fn;
}

// Everything with a destructor or an open handle scope lives here, so it is all closed before
// zw_host_call may unwind past it.
static uint32_t callHost(ExecContext* exec, VmContext* vmctx, uint32_t importIndex) {
  auto* state = static_cast<EnvState*>(exec->envState);
  napi_env env = state->env;
  auto* hosts = static_cast<HostTable*>(vmctx->hostFuncs);
  napi_handle_scope scope;
  napi_open_handle_scope(env, &scope);
  uint32_t status = ZW_STATUS_OK;
  napi_value fn = nullptr, receiver, result;
  if (hosts == nullptr || importIndex >= hosts->funcs.size()) {
    napi_throw_range_error(env, nullptr, "host call: import index out of range for this instance");
    status = ZW_STATUS_HOST_EXCEPTION;
  } else {
    napi_get_reference_value(env, hosts->funcs[importIndex], &fn);
    napi_get_undefined(env, &receiver);
    if (fn == nullptr) {
      // The caller broke the contract of keeping its host functions alive with the handle.
      napi_throw_error(env, nullptr, "host call: the host function was garbage-collected");
      status = ZW_STATUS_HOST_EXCEPTION;
    } else if (napi_call_function(env, receiver, fn, 0, nullptr, &result) != napi_ok) {
      status = ZW_STATUS_HOST_EXCEPTION;
    }
  }
  napi_close_handle_scope(env, scope);
  return status;
}

}  // namespace zw

extern "C" void zw_host_call(zw::ExecContext* exec, zw::VmContext* vmctx, uint32_t importIndex, uint64_t*, uintptr_t frame) {
  uint32_t status = zw::callHost(exec, vmctx, importIndex);
  if (status == ZW_STATUS_OK) return;
  if (frame != 0) zw_exit_from(exec, status, frame);
  zw_exit(exec, status);
}
