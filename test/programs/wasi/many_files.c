// readdir over a directory larger than libc's buffer (cookies, refills), then cleanup.
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  char path[512];
  snprintf(path, sizeof path, "%s/many", argv[1]);
  if (mkdir(path, 0755) != 0) { perror("mkdir"); return 1; }
  for (int i = 0; i < 300; i++) {
    snprintf(path, sizeof path, "%s/many/file-with-a-rather-long-name-%04d.txt", argv[1], i);
    FILE *f = fopen(path, "w");
    if (!f) { perror("fopen"); return 1; }
    fprintf(f, "%d\n", i);
    fclose(f);
  }
  snprintf(path, sizeof path, "%s/many", argv[1]);
  DIR *d = opendir(path);
  if (!d) { perror("opendir"); return 1; }
  int count = 0, dots = 0;
  long sum = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) { dots++; continue; }
    int n;
    if (sscanf(e->d_name, "file-with-a-rather-long-name-%d.txt", &n) == 1) sum += n;
    count++;
  }
  closedir(d);
  printf("entries=%d sum=%ld\n", count, sum);
  for (int i = 0; i < 300; i += 2) {
    snprintf(path, sizeof path, "%s/many/file-with-a-rather-long-name-%04d.txt", argv[1], i);
    if (unlink(path) != 0) { perror("unlink"); return 1; }
  }
  snprintf(path, sizeof path, "%s/many", argv[1]);
  errno = 0;
  printf("rmdir non-empty: %d %s\n", rmdir(path), strerror(errno));
  d = opendir(path);
  count = 0;
  while ((e = readdir(d)) != NULL) count += e->d_name[0] != '.';
  closedir(d);
  printf("after unlinking half: %d\n", count);
  return 0;
}
