/* Linked into the native build of every benchmark program (never the Wasm build): measures the
 * time from before main to exit and the peak RSS, and writes "<elapsed ns> <maxrss KiB>" to the
 * file descriptor named by ZW_BENCH_PROBE_FD, the same figures the Node child reports for Wasm. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static struct timespec probe_start;

static void probe_report(void) {
  struct timespec end;
  clock_gettime(CLOCK_MONOTONIC, &end);
  const char *fd_text = getenv("ZW_BENCH_PROBE_FD");
  if (!fd_text) return;
  /* VmHWM belongs to this program's own address space; ru_maxrss would also count the image that
   * existed before execve (the spawning process), which is preserved across exec on Linux. */
  long peak_kb = -1;
  FILE *status = fopen("/proc/self/status", "r");
  if (status) {
    char buf[256];
    while (fgets(buf, sizeof buf, status)) {
      if (strncmp(buf, "VmHWM:", 6) == 0) { peak_kb = atol(buf + 6); break; }
    }
    fclose(status);
  }
  if (peak_kb < 0) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    peak_kb = usage.ru_maxrss;
  }
  long long ns = (long long)(end.tv_sec - probe_start.tv_sec) * 1000000000LL +
                 (end.tv_nsec - probe_start.tv_nsec);
  char line[96];
  int len = snprintf(line, sizeof line, "%lld %ld\n", ns, peak_kb);
  if (len > 0 && write(atoi(fd_text), line, (size_t)len) < 0) { /* nothing useful to do */ }
}

__attribute__((constructor)) static void probe_init(void) {
  clock_gettime(CLOCK_MONOTONIC, &probe_start);
  atexit(probe_report);
}
