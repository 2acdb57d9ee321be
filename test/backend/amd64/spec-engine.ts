// A WAST-runner adapter over the backend's test harness (TestModule): lets the spec suite's
// import-free scripts run on compiled code before the compiler engine exists. Modules with
// imports are refused with a clear error (they count as failures).
import type { ClassifiedError, Registry, SpecEngine, ValidateResult } from '../../spec/engine.js';
import type { SpecValue } from '../../spec/values.js';
import { CompileError, RuntimeError } from '../../../src/runtime/errors.js';
import { TrapKind, trapMessage } from '../../../src/runtime/trap.js';
import { decodeModule } from '../../../src/wasm/decoder.js';
import { validateModule } from '../../../src/wasm/validate-module.js';
import { ValType } from '../../../src/wasm/types.js';
import { compileBytes, type CompiledModule, TestModule } from './harness.js';

type Inst = TestModule | 'spectest';

const typeName: Partial<Record<ValType, SpecValue['type']>> = {
  [ValType.I32]: 'i32', [ValType.I64]: 'i64', [ValType.F32]: 'f32', [ValType.F64]: 'f64',
};

function toBits(v: SpecValue): bigint {
  switch (v.type) {
    case 'i32': case 'f32': return BigInt(v.bits >>> 0);
    case 'i64': case 'f64': return v.bits;
    case 'externref': return v.ref === null ? 0n : BigInt(v.ref) + 1n;
    default: throw new Error(`value type ${v.type} not supported by the backend test harness`);
  }
}

function fromBits(t: ValType, bits: bigint): SpecValue {
  switch (t) {
    case ValType.I32: return { type: 'i32', bits: Number(bits & 0xffffffffn) };
    case ValType.F32: return { type: 'f32', bits: Number(bits & 0xffffffffn) };
    case ValType.I64: return { type: 'i64', bits };
    case ValType.F64: return { type: 'f64', bits };
    case ValType.ExternRef: return { type: 'externref', ref: bits === 0n ? null : Number(bits - 1n) };
    case ValType.FuncRef: return { type: 'funcref', ref: bits === 0n ? null : bits };
    default: throw new Error(`result type 0x${(t as number).toString(16)} not supported by the backend test harness`);
  }
}

export class Amd64TestEngine implements SpecEngine<CompiledModule, Inst> {
  readonly name = 'amd64-test';

  validate(bytes: Uint8Array): ValidateResult {
    try {
      validateModule(decodeModule(bytes));
      return { ok: true };
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  }

  compile(bytes: Uint8Array): CompiledModule {
    return compileBytes(bytes);
  }

  instantiate(m: CompiledModule, _registry: Registry<Inst>): Inst {
    if (m.module.imports.length > 0) throw new Error('imports are not supported by the backend test harness');
    return new TestModule(m);
  }

  spectest(): Inst {
    return 'spectest';
  }

  invoke(inst: Inst, field: string, args: readonly SpecValue[]): SpecValue[] {
    if (inst === 'spectest') throw new Error('spectest is not supported by the backend test harness');
    const type = inst.exportType(field);
    if (type === undefined) throw new Error(`no exported function ${field}`);
    const raw = inst.callRaw(field, args.map(toBits));
    return type.results.map((t, k) => fromBits(t, raw[k]!));
  }

  get(inst: Inst, field: string): SpecValue {
    if (inst === 'spectest') throw new Error('spectest is not supported by the backend test harness');
    const ex = inst.cm.module.exports.find((e) => e.name === field && e.kind === 3);
    if (ex === undefined) throw new Error(`no exported global ${field}`);
    const t = inst.cm.module.allGlobals[ex.index]!.valType;
    if (typeName[t] === undefined) throw new Error('reference globals are not supported by the backend test harness');
    return fromBits(t, inst.globalBits(ex.index));
  }

  classify(error: unknown): ClassifiedError {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof CompileError) return { kind: 'compile', message };
    if (error instanceof RuntimeError) {
      return { kind: error.trap === TrapKind.CallStackExhausted ? 'exhaustion' : 'trap', message: trapMessage(error.trap) };
    }
    return { kind: 'other', message };
  }

  trapMatches(expected: string, actual: string): boolean {
    return actual.startsWith(expected) || expected.startsWith(actual);
  }
}
