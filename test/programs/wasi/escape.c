// Sandbox from a C program's point of view: every way out of the preopen must fail. Prints
// only whether each attempt was refused: WASI hosts may choose ENOTCAPABLE or EPERM.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static void try_open(const char *p) {
  errno = 0;
  int fd = open(p, O_RDONLY);
  printf("open %s: %s\n", p, fd >= 0 ? "OPENED" : "refused");
  if (fd >= 0) close(fd);
}

int main(void) {
  try_open("/sandbox/../etc/passwd");
  try_open("/sandbox/sub/../../etc/passwd");
  try_open("/etc/passwd");
  try_open("/sandbox/up/etc/passwd");
  errno = 0;
  printf("mkdir /sandbox/../x: %s\n", mkdir("/sandbox/../x", 0755) == 0 ? "CREATED" : "refused");
  errno = 0;
  printf("rename out: %s\n", rename("/sandbox/sub/f", "/sandbox/../f") == 0 ? "MOVED" : "refused");
  errno = 0;
  printf("symlink to /etc then open: %s\n", symlink("/etc", "/sandbox/etc-link") == 0 ? "CREATED" : "refused");
  try_open("/sandbox/etc-link/passwd");
  try_open("/sandbox/sub/f");
  return 0;
}
