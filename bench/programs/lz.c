// bench: kind=memory full=40 quick=1 reduced=1
/* Memory: an LZ77-style compressor (hash of 4-byte prefixes, greedy longest match in a 64 KiB
 * window) and its decompressor over generated text; the round trip must be exact. */
#include "bench.h"

#define HASH_BITS 15
#define WINDOW 65535
#define MIN_MATCH 4
#define MAX_MATCH 255

/* Token format: a literal run is 0x00, len, bytes...; a match is 0x01, len, offset (2 bytes). */
static size_t compress(const uint8_t *in, size_t n, uint8_t *out, int32_t *table) {
  for (int i = 0; i < (1 << HASH_BITS); i++) table[i] = -1;
  size_t o = 0, lit_start = 0, i = 0;
  while (i + MIN_MATCH <= n) {
    uint32_t seq;
    memcpy(&seq, in + i, 4);
    uint32_t hsh = (seq * 2654435761u) >> (32 - HASH_BITS);
    int32_t cand = table[hsh];
    table[hsh] = (int32_t)i;
    size_t len = 0;
    if (cand >= 0 && i - (size_t)cand <= WINDOW) {
      while (len < MAX_MATCH && i + len < n && in[cand + len] == in[i + len]) len++;
    }
    if (len >= MIN_MATCH) {
      while (lit_start < i) {
        size_t run = i - lit_start > 255 ? 255 : i - lit_start;
        out[o++] = 0; out[o++] = (uint8_t)run;
        memcpy(out + o, in + lit_start, run);
        o += run; lit_start += run;
      }
      size_t off = i - (size_t)cand;
      out[o++] = 1; out[o++] = (uint8_t)len; out[o++] = (uint8_t)off; out[o++] = (uint8_t)(off >> 8);
      i += len;
      lit_start = i;
    } else {
      i++;
    }
  }
  while (lit_start < n) {
    size_t run = n - lit_start > 255 ? 255 : n - lit_start;
    out[o++] = 0; out[o++] = (uint8_t)run;
    memcpy(out + o, in + lit_start, run);
    o += run; lit_start += run;
  }
  return o;
}

static size_t decompress(const uint8_t *in, size_t n, uint8_t *out) {
  size_t i = 0, o = 0;
  while (i < n) {
    uint8_t kind = in[i++];
    size_t len = in[i++];
    if (kind == 0) {
      memcpy(out + o, in + i, len);
      i += len; o += len;
    } else {
      size_t off = (size_t)in[i] | ((size_t)in[i + 1] << 8);
      i += 2;
      /* Byte by byte: matches may overlap their own output. */
      for (size_t k = 0; k < len; k++, o++) out[o] = out[o - off];
    }
  }
  return o;
}

static const char *words[] = {"the ", "quick ", "brown ", "fox ", "jumps ", "over ", "lazy ",
  "dog ", "wasm ", "engine ", "compiler ", "register ", "memory ", "\n", "zero ", "bench "};

int main(int argc, char **argv) {
  long rounds = bench_size(argc, argv, 40);
  size_t n = 1 << 21;
  uint8_t *text = malloc(n), *packed = malloc(n + n / 100 + 1024), *back = malloc(n);
  int32_t *table = malloc(sizeof(int32_t) << HASH_BITS);
  if (!text || !packed || !back || !table) return 3;
  size_t pos = 0;
  while (pos < n) {
    uint64_t r = bench_rand();
    const char *w = words[r & 15];
    if ((r >> 8) % 7 == 0) { text[pos++] = (uint8_t)('a' + (r >> 16) % 26); continue; }
    for (size_t k = 0; w[k] && pos < n; k++) text[pos++] = (uint8_t)w[k];
  }
  uint64_t h = 0;
  int ok = 1;
  for (long r = 0; r < rounds; r++) {
    text[(size_t)r * 7919 % n] = (uint8_t)('A' + r % 26);
    size_t packed_len = compress(text, n, packed, table);
    size_t back_len = decompress(packed, packed_len, back);
    if (back_len != n || memcmp(back, text, n) != 0) ok = 0;
    h = bench_mix(h, packed_len);
  }
  free(text); free(packed); free(back); free(table);
  return bench_report("lz", h, ok);
}
