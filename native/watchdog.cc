// One lazily started thread for the whole process. Its state is allocated once and never freed,
// and the thread is detached, so process exit never waits on it or destroys it under its feet.
#include "watchdog.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace zw {
namespace {

using Clock = std::chrono::steady_clock;

struct Deadline {
  uint64_t id;
  ExecContext* exec;
  Clock::time_point at;
  bool fired;
};

struct Watchdog {
  std::mutex lock;
  std::condition_variable wake;
  std::vector<Deadline> deadlines;
  uint64_t nextId = 1;
  bool started = false;

  void run() {
    std::unique_lock<std::mutex> guard(lock);
    for (;;) {
      bool waiting = false;
      Clock::time_point earliest = Clock::time_point::max();
      for (const Deadline& d : deadlines) {
        if (!d.fired && d.at < earliest) earliest = d.at;
        waiting = waiting || !d.fired;
      }
      if (!waiting) {
        wake.wait(guard);
        continue;
      }
      if (Clock::now() < earliest) {
        wake.wait_until(guard, earliest);
        continue;
      }
      // Fired deadlines stay listed until disarmed, so disarm knows to take the count back.
      Clock::time_point now = Clock::now();
      for (Deadline& d : deadlines) {
        if (!d.fired && d.at <= now) {
          d.fired = true;
          __atomic_add_fetch(&d.exec->interrupt, 1u, __ATOMIC_RELEASE);
        }
      }
    }
  }
};

Watchdog& watchdog() {
  static Watchdog* instance = new Watchdog();
  return *instance;
}

}  // namespace

uint64_t watchdogArm(ExecContext* exec, double milliseconds) {
  Watchdog& w = watchdog();
  auto delay = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double, std::milli>(milliseconds));
  std::lock_guard<std::mutex> guard(w.lock);
  if (!w.started) {
    std::thread([&w] { w.run(); }).detach();
    w.started = true;
  }
  uint64_t id = w.nextId++;
  w.deadlines.push_back(Deadline{id, exec, Clock::now() + delay, false});
  w.wake.notify_one();
  return id;
}

void watchdogDisarm(uint64_t id) {
  Watchdog& w = watchdog();
  std::lock_guard<std::mutex> guard(w.lock);
  for (size_t i = 0; i < w.deadlines.size(); i++) {
    if (w.deadlines[i].id == id) {
      if (w.deadlines[i].fired) __atomic_sub_fetch(&w.deadlines[i].exec->interrupt, 1u, __ATOMIC_RELEASE);
      w.deadlines[i] = w.deadlines.back();
      w.deadlines.pop_back();
      return;
    }
  }
}

}  // namespace zw
