// bench: kind=integer full=120 quick=2 reduced=3
/* Integer: FNV-1a, a murmur-style 32-bit hash and CRC-32 over a pseudo-random buffer. */
#include "bench.h"

static uint32_t crc_table[256];

static void crc_init(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    crc_table[i] = c;
  }
}

static uint32_t crc32(const uint8_t *p, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++) c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

static uint32_t fnv1a(const uint8_t *p, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) { h ^= p[i]; h *= 16777619u; }
  return h;
}

static uint32_t rotl32(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

static uint32_t murmurish(const uint8_t *p, size_t n, uint32_t seed) {
  uint32_t h = seed;
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    uint32_t k;
    memcpy(&k, p + i, 4);
    k *= 0xcc9e2d51u; k = rotl32(k, 15); k *= 0x1b873593u;
    h ^= k; h = rotl32(h, 13); h = h * 5 + 0xe6546b64u;
  }
  for (; i < n; i++) h = (h ^ p[i]) * 0x5bd1e995u;
  h ^= (uint32_t)n; h ^= h >> 16; h *= 0x85ebca6bu; h ^= h >> 13; h *= 0xc2b2ae35u; h ^= h >> 16;
  return h;
}

int main(int argc, char **argv) {
  long rounds = bench_size(argc, argv, 120);
  size_t n = 1 << 20;
  uint8_t *buf = malloc(n);
  if (!buf) return 3;
  for (size_t i = 0; i < n; i++) buf[i] = (uint8_t)(bench_rand() >> 56);
  crc_init();
  /* Self-check: the CRC-32 of "123456789" is the standard check value. */
  int ok = crc32((const uint8_t *)"123456789", 9) == 0xCBF43926u;
  uint64_t h = 0;
  for (long r = 0; r < rounds; r++) {
    buf[r % n] ^= (uint8_t)r;
    h = bench_mix(h, crc32(buf, n));
    h = bench_mix(h, fnv1a(buf, n));
    h = bench_mix(h, murmurish(buf, n, (uint32_t)r));
  }
  free(buf);
  return bench_report("hash", h, ok);
}
