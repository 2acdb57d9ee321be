// poll_oneoff: clock subscriptions (relative or absolute) and fd read/write readiness. Host
// files and output streams are always ready, as POSIX poll reports regular files; stdin given
// as bytes is ready with its remaining length; stdin given as a host fd is reported ready and
// the following read blocks (a synchronous host has no cheaper honest answer).
import * as fs from 'node:fs';
import { Errno, WasiErrno } from './errno.js';
import { EventType, Rights, SubclockFlags } from './constants.js';
import { readClock } from './syscalls-env.js';
import type { SyscallTable, WasiContext } from './context.js';
import type { FdEntry } from './fd-table.js';

const SUBSCRIPTION_SIZE = 48;
const EVENT_SIZE = 32;

interface PendingEvent {
  userdata: bigint;
  error: number;
  type: number;
  nbytes: bigint;
}

function bytesReadable(e: FdEntry): bigint {
  if (e.kind === 'stdin') return typeof e.source === 'number' ? 0n : BigInt(e.source.length - e.offset);
  if (e.kind === 'file') {
    const size = fs.fstatSync(e.hostFd, { bigint: true }).size;
    return size > e.position ? size - e.position : 0n;
  }
  return 0n;
}

export function pollSyscalls(ctx: WasiContext): SyscallTable {
  return {
    poll_oneoff(inPtr: number, outPtr: number, nsubs: number, neventsPtr: number) {
      const mem = ctx.memory();
      const count = nsubs >>> 0;
      if (count === 0) return Errno.INVAL;
      mem.check(inPtr, count * SUBSCRIPTION_SIZE);
      mem.check(outPtr, count * EVENT_SIZE);
      mem.check(neventsPtr, 4);

      const ready: PendingEvent[] = [];
      const clocks: { userdata: bigint; remaining: bigint }[] = [];
      for (let i = 0; i < count; i++) {
        const s = (inPtr >>> 0) + i * SUBSCRIPTION_SIZE;
        const userdata = mem.u64(s);
        const tag = mem.u8(s + 8);
        if (tag === EventType.CLOCK) {
          const id = mem.u32(s + 16);
          const timeout = mem.u64(s + 24);
          const flags = mem.u16(s + 40);
          try {
            const remaining = (flags & SubclockFlags.ABSTIME) ? timeout - readClock(ctx.clocks, id) : timeout;
            clocks.push({ userdata, remaining });
          } catch (e) {
            if (!(e instanceof WasiErrno)) throw e;
            ready.push({ userdata, error: e.errno, type: tag, nbytes: 0n });
          }
        } else if (tag === EventType.FD_READ || tag === EventType.FD_WRITE) {
          try {
            const right = Rights.POLL_FD_READWRITE | (tag === EventType.FD_READ ? Rights.FD_READ : Rights.FD_WRITE);
            const e = ctx.fds.get(mem.u32(s + 16), right);
            ready.push({ userdata, error: Errno.SUCCESS, type: tag, nbytes: tag === EventType.FD_READ ? bytesReadable(e) : 0n });
          } catch (e) {
            if (!(e instanceof WasiErrno)) throw e;
            ready.push({ userdata, error: e.errno, type: tag, nbytes: 0n });
          }
        } else {
          return Errno.INVAL;
        }
      }

      if (ready.length === 0 && clocks.length > 0) {
        const wait = clocks.reduce((m, c) => (c.remaining < m ? c.remaining : m), clocks[0]!.remaining);
        if (wait > 0n) ctx.clocks.sleep(wait);
        for (const c of clocks) {
          if (c.remaining <= wait) ready.push({ userdata: c.userdata, error: 0, type: EventType.CLOCK, nbytes: 0n });
        }
      } else {
        for (const c of clocks) {
          if (c.remaining <= 0n) ready.push({ userdata: c.userdata, error: 0, type: EventType.CLOCK, nbytes: 0n });
        }
      }

      const view = ctx.memory();
      ready.forEach((ev, i) => {
        const o = (outPtr >>> 0) + i * EVENT_SIZE;
        view.slice(o, EVENT_SIZE).fill(0);
        view.setU64(o, ev.userdata);
        view.setU16(o + 8, ev.error);
        view.setU8(o + 10, ev.type);
        view.setU64(o + 16, ev.nbytes);
      });
      view.setU32(neventsPtr, ready.length);
      return Errno.SUCCESS;
    },
  };
}
