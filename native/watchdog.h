// A watchdog thread that sets an execution context's interrupt flag when a deadline passes.
// Generated code polls the flag and exits with the Interrupted trap.
#pragma once
#include <cstdint>

#include "contexts.h"

namespace zw {

// Arms a deadline `milliseconds` from now; returns an id for watchdogDisarm. When it passes, the
// watchdog adds 1 to exec->interrupt (a count of fired, unconsumed deadlines; nonzero = stop).
uint64_t watchdogArm(ExecContext* exec, double milliseconds);
// Disarms; if the deadline already fired, takes its 1 back out of exec->interrupt, so an
// enclosing call is not stopped by a nested call's deadline.
void watchdogDisarm(uint64_t id);

}  // namespace zw
