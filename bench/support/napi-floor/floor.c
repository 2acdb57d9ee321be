/* The Node-API floor for boundary costs: the cheapest possible JS -> native call (noop) and
 * native -> JS call (callRepeat invokes an empty JS function n times). Any engine that enters
 * native code through Node-API pays at least this much per crossing. */
#include <node_api.h>

static napi_value noop(napi_env env, napi_callback_info info) {
  (void)env;
  (void)info;
  return NULL;
}

static napi_value call_repeat(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 2) {
    napi_throw_type_error(env, NULL, "callRepeat(fn, count) needs two arguments");
    return NULL;
  }
  int32_t count = 0;
  if (napi_get_value_int32(env, argv[1], &count) != napi_ok) {
    napi_throw_type_error(env, NULL, "callRepeat: count must be a number");
    return NULL;
  }
  napi_value global;
  napi_get_global(env, &global);
  for (int32_t i = 0; i < count; i++) {
    if (napi_call_function(env, global, argv[0], 0, NULL, NULL) != napi_ok) return NULL;
  }
  return NULL;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
    {"noop", NULL, noop, NULL, NULL, NULL, napi_default, NULL},
    {"callRepeat", NULL, call_repeat, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, 2, props);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
