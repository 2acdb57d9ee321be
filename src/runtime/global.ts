// Globals, shareable between instances. The raw value lives in `raw`; engines read and write
// it directly, JS goes through `.value` with the API's conversions.
import { ValType, valTypeName } from '../wasm/types.js';
import { defaultRaw, fromRaw, toRaw, valTypeFromName, type RawValue } from './values.js';

export interface GlobalDescriptor {
  value: 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | 'funcref' | 'anyfunc' | 'externref';
  mutable?: boolean;
}

export class Global {
  readonly type: ValType;
  readonly mutable: boolean;
  raw: RawValue;

  constructor(desc: GlobalDescriptor, value?: unknown) {
    this.type = valTypeFromName(desc.value);
    this.mutable = desc.mutable === true;
    this.raw = value === undefined ? defaultRaw(this.type) : toRaw(this.type, value);
  }

  /** A global holding an already-raw value (used by instantiation). */
  static fromRaw(type: ValType, mutable: boolean, raw: RawValue): Global {
    const g = new Global({ value: valTypeName(type) as GlobalDescriptor['value'], mutable });
    g.raw = raw;
    return g;
  }

  get value(): unknown {
    return fromRaw(this.type, this.raw);
  }

  set value(v: unknown) {
    if (!this.mutable) throw new TypeError(`cannot set an immutable ${valTypeName(this.type)} global`);
    this.raw = toRaw(this.type, v);
  }

  valueOf(): unknown {
    return this.value;
  }
}
