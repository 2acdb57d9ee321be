// Runs A64 code produced by the zerowasm encoder, under qemu-aarch64 (test/backend/arm64/
// exec.test.ts). argv[1] is a file of raw code; each stdin line is "offset a0 a1 a2" in hex: the
// function at that offset is called as uint64_t f(a0, a1, a2, scratch) with a zeroed 4 KiB
// scratch buffer, and its result is printed in hex, one line per call.
#include <sys/mman.h>

#include <cinttypes>
#include <cstdio>
#include <cstring>

using Fn = uint64_t (*)(uint64_t, uint64_t, uint64_t, uint8_t*);

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  FILE* f = fopen(argv[1], "rb");
  if (!f) return 3;
  static uint8_t code[1 << 20];
  size_t size = fread(code, 1, sizeof code, f);
  fclose(f);
  void* mem = mmap(nullptr, sizeof code, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) return 4;
  memcpy(mem, code, size);
  if (mprotect(mem, sizeof code, PROT_READ | PROT_EXEC) != 0) return 5;
  __builtin___clear_cache(static_cast<char*>(mem), static_cast<char*>(mem) + size);
  static uint8_t scratch[4096];
  uint64_t offset, a0, a1, a2;
  while (scanf("%" SCNx64 " %" SCNx64 " %" SCNx64 " %" SCNx64, &offset, &a0, &a1, &a2) == 4) {
    memset(scratch, 0, sizeof scratch);
    Fn fn = reinterpret_cast<Fn>(static_cast<uint8_t*>(mem) + offset);
    printf("%" PRIx64 "\n", fn(a0, a1, a2, scratch));
    fflush(stdout);
  }
  return 0;
}
