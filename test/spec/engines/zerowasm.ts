// The spec runner's adapter for zerowasm's engines (see test/spec/engine.ts). Values go through
// Instance.invokeRaw, so f32/f64 bits and v128 bytes are exact.
import type { ClassifiedError, Registry, SpecEngine, ValidateResult } from '../engine.js';
import type { SpecValue } from '../values.js';
import { CompiledModule, Global, Instance, Memory, Runtime, Table } from '../../../src/index.js';
import { CompileError, LinkError, RuntimeError } from '../../../src/runtime/errors.js';
import { TrapKind } from '../../../src/runtime/trap.js';
import { decodeAndValidate } from '../../../src/runtime/decode.js';
import { WasmFunction } from '../../../src/runtime/func.js';
import { ValType, valTypeName } from '../../../src/wasm/types.js';
import { f32ToBits, rawArray } from '../../../src/runtime/values.js';

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const f64FromBits = (b: bigint): number => { u64[0] = b; return f64[0]!; };
const f64Bits = (x: number): bigint => { f64[0] = x; return u64[0]!; };

/** Host reference N of the scripts `(ref.extern N)` is carried as this boxed object. */
class HostRef { constructor(readonly n: number) {} }
const hostRefs = new Map<number, HostRef>();
const hostRef = (n: number): HostRef => {
  let r = hostRefs.get(n);
  if (r === undefined) { r = new HostRef(n); hostRefs.set(n, r); }
  return r;
};

function toRaw(v: SpecValue): unknown {
  switch (v.type) {
    case 'i32': return v.bits | 0;
    case 'i64': return BigInt.asIntN(64, v.bits);
    case 'f32': return v.bits | 0;
    case 'f64': return f64FromBits(v.bits);
    case 'v128': return new Uint8Array(v.bytes);
    case 'externref': return v.ref === null ? null : hostRef(v.ref);
    case 'funcref': return v.ref;
  }
}

function fromRaw(t: ValType, raw: unknown): SpecValue {
  switch (t) {
    case ValType.I32: return { type: 'i32', bits: (raw as number) >>> 0 };
    case ValType.I64: return { type: 'i64', bits: BigInt.asUintN(64, raw as bigint) };
    case ValType.F32: return { type: 'f32', bits: (raw as number) >>> 0 };
    case ValType.F64: return { type: 'f64', bits: f64Bits(raw as number) };
    case ValType.V128: return { type: 'v128', bytes: new Uint8Array(raw as Uint8Array) };
    case ValType.ExternRef: return { type: 'externref', ref: raw === null ? null : (raw as HostRef).n };
    case ValType.FuncRef: return { type: 'funcref', ref: raw };
  }
  throw new Error(`unknown type ${valTypeName(t)}`);
}

export class ZerowasmSpecEngine implements SpecEngine<CompiledModule, Instance> {
  readonly name: string;
  private readonly rt: Runtime;

  constructor(engine: 'interpreter' | 'compiler', source?: 'ir' | 'wasm') {
    this.rt = new Runtime({ engine, ...(source === undefined ? {} : { interpreterSource: source }) });
    this.name = engine === 'interpreter' ? 'interpreter' : 'zerowasm';
  }

  validate(bytes: Uint8Array): ValidateResult {
    try {
      decodeAndValidate(bytes);
      return { ok: true };
    } catch (e) {
      if (e instanceof CompileError) return { ok: false, message: e.message };
      throw e;
    }
  }

  compile(bytes: Uint8Array): CompiledModule {
    return this.rt.compile(bytes);
  }

  spectest(): Instance {
    return makeSpectest();
  }

  instantiate(module: CompiledModule, registry: Registry<Instance>): Instance {
    const imports: Record<string, Instance> = {};
    for (const imp of module.imports) {
      const inst = registry.lookup(imp.module);
      if (inst !== undefined) imports[imp.module] = inst;
    }
    return this.rt.instantiate(module, imports);
  }

  invoke(instance: Instance, field: string, args: readonly SpecValue[]): SpecValue[] {
    const f = instance.externs.get(field);
    if (!(f instanceof WasmFunction)) throw new Error(`no exported function "${field}"`);
    const raw = rawArray(args.length);
    args.forEach((a, i) => { raw[i] = toRaw(a); });
    const out = instance.invokeRaw(field, raw);
    return out.map((raw, i) => fromRaw(f.type.results[i]!, raw));
  }

  get(instance: Instance, field: string): SpecValue {
    const g = instance.externs.get(field);
    if (!(g instanceof Global)) throw new Error(`no exported global "${field}"`);
    return fromRaw(g.type, g.raw);
  }

  classify(error: unknown): ClassifiedError {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof CompileError) return { kind: 'compile', message };
    if (error instanceof LinkError) return { kind: 'link', message };
    if (error instanceof RuntimeError) {
      return { kind: error.trap === TrapKind.CallStackExhausted ? 'exhaustion' : 'trap', message };
    }
    return { kind: 'other', message: error instanceof Error ? `${error.name}: ${message}` : message };
  }

  /** Prefix match. The reference interpreter appends the element index to "uninitialized
   * element" / "undefined element"; the IR's explicit trap checks do not carry it, so an
   * expected text of our message plus an index also matches. */
  trapMatches(expected: string, actual: string): boolean {
    if (actual.startsWith(expected)) return true;
    return expected.startsWith(`${actual} `) && /^\d+$/.test(expected.slice(actual.length + 1));
  }
}

/** The reference interpreter's `spectest` module, built from host objects. */
function makeSpectest(): Instance {
  const i32 = ValType.I32, i64 = ValType.I64, f32 = ValType.F32, f64t = ValType.F64;
  const fn = (params: ValType[]): WasmFunction => WasmFunction.fromHost({ params, results: [] }, () => undefined, 'spectest.print');
  const table = new Table({ element: 'funcref', initial: 10, maximum: 20 });
  const memory = new Memory({ initial: 1, maximum: 2 });
  const externs = new Map<string, WasmFunction | Table | Memory | Global>([
    ['print', fn([])], ['print_i32', fn([i32])], ['print_i64', fn([i64])], ['print_f32', fn([f32])],
    ['print_f64', fn([f64t])], ['print_i32_f32', fn([i32, f32])], ['print_f64_f64', fn([f64t, f64t])],
    ['global_i32', Global.fromRaw(i32, false, 666)], ['global_i64', Global.fromRaw(i64, false, 666n)],
    ['global_f32', Global.fromRaw(f32, false, f32ToBits(666.6))], ['global_f64', Global.fromRaw(f64t, false, 666.6)],
    ['table', table], ['memory', memory],
  ]);
  return Instance.fromExterns(externs);
}
