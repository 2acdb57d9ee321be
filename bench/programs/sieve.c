// bench: kind=integer full=20000000 quick=100000 reduced=1000000
/* Integer: sieve of Eratosthenes over [0, n), repeated; checks pi(n) against a slow count. */
#include "bench.h"

int main(int argc, char **argv) {
  long n = bench_size(argc, argv, 20000000);
  unsigned char *composite = malloc((size_t)n);
  if (!composite) return 3;
  uint64_t h = 0;
  long count = 0;
  for (int round = 0; round < 4; round++) {
    memset(composite, 0, (size_t)n);
    count = 0;
    for (long i = 2; i < n; i++) {
      if (composite[i]) continue;
      count++;
      h = bench_mix(h, (uint64_t)i);
      /* 64-bit products: long is 32 bits on wasm32, and i * i overflows there. */
      for (int64_t j = (int64_t)i * i; j < n; j += i) composite[j] = 1;
    }
  }
  /* Self-check: trial division on the first few thousand numbers agrees with the sieve. */
  int ok = 1;
  long limit = n < 5000 ? n : 5000;
  for (long i = 2; i < limit; i++) {
    int prime = 1;
    for (long d = 2; d * d <= i; d++) if (i % d == 0) { prime = 0; break; }
    if (prime != !composite[i]) ok = 0;
  }
  free(composite);
  return bench_report("sieve", bench_mix(h, (uint64_t)count), ok);
}
