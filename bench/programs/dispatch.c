// bench: kind=calls full=3000000 quick=20000 reduced=60000
/* Call-heavy: a tiny stack-machine interpreter whose opcodes are handlers called through a table
 * of function pointers (call_indirect in Wasm), plus qsort with a comparator callback. */
#include "bench.h"

typedef struct { int64_t stack[64]; int sp; int pc; uint64_t acc; } Vm;
typedef void (*Handler)(Vm *vm, int32_t arg);

static void op_push(Vm *vm, int32_t arg) { vm->stack[vm->sp++] = arg; }
static void op_add(Vm *vm, int32_t arg) { (void)arg; vm->sp--; vm->stack[vm->sp - 1] += vm->stack[vm->sp]; }
static void op_mul(Vm *vm, int32_t arg) { (void)arg; vm->sp--; vm->stack[vm->sp - 1] *= vm->stack[vm->sp]; }
static void op_xor(Vm *vm, int32_t arg) { (void)arg; vm->sp--; vm->stack[vm->sp - 1] ^= vm->stack[vm->sp]; }
static void op_dup(Vm *vm, int32_t arg) { (void)arg; vm->stack[vm->sp] = vm->stack[vm->sp - 1]; vm->sp++; }
static void op_shr(Vm *vm, int32_t arg) { vm->stack[vm->sp - 1] = (int64_t)((uint64_t)vm->stack[vm->sp - 1] >> (arg & 63)); }
static void op_acc(Vm *vm, int32_t arg) { (void)arg; vm->acc = bench_mix(vm->acc, (uint64_t)vm->stack[--vm->sp]); }
static void op_jnz(Vm *vm, int32_t arg) { if (--vm->stack[0] > 0) vm->pc = arg - 1; }
static void op_ctr(Vm *vm, int32_t arg) { vm->stack[vm->sp++] = vm->stack[0] + arg; }

static Handler handlers[] = {op_push, op_add, op_mul, op_xor, op_dup, op_shr, op_acc, op_jnz, op_ctr};
enum { PUSH, ADD, MUL, XOR, DUP, SHR, ACC, JNZ, CTR };

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  long iterations = bench_size(argc, argv, 3000000);
  /* stack[0] is the loop counter; the body computes a hash-like expression and accumulates it. */
  const int32_t program[][2] = {
    {CTR, 0}, {PUSH, 12345}, {ADD, 0}, {DUP, 0}, {PUSH, 31}, {MUL, 0}, {DUP, 0}, {SHR, 7},
    {XOR, 0}, {PUSH, 0x5bd1e995}, {XOR, 0}, {CTR, 7}, {ACC, 0}, {ACC, 0}, {ACC, 0}, {JNZ, 0},
  };
  const int length = (int)(sizeof program / sizeof program[0]);
  Vm vm = {{0}, 1, 0, 0};
  vm.stack[0] = iterations;
  for (vm.pc = 0; vm.pc < length; vm.pc++) handlers[program[vm.pc][0]](&vm, program[vm.pc][1]);
  int ok = vm.sp == 1 && vm.stack[0] == 0;
  uint64_t h = vm.acc;

  long n = iterations / 10 + 16;
  uint32_t *keys = malloc(sizeof(uint32_t) * (size_t)n);
  if (!keys) return 3;
  for (long i = 0; i < n; i++) keys[i] = (uint32_t)bench_rand();
  qsort(keys, (size_t)n, sizeof(uint32_t), cmp_u32);
  for (long i = 1; i < n; i++) if (keys[i - 1] > keys[i]) ok = 0;
  for (long i = 0; i < n; i += 1 + n / 100) h = bench_mix(h, keys[i]);
  free(keys);
  return bench_report("dispatch", h, ok);
}
