// The reference adapter: Node's own WebAssembly (V8). It proves the runner end to end and is the
// stand-in validator until zerowasm's decoder lands.
import type { ClassifiedError, Registry, SpecEngine, ValidateResult } from '../engine.js';
import type { SpecType, SpecValue } from '../values.js';
import { callShimBytes, globalReaderBytes, isRef, SLOT, spectestBytes } from './v8-helpers.js';
import { type ExportType, readExportTypes } from './wasm-bytes.js';
import { WA, type WasmExports, type WasmMemory, type WasmModule, type WasmTable } from './v8-api.js';

export interface V8Module {
  readonly module: WasmModule;
  readonly types: ReadonlyMap<string, ExportType>;
}

export interface V8Instance {
  readonly exports: WasmExports;
  readonly types: ReadonlyMap<string, ExportType>;
}

interface CallShim {
  readonly run: (...refs: unknown[]) => unknown;
  readonly mem: WasmMemory;
  readonly table: WasmTable;
}

// V8's trap messages, each with the reference-interpreter messages it can stand for.
const v8TrapMessages: readonly [RegExp, readonly string[]][] = [
  [/^unreachable/, ['unreachable']],
  [/^memory access out of bounds/, ['out of bounds memory access']],
  [/^data segment (is )?out of bounds/, ['out of bounds memory access']],
  [/^divide by zero|^remainder by zero/, ['integer divide by zero']],
  [/^divide result unrepresentable/, ['integer overflow']],
  // V8 reports NaN and out-of-range operands of trunc alike.
  [/^float unrepresentable in integer range/, ['invalid conversion to integer', 'integer overflow']],
  [/^table index is out of bounds/, ['undefined element', 'out of bounds table access']],
  [/^element segment (is )?out of bounds/, ['out of bounds table access']],
  [/^table access out of bounds/, ['out of bounds table access']],
  [/^null function or function signature mismatch|^function signature mismatch/, ['uninitialized element', 'indirect call type mismatch']],
  [/^invalid index into function table/, ['undefined element']],
  [/^dereferencing a null pointer/, ['null reference']],
];

export class V8Engine implements SpecEngine<V8Module, V8Instance> {
  readonly name = 'v8';
  private readonly shimModules = new Map<string, CallShim>();
  private readonly globalReaders = new Map<string, WasmModule>();
  private readonly spectestModule = this.compile(spectestBytes());

  validate(bytes: Uint8Array): ValidateResult {
    return WA.validate(bytes) ? { ok: true } : { ok: false, message: 'WA.validate returned false' };
  }

  compile(bytes: Uint8Array): V8Module {
    const module = new WA.Module(bytes);
    return { module, types: readExportTypes(bytes) };
  }

  spectest(): V8Instance {
    const instance = new WA.Instance(this.spectestModule.module, {});
    return { exports: instance.exports, types: this.spectestModule.types };
  }

  instantiate(m: V8Module, registry: Registry<V8Instance>): V8Instance {
    // Every import module name gets an object, so a missing field is a LinkError (not TypeError).
    const imports: Record<string, Record<string, unknown>> = {};
    for (const imp of WA.Module.imports(m.module)) {
      imports[imp.module] ??= { ...(registry.lookup(imp.module)?.exports ?? {}) };
    }
    const instance = new WA.Instance(m.module, imports);
    return { exports: instance.exports, types: m.types };
  }

  invoke(inst: V8Instance, field: string, args: readonly SpecValue[]): SpecValue[] {
    const type = inst.types.get(field);
    const fn = inst.exports[field];
    if (type?.kind !== 'func' || typeof fn !== 'function') throw new Error(`no exported function "${field}"`);
    const { params, results } = type;
    if (args.length !== params.length || args.some((a, i) => a.type !== params[i])) {
      throw new Error(`arguments (${args.map((a) => a.type).join(' ')}) do not match "${field}" (${params.join(' ')})`);
    }
    const shim = this.shim(params, results);
    shim.table.set(0, fn);
    const view = new DataView(shim.mem.buffer);
    const refArgs: unknown[] = [];
    args.forEach((a, i) => {
      const at = SLOT * i;
      switch (a.type) {
        case 'i32': case 'f32': view.setUint32(at, a.bits, true); break;
        case 'i64': case 'f64': view.setBigUint64(at, a.bits, true); break;
        case 'v128': new Uint8Array(shim.mem.buffer, at, 16).set(a.bytes); break;
        case 'externref': case 'funcref': refArgs.push(a.ref); break;
      }
    });
    let refOut: unknown;
    try {
      refOut = shim.run(...refArgs);
    } finally {
      shim.table.set(0, null);
    }
    const refResults = results.filter(isRef).length;
    const refValues: unknown[] = refResults === 0 ? [] : refResults === 1 ? [refOut] : [...(refOut as Iterable<unknown>)];
    return results.map((t, j) => (isRef(t) ? this.fromRef(t, refValues.shift()) : readSlot(view, t, SLOT * (params.length + j))));
  }

  get(inst: V8Instance, field: string): SpecValue {
    const type = inst.types.get(field);
    const g = inst.exports[field];
    if (type?.kind !== 'global' || !(g instanceof WA.Global)) throw new Error(`no exported global "${field}"`);
    if (isRef(type.type)) return this.fromRef(type.type, g.value);
    const key = `${type.type}:${type.mutable}`;
    let reader = this.globalReaders.get(key);
    if (reader === undefined) {
      reader = new WA.Module(globalReaderBytes(type.type, type.mutable));
      this.globalReaders.set(key, reader);
    }
    const inst2 = new WA.Instance(reader, { g: { g } });
    (inst2.exports['run'] as () => void)();
    return readSlot(new DataView((inst2.exports['mem'] as WasmMemory).buffer), type.type, 0);
  }

  classify(error: unknown): ClassifiedError {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof WA.CompileError) return { kind: 'compile', message };
    if (error instanceof WA.LinkError) return { kind: 'link', message };
    if (error instanceof WA.RuntimeError) return { kind: 'trap', message };
    if (error instanceof RangeError && /call stack/i.test(message)) return { kind: 'exhaustion', message };
    return { kind: 'other', message };
  }

  trapMatches(expected: string, actual: string): boolean {
    // V8 prefixes messages with the API call that failed, e.g. "WA.Instance(): ".
    const bare = actual.replace(/^[A-Za-z.]+\(\): /, '');
    for (const [pattern, specMessages] of v8TrapMessages) {
      if (pattern.test(bare)) return specMessages.some((m) => m.startsWith(expected) || expected.startsWith(m));
    }
    return false;
  }

  private shim(params: readonly SpecType[], results: readonly SpecType[]): CallShim {
    const key = `${params.join(',')}->${results.join(',')}`;
    let shim = this.shimModules.get(key);
    if (shim === undefined) {
      const ex = new WA.Instance(new WA.Module(callShimBytes(params, results)), {}).exports;
      shim = { run: ex['run'] as CallShim['run'], mem: ex['mem'] as WasmMemory, table: ex['table'] as WasmTable };
      this.shimModules.set(key, shim);
    }
    return shim;
  }

  private fromRef(type: SpecType, v: unknown): SpecValue {
    if (type === 'funcref') return { type: 'funcref', ref: v ?? null };
    if (v === null || v === undefined) return { type: 'externref', ref: null };
    if (typeof v !== 'number') throw new Error(`externref result is not a script host reference: ${String(v)}`);
    return { type: 'externref', ref: v };
  }
}

function readSlot(view: DataView, t: SpecType, at: number): SpecValue {
  switch (t) {
    case 'i32': return { type: 'i32', bits: view.getUint32(at, true) };
    case 'f32': return { type: 'f32', bits: view.getUint32(at, true) };
    case 'i64': return { type: 'i64', bits: view.getBigUint64(at, true) };
    case 'f64': return { type: 'f64', bits: view.getBigUint64(at, true) };
    case 'v128': return { type: 'v128', bytes: new Uint8Array(view.buffer.slice(at, at + 16)) };
    default: throw new Error(`${t} is not stored in memory`);
  }
}
