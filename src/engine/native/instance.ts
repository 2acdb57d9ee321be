// An instance as the addon sees it: the vmctx buffer (filled in by TS through `vmctx`), the
// native handle, and the host functions. The addon refers to host functions weakly (a strong
// native reference would be a GC root and leak every instance whose imports close over it), so
// this object is what keeps them alive: use the handle only through it.
import type { CodeHandle, EntryHandle, HostFunction, InstanceHandle, NativeAddon } from './addon-types.js';
import { vmctxLayout } from './layout.js';

/** A call target of an instance; holding it keeps the instance (and its host functions) alive. */
export interface NativeEntry {
  readonly handle: EntryHandle;
  readonly instance: NativeInstance;
}

export class NativeInstance {
  readonly handle: InstanceHandle;
  readonly vmctx: DataView;
  /** Address of the vmctx, for pointers into the areas that follow its header. */
  readonly address: bigint;
  private readonly hostFunctions: readonly HostFunction[];
  private freed = false;

  /** `vmctxBytes` covers the header and any areas the runtime lays out after it. */
  constructor(private readonly addon: NativeAddon, hostFunctions: readonly HostFunction[], vmctxBytes = vmctxLayout.size) {
    if (vmctxBytes < vmctxLayout.size) throw new RangeError(`vmctx needs at least ${vmctxLayout.size} bytes`);
    const buffer = new ArrayBuffer(vmctxBytes);
    this.hostFunctions = [...hostFunctions];
    this.handle = addon.instanceCreate(buffer, this.hostFunctions);
    this.vmctx = new DataView(buffer);
    this.address = addon.instanceAddress(this.handle);
  }

  setU64(field: string, value: bigint): void {
    const at = vmctxLayout.offsets[field];
    if (at === undefined) throw new Error(`no vmctx field ${field}`);
    this.vmctx.setBigUint64(at, value, true);
  }

  /** A call target for the code at `code + offset` (an export's entry trampoline). */
  entry(code: CodeHandle, offset = 0): NativeEntry {
    return { handle: this.addon.entryCreate(this.handle, code, offset), instance: this };
  }

  get hostFunctionCount(): number {
    return this.hostFunctions.length;
  }

  free(): void {
    if (this.freed) return;
    this.freed = true;
    this.addon.instanceFree(this.handle);
  }
}
