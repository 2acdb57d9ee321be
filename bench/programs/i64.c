// bench: kind=i64 full=4000000 quick=20000 reduced=80000
/* i64 arithmetic: deterministic Miller-Rabin (bases 2, 7, 61) over 32-bit odd numbers using
 * 64-bit multiply / remainder, plus 64-bit division, rotates and bit counting; the prime count
 * over a small range is checked against trial division. */
#include "bench.h"

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m) { return a * b % m; }

static uint64_t powmod(uint64_t base, uint64_t e, uint64_t m) {
  uint64_t r = 1;
  base %= m;
  while (e) {
    if (e & 1) r = mulmod(r, base, m);
    base = mulmod(base, base, m);
    e >>= 1;
  }
  return r;
}

static int is_prime(uint32_t n) {
  if (n < 2) return 0;
  static const uint32_t small[] = {2, 3, 5, 7, 11, 13, 61};
  for (int i = 0; i < 7; i++) if (n % small[i] == 0) return n == small[i];
  uint64_t d = n - 1;
  int s = 0;
  while ((d & 1) == 0) { d >>= 1; s++; }
  static const uint64_t bases[] = {2, 7, 61};
  for (int i = 0; i < 3; i++) {
    uint64_t x = powmod(bases[i], d, n);
    if (x == 1 || x == n - 1) continue;
    int composite = 1;
    for (int r = 1; r < s; r++) {
      x = mulmod(x, x, n);
      if (x == n - 1) { composite = 0; break; }
    }
    if (composite) return 0;
  }
  return 1;
}

static uint64_t rotl64(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

int main(int argc, char **argv) {
  long n = bench_size(argc, argv, 4000000);
  int ok = 1;
  for (uint32_t k = 0; k < 3000; k++) {
    int slow = k >= 2;
    for (uint32_t d = 2; d * d <= k; d++) if (k % d == 0) { slow = 0; break; }
    if (slow != is_prime(k)) ok = 0;
  }
  uint64_t h = 0, primes = 0;
  uint32_t start = 4000000000u;
  for (long i = 0; i < n; i++) {
    uint32_t c = start + 2 * (uint32_t)i + 1;
    if (is_prime(c)) { primes++; h = bench_mix(h, c); }
  }
  /* Mixed 64-bit arithmetic: signed and unsigned division, rotates, popcount, clz. */
  uint64_t x = 0x0123456789ABCDEFull, acc = 0;
  int64_t s = -987654321987654321ll;
  for (long i = 0; i < n * 4; i++) {
    x = rotl64(x * 6364136223846793005ull + 1442695040888963407ull, (int)(i & 31) + 1);
    uint64_t div = (x >> 40) | 1;
    acc += x / div + x % div;
    s = s / 3 + (int64_t)(x >> 3) - (int64_t)(acc >> 5);
    acc ^= (uint64_t)__builtin_popcountll(x) << (i & 15);
    acc += (uint64_t)__builtin_clzll(x | 1);
  }
  h = bench_mix(h, acc);
  h = bench_mix(h, (uint64_t)s);
  return bench_report("i64", bench_mix(h, primes), ok);
}
