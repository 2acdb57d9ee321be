// The WASI preview1 host: configuration, the import object, and running a command (_start) or
// a reactor (_initialize). All state lives in one WasiContext shared by the syscall families.
import * as fs from 'node:fs';
import { randomFillSync } from 'node:crypto';
import { WasiErrno, errnoFromNodeCode } from './errno.js';
import { ALL_RIGHTS, DIR_RIGHTS, FileType, STDIN_RIGHTS, STDOUT_RIGHTS, WRITE_RIGHTS } from './constants.js';
import { FdTable, stdinSource, type FdEntry } from './fd-table.js';
import { GuestMemory, encodeUtf8 } from './memory.js';
import { ProcExit } from './exit.js';
import { filetypeOf, sleepMs } from './host-io.js';
import { envSyscalls } from './syscalls-env.js';
import { fdSyscalls } from './syscalls-fd.js';
import { pathSyscalls } from './syscalls-path.js';
import { pollSyscalls } from './syscalls-poll.js';
import { sockSyscalls } from './syscalls-sock.js';
import type { Clocks, Syscall, WasiContext } from './context.js';
import type { InputSource, OutputSink, WasiClock, WasiInstance, WasiOptions } from './options.js';

export type WasiImportFunction = (...args: (number | bigint)[]) => number;
// A type alias, not an interface, so it is assignable to `Record<string, ...>` import
// parameters (zerowasm's Runtime.instantiate) without a cast.
export type WasiImportObject = {
  wasi_snapshot_preview1: Record<string, WasiImportFunction>;
};

/** The exit code carried by a proc_exit unwinding, or undefined for any other error. */
export function exitCodeOf(err: unknown): number | undefined {
  return err instanceof ProcExit ? err.code : undefined;
}

function defaultClocks(custom: WasiClock | undefined): Clocks {
  const hrBase = process.hrtime.bigint();
  const wallBase = BigInt(Date.now()) * 1_000_000n;
  const cpu = (): bigint => {
    const u = process.cpuUsage();
    return BigInt(u.user + u.system) * 1000n;
  };
  return {
    realtime: custom?.realtime?.bind(custom) ?? (() => wallBase + (process.hrtime.bigint() - hrBase)),
    monotonic: custom?.monotonic?.bind(custom) ?? (() => process.hrtime.bigint()),
    processCputime: custom?.processCputime?.bind(custom) ?? cpu,
    // Node has no per-thread CPU clock; a WASI program runs on one thread, so this is close.
    threadCputime: custom?.threadCputime?.bind(custom) ?? cpu,
    sleep: custom?.sleep?.bind(custom) ?? ((ns) => sleepMs(Number(ns) / 1e6)),
  };
}

function hostFiletype(fd: number): number {
  try {
    return filetypeOf(fs.fstatSync(fd));
  } catch {
    return FileType.UNKNOWN;
  }
}

function stdinEntry(src: InputSource): FdEntry {
  const source = stdinSource(src);
  return {
    kind: 'stdin', source, offset: 0, fdflags: 0, rightsBase: STDIN_RIGHTS, rightsInheriting: 0n,
    filetype: typeof source === 'number' ? hostFiletype(source) : FileType.CHARACTER_DEVICE,
  };
}

function outputEntry(sink: OutputSink): FdEntry {
  return {
    kind: 'output', sink, fdflags: 0, rightsBase: STDOUT_RIGHTS, rightsInheriting: 0n,
    filetype: typeof sink === 'number' ? hostFiletype(sink) : FileType.CHARACTER_DEVICE,
  };
}

function checkString(what: string, s: unknown): string {
  if (typeof s !== 'string') throw new TypeError(`WASI: ${what} must be a string`);
  if (s.includes('\0')) throw new TypeError(`WASI: ${what} must not contain NUL: ${JSON.stringify(s)}`);
  return s;
}

function isHostError(e: unknown): e is NodeJS.ErrnoException & { code: string } {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string'
    && typeof (e as NodeJS.ErrnoException).syscall === 'string';
}

/** A memory export: its buffer is an ArrayBuffer, or a SharedArrayBuffer for a shared memory. */
function hasBuffer(m: unknown): m is { buffer: ArrayBufferLike } {
  if (typeof m !== 'object' || m === null) return false;
  const buffer = (m as { buffer?: unknown }).buffer;
  return buffer instanceof ArrayBuffer || buffer instanceof SharedArrayBuffer;
}

export class WASI {
  private memoryRef: { buffer: ArrayBufferLike } | undefined;
  private memoryView: GuestMemory | undefined;
  private started = false;
  private readonly ctx: WasiContext;
  private readonly importObject: WasiImportObject;

  constructor(options: WasiOptions = {}) {
    if (options.version !== undefined && options.version !== 'preview1') {
      throw new TypeError(`WASI: unsupported version '${String(options.version)}' (only 'preview1')`);
    }
    const fds = new FdTable();
    fds.add(stdinEntry(options.stdin ?? 0));
    fds.add(outputEntry(options.stdout ?? 1));
    fds.add(outputEntry(options.stderr ?? 2));
    for (const [guest, target] of Object.entries(options.preopens ?? {})) {
      const hostDir = typeof target === 'string' ? target : target.path;
      const readOnly = typeof target === 'string' ? false : target.readOnly === true;
      let real: string;
      try {
        real = fs.realpathSync(hostDir);
      } catch (e) {
        throw new Error(`WASI: preopen '${guest}': cannot open host directory '${hostDir}': ${(e as Error).message}`);
      }
      if (!fs.statSync(real).isDirectory()) {
        throw new Error(`WASI: preopen '${guest}': host path '${hostDir}' is not a directory`);
      }
      const strip = readOnly ? ~WRITE_RIGHTS : ALL_RIGHTS;
      fds.add({
        kind: 'dir', hostPath: real, preopenName: checkString('preopen name', guest), listing: undefined,
        filetype: FileType.DIRECTORY, fdflags: 0,
        rightsBase: DIR_RIGHTS & strip, rightsInheriting: ALL_RIGHTS & strip,
      });
    }
    const args = (options.args ?? []).map((a) => encodeUtf8(`${checkString('argument', a)}\0`));
    const env = Object.entries(options.env ?? {}).map(
      ([k, v]) => encodeUtf8(`${checkString('env name', k)}=${checkString(`env ${k}`, v)}\0`),
    );
    const random = options.random ?? ((buf: Uint8Array) => { randomFillSync(buf); });
    this.ctx = {
      fds, args, env, random, clocks: defaultClocks(options.clock),
      memory: () => {
        if (this.memoryRef === undefined) {
          throw new Error('WASI: no memory bound; call start() or initialize() with the instance first');
        }
        // Views are reused until memory.grow hands out a new ArrayBuffer.
        const buffer = this.memoryRef.buffer;
        if (this.memoryView?.buffer !== buffer) this.memoryView = new GuestMemory(buffer);
        return this.memoryView;
      },
    };
    const table = {
      ...envSyscalls(this.ctx), ...fdSyscalls(this.ctx), ...pathSyscalls(this.ctx),
      ...pollSyscalls(this.ctx), ...sockSyscalls(this.ctx),
    };
    const imports: Record<string, WasiImportFunction> = {};
    for (const [name, fn] of Object.entries(table)) imports[name] = guard(fn);
    this.importObject = { wasi_snapshot_preview1: imports };
  }

  /** `{ wasi_snapshot_preview1: {...} }`, to pass (merged if needed) to instantiation. */
  getImportObject(): WasiImportObject {
    return this.importObject;
  }

  /**
   * Runs a command module's `_start` and returns its exit code (0 when it returns normally).
   * Traps and host errors propagate as exceptions.
   */
  start(instance: WasiInstance): number {
    const { _start, _initialize } = instance.exports;
    if (typeof _start !== 'function') throw new TypeError('WASI.start: the instance does not export a _start function');
    if (_initialize !== undefined) throw new TypeError('WASI.start: the instance exports _initialize (a reactor); use initialize()');
    this.bind(instance);
    try {
      (_start as () => unknown)();
      return 0;
    } catch (e) {
      if (e instanceof ProcExit) return e.code;
      throw e;
    }
  }

  /**
   * Prepares a reactor: binds memory and runs `_initialize` if exported. Also usable on a
   * command module to call its other exports without running `_start`.
   */
  initialize(instance: WasiInstance): void {
    const { _initialize } = instance.exports;
    if (_initialize !== undefined && typeof _initialize !== 'function') {
      throw new TypeError('WASI.initialize: _initialize is not a function');
    }
    this.bind(instance);
    try {
      if (typeof _initialize === 'function') (_initialize as () => unknown)();
    } catch (e) {
      if (e instanceof ProcExit) throw new Error(`WASI.initialize: _initialize called proc_exit(${e.code})`);
      throw e;
    }
  }

  private bind(instance: WasiInstance): void {
    if (this.started) throw new Error('WASI: start()/initialize() may be called only once per WASI object');
    const { memory } = instance.exports;
    if (!hasBuffer(memory)) throw new TypeError('WASI: the instance does not export a memory named "memory"');
    this.started = true;
    this.memoryRef = memory;
  }
}

/** Turns errno exceptions and host fs failures into returned errno values. */
function guard(fn: Syscall): WasiImportFunction {
  const call = fn as unknown as WasiImportFunction;
  return (...args) => {
    try {
      return call(...args);
    } catch (e) {
      if (e instanceof WasiErrno) return e.errno;
      if (isHostError(e)) return errnoFromNodeCode(e.code);
      throw e;
    }
  };
}

