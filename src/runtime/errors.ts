// The public error types. They mirror WebAssembly.CompileError / LinkError / RuntimeError.
import { TrapKind, trapMessage } from './trap.js';

/** A module is malformed (cannot be decoded) or invalid (fails validation). */
export class CompileError extends Error {
  override name = 'CompileError';
  /** Byte offset in the module where the problem was found, or -1 when unknown. */
  readonly offset: number;
  constructor(message: string, offset = -1) {
    super(offset >= 0 ? `${message} (at byte offset 0x${offset.toString(16)})` : message);
    this.offset = offset;
  }
}

/** Instantiation failed because an import is missing or does not match. */
export class LinkError extends Error {
  override name = 'LinkError';
}

/** One frame of a Wasm stack trace. */
export interface WasmFrame {
  readonly funcIndex: number;
  readonly name: string | undefined;
}

/** A trap: execution of Wasm code stopped on a runtime fault. */
export class RuntimeError extends Error {
  override name = 'RuntimeError';
  readonly trap: TrapKind;
  wasmStack: readonly WasmFrame[];
  /** `detail` (e.g. the element index) is appended to the message, as the reference
   * interpreter does for some traps. */
  constructor(trap: TrapKind, wasmStack: readonly WasmFrame[] = [], detail?: string) {
    super(detail === undefined ? trapMessage(trap) : `${trapMessage(trap)} ${detail}`);
    this.trap = trap;
    this.wasmStack = wasmStack;
  }
}
