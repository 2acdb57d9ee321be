// The typed boundary of the native addon (native/). Handles are opaque JS externals that own
// native objects; each is freed explicitly or, failing that, when garbage-collected.

declare const brand: unique symbol;
/** An executable code region (read+execute, registered with the fault handler). */
export type CodeHandle = { readonly [brand]: 'code' };
/** A linear memory reservation. */
export type MemoryHandle = { readonly [brand]: 'memory' };
/** An instance: its vmctx buffer and its table of JS host functions (held weakly: see instance.ts). */
export type InstanceHandle = { readonly [brand]: 'instance' };
/** A call target (instance + code + offset) validated once; the fast way to call an export. */
export type EntryHandle = { readonly [brand]: 'entry' };

export interface MemoryInfo {
  readonly pages: number;
  readonly maxPages: number;
  readonly reservedBytes: number;
  /** Address of byte 0; never changes for the life of the memory. */
  readonly base: bigint;
  readonly guarded: boolean;
}

/** A JS function the host-call bridge calls; it reads arguments from and writes results to the slot buffer. */
export type HostFunction = () => void;

export interface NativeAddon {
  readonly abiVersion: number;
  readonly layoutFingerprint: number;
  readonly arch: 'x64' | 'arm64';
  /** Why the fault handler could not be installed, or null. */
  readonly signalError: string | null;

  /** Copies machine code into fresh pages and makes them read+execute. */
  codeCreate(bytes: Uint8Array): CodeHandle;
  codeFree(code: CodeHandle): void;
  codeAddress(code: CodeHandle): bigint;

  /** Reserves and commits a memory. `maxPages` is already capped by the runtime-wide limit. */
  memoryCreate(initialPages: number, maxPages: number, guarded: boolean): MemoryHandle;
  /** Grows in place; returns the previous page count, or -1 when it cannot grow. */
  memoryGrow(memory: MemoryHandle, deltaPages: number): number;
  memoryInfo(memory: MemoryHandle): MemoryInfo;
  /** A new ArrayBuffer over the current size; take a new one after each grow. */
  memoryBuffer(memory: MemoryHandle): ArrayBuffer;
  memoryFree(memory: MemoryHandle): void;

  /**
   * Registers a vmctx (at least ZW_SIZEOF_VM_CONTEXT bytes, filled by TS) and its host functions.
   * The functions are referenced weakly: the caller keeps them alive (NativeInstance does).
   */
  instanceCreate(vmctx: ArrayBuffer, hostFunctions: readonly HostFunction[]): InstanceHandle;
  instanceFree(instance: InstanceHandle): void;
  instanceAddress(instance: InstanceHandle): bigint;

  /**
   * Enters generated code at `code + offset` with (vmctx, exec, slots). Returns undefined, or the
   * trap kind; a JS exception thrown by a host function propagates instead. A positive
   * `timeoutMs` arms the watchdog, which sets the interrupt flag when it expires.
   */
  call(instance: InstanceHandle, code: CodeHandle, offset: number, timeoutMs?: number): number | undefined;
  /** Validates a call target once; it keeps the instance and code handles alive. */
  entryCreate(instance: InstanceHandle, code: CodeHandle, offset: number): EntryHandle;
  /** `call` through an entry: the fast path for calling exports. */
  callEntry(entry: EntryHandle, timeoutMs?: number): number | undefined;

  /** The execution context of this thread (layout: execLayout). */
  execBuffer(): ArrayBuffer;
  /** The slot buffer of this thread (constants.SLOT_COUNT slots of 8 bytes). */
  slotBuffer(): ArrayBuffer;

  /**
   * Test support, present only when ZEROWASM_NATIVE_TESTING=1 at load: faults in native code
   * outside zerowasm's ranges (kills the process).
   */
  readonly testFaultOutsideRanges?: () => never;
  /** Benchmark support (same condition): calls `fn` `n` times with plain napi_call_function. */
  readonly testCallbackLoop?: (fn: () => void, n: number) => void;
}
