// The addon as the compiler engine uses it: loaded once, with this thread's slot views.
// `compilerAvailability()` says whether the engine can run here and, if not, why.
import type { CodeHandle, NativeAddon } from '../native/addon-types.js';
import { NativeContext, type SlotViews } from '../native/context.js';
import { loadNative } from '../native/loader.js';
import { execLayout } from '../native/layout.js';
import { traceExitStub } from '../../backend/amd64/trampolines.js';

export interface NativeEnv {
  readonly addon: NativeAddon;
  readonly ctx: NativeContext;
  readonly slots: SlotViews;
}

let env: NativeEnv | undefined;

export type Availability = { ok: true } | { ok: false; reason: string };

/** Whether the compiler engine can run in this process (addon loaded, amd64 CPU). */
export function compilerAvailability(): Availability {
  const loaded = loadNative();
  if (!loaded.ok) return { ok: false, reason: loaded.reason };
  if (loaded.addon.arch !== 'x64') return { ok: false, reason: `the compiler has no backend for ${loaded.addon.arch} yet` };
  return { ok: true };
}

/** The loaded addon and slot views; throws with the reason when the engine cannot run. */
export function nativeEnv(): NativeEnv {
  if (env !== undefined) return env;
  const a = compilerAvailability();
  if (!a.ok) throw new Error(`the compiler engine is unavailable: ${a.reason}`);
  const loaded = loadNative();
  if (!loaded.ok) throw new Error(loaded.reason);
  const ctx = new NativeContext(loaded.addon);
  installTraceExit(loaded.addon, ctx.exec);
  env = { addon: loaded.addon, ctx, slots: ctx.slots };
  return env;
}

/** Slot helpers for unsigned 64-bit values kept as JS numbers (addresses and ids < 2^53). */
export function setSlotU64(slots: SlotViews, k: number, n: number): void {
  slots.u32[2 * k] = n % 0x1_0000_0000;
  slots.u32[2 * k + 1] = Math.floor(n / 0x1_0000_0000);
}

export function slotU64(slots: SlotViews, k: number): number {
  return slots.u32[2 * k]! + slots.u32[2 * k + 1]! * 0x1_0000_0000;
}

/** Routes generated code's trap exits through the trace exit stub (see frames.ts); the stub then
 * jumps to the addon's own exit routine. Done once per thread (each has its exec context). */
function installTraceExit(addon: NativeAddon, exec: DataView): void {
  const at = execLayout.offsets['exitFn']!;
  const zwExit = exec.getBigUint64(at, true);
  const code = addon.codeCreate(traceExitStub(zwExit));
  traceExitCode.push(code); // kept for the life of the thread
  exec.setBigUint64(at, addon.codeAddress(code), true);
}
const traceExitCode: CodeHandle[] = [];
