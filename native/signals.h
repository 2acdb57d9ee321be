// Turns memory faults in generated code into traps; everything else goes to the handler that was
// installed before ours (V8's and Node's included).
#pragma once
#include "contexts.h"

namespace zw {

// Installs the SIGSEGV/SIGBUS handlers once per process. Returns nullptr or an error message.
const char* installSignalHandlers();
// The execution context of the calling thread, read by the handler to find the exit frame.
void setThreadExec(ExecContext* exec);

}  // namespace zw
