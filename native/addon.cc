// zerowasm native addon: placeholder module; the mechanisms (executable memory, linear memory,
// entry/exit, signals, host calls, interrupts) are added by the native-addon work.
#include <napi.h>

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("abiVersion", Napi::Number::New(env, 0));
  return exports;
}

NODE_API_MODULE(zerowasm_native, Init)
