// bench: kind=float full=2400 quick=100 reduced=300
/* Floating point: escape-time Mandelbrot on an n x n grid; the set is symmetric about the real
 * axis, which the self-check verifies row by row. */
#include "bench.h"

static int escape(double cr, double ci, int limit) {
  double zr = 0, zi = 0;
  int k = 0;
  while (k < limit && zr * zr + zi * zi <= 4.0) {
    double t = zr * zr - zi * zi + cr;
    zi = 2.0 * zr * zi + ci;
    zr = t;
    k++;
  }
  return k;
}

int main(int argc, char **argv) {
  long n = bench_size(argc, argv, 2400);
  const int limit = 200;
  uint64_t h = 0;
  long inside = 0;
  int ok = 1;
  for (long y = 0; y < n; y++) {
    /* Rows y and n-1-y mirror each other when the grid is centred on the real axis. */
    double ci = -1.5 + 3.0 * ((double)y + 0.5) / (double)n;
    double mirror = -1.5 + 3.0 * ((double)(n - 1 - y) + 0.5) / (double)n;
    for (long x = 0; x < n; x++) {
      double cr = -2.2 + 3.2 * ((double)x + 0.5) / (double)n;
      int k = escape(cr, ci, limit);
      if (k == limit) inside++;
      h = bench_mix(h, (uint64_t)k);
      if (x % 97 == 0 && escape(cr, -mirror, limit) != k) ok = 0;
    }
  }
  return bench_report("mandelbrot", bench_mix(h, (uint64_t)inside), ok);
}
