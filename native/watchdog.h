// A watchdog thread that sets an execution context's interrupt flag when a deadline passes.
// Generated code polls the flag and exits with the Interrupted trap.
#pragma once
#include <cstdint>

#include "contexts.h"

namespace zw {

// Arms a deadline `milliseconds` from now; returns an id for watchdogDisarm.
uint64_t watchdogArm(ExecContext* exec, double milliseconds);
void watchdogDisarm(uint64_t id);

}  // namespace zw
