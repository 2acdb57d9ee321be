// bench: kind=allocator full=18 quick=8 reduced=12
/* Allocator-heavy: binary trees built and torn down with malloc/free (the classic GC benchmark
 * shape) plus a churn of random-sized blocks with realloc; node counts are checked. */
#include "bench.h"

typedef struct Node { struct Node *left, *right; uint32_t value; } Node;

static Node *build(int depth, uint32_t value) {
  Node *n = malloc(sizeof(Node));
  if (!n) exit(3);
  n->value = value;
  if (depth > 0) {
    n->left = build(depth - 1, value * 2);
    n->right = build(depth - 1, value * 2 + 1);
  } else {
    n->left = n->right = 0;
  }
  return n;
}

static uint64_t check(const Node *n, long *count) {
  (*count)++;
  uint64_t h = n->value;
  if (n->left) h += check(n->left, count) ^ check(n->right, count);
  return h;
}

static void release(Node *n) {
  if (n->left) { release(n->left); release(n->right); }
  free(n);
}

int main(int argc, char **argv) {
  long depth = bench_size(argc, argv, 18);
  int ok = 1;
  uint64_t h = 0;
  Node *keep = build((int)depth, 1);
  for (long d = 4; d <= depth; d += 2) {
    long trees = 1L << (depth - d + 2);
    for (long t = 0; t < trees; t++) {
      Node *tree = build((int)d, (uint32_t)t);
      long count = 0;
      h = bench_mix(h, check(tree, &count));
      if (count != (2L << d) - 1) ok = 0;
      release(tree);
    }
  }
  long count = 0;
  h = bench_mix(h, check(keep, &count));
  if (count != (2L << depth) - 1) ok = 0;
  release(keep);

  /* Churn: a pool of blocks of random sizes, freed, reallocated and grown at random. */
  enum { SLOTS = 4096 };
  uint8_t *slot[SLOTS] = {0};
  size_t size[SLOTS] = {0};
  long ops = 1L << (depth + 2);
  for (long i = 0; i < ops; i++) {
    uint64_t r = bench_rand();
    int s = (int)(r % SLOTS);
    size_t want = 8 + (size_t)((r >> 20) % 2000);
    if (slot[s] && (r >> 40) % 3 == 0) {
      if (slot[s][0] != (uint8_t)size[s] || slot[s][size[s] - 1] != (uint8_t)s) ok = 0;
      free(slot[s]);
      slot[s] = 0;
    } else {
      uint8_t *p = realloc(slot[s], want);
      if (!p) return 3;
      slot[s] = p;
      size[s] = want;
      p[0] = (uint8_t)want;
      p[want - 1] = (uint8_t)s;
      h = bench_mix(h, want);
    }
  }
  for (int s = 0; s < SLOTS; s++) free(slot[s]);
  return bench_report("alloc", h, ok);
}
