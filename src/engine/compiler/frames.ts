// Wasm stack traces for traps in compiled code. The trace exit stub (trampolines.ts), installed
// as exec.exitFn, leaves the return addresses of the frame-pointer chain in the slot buffer; they
// are mapped to functions through the symbol tables of the live code images. The trapping
// function itself is named by the address its trap stub's call pushed (a call that never
// returns, made for this), or, for a memory fault, by the faulting PC. Return addresses name
// callers however they called (direct, call_indirect, imported function).
import { SymbolKind, type ImageSymbol, type LinkedImage } from '../../backend/link.js';
import type { WasmFrame } from '../../runtime/errors.js';
import { TrapKind } from '../../runtime/trap.js';
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
  const frames: WasmFrame[] = [];
  if (status === TrapKind.MemoryOutOfBounds) {
    // Faults arrive through the signal handler, which does not pass the trace exit.
    const pc = Number(exec.getBigUint64(FAULT_PC, true));
    exec.setBigUint64(FAULT_PC, 0n, true);
    const at = pc === 0 ? undefined : find(pc);
    const inner = at === undefined ? undefined : frameOf(at);
    if (inner !== undefined) frames.push(inner);
    if (inner === undefined || inner.funcIndex !== outermost.funcIndex) frames.push(outermost);
    return frames;
  }
  if (slots.u32[1] !== TRACE_MAGIC) { frames.push(outermost); return frames; } // exited without the trace stub
  slots.u32[1] = 0;
  const n = Math.min(slots.u32[0]!, TRACE_MAX_FRAMES);
  // Address 1 is in the trapping function (its trap stub's call pushed it), the rest are return
  // addresses: each lies in its caller, whatever kind of call (direct, call_indirect, import)
  // it returns from. All are looked up one byte back, inside the call instruction.
  for (let k = 1; k <= n; k++) {
    const at = find(slotU64(slots, k) - 1);
    if (at === undefined) break;
    if (at.symbol.kind === SymbolKind.EntryTrampoline) return frames;
    const f = frameOf(at);
    if (f !== undefined) frames.push(f);
  }
  return frames;
}
