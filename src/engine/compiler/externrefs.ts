// Externrefs as generated code sees them: a small integer id (0 = null) into this thread's table
// of JS values. Ids live where the GC cannot see them (native table words, global cells, machine
// registers and stack slots of running Wasm), so the table holds its values strongly and frees
// them itself, by mark and sweep over every place Wasm can read an id from:
//  - roots: the words of every live externref table and the cells of every live externref
//    global (registered by tables.ts and globals.ts, held weakly: a table or cell nothing can
//    reach any more is no root);
//  - live frames: ids in registers and on the Wasm stack cannot be enumerated, so a sweep only
//    runs when no Wasm frame is active on this thread (exec depth 0);
//  - in flight: an id handed out since the previous sweep is kept by this one (it may sit in
//    the slot buffer of a call whose arguments are being written, or be on its way into a
//    table or cell).
// A sweep runs when a new id is needed and as many ids were allocated since the last one as
// were live after it (at least MIN_SWEEP, and at least an eighth of the root words it scanned),
// so its cost is amortized over the allocations and the table stays within a small factor of
// what is reachable plus one sweep's worth of new ids.
// Freed ids are reused; a value that comes back later simply gets an id again.
import { nativeEnv } from './native.js';

/** Fewest allocations between two sweeps. */
const MIN_SWEEP = 1024;

/** Marks a free id's value slot (a value nobody outside this module can pass in). */
const FREE: unique symbol = Symbol('free externref id');

const idOf = new Map<unknown, number>();
const values: unknown[] = [null];
/** Per id: the sweep epoch in which it was last handed out. */
let stamps = new Uint32Array(64);
const freeIds: number[] = [];
let epoch = 1;
let allocatedSinceSweep = 0;
let sweepEvery = MIN_SWEEP;

interface Root<T extends object> {
  readonly holder: WeakRef<T>;
  readonly scan: (holder: T, mark: (word: number) => void) => void;
}
const roots: Root<object>[] = [];

/**
 * Declares `holder` (a table's storage, a global's cell view) a place generated code reads
 * externref ids from, for as long as it is alive; `scan` visits the ids it holds now. `scan` must
 * not capture `holder` (it is held weakly).
 */
export function registerExternRoot<T extends object>(holder: T, scan: (holder: T, mark: (word: number) => void) => void): void {
  roots.push({ holder: new WeakRef(holder), scan } as unknown as Root<object>);
}

export function externToId(v: unknown): number {
  if (v === null) return 0;
  let id = idOf.get(v);
  if (id === undefined) {
    if (++allocatedSinceSweep >= sweepEvery) maybeSweep();
    id = freeIds.pop() ?? values.length;
    values[id] = v;
    idOf.set(v, id);
    if (id >= stamps.length) {
      const grown = new Uint32Array(stamps.length * 2);
      grown.set(stamps);
      stamps = grown;
    }
  }
  stamps[id] = epoch;
  return id;
}

export function externFromId(id: number): unknown {
  if (id === 0) return null;
  const v = id < values.length ? values[id] : FREE;
  if (v === FREE) throw new Error(`corrupt externref id ${id}`);
  return v;
}

/** Sweeps now if no Wasm frame is active; otherwise the next allocation tries again. */
function maybeSweep(): void {
  if (nativeEnv().ctx.depth() !== 0) return;
  sweepExternrefs();
}

/** Frees every id no root holds and none handed out since the previous sweep. Only correct with
 * no Wasm frame active on this thread. */
function sweepExternrefs(): void {
  const n = values.length;
  const live = new Uint8Array(n);
  let scanned = 0;
  const mark = (w: number): void => {
    scanned++;
    if (w > 0 && w < n) live[w] = 1;
  };
  let kept = 0;
  for (let i = 0; i < roots.length;) {
    const r = roots[i]!;
    const holder = r.holder.deref();
    if (holder === undefined) { roots[i] = roots[roots.length - 1]!; roots.pop(); continue; }
    r.scan(holder, mark);
    i++;
  }
  for (let id = 1; id < n; id++) {
    if (values[id] === FREE) continue;
    if (live[id] === 1 || stamps[id] === epoch) { kept++; continue; }
    idOf.delete(values[id]);
    values[id] = FREE;
    freeIds.push(id);
  }
  epoch++;
  allocatedSinceSweep = 0;
  // Next sweep after as many allocations as ids survived, or an eighth of the words scanned
  // (big, mostly null tables): either way, a bounded cost per allocation.
  sweepEvery = Math.max(MIN_SWEEP, kept, scanned >>> 3);
}

/** Ids in use and the size of the id space (for tests and diagnostics). */
export function externrefStats(): { live: number; capacity: number } {
  return { live: values.length - 1 - freeIds.length, capacity: values.length - 1 };
}
