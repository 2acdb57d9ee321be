// exit codes: `exit_code N` exits with N via exit(); `exit_code return N` returns N from main;
// `exit_code abort` calls abort() (a trap).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  printf("before exit\n");
  fflush(stdout);
  if (argc > 1 && strcmp(argv[1], "abort") == 0) abort();
  if (argc > 2 && strcmp(argv[1], "return") == 0) return atoi(argv[2]);
  if (argc > 1) exit(atoi(argv[1]));
  return 0;
}
