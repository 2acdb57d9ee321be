// printf formatting: flags, widths, precisions and conversions for every integer and floating
// type. libc's formatter is a large, branchy function, which makes it a good test of control
// flow through the optimizer.
#include <inttypes.h>
#include <stdio.h>

int main(void) {
  printf("[%04d] [%-4d|] [%+d] [% d] [%5.3d]\n", 7, 7, 7, 7, 7);
  printf("[%x] [%#X] [%#o] [%08x]\n", 255u, 255u, 8u, 0xbeefu);
  printf("[%" PRId64 "] [%" PRIu64 "] [%" PRIx64 "]\n", INT64_MIN, UINT64_MAX, (uint64_t)0x123456789abcdefULL);
  printf("[%08.3f] [%.0f] [%e] [%g] [%g] [%a]\n", 3.14159, 2.5, 12345.678, 0.0001234, 1e20, 1.0);
  printf("[%10s] [%-10s|] [%.3s] [%c]\n", "right", "left", "truncate", 'z');
  return 0;
}
