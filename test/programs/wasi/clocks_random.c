// clocks and random: prints properties (never raw values, which differ run to run).
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int64_t ns(clockid_t id) {
  struct timespec ts;
  if (clock_gettime(id, &ts) != 0) return -1;
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int main(void) {
  int64_t real = ns(CLOCK_REALTIME);
  printf("realtime after 2020: %s\n", real > 1577836800LL * 1000000000 ? "yes" : "no");
  int64_t m0 = ns(CLOCK_MONOTONIC);
  struct timespec req = {0, 20 * 1000 * 1000};
  nanosleep(&req, NULL);
  int64_t m1 = ns(CLOCK_MONOTONIC);
  // node:wasi's timers may wake up to a few ms early, so the reference only promises ~20ms.
  printf("monotonic advanced >= 15ms over a 20ms nanosleep: %s\n", m1 - m0 >= 15 * 1000 * 1000 ? "yes" : "no");
  volatile uint64_t spin = 0;
  (void)spin;
  int64_t c0 = ns(CLOCK_PROCESS_CPUTIME_ID);
  for (int i = 0; i < 2000000; i++) spin += i;
  int64_t c1 = ns(CLOCK_PROCESS_CPUTIME_ID);
  printf("process cputime nondecreasing: %s\n", c0 >= 0 && c1 >= c0 ? "yes" : "no");
  struct timespec res;
  printf("monotonic resolution > 0: %s\n", clock_getres(CLOCK_MONOTONIC, &res) == 0 && (res.tv_sec > 0 || res.tv_nsec > 0) ? "yes" : "no");

  unsigned char a[64], b[64];
  memset(a, 0, sizeof a);
  memset(b, 0, sizeof b);
  int ra = getentropy(a, sizeof a), rb = getentropy(b, sizeof b);
  int nonzero = 0;
  for (unsigned i = 0; i < sizeof a; i++) nonzero |= a[i];
  printf("getentropy ok: %s, nonzero: %s, two draws differ: %s\n", ra == 0 && rb == 0 ? "yes" : "no",
         nonzero ? "yes" : "no", memcmp(a, b, sizeof a) != 0 ? "yes" : "no");
  return 0;
}
