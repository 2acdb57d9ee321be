// Shared setup for the native tests: the loaded addon (or the reason it is missing) and small
// builders for instances whose vmctx points at a memory.
import type { CodeHandle, HostFunction, MemoryHandle, NativeAddon } from '../../src/engine/native/addon-types.js';
import { NativeInstance } from '../../src/engine/native/instance.js';
import { NativeContext } from '../../src/engine/native/context.js';
import { vmctxLayout } from '../../src/engine/native/layout.js';
import { loadNative } from '../../src/engine/native/loader.js';
import { bytesOf, type Snippet } from './snippets.js';

const loaded = loadNative();

/** Call in a describe(): skips the suite, naming the reason, when the addon is unavailable. */
export function requireNative(): void {
  before(function () {
    if (!loaded.ok) {
      console.warn(`  skipped: native addon unavailable: ${loaded.reason}`);
      this.skip();
    }
  });
}

export function addon(): NativeAddon {
  if (!loaded.ok) throw new Error(loaded.reason);
  return loaded.addon;
}

let ctx: NativeContext | undefined;
export function context(): NativeContext {
  ctx ??= new NativeContext(addon());
  return ctx;
}

export function code(snippet: Snippet): CodeHandle {
  return addon().codeCreate(bytesOf(snippet));
}

/** An instance whose vmctx has memory 0 = `memory` (if given) and the given host functions. */
export function instance(memory?: MemoryHandle, hosts: readonly HostFunction[] = []): NativeInstance {
  const inst = new NativeInstance(addon(), hosts);
  if (memory !== undefined) refreshMemory(inst.vmctx, memory);
  return inst;
}

/** Writes the memory's base and current size into the vmctx (as the runtime does after grow). */
export function refreshMemory(vmctx: DataView, memory: MemoryHandle): void {
  const info = addon().memoryInfo(memory);
  vmctx.setBigUint64(vmctxLayout.offsets['memoryBase']!, info.base, true);
  vmctx.setBigUint64(vmctxLayout.offsets['memorySize']!, BigInt(info.pages * 65536), true);
}
