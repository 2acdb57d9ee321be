// The TS side of one thread's execution context: typed views of the slot buffer and the exec
// context, and `call`, which turns exit statuses into RuntimeErrors.
import { RuntimeError } from '../../runtime/errors.js';
import type { TrapKind } from '../../runtime/trap.js';
import type { CodeHandle, NativeAddon } from './addon-types.js';
import type { NativeEntry, NativeInstance } from './instance.js';
import { execLayout } from './layout.js';

/** Views of the slot buffer: slot i is i64[i], f64[i], or i32[2*i] / f32[2*i] (little-endian low half). */
export interface SlotViews {
  readonly i32: Int32Array;
  readonly u32: Uint32Array;
  readonly i64: BigInt64Array;
  readonly f32: Float32Array;
  readonly f64: Float64Array;
}

export class NativeContext {
  readonly slots: SlotViews;
  readonly exec: DataView;

  constructor(readonly addon: NativeAddon) {
    const buffer = addon.slotBuffer();
    this.slots = {
      i32: new Int32Array(buffer),
      u32: new Uint32Array(buffer),
      i64: new BigInt64Array(buffer),
      f32: new Float32Array(buffer),
      f64: new Float64Array(buffer),
    };
    this.exec = new DataView(addon.execBuffer());
  }

  /** Calls generated code; throws RuntimeError on a trap, rethrows host exceptions unchanged. */
  call(instance: NativeInstance, code: CodeHandle, offset = 0, timeoutMs = 0): void {
    const status = this.addon.call(instance.handle, code, offset, timeoutMs);
    if (status !== undefined) throw new RuntimeError(status as TrapKind);
  }

  /** The fast path: calls through a prepared entry. */
  callEntry(entry: NativeEntry, timeoutMs?: number): void {
    const status = timeoutMs === undefined ? this.addon.callEntry(entry.handle) : this.addon.callEntry(entry.handle, timeoutMs);
    if (status !== undefined) throw new RuntimeError(status as TrapKind);
  }

  /** Address of the last fault that became a trap (diagnostics). */
  lastFaultAddress(): bigint {
    return this.exec.getBigUint64(execLayout.offsets['faultAddr']!, true);
  }

  /** Number of active entries on this thread. */
  depth(): number {
    return this.exec.getUint32(execLayout.offsets['depth']!, true);
  }

  readExecU64(field: string): bigint {
    const at = execLayout.offsets[field];
    if (at === undefined) throw new Error(`no exec-context field ${field}`);
    return this.exec.getBigUint64(at, true);
  }
}
