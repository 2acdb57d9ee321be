// Wasm stack traces for traps in compiled code. The trace exit stub (trampolines.ts), installed
// as exec.exitFn, leaves the return addresses of the frame-pointer chain in the slot buffer; they
// are mapped to functions through the symbol tables of the live code images. The trapping
// function itself is named by the address its trap stub's call pushed (a call that never
// returns, made for this), or, for a memory fault, by the faulting PC the signal handler pushes
// before resuming in the trace exit. Return addresses name callers however they called (direct,
// call_indirect, imported function). A host call that throws also leaves through the trace
// exit, from the host-call or helper stub's frame, so the frames below it are named too.
import { SymbolKind, type ImageSymbol, type LinkedImage } from '../../backend/link.js';
import type { WasmFrame } from '../../runtime/errors.js';
import { TrapKind } from '../../runtime/trap.js';
import { addFrame } from '../../runtime/stack.js';
import { execLayout } from '../native/layout.js';
import type { SlotViews } from '../native/context.js';
import { slotU64 } from './native.js';
import { TRACE_MAGIC, TRACE_MAX_FRAMES } from '../../backend/amd64/trampolines.js';

interface ImageEntry {
  readonly base: number;
  readonly end: number;
  readonly image: WeakRef<LinkedImage>;
  readonly names: readonly (string | undefined)[];
}

const images: ImageEntry[] = [];

/** Makes an image's symbols available to stack traces (entries of collected images are dropped). */
export function registerImage(image: LinkedImage, base: number, names: readonly (string | undefined)[]): void {
  const end = base + image.bytes.length;
  // Drop collected images, and any whose addresses the new one reuses (their code is unmapped).
  for (let i = images.length - 1; i >= 0; i--) {
    const e = images[i]!;
    if (e.image.deref() === undefined || (e.base < end && base < e.end)) images.splice(i, 1);
  }
  images.push({ base, end, image: new WeakRef(image), names });
}

interface Found { readonly entry: ImageEntry; readonly image: LinkedImage; readonly symbol: ImageSymbol }

function find(addr: number): Found | undefined {
  for (const entry of images) {
    if (addr < entry.base || addr >= entry.end) continue;
    const image = entry.image.deref();
    const symbol = image?.symbolAt(addr - entry.base);
    return image === undefined || symbol === undefined ? undefined : { entry, image, symbol };
  }
  return undefined;
}

function frameOf(f: Found): WasmFrame | undefined {
  if (f.symbol.kind !== SymbolKind.Function) return undefined;
  return { funcIndex: f.symbol.funcIndex, name: f.entry.names[f.symbol.funcIndex] };
}

const FAULT_PC = execLayout.offsets['faultPc']!;

/** The frames of the trap that just ended an entry into `outermost`, innermost first. */
export function trapFrames(status: number, slots: SlotViews, exec: DataView, outermost: WasmFrame): WasmFrame[] {
  const traced = tracedFrames(slots);
  if (status === TrapKind.MemoryOutOfBounds) {
    const pc = Number(exec.getBigUint64(FAULT_PC, true));
    exec.setBigUint64(FAULT_PC, 0n, true);
    if (traced !== undefined) return traced;
    // Without the trace exit (a raw addon setup): the faulting function and the export.
    const frames: WasmFrame[] = [];
    const at = pc === 0 ? undefined : find(pc);
    const inner = at === undefined ? undefined : frameOf(at);
    if (inner !== undefined) frames.push(inner);
    if (inner === undefined || inner.funcIndex !== outermost.funcIndex) frames.push(outermost);
    return frames;
  }
  return traced ?? [outermost]; // exited without the trace stub
}

/**
 * `e`, which a host call (a JS import, or a helper such as memory.fill that trapped) threw into
 * the entry of `outermost`, with the Wasm frames it unwound: those the trace exit recorded on
 * the way out of the host call, else just `outermost`.
 */
export function withHostExitFrames(e: unknown, slots: SlotViews, outermost: WasmFrame): unknown {
  const frames = tracedFrames(slots) ?? [outermost];
  let err = e;
  for (const f of frames) err = addFrame(err, f);
  return err;
}

/**
 * Consumes the trace exit's record, if there is a fresh one: address 1 is the PC that named the
 * exit's caller (in the trapping function, when its trap stub called; after the faulting
 * instruction, for a memory fault; in the addon, for a failed host call, and then not in any
 * image), the rest are return addresses, each in its caller, whatever kind of call (direct,
 * call_indirect, import) it returns from. All are looked up one byte back.
 */
function tracedFrames(slots: SlotViews): WasmFrame[] | undefined {
  if (slots.u32[1] !== TRACE_MAGIC) return undefined;
  slots.u32[1] = 0;
  const frames: WasmFrame[] = [];
  const n = Math.min(slots.u32[0]!, TRACE_MAX_FRAMES);
  for (let k = 1; k <= n; k++) {
    const at = find(slotU64(slots, k) - 1);
    if (at === undefined) {
      if (k === 1) continue;
      break;
    }
    if (at.symbol.kind === SymbolKind.EntryTrampoline) return frames;
    const f = frameOf(at);
    if (f !== undefined) frames.push(f);
  }
  return frames;
}
