// bench: kind=float full=800 quick=64 reduced=240
/* Floating point: blocked dense matrix multiply C = A * B of n x n doubles; the self-check
 * compares row sums of C with A times the row sums of B (exact for these small integers). */
#include "bench.h"

int main(int argc, char **argv) {
  long n = bench_size(argc, argv, 800);
  double *a = malloc(sizeof(double) * n * n);
  double *b = malloc(sizeof(double) * n * n);
  double *c = calloc((size_t)(n * n), sizeof(double));
  if (!a || !b || !c) return 3;
  for (long i = 0; i < n * n; i++) {
    a[i] = (double)(bench_rand() % 17) - 8.0;
    b[i] = (double)(bench_rand() % 13) - 6.0;
  }
  const long bs = 32;
  for (int rep = 0; rep < 3; rep++) {
    for (long i = 0; i < n * n; i++) c[i] = 0;
    for (long ii = 0; ii < n; ii += bs)
      for (long kk = 0; kk < n; kk += bs)
        for (long jj = 0; jj < n; jj += bs)
          for (long i = ii; i < ii + bs && i < n; i++)
            for (long k = kk; k < kk + bs && k < n; k++) {
              double aik = a[i * n + k];
              for (long j = jj; j < jj + bs && j < n; j++) c[i * n + j] += aik * b[k * n + j];
            }
  }
  double *brow = calloc((size_t)n, sizeof(double));
  if (!brow) return 3;
  for (long k = 0; k < n; k++)
    for (long j = 0; j < n; j++) brow[k] += b[k * n + j];
  int ok = 1;
  uint64_t h = 0;
  for (long i = 0; i < n; i++) {
    double row = 0, expect = 0;
    for (long j = 0; j < n; j++) row += c[i * n + j];
    for (long k = 0; k < n; k++) expect += a[i * n + k] * brow[k];
    if (row != expect) ok = 0;
    h = bench_mix(h, bench_double_bits(row));
  }
  free(a); free(b); free(c); free(brow);
  return bench_report("matmul", h, ok);
}
