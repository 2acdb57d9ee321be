// Configuration of a WASI instance, shaped like node:wasi's options plus what tests and the CLI
// need: read-only preopens, stdio as callbacks or buffers, and replaceable clock/random sources.

/**
 * Where guest writes to stdout/stderr go: a host fd, a callback receiving each chunk, or a
 * stream-like object with write(chunk) (e.g. a Node Writable; its own buffering applies).
 */
export type OutputSink = number | ((chunk: Uint8Array) => void) | { write(chunk: Uint8Array): unknown };

/** Where guest reads of stdin come from: a host fd, or fixed bytes/text (then EOF). */
export type InputSource = number | Uint8Array | string;

/** A preopen's host directory, optionally read-only. */
export type PreopenTarget = string | { readonly path: string; readonly readOnly?: boolean };

/** Clocks in nanoseconds. Any omitted clock falls back to the host's. */
export interface WasiClock {
  realtime?(): bigint;
  monotonic?(): bigint;
  processCputime?(): bigint;
  threadCputime?(): bigint;
  /** Sleeps for poll_oneoff clock subscriptions; default blocks the thread (Atomics.wait). */
  sleep?(ns: bigint): void;
}

export interface WasiOptions {
  /** Accepted for drop-in compatibility with node:wasi; only 'preview1' exists here. */
  readonly version?: 'preview1';
  /** argv as seen by the guest (argv[0] is the program name by convention). */
  readonly args?: readonly string[];
  /** Environment variables, rendered as KEY=VALUE. */
  readonly env?: Readonly<Record<string, string>>;
  /** Guest path → host directory. Given fds 3, 4, ... in insertion order. */
  readonly preopens?: Readonly<Record<string, PreopenTarget>>;
  readonly stdin?: InputSource;
  readonly stdout?: OutputSink;
  readonly stderr?: OutputSink;
  readonly clock?: WasiClock;
  /** Fills the buffer with random bytes; default crypto.randomFillSync. */
  readonly random?: (buf: Uint8Array) => void;
}

/** The instance shape WASI needs: both V8 and zerowasm instances look like this. */
export interface WasiInstance {
  readonly exports: {
    readonly memory?: unknown;
    readonly _start?: unknown;
    readonly _initialize?: unknown;
    readonly [name: string]: unknown;
  };
}
