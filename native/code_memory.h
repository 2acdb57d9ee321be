// Executable memory for generated code: written while read+write, then flipped to read+execute
// (never both writable and executable), registered so the fault handler recognises its PCs.
#pragma once
#include <cstddef>
#include <cstdint>

namespace zw {

struct CodeRegion {
  uintptr_t base;
  size_t mappedBytes;
  size_t codeBytes;
  uint32_t activeEntries;  // calls entered here and not yet returned (freeing then is refused)
};

// Returns nullptr and sets *error on failure.
CodeRegion* codeCreate(const uint8_t* bytes, size_t size, const char** error);
void codeFree(CodeRegion* region);

}  // namespace zw
