// files and directories under the directory given as argv[1]: create, write, seek, read,
// pread/pwrite, truncate, append, stat, utimens, rename, symlink/readlink, readdir, unlink,
// mkdir, rmdir, plus the errors POSIX defines for the usual mistakes.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char buf[4096];
static const char *base;

static const char *at(const char *rel) {
  static char paths[4][512];
  static int next;
  char *p = paths[next++ & 3];
  snprintf(p, 512, "%s/%s", base, rel);
  return p;
}

#define CHECK(expr) do { if (!(expr)) { printf("FAILED: %s (line %d): %s\n", #expr, __LINE__, strerror(errno)); return 1; } } while (0)
#define EXPECT_ERR(expr) do { errno = 0; int r_ = (int)(expr); printf("%s -> %d (%s)\n", #expr, r_, strerror(errno)); } while (0)

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(const char *rel) {
  DIR *d = opendir(at(rel));
  if (!d) { printf("opendir %s: %s\n", rel, strerror(errno)); return; }
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL && n < 64) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    const char *type = e->d_type == DT_DIR ? "dir" : e->d_type == DT_REG ? "file" : e->d_type == DT_LNK ? "link" : "other";
    names[n] = malloc(strlen(e->d_name) + 8);
    sprintf(names[n++], "%s (%s)", e->d_name, type);
  }
  closedir(d);
  qsort(names, n, sizeof(char *), cmp);
  printf("ls %s:", rel);
  for (int i = 0; i < n; i++) { printf(" %s", names[i]); free(names[i]); }
  printf("\n");
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: files DIR\n"); return 2; }
  base = argv[1];
  CHECK(mkdir(at("d"), 0755) == 0);
  CHECK(mkdir(at("d/sub"), 0755) == 0);

  FILE *f = fopen(at("d/a.txt"), "w");
  CHECK(f != NULL);
  for (int i = 0; i < 3; i++) fprintf(f, "hello world %d\n", i);
  CHECK(fclose(f) == 0);

  int fd = open(at("d/a.txt"), O_RDWR);
  CHECK(fd >= 0);
  CHECK(lseek(fd, 6, SEEK_SET) == 6);
  CHECK(read(fd, buf, 5) == 5);
  buf[5] = 0;
  printf("read at 6: %s\n", buf);
  printf("tell: %ld\n", (long)lseek(fd, 0, SEEK_CUR));
  printf("size by seek end: %ld\n", (long)lseek(fd, 0, SEEK_END));
  CHECK(pwrite(fd, "HELLO", 5, 0) == 5);
  CHECK(pread(fd, buf, 11, 0) == 11);
  buf[11] = 0;
  printf("pread: %s\n", buf);
  printf("tell after pread/pwrite: %ld\n", (long)lseek(fd, 0, SEEK_CUR));
  CHECK(ftruncate(fd, 30) == 0);
  struct stat st;
  CHECK(fstat(fd, &st) == 0);
  printf("fstat: size=%lld regular=%d\n", (long long)st.st_size, S_ISREG(st.st_mode));
  CHECK(close(fd) == 0);

  fd = open(at("d/a.txt"), O_WRONLY | O_APPEND);
  CHECK(fd >= 0);
  CHECK(write(fd, "tail\n", 5) == 5);
  CHECK(close(fd) == 0);
  CHECK(stat(at("d/a.txt"), &st) == 0);
  printf("after append: size=%lld\n", (long long)st.st_size);
  CHECK(stat(at("d"), &st) == 0);
  printf("d is dir: %d\n", S_ISDIR(st.st_mode));

  struct timespec times[2] = {{1000000000, 0}, {1234567890, 0}};
  CHECK(utimensat(AT_FDCWD, at("d/a.txt"), times, 0) == 0);
  CHECK(stat(at("d/a.txt"), &st) == 0);
  printf("mtime after utimensat: %lld\n", (long long)st.st_mtim.tv_sec);

  CHECK(rename(at("d/a.txt"), at("d/sub/b.txt")) == 0);
  EXPECT_ERR(access(at("d/a.txt"), F_OK));
  CHECK(symlink("sub/b.txt", at("d/link")) == 0);
  ssize_t n = readlink(at("d/link"), buf, sizeof buf - 1);
  CHECK(n >= 0);
  buf[n] = 0;
  printf("readlink: %s\n", buf);
  CHECK(stat(at("d/link"), &st) == 0);
  printf("stat through link: size=%lld\n", (long long)st.st_size);
  CHECK(lstat(at("d/link"), &st) == 0);
  printf("lstat is link: %d\n", S_ISLNK(st.st_mode));
  f = fopen(at("d/link"), "r");
  CHECK(f != NULL);
  CHECK(fgets(buf, sizeof buf, f) != NULL);
  fclose(f);
  printf("read through link: %s", buf);

  f = fopen(at("d/keep.txt"), "w");
  CHECK(f != NULL);
  fputs("kept\n", f);
  fclose(f);
  CHECK(mkdir(at("d/empty"), 0755) == 0);
  list("d");
  CHECK(rmdir(at("d/empty")) == 0);
  CHECK(unlink(at("d/link")) == 0);
  list("d");

  EXPECT_ERR(open(at("d/missing.txt"), O_RDONLY));
  EXPECT_ERR(mkdir(at("d/sub"), 0755));
  EXPECT_ERR(rmdir(at("d/sub")));
  EXPECT_ERR(rmdir(at("d/keep.txt")));
  EXPECT_ERR(open(at("d/keep.txt"), O_CREAT | O_EXCL | O_WRONLY, 0644));
  EXPECT_ERR(open(at("d/keep.txt/x"), O_RDONLY));
  EXPECT_ERR(opendir(at("d/keep.txt")) == NULL ? -1 : 0);
  EXPECT_ERR(unlink(at("d/missing")));
  return 0;
}
