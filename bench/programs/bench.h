/* Shared helpers for the benchmark programs: problem size from argv, a deterministic PRNG and
 * checksum mixing. Every program prints one line "<name> <checksum>" and exits non-zero when its
 * own self-check fails, so any engine that miscompiles it is caught twice. */
#ifndef ZW_BENCH_H
#define ZW_BENCH_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long bench_size(int argc, char **argv, long fallback) {
  if (argc < 2) return fallback;
  char *end = 0;
  long n = strtol(argv[1], &end, 10);
  if (end == argv[1] || *end != '\0' || n <= 0) {
    fprintf(stderr, "usage: %s <positive problem size>\n", argv[0]);
    exit(2);
  }
  return n;
}

/* xorshift64*: fast, deterministic, identical on every engine. */
static uint64_t bench_rng_state = 0x9E3779B97F4A7C15ull;
static inline uint64_t bench_rand(void) {
  uint64_t x = bench_rng_state;
  x ^= x >> 12; x ^= x << 25; x ^= x >> 27;
  bench_rng_state = x;
  return x * 0x2545F4914F6CDD1Dull;
}

static inline uint64_t bench_mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  return h;
}

static inline uint64_t bench_double_bits(double d) {
  uint64_t u;
  memcpy(&u, &d, sizeof u);
  return u;
}

static int bench_report(const char *name, uint64_t checksum, int ok) {
  printf("%s %016llx%s\n", name, (unsigned long long)checksum, ok ? "" : " SELF-CHECK-FAILED");
  return ok ? 0 : 1;
}
#endif
