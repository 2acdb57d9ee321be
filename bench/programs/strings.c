// bench: kind=memory full=1000000 quick=5000 reduced=20000
/* Memory / strings: builds a text of words, counts word frequencies in a chained hash table keyed
 * by strings (strcmp), searches substrings (strstr) and reverses lines in place. */
#include "bench.h"

#define BUCKETS 4096

typedef struct Entry { struct Entry *next; char *word; long count; } Entry;

static const char *syllables[] = {"ka", "zu", "mi", "ro", "te", "shi", "an", "lo"};

static uint32_t str_hash(const char *s) {
  uint32_t h = 5381;
  while (*s) h = h * 33 + (uint8_t)*s++;
  return h;
}

int main(int argc, char **argv) {
  long lines = bench_size(argc, argv, 1000000);
  size_t cap = (size_t)lines * 64 + 1;
  char *text = malloc(cap);
  if (!text) return 3;
  size_t pos = 0;
  for (long l = 0; l < lines; l++) {
    int nwords = 3 + (int)(bench_rand() % 6);
    for (int w = 0; w < nwords; w++) {
      int nsyl = 1 + (int)(bench_rand() % 3);
      for (int s = 0; s < nsyl; s++) {
        const char *syl = syllables[bench_rand() & 7];
        size_t len = strlen(syl);
        memcpy(text + pos, syl, len);
        pos += len;
      }
      text[pos++] = w + 1 < nwords ? ' ' : '\n';
    }
  }
  text[pos] = 0;

  Entry *table[BUCKETS] = {0};
  long distinct = 0, total = 0;
  char word[64];
  for (size_t i = 0; i < pos;) {
    size_t j = i;
    while (j < pos && text[j] != ' ' && text[j] != '\n') j++;
    size_t len = j - i < 63 ? j - i : 63;
    memcpy(word, text + i, len);
    word[len] = 0;
    uint32_t b = str_hash(word) % BUCKETS;
    Entry *e = table[b];
    while (e && strcmp(e->word, word) != 0) e = e->next;
    if (!e) {
      e = malloc(sizeof(Entry));
      e->word = malloc(len + 1);
      memcpy(e->word, word, len + 1);
      e->count = 0;
      e->next = table[b];
      table[b] = e;
      distinct++;
    }
    e->count++;
    total++;
    i = j + 1;
  }

  /* Substring search: how often do a few needles occur? */
  static const char *needles[] = {"kazu", "shian", "lolo", "mi te", "rozu\nka"};
  uint64_t h = 0;
  for (int k = 0; k < 5; k++) {
    long hits = 0;
    for (const char *p = text; (p = strstr(p, needles[k])) != 0; p++) hits++;
    h = bench_mix(h, (uint64_t)hits);
  }

  /* Reverse every line in place twice: the text must come back unchanged. */
  uint32_t before = str_hash(text);
  for (int pass = 0; pass < 2; pass++) {
    for (size_t i = 0; i < pos;) {
      size_t j = i;
      while (text[j] != '\n') j++;
      for (size_t a = i, z = j - 1; a < z; a++, z--) { char t = text[a]; text[a] = text[z]; text[z] = t; }
      h = bench_mix(h, (uint8_t)text[i]);
      i = j + 1;
    }
  }
  int ok = str_hash(text) == before;

  long summed = 0;
  for (int b = 0; b < BUCKETS; b++) {
    for (Entry *e = table[b]; e;) {
      Entry *next = e->next;
      summed += e->count;
      h = bench_mix(h, str_hash(e->word) ^ (uint64_t)e->count);
      free(e->word);
      free(e);
      e = next;
    }
  }
  if (summed != total) ok = 0;
  free(text);
  return bench_report("strings", bench_mix(h, (uint64_t)distinct), ok);
}
