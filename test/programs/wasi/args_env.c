// args and environ: prints argv and the environment (sorted, so order does not matter).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
  printf("argc=%d\n", argc);
  for (int i = 0; i < argc; i++) printf("argv[%d]=\"%s\"\n", i, argv[i]);
  int n = 0;
  while (environ[n]) n++;
  char **sorted = malloc(sizeof(char *) * (n + 1));
  for (int i = 0; i < n; i++) sorted[i] = environ[i];
  qsort(sorted, n, sizeof(char *), cmp);
  printf("envc=%d\n", n);
  for (int i = 0; i < n; i++) printf("env: %s\n", sorted[i]);
  const char *home = getenv("HOME");
  printf("HOME=%s\n", home ? home : "(unset)");
  return 0;
}
