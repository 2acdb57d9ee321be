// Tables in native memory: 8-byte elements (funcref = record address, externref = id) that
// generated code indexes through a TableDesc { base, length } in each vmctx. The runtime's
// `Table` keeps working: its `elements` array is replaced by a proxy over the native words, so
// `get`/`set`/`grow`, segment initialisation and other engines see the same table.
import type { Table } from '../../runtime/table.js';
import type { RawValue } from '../../runtime/values.js';
import { ValType } from '../../wasm/types.js';
import { NativeInstance } from '../native/instance.js';
import { tableDescLayout, vmctxLayout } from '../native/layout.js';
import { TABLE_ELEM_BYTES } from '../../backend/amd64/abi.js';
import { nativeEnv } from './native.js';
import { registerExternRoot } from './externrefs.js';
import { keepAlive, readU64, refFromWord, refToWord, writeU64 } from './refs.js';
import { WasmFunction } from '../../runtime/func.js';

const DESC_BASE = tableDescLayout.offsets['base']!;
const DESC_LENGTH = tableDescLayout.offsets['length']!;
const HEAD = vmctxLayout.size; // the element storage lives after a (unused) vmctx header

interface DescField { readonly view: DataView; readonly at: number }

export class NativeTable {
  length: number;
  private holder: NativeInstance;
  private view: DataView;
  private capacity: number;
  private base: number;
  private readonly descs: DescField[] = [];

  constructor(readonly elemType: ValType, initial: RawValue[]) {
    if (elemType === ValType.ExternRef) registerExternRoot(this, scanWords);
    this.length = initial.length;
    this.capacity = Math.max(4, initial.length);
    this.holder = new NativeInstance(nativeEnv().addon, [], HEAD + TABLE_ELEM_BYTES * this.capacity);
    this.view = this.holder.vmctx;
    this.base = Number(this.holder.address) + HEAD;
    for (let i = 0; i < initial.length; i++) this.setWord(i, refToWord(elemType, initial[i]));
  }

  word(i: number): number { return readU64(this.view, HEAD + TABLE_ELEM_BYTES * i); }
  setWord(i: number, w: number): void { writeU64(this.view, HEAD + TABLE_ELEM_BYTES * i, w); }
  get(i: number): RawValue { return refFromWord(this.elemType, this.word(i)); }
  set(i: number, v: RawValue): void { this.setWord(i, refToWord(this.elemType, v)); }

  /** Sets the length; new elements are null until written. */
  resize(n: number): void {
    if (n > this.capacity) {
      const cap = Math.max(n, this.capacity * 2);
      const holder = new NativeInstance(nativeEnv().addon, [], HEAD + TABLE_ELEM_BYTES * cap);
      new Uint8Array(holder.vmctx.buffer).set(new Uint8Array(this.view.buffer, HEAD, TABLE_ELEM_BYTES * this.length), HEAD);
      // The old storage is left to the GC: nothing may still point at it once descs are rewritten.
      this.holder = holder;
      this.view = holder.vmctx;
      this.capacity = cap;
      this.base = Number(holder.address) + HEAD;
    }
    for (let i = this.length; i < n; i++) this.setWord(i, 0);
    this.length = n;
    for (const d of this.descs) this.writeDesc(d);
  }

  /** Keeps the TableDesc at `at` in `view` up to date (base and length). */
  trackDesc(view: DataView, at: number): void {
    const d = { view, at };
    this.descs.push(d);
    this.writeDesc(d);
  }

  private writeDesc(d: DescField): void {
    writeU64(d.view, d.at + DESC_BASE, this.base);
    d.view.setUint32(d.at + DESC_LENGTH, this.length, true);
  }
}

/** The externref ids an externref table holds (its elements are what Wasm can read). */
function scanWords(t: NativeTable, mark: (word: number) => void): void {
  for (let i = 0; i < t.length; i++) mark(t.word(i));
}

const natives = new WeakMap<Table, NativeTable>();

function isIndex(key: string | symbol): key is string {
  return typeof key === 'string' && key.length > 0 && key.length < 11 && /^(0|[1-9][0-9]*)$/.test(key);
}

/** The native storage of `table`, moving its elements there on first use. */
export function nativeTableOf(table: Table): NativeTable {
  let n = natives.get(table);
  if (n !== undefined) return n;
  const nt = new NativeTable(table.elemType, table.elements);
  for (const v of table.elements) if (v instanceof WasmFunction) keepAlive(table, v);
  n = nt;
  // The proxy makes the native words look like the runtime's raw array (index, length, push).
  table.elements = new Proxy<RawValue[]>([], {
    get(target, key, receiver) {
      if (key === 'length') return nt.length;
      if (isIndex(key)) { const i = Number(key); return i < nt.length ? nt.get(i) : undefined; }
      return Reflect.get(target, key, receiver) as unknown;
    },
    set(target, key, value) {
      if (key === 'length') { nt.resize(Number(value)); return true; }
      if (isIndex(key)) {
        const i = Number(key);
        if (i >= nt.length) nt.resize(i + 1);
        if (value instanceof WasmFunction) keepAlive(table, value);
        nt.set(i, value);
        return true;
      }
      return Reflect.set(target, key, value);
    },
    has(target, key) {
      if (isIndex(key)) return Number(key) < nt.length;
      return Reflect.has(target, key);
    },
  });
  natives.set(table, nt);
  return nt;
}
