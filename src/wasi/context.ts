// What every syscall family needs: the fd table, the guest memory (re-read per call), the
// encoded args/env, and the clock and random sources chosen at construction.
import type { FdTable } from './fd-table.js';
import type { GuestMemory } from './memory.js';

/** A syscall takes Wasm values (i32 → number, i64 → bigint) and returns an errno. */
export type Syscall = (...args: never[]) => number;
export type SyscallTable = Record<string, Syscall>;

export interface Clocks {
  realtime(): bigint;
  monotonic(): bigint;
  processCputime(): bigint;
  threadCputime(): bigint;
  sleep(ns: bigint): void;
}

export interface WasiContext {
  readonly fds: FdTable;
  /** A fresh bounds-checked view of the instance's memory (memory.grow replaces the buffer). */
  memory(): GuestMemory;
  /** NUL-terminated UTF-8 strings. */
  readonly args: readonly Uint8Array[];
  readonly env: readonly Uint8Array[];
  readonly clocks: Clocks;
  readonly random: (buf: Uint8Array) => void;
}
