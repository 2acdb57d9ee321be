// Fixed-capacity tables of atomic [start, end) pairs. Writers serialize on a mutex and publish
// `end` last (release); the signal handler scans up to the high-water mark (acquire), so it never
// sees a half-written entry. Unused pages of the tables are never touched, so they cost no RSS.
#include "ranges.h"

#include <atomic>
#include <mutex>

namespace zw {
namespace {

constexpr int kCapacity = 1 << 16;

struct Entry {
  std::atomic<uintptr_t> start{0};
  std::atomic<uintptr_t> end{0};
};

struct Table {
  Entry entries[kCapacity];
  std::atomic<int> highWater{0};
};

Table tables[2];
std::mutex writeLock;

}  // namespace

bool registerRange(RangeKind kind, uintptr_t start, uintptr_t length) {
  std::lock_guard<std::mutex> guard(writeLock);
  Table& t = tables[static_cast<int>(kind)];
  int hw = t.highWater.load(std::memory_order_relaxed);
  for (int i = 0; i <= hw && i < kCapacity; i++) {
    Entry& e = t.entries[i];
    if (e.end.load(std::memory_order_relaxed) != 0) continue;
    e.start.store(start, std::memory_order_relaxed);
    e.end.store(start + length, std::memory_order_release);
    if (i == hw) t.highWater.store(hw + 1, std::memory_order_release);
    return true;
  }
  return false;
}

void unregisterRange(RangeKind kind, uintptr_t start) {
  std::lock_guard<std::mutex> guard(writeLock);
  Table& t = tables[static_cast<int>(kind)];
  int hw = t.highWater.load(std::memory_order_relaxed);
  for (int i = 0; i < hw; i++) {
    Entry& e = t.entries[i];
    if (e.end.load(std::memory_order_relaxed) != 0 && e.start.load(std::memory_order_relaxed) == start) {
      e.end.store(0, std::memory_order_release);
      e.start.store(0, std::memory_order_relaxed);
      // Shrink the high-water mark past trailing free entries so scans stay short.
      while (hw > 0 && t.entries[hw - 1].end.load(std::memory_order_relaxed) == 0) hw--;
      t.highWater.store(hw, std::memory_order_release);
      return;
    }
  }
}

bool inRange(RangeKind kind, uintptr_t address) {
  const Table& t = tables[static_cast<int>(kind)];
  int hw = t.highWater.load(std::memory_order_acquire);
  for (int i = 0; i < hw; i++) {
    uintptr_t end = t.entries[i].end.load(std::memory_order_acquire);
    if (end == 0) continue;
    uintptr_t start = t.entries[i].start.load(std::memory_order_relaxed);
    if (address >= start && address < end) return true;
  }
  return false;
}

}  // namespace zw
