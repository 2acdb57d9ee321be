// Tables of references, shareable between instances. Elements are raw references
// (null | WasmFunction for funcref, null | any for externref).
import type { Limits } from '../wasm/module.js';
import { ValType, type RefType } from '../wasm/types.js';
import { fromRaw, toRaw, valTypeFromName, type RawValue } from './values.js';

/** Largest table the runtime creates (the spec allows up to 2^32-1; hosts may refuse growth). */
export const MAX_TABLE_SIZE = 10_000_000;

export interface TableDescriptor {
  element: 'funcref' | 'anyfunc' | 'externref';
  initial: number;
  maximum?: number;
}

export class Table {
  readonly elemType: RefType;
  readonly max: number | undefined;
  /** Raw elements; engines index this directly. */
  elements: RawValue[];

  constructor(desc: TableDescriptor, init?: unknown) {
    const t = valTypeFromName(desc.element);
    if (t !== ValType.FuncRef && t !== ValType.ExternRef) throw new TypeError(`table element type must be a reference type`);
    this.elemType = t;
    if (!Number.isInteger(desc.initial) || desc.initial < 0 || desc.initial > MAX_TABLE_SIZE) {
      throw new RangeError(`table initial size ${desc.initial} is out of range`);
    }
    if (desc.maximum !== undefined && (!Number.isInteger(desc.maximum) || desc.maximum < desc.initial)) {
      throw new RangeError(`table maximum ${desc.maximum} is invalid`);
    }
    this.max = desc.maximum;
    const raw = init === undefined ? null : toRaw(t, init);
    this.elements = new Array<RawValue>(desc.initial).fill(raw);
  }

  /** A table of `type` with raw initial elements (used by instantiation). */
  static create(type: RefType, limits: Limits, initRaw: RawValue = null): Table {
    if (limits.min > MAX_TABLE_SIZE) {
      throw new RangeError(`a table of ${limits.min} elements exceeds this runtime's limit of ${MAX_TABLE_SIZE}`);
    }
    const t = new Table({ element: type === ValType.FuncRef ? 'funcref' : 'externref', initial: 0, maximum: limits.max });
    t.elements = new Array<RawValue>(limits.min).fill(initRaw);
    return t;
  }

  get length(): number { return this.elements.length; }
  get limits(): Limits { return { min: this.elements.length, max: this.max }; }

  get(index: number): unknown {
    return fromRaw(this.elemType, this.elements[this.checkIndex(index)]);
  }

  set(index: number, value: unknown = null): void {
    this.elements[this.checkIndex(index)] = toRaw(this.elemType, value);
  }

  /** Grows by `delta` slots filled with `init`; returns the old length; RangeError if it cannot. */
  grow(delta: number, init: unknown = null): number {
    const r = this.growRaw(delta >>> 0, toRaw(this.elemType, init));
    if (r < 0) throw new RangeError(`cannot grow table by ${delta}`);
    return r;
  }

  /** `table.grow`: returns the old length or -1. */
  growRaw(delta: number, initRaw: RawValue): number {
    const old = this.elements.length;
    const limit = Math.min(this.max ?? MAX_TABLE_SIZE, MAX_TABLE_SIZE);
    if (old + delta > limit) return -1;
    for (let i = 0; i < delta; i++) this.elements.push(initRaw);
    return old;
  }

  private checkIndex(index: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.elements.length) {
      throw new RangeError(`table index ${index} out of bounds (length ${this.elements.length})`);
    }
    return index;
  }
}
