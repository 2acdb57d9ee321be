// Trap kinds. The numeric codes are stable: generated code and the native addon report traps by
// code, and the interpreter, the IR (`trap`/`trapIf`) and the public errors use the same enum.
export const enum TrapKind {
  Unreachable = 1,
  MemoryOutOfBounds = 2,
  TableOutOfBounds = 3,
  UndefinedElement = 4,
  UninitializedElement = 5,
  IndirectCallTypeMismatch = 6,
  IntegerDivideByZero = 7,
  IntegerOverflow = 8,
  InvalidConversionToInteger = 9,
  CallStackExhausted = 10,
  Interrupted = 11,
  NullReference = 12,
}

// Messages match the reference interpreter's, which the spec tests' assert_trap texts use.
const trapMessages: Record<TrapKind, string> = {
  [TrapKind.Unreachable]: 'unreachable',
  [TrapKind.MemoryOutOfBounds]: 'out of bounds memory access',
  [TrapKind.TableOutOfBounds]: 'out of bounds table access',
  [TrapKind.UndefinedElement]: 'undefined element',
  [TrapKind.UninitializedElement]: 'uninitialized element',
  [TrapKind.IndirectCallTypeMismatch]: 'indirect call type mismatch',
  [TrapKind.IntegerDivideByZero]: 'integer divide by zero',
  [TrapKind.IntegerOverflow]: 'integer overflow',
  [TrapKind.InvalidConversionToInteger]: 'invalid conversion to integer',
  [TrapKind.CallStackExhausted]: 'call stack exhausted',
  [TrapKind.Interrupted]: 'interrupted',
  [TrapKind.NullReference]: 'null reference',
};

export function trapMessage(kind: TrapKind): string {
  return trapMessages[kind] ?? `unknown trap ${kind as number}`;
}
