// bench: kind=memory full=1000000 quick=10000 reduced=30000
/* Memory: quicksort (hand-written, median of three) and a bottom-up merge sort of n random
 * 32-bit keys, repeated; both results must be sorted and identical. */
#include "bench.h"

static void quicksort(uint32_t *v, long lo, long hi) {
  while (hi - lo > 16) {
    long mid = lo + (hi - lo) / 2;
    uint32_t a = v[lo], b = v[mid], c = v[hi];
    uint32_t pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
    long i = lo, j = hi;
    while (i <= j) {
      while (v[i] < pivot) i++;
      while (v[j] > pivot) j--;
      if (i <= j) { uint32_t t = v[i]; v[i] = v[j]; v[j] = t; i++; j--; }
    }
    /* Recurse into the smaller half so the stack stays logarithmic. */
    if (j - lo < hi - i) { quicksort(v, lo, j); lo = i; } else { quicksort(v, i, hi); hi = j; }
  }
  for (long i = lo + 1; i <= hi; i++) {
    uint32_t x = v[i];
    long j = i - 1;
    while (j >= lo && v[j] > x) { v[j + 1] = v[j]; j--; }
    v[j + 1] = x;
  }
}

static void mergesort(uint32_t *v, uint32_t *tmp, long n) {
  for (long width = 1; width < n; width *= 2) {
    for (long lo = 0; lo < n; lo += 2 * width) {
      long mid = lo + width < n ? lo + width : n;
      long hi = lo + 2 * width < n ? lo + 2 * width : n;
      long i = lo, j = mid, k = lo;
      while (i < mid && j < hi) tmp[k++] = v[i] <= v[j] ? v[i++] : v[j++];
      while (i < mid) tmp[k++] = v[i++];
      while (j < hi) tmp[k++] = v[j++];
    }
    memcpy(v, tmp, sizeof(uint32_t) * (size_t)n);
  }
}

int main(int argc, char **argv) {
  long n = bench_size(argc, argv, 1000000);
  uint32_t *a = malloc(sizeof(uint32_t) * n), *b = malloc(sizeof(uint32_t) * n);
  uint32_t *tmp = malloc(sizeof(uint32_t) * n);
  if (!a || !b || !tmp) return 3;
  uint64_t h = 0;
  int ok = 1;
  for (int round = 0; round < 3; round++) {
    for (long i = 0; i < n; i++) a[i] = b[i] = (uint32_t)(bench_rand() >> 32);
    quicksort(a, 0, n - 1);
    mergesort(b, tmp, n);
    for (long i = 0; i < n; i++) {
      if (a[i] != b[i] || (i > 0 && a[i - 1] > a[i])) { ok = 0; break; }
    }
    for (long i = 0; i < n; i += 1 + n / 1000) h = bench_mix(h, a[i]);
  }
  free(a); free(b); free(tmp);
  return bench_report("sort", h, ok);
}
