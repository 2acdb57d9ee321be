// bench: kind=calls full=40 quick=20 reduced=30
/* Call-heavy: naive Fibonacci, Takeuchi and Ackermann recursion; fib is checked against the
 * iterative definition. */
#include "bench.h"

__attribute__((noinline)) static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

__attribute__((noinline)) static int tak(int x, int y, int z) {
  return y < x ? tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y)) : z;
}

__attribute__((noinline)) static uint32_t ack(uint32_t m, uint32_t n) {
  if (m == 0) return n + 1;
  if (n == 0) return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}

int main(int argc, char **argv) {
  long n = bench_size(argc, argv, 40);
  uint32_t f = fib((uint32_t)n);
  uint32_t a = 0, b = 1;
  for (long i = 0; i < n; i++) { uint32_t t = a + b; a = b; b = t; }
  int ok = f == a;
  uint64_t h = bench_mix(0, f);
  int t = (int)(n / 2);
  h = bench_mix(h, (uint64_t)tak(t, t / 2, 0));
  h = bench_mix(h, ack(3, (uint32_t)n / 4));
  return bench_report("recursion", h, ok);
}
