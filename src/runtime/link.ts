// Import resolution and matching (Core 2.0 "external types" with limits subtyping).
import { ExternKind, externKindName, type Import, type Limits, type WasmModule } from '../wasm/module.js';
import { funcTypesEqual, funcTypeToString, ValType, valTypeName, type FuncType } from '../wasm/types.js';
import { LinkError } from './errors.js';
import { WasmFunction } from './func.js';
import { Global } from './global.js';
import { Memory } from './memory.js';
import { Table } from './table.js';

/** Something an instance can import or export. */
export type Extern = WasmFunction | Table | Memory | Global;

/** Where imports come from: a namespace object per module name, or a resolved extern lookup. */
export type ImportSource = (module: string, name: string) => unknown;

function fail(imp: Import, why: string): never {
  throw new LinkError(`incompatible import type for "${imp.module}" "${imp.name}": ${why}`);
}

/** `actual` fits where `expected` is required: at least as large, at most as large a maximum. */
export function limitsMatch(actual: Limits, expected: Limits): boolean {
  if (actual.min < expected.min) return false;
  if (expected.max === undefined) return true;
  return actual.max !== undefined && actual.max <= expected.max;
}

function limitsText(l: Limits): string {
  return l.max === undefined ? `{min ${l.min}}` : `{min ${l.min}, max ${l.max}}`;
}

/** Resolves and type-checks one import; JS values are adapted (functions become host functions,
 * numbers and bigints immutable globals). */
export function resolveImport(module: WasmModule, imp: Import, value: unknown): Extern {
  const desc = imp.desc;
  if (value === undefined) {
    throw new LinkError(`unknown import "${imp.module}" "${imp.name}" (expected ${externKindName(desc.kind)})`);
  }
  switch (desc.kind) {
    case ExternKind.Func: {
      const type: FuncType | undefined = module.types[desc.typeIndex];
      if (type === undefined) fail(imp, `bad type index ${desc.typeIndex}`);
      if (typeof value !== 'function' && !(value instanceof WasmFunction)) fail(imp, `expected a function, got ${describe(value)}`);
      const wasm = value instanceof WasmFunction ? value : WasmFunction.fromCallable(value);
      if (wasm === undefined) {
        return WasmFunction.fromHost(type, value as (...args: unknown[]) => unknown, `${imp.module}.${imp.name}`);
      }
      if (!funcTypesEqual(wasm.type, type)) {
        fail(imp, `expected func ${funcTypeToString(type)}, got func ${funcTypeToString(wasm.type)}`);
      }
      return wasm;
    }
    case ExternKind.Table: {
      if (!(value instanceof Table)) fail(imp, `expected a table, got ${describe(value)}`);
      const t = desc.type;
      if (value.elemType !== t.elemType) {
        fail(imp, `expected ${valTypeName(t.elemType)} table, got ${valTypeName(value.elemType)} table`);
      }
      if (!limitsMatch(value.limits, t.limits)) {
        fail(imp, `table limits ${limitsText(value.limits)} do not match ${limitsText(t.limits)}`);
      }
      return value;
    }
    case ExternKind.Memory: {
      if (!(value instanceof Memory)) fail(imp, `expected a memory, got ${describe(value)}`);
      const want = desc.type.limits;
      if (!limitsMatch(value.limits, want)) {
        fail(imp, `memory limits ${limitsText(value.limits)} do not match ${limitsText(want)}`);
      }
      return value;
    }
    case ExternKind.Global: {
      const t = desc.type;
      if (value instanceof Global) {
        if (value.type !== t.valType || value.mutable !== t.mutable) {
          const show = (m: boolean, v: ValType): string => `${m ? 'mut ' : ''}${valTypeName(v)}`;
          fail(imp, `expected global ${show(t.mutable, t.valType)}, got global ${show(value.mutable, value.type)}`);
        }
        return value;
      }
      if (t.mutable) fail(imp, `a mutable global import needs a Global object, got ${describe(value)}`);
      if (t.valType === ValType.I64 && typeof value !== 'bigint') fail(imp, `expected a bigint for i64, got ${describe(value)}`);
      if (t.valType !== ValType.I64 && t.valType !== ValType.ExternRef && typeof value !== 'number' && t.valType !== ValType.FuncRef) {
        fail(imp, `expected a number for ${valTypeName(t.valType)}, got ${describe(value)}`);
      }
      try {
        const scratch = Global.fromRaw(t.valType, true, null);
        scratch.value = value; // converts with the API's rules
        return Global.fromRaw(t.valType, false, scratch.raw);
      } catch (e) {
        fail(imp, (e as Error).message);
      }
    }
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v instanceof Global) return 'a Global';
  if (v instanceof Memory) return 'a Memory';
  if (v instanceof Table) return 'a Table';
  return typeof v;
}
