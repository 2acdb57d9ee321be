{
  "targets": [
    {
      "target_name": "zerowasm_native",
      "sources": [
        "native/addon.cc",
        "native/bindings.cc",
        "native/call.cc",
        "native/code_memory.cc",
        "native/entry.cc",
        "native/handles.cc",
        "native/linear_memory.cc",
        "native/ranges.cc",
        "native/signals.cc",
        "native/watchdog.cc"
      ],
      "defines": ["NAPI_VERSION=8"],
      "cflags_cc": ["-std=c++17", "-O2", "-fno-exceptions", "-Wall", "-Wextra", "-Wno-unused-parameter"],
      "ldflags": ["-pthread"]
    }
  ]
}
