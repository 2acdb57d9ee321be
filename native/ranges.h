// A registry of address ranges that the signal handler can read without locks: code regions
// (PC must be inside one) and linear-memory reservations (fault address must be inside one).
#pragma once
#include <cstdint>

namespace zw {

enum class RangeKind { Code = 0, Memory = 1 };

// Registers [start, start + length). Returns false when the registry is full.
bool registerRange(RangeKind kind, uintptr_t start, uintptr_t length);
void unregisterRange(RangeKind kind, uintptr_t start);
// Async-signal-safe lookup.
bool inRange(RangeKind kind, uintptr_t address);

}  // namespace zw
