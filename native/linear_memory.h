// Linear memory: one reservation whose base never moves. The committed prefix (the current size)
// is read+write and zero-filled; the rest is inaccessible. A guarded memory reserves enough that
// base + u32 + u32 offset (+16) always lands in the reservation, so accesses need no bounds check;
// an unguarded memory reserves only its maximum and relies on explicit checks in generated code.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>

namespace zw {

struct LinearMemory {
  uint8_t* base;
  size_t reservedBytes;
  uint64_t pages;
  uint64_t maxPages;
  bool guarded;
  // One reference for the JS handle, one per live ArrayBuffer over the memory.
  std::atomic<int> refs;
};

// Returns nullptr and sets *error on failure.
LinearMemory* memoryCreate(uint32_t initialPages, uint32_t maxPages, bool guarded, const char** error);
// Grows in place; returns the previous page count or -1 when over the maximum or out of memory.
int64_t memoryGrow(LinearMemory* memory, uint32_t deltaPages);
void memoryRetain(LinearMemory* memory);
// Unmaps when the last reference goes.
void memoryRelease(LinearMemory* memory);
// Drops the JS handle's reference. ArrayBuffers may keep the bytes alive for a while, but the
// guard region is returned at once, so unreleased views pin only the committed bytes.
void memoryClose(LinearMemory* memory);

}  // namespace zw
