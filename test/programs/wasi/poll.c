// poll(): stdin readable, stdout writable, and a pure timeout (a clock subscription).
#include <poll.h>
#include <stdio.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int main(void) {
  struct pollfd fds[2] = {{0, POLLIN, 0}, {1, POLLOUT, 0}};
  int n = poll(fds, 2, 1000);
  printf("poll ready: %d, stdin readable: %d, stdout writable: %d\n", n,
         (fds[0].revents & POLLIN) != 0, (fds[1].revents & POLLOUT) != 0);
  char buf[64];
  ssize_t got = read(0, buf, sizeof buf);
  printf("read %zd bytes\n", got);
  int64_t t0 = now_ms();
  n = poll(NULL, 0, 30);
  int64_t waited = now_ms() - t0;
  // node:wasi's timers may wake up to a few ms early, so the reference only promises ~30ms.
  printf("timeout poll returned %d, waited >= 25ms: %s\n", n, waited >= 25 ? "yes" : "no");
  return 0;
}
