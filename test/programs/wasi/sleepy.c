// Sleeps far longer than any test waits (for --timeout during a host sleep).
#include <stdio.h>
#include <unistd.h>

int main(void) {
  puts("sleeping");
  fflush(stdout);
  sleep(60);
  puts("woke up");
  return 0;
}
