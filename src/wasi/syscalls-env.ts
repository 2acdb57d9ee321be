// args, environ, clocks, random, process exit and scheduling.
import { Errno, fail } from './errno.js';
import { ClockId } from './constants.js';
import { ProcExit } from './exit.js';
import type { Clocks, SyscallTable, WasiContext } from './context.js';

/** Writes a string vector the way args_get/environ_get define it: pointers, then bytes. */
function writeStrings(ctx: WasiContext, list: readonly Uint8Array[], ptrs: number, buf: number): number {
  const mem = ctx.memory();
  const total = list.reduce((n, s) => n + s.length, 0);
  mem.check(ptrs, list.length * 4);
  mem.check(buf, total);
  let at = buf >>> 0;
  list.forEach((s, i) => {
    mem.setU32(ptrs + i * 4, at);
    mem.write(at, s);
    at += s.length;
  });
  return Errno.SUCCESS;
}

function writeSizes(ctx: WasiContext, list: readonly Uint8Array[], countPtr: number, sizePtr: number): number {
  const mem = ctx.memory();
  mem.check(countPtr, 4);
  mem.check(sizePtr, 4);
  mem.setU32(countPtr, list.length);
  mem.setU32(sizePtr, list.reduce((n, s) => n + s.length, 0));
  return Errno.SUCCESS;
}

/** Resolution in ns reported by clock_res_get, by clock id. */
const CLOCK_RESOLUTION_NS = [1000n, 1n, 1000n, 1000n];

export function readClock(clocks: Clocks, id: number): bigint {
  switch (id) {
    case ClockId.REALTIME: return clocks.realtime();
    case ClockId.MONOTONIC: return clocks.monotonic();
    case ClockId.PROCESS_CPUTIME_ID: return clocks.processCputime();
    case ClockId.THREAD_CPUTIME_ID: return clocks.threadCputime();
    default: return fail(Errno.INVAL);
  }
}


export function envSyscalls(ctx: WasiContext): SyscallTable {
  return {
    args_get: (argv: number, buf: number) => writeStrings(ctx, ctx.args, argv, buf),
    args_sizes_get: (count: number, size: number) => writeSizes(ctx, ctx.args, count, size),
    environ_get: (envp: number, buf: number) => writeStrings(ctx, ctx.env, envp, buf),
    environ_sizes_get: (count: number, size: number) => writeSizes(ctx, ctx.env, count, size),

    clock_res_get(id: number, out: number) {
      const res = CLOCK_RESOLUTION_NS[id >>> 0];
      if (res === undefined) return Errno.INVAL;
      ctx.memory().setU64(out, res);
      return Errno.SUCCESS;
    },
    clock_time_get(id: number, _precision: bigint, out: number) {
      const mem = ctx.memory();
      mem.check(out, 8);
      mem.setU64(out, readClock(ctx.clocks, id >>> 0));
      return Errno.SUCCESS;
    },

    random_get(buf: number, len: number) {
      const bytes = ctx.memory().slice(buf, len);
      // Fill in chunks: host sources may cap one request (crypto's limit is 2^31-1, Web's 64 KiB).
      for (let off = 0; off < bytes.length; off += 65536) {
        ctx.random(bytes.subarray(off, Math.min(bytes.length, off + 65536)));
      }
      return Errno.SUCCESS;
    },

    proc_exit(code: number): number {
      throw new ProcExit(code >>> 0);
    },
    // Signals are not part of the sandbox's world; preview1 lets us refuse them.
    proc_raise: (_sig: number) => Errno.NOTSUP,
    sched_yield: () => Errno.SUCCESS,
  };
}
