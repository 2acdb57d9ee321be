#include "linear_memory.h"

#include <sys/mman.h>

#include "layout.h"
#include "ranges.h"

namespace zw {

LinearMemory* memoryCreate(uint32_t initialPages, uint32_t maxPages, bool guarded, const char** error) {
  if (maxPages > 65536 || initialPages > maxPages) {
    *error = "invalid memory limits (initial must be <= maximum <= 65536 pages)";
    return nullptr;
  }
  size_t reserved = guarded ? ZW_GUARD_RESERVATION : static_cast<size_t>(maxPages) * ZW_WASM_PAGE;
  if (reserved == 0) reserved = ZW_WASM_PAGE;  // mmap needs a nonzero length
  void* p = mmap(nullptr, reserved, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) {
    *error = "cannot reserve address space for a linear memory (mmap failed)";
    return nullptr;
  }
  size_t initialBytes = static_cast<size_t>(initialPages) * ZW_WASM_PAGE;
  if (initialBytes > 0 && mprotect(p, initialBytes, PROT_READ | PROT_WRITE) != 0) {
    munmap(p, reserved);
    *error = "cannot commit the initial pages of a linear memory (mprotect failed)";
    return nullptr;
  }
  if (!registerRange(RangeKind::Memory, reinterpret_cast<uintptr_t>(p), reserved)) {
    munmap(p, reserved);
    *error = "too many live linear memories (the fault-handler registry is full)";
    return nullptr;
  }
  auto* m = new LinearMemory{static_cast<uint8_t*>(p), reserved, initialPages, maxPages, guarded, {1}};
  return m;
}

int64_t memoryGrow(LinearMemory* memory, uint32_t deltaPages) {
  uint64_t old = memory->pages;
  if (deltaPages == 0) return static_cast<int64_t>(old);
  if (deltaPages > memory->maxPages - old) return -1;
  uint8_t* from = memory->base + old * ZW_WASM_PAGE;
  if (mprotect(from, static_cast<size_t>(deltaPages) * ZW_WASM_PAGE, PROT_READ | PROT_WRITE) != 0) return -1;
  memory->pages = old + deltaPages;
  return static_cast<int64_t>(old);
}

void memoryRetain(LinearMemory* memory) { memory->refs.fetch_add(1, std::memory_order_relaxed); }

void memoryRelease(LinearMemory* memory) {
  if (memory->refs.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
  unregisterRange(RangeKind::Memory, reinterpret_cast<uintptr_t>(memory->base));  // no-op if closed
  munmap(memory->base, memory->reservedBytes);
  delete memory;
}

void memoryClose(LinearMemory* memory) {
  if (memory->refs.load(std::memory_order_acquire) > 1) {
    // Views are still alive: no code may run on this memory any more, so the reservation past
    // the committed bytes can go now. The committed part stays until the last view is collected.
    unregisterRange(RangeKind::Memory, reinterpret_cast<uintptr_t>(memory->base));
    size_t committed = static_cast<size_t>(memory->pages * ZW_WASM_PAGE);
    size_t keep = committed == 0 ? ZW_WASM_PAGE : committed;
    if (keep < memory->reservedBytes) munmap(memory->base + keep, memory->reservedBytes - keep);
    memory->reservedBytes = keep;
  }
  memoryRelease(memory);
}

}  // namespace zw
