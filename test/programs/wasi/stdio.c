// stdio: echoes stdin upper-cased to stdout, reports byte and line counts to stderr.
#include <ctype.h>
#include <stdio.h>

int main(void) {
  int c, bytes = 0, lines = 0;
  printf("stdio test\n");
  while ((c = getchar()) != EOF) {
    bytes++;
    if (c == '\n') lines++;
    putchar(toupper(c));
  }
  fprintf(stderr, "read %d bytes, %d lines\n", bytes, lines);
  fflush(stdout);
  fprintf(stderr, "done\n");
  return 0;
}
