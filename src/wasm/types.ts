// Core value and function types, encoded with their binary-format byte so the decoder can use
// them directly.
export const enum ValType {
  I32 = 0x7f,
  I64 = 0x7e,
  F32 = 0x7d,
  F64 = 0x7c,
  V128 = 0x7b,
  FuncRef = 0x70,
  ExternRef = 0x6f,
}

export type RefType = ValType.FuncRef | ValType.ExternRef;

export interface FuncType {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

export function valTypeName(t: ValType): string {
  switch (t) {
    case ValType.I32: return 'i32';
    case ValType.I64: return 'i64';
    case ValType.F32: return 'f32';
    case ValType.F64: return 'f64';
    case ValType.V128: return 'v128';
    case ValType.FuncRef: return 'funcref';
    case ValType.ExternRef: return 'externref';
  }
  return `<invalid type 0x${(t as number).toString(16)}>`;
}

export function funcTypeToString(ft: FuncType): string {
  return `[${ft.params.map(valTypeName).join(' ')}] -> [${ft.results.map(valTypeName).join(' ')}]`;
}

export function funcTypesEqual(a: FuncType, b: FuncType): boolean {
  if (a.params.length !== b.params.length || a.results.length !== b.results.length) return false;
  for (let i = 0; i < a.params.length; i++) if (a.params[i] !== b.params[i]) return false;
  for (let i = 0; i < a.results.length; i++) if (a.results[i] !== b.results[i]) return false;
  return true;
}
