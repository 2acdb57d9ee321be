#include "code_memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstring>

#include "ranges.h"

namespace zw {

static size_t pageRound(size_t n) {
  static const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  return (n + page - 1) / page * page;
}

CodeRegion* codeCreate(const uint8_t* bytes, size_t size, const char** error) {
  if (size == 0) {
    *error = "code image is empty";
    return nullptr;
  }
  size_t mapped = pageRound(size);
  void* p = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) {
    *error = "mmap of executable memory failed (out of memory or address space)";
    return nullptr;
  }
  std::memcpy(p, bytes, size);
  if (mprotect(p, mapped, PROT_READ | PROT_EXEC) != 0) {
    munmap(p, mapped);
    *error = "mprotect to read+execute failed (is executable memory forbidden here?)";
    return nullptr;
  }
  // Needed on arm64, where instruction and data caches are not coherent; a no-op on x86-64.
  __builtin___clear_cache(static_cast<char*>(p), static_cast<char*>(p) + size);
  auto base = reinterpret_cast<uintptr_t>(p);
  if (!registerRange(RangeKind::Code, base, mapped)) {
    munmap(p, mapped);
    *error = "too many live code regions (the fault-handler registry is full)";
    return nullptr;
  }
  return new CodeRegion{base, mapped, size, 0};
}

void codeFree(CodeRegion* region) {
  unregisterRange(RangeKind::Code, region->base);
  munmap(reinterpret_cast<void*>(region->base), region->mappedBytes);
  delete region;
}

}  // namespace zw
