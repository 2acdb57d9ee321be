// The helper routines of generated code (abi.ts `Helper`), implemented in JS and reached through
// the host-call bridge (one helper stub per helper in each code image). Arguments arrive in slots
// 0..4 (u32 in the low half, references as 8-byte words), the result goes to slot 0. A trap is a
// thrown RuntimeError: the bridge unwinds to the entry and rethrows it.
import { Helper } from '../../backend/amd64/abi.js';
import type { InstanceState } from '../../runtime/engine.js';
import { RuntimeError } from '../../runtime/errors.js';
import { MAX_TABLE_SIZE } from '../../runtime/table.js';
import { TrapKind } from '../../runtime/trap.js';
import type { HostFunction } from '../native/addon-types.js';
import type { SlotViews } from '../native/context.js';
import { slotU64 } from './native.js';
import { refToWord } from './refs.js';
import { nativeTableOf } from './tables.js';

export const HELPER_COUNT = 10;

/** The helper host functions of one instance, indexed by `Helper`. */
export function helperFunctions(state: InstanceState, slots: SlotViews): HostFunction[] {
  const u = (k: number): number => slots.u32[2 * k]!;
  const ret = (v: number): void => { slots.u32[0] = v >>> 0; slots.u32[1] = 0; };
  const memBytes = (): Uint8Array => {
    const m = state.memories[0];
    if (m === undefined) throw new Error('memory helper called without a memory');
    return new Uint8Array(m.buffer);
  };
  const table = (i: number) => {
    const t = state.tables[i];
    if (t === undefined) throw new Error(`table helper called with missing table ${i}`);
    return { t, n: nativeTableOf(t) };
  };
  const oob = (end: number, len: number, trap: TrapKind): void => {
    if (end > len) throw new RuntimeError(trap);
  };

  const fns: HostFunction[] = new Array<HostFunction>(HELPER_COUNT);
  fns[Helper.MemoryGrow] = () => {
    const m = state.memories[0];
    ret(m === undefined ? -1 : m.growRaw(u(0)));
  };
  fns[Helper.MemoryCopy] = () => {
    const dst = u(0), src = u(1), len = u(2);
    const b = memBytes();
    oob(src + len, b.length, TrapKind.MemoryOutOfBounds);
    oob(dst + len, b.length, TrapKind.MemoryOutOfBounds);
    b.copyWithin(dst, src, src + len);
  };
  fns[Helper.MemoryFill] = () => {
    const dst = u(0), value = u(1) & 0xff, len = u(2);
    const b = memBytes();
    oob(dst + len, b.length, TrapKind.MemoryOutOfBounds);
    b.fill(value, dst, dst + len);
  };
  fns[Helper.MemoryInit] = () => {
    const seg = state.dataSegments[u(0)] ?? new Uint8Array(0);
    const dst = u(1), src = u(2), len = u(3);
    const b = memBytes();
    oob(src + len, seg.length, TrapKind.MemoryOutOfBounds);
    oob(dst + len, b.length, TrapKind.MemoryOutOfBounds);
    b.set(seg.subarray(src, src + len), dst);
  };
  fns[Helper.DataDrop] = () => {
    state.dataSegments[u(0)] = new Uint8Array(0);
  };
  fns[Helper.TableGrow] = () => {
    const { t, n } = table(u(0));
    const init = slotU64(slots, 1), delta = u(2);
    const old = n.length;
    const limit = Math.min(t.max ?? MAX_TABLE_SIZE, MAX_TABLE_SIZE);
    if (old + delta > limit) { ret(-1); return; }
    n.resize(old + delta);
    for (let i = old; i < old + delta; i++) n.setWord(i, init);
    ret(old);
  };
  fns[Helper.TableFill] = () => {
    const { n } = table(u(0));
    const dst = u(1), word = slotU64(slots, 2), len = u(3);
    oob(dst + len, n.length, TrapKind.TableOutOfBounds);
    for (let i = 0; i < len; i++) n.setWord(dst + i, word);
  };
  fns[Helper.TableCopy] = () => {
    const d = table(u(0)).n, s = table(u(1)).n;
    const dst = u(2), src = u(3), len = u(4);
    oob(src + len, s.length, TrapKind.TableOutOfBounds);
    oob(dst + len, d.length, TrapKind.TableOutOfBounds);
    const words = new Array<number>(len);
    for (let i = 0; i < len; i++) words[i] = s.word(src + i);
    for (let i = 0; i < len; i++) d.setWord(dst + i, words[i]!);
  };
  fns[Helper.TableInit] = () => {
    const seg = state.elemSegments[u(0)] ?? [];
    const { t, n } = table(u(1));
    const dst = u(2), src = u(3), len = u(4);
    oob(src + len, seg.length, TrapKind.TableOutOfBounds);
    oob(dst + len, n.length, TrapKind.TableOutOfBounds);
    for (let i = 0; i < len; i++) n.setWord(dst + i, refToWord(t.elemType, seg[src + i]));
  };
  fns[Helper.ElemDrop] = () => {
    state.elemSegments[u(0)] = [];
  };
  return fns;
}
