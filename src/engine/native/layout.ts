// The one source of truth for the memory layouts shared by TypeScript, the C++ addon and
// generated machine code: the execution context (one per thread), the instance context (vmctx,
// one per instance), the records vmctx points at, the slot buffer and the exit status codes.
// `renderLayoutHeader()` turns this table into native/layout.h; a test fails when the checked-in
// header drifts from it, and the addon reports a fingerprint the loader compares at load time.
import { TrapKind } from '../../runtime/trap.js';

/** One field of a native record. Fields are laid out in order, each aligned to its size. */
export interface FieldSpec {
  readonly name: string;
  readonly size: 4 | 8;
  readonly doc: string;
}

/** A native record: its C prefix (for macro names) and its fields. */
export interface RecordSpec {
  readonly name: string;
  readonly prefix: string;
  readonly doc: string;
  readonly fields: readonly FieldSpec[];
}

export const execContextSpec: RecordSpec = {
  name: 'ExecContext',
  prefix: 'ZW_EXEC',
  doc: 'Per-thread execution state; generated code receives its address as the second entry argument.',
  fields: [
    { name: 'savedSp', size: 8, doc: 'SP of the innermost active entry frame; the exit path restores it (0 outside Wasm)' },
    { name: 'stackLimit', size: 8, doc: 'lowest SP generated code may use; prologues trap (call stack exhausted) below it' },
    { name: 'interrupt', size: 4, doc: 'nonzero = stop: count of fired watchdog deadlines; polled at function entries and loop back-edges' },
    { name: 'depth', size: 4, doc: 'number of active entries on this thread (host -> export nesting)' },
    { name: 'exitFn', size: 8, doc: 'address of the exit routine: jump to it with (exec, status) in the first two argument registers' },
    { name: 'hostCallFn', size: 8, doc: 'address of the host-call bridge: call with (exec, vmctx, importIndex, slots)' },
    { name: 'slots', size: 8, doc: 'address of the slot buffer (arguments and results, 8-byte slots)' },
    { name: 'slotCount', size: 4, doc: 'number of 8-byte slots in the slot buffer' },
    { name: 'reserved0', size: 4, doc: 'padding, zero' },
    { name: 'faultPc', size: 8, doc: 'PC of the last memory fault turned into a trap (diagnostics)' },
    { name: 'faultAddr', size: 8, doc: 'address of the last memory fault turned into a trap (diagnostics)' },
    { name: 'envState', size: 8, doc: 'opaque pointer to the addon state of this Node environment' },
  ],
};

export const vmContextSpec: RecordSpec = {
  name: 'VmContext',
  prefix: 'ZW_VMCTX',
  doc: 'Fixed header of an instance context; the areas it points at follow it in the same block.',
  fields: [
    { name: 'exec', size: 8, doc: 'address of the execution context of the thread that owns the instance' },
    { name: 'memoryBase', size: 8, doc: 'base address of memory 0 (never moves)' },
    { name: 'memorySize', size: 8, doc: 'current byte length of memory 0 (explicit bounds checks read it)' },
    { name: 'globals', size: 8, doc: 'address of the globals area (16 bytes a global)' },
    { name: 'tables', size: 8, doc: 'address of an array of TableDesc records' },
    { name: 'importedFuncs', size: 8, doc: 'address of an array of ImportedFunc records' },
    { name: 'typeIds', size: 8, doc: 'address of a u32 array: canonical type id per module type index (call_indirect)' },
    { name: 'memories', size: 8, doc: 'address of an array of MemoryDesc records (multi-memory)' },
    { name: 'hostFuncs', size: 8, doc: 'opaque: the addon-side table of JS host functions (set by the addon)' },
    { name: 'reserved0', size: 8, doc: 'reserved for the backend, zero' },
  ],
};

export const tableDescSpec: RecordSpec = {
  name: 'TableDesc',
  prefix: 'ZW_TABLE',
  doc: 'One table as generated code sees it.',
  fields: [
    { name: 'base', size: 8, doc: 'address of the element array (8 bytes an element)' },
    { name: 'length', size: 4, doc: 'current number of elements' },
    { name: 'reserved0', size: 4, doc: 'padding, zero' },
  ],
};

export const importedFuncSpec: RecordSpec = {
  name: 'ImportedFunc',
  prefix: 'ZW_IMPORT',
  doc: 'One imported function: code to call and the vmctx to pass it.',
  fields: [
    { name: 'code', size: 8, doc: 'address of the callee (a host trampoline for JS functions)' },
    { name: 'vmctx', size: 8, doc: 'instance context of the callee' },
  ],
};

export const memoryDescSpec: RecordSpec = {
  name: 'MemoryDesc',
  prefix: 'ZW_MEMORY',
  doc: 'One linear memory as generated code sees it.',
  fields: [
    { name: 'base', size: 8, doc: 'base address (never moves)' },
    { name: 'size', size: 8, doc: 'current byte length' },
  ],
};

export const records: readonly RecordSpec[] = [
  execContextSpec, vmContextSpec, tableDescSpec, importedFuncSpec, memoryDescSpec,
];

/** Exit statuses returned by an entry: 0, a TrapKind, or HostException. */
export const ExitStatus = {
  Ok: 0,
  MemoryOutOfBounds: TrapKind.MemoryOutOfBounds,
  CallStackExhausted: TrapKind.CallStackExhausted,
  Interrupted: TrapKind.Interrupted,
  /** A JS exception is pending; it is rethrown to the JS caller unchanged. */
  HostException: 255,
} as const;

/** Numeric constants shared with the addon. */
export const constants = {
  ABI_VERSION: 1,
  SLOT_BYTES: 8,
  SLOT_COUNT: 1024,
  WASM_PAGE: 65536,
  /** Reservation of a guarded 32-bit memory: every base + u32 + u32 + 16 lands inside. */
  GUARD_RESERVATION: 2 ** 33 + 65536,
  /** Maximum nesting of export calls on one thread (host -> export -> host ...). */
  MAX_DEPTH: 256,
} as const;

/** A record with computed offsets: `offsets[name]` and total `size` (multiple of 8). */
export interface RecordLayout {
  readonly spec: RecordSpec;
  readonly offsets: Readonly<Record<string, number>>;
  readonly size: number;
}

export function layoutOf(spec: RecordSpec): RecordLayout {
  const offsets: Record<string, number> = {};
  let at = 0;
  for (const f of spec.fields) {
    at = Math.ceil(at / f.size) * f.size;
    offsets[f.name] = at;
    at += f.size;
  }
  return { spec, offsets, size: Math.ceil(at / 8) * 8 };
}

export const execLayout = layoutOf(execContextSpec);
export const vmctxLayout = layoutOf(vmContextSpec);
export const tableDescLayout = layoutOf(tableDescSpec);
export const importedFuncLayout = layoutOf(importedFuncSpec);
export const memoryDescLayout = layoutOf(memoryDescSpec);

/** `savedSp` -> `SAVED_SP`. */
export function macroName(field: string): string {
  return field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function renderBody(): string[] {
  const out: string[] = [];
  for (const spec of records) {
    const l = layoutOf(spec);
    out.push(`// ${spec.name}: ${spec.doc}`);
    for (const f of spec.fields) {
      out.push(`#define ${spec.prefix}_${macroName(f.name)} ${l.offsets[f.name]}  // u${f.size * 8}: ${f.doc}`);
    }
    out.push(`#define ZW_SIZEOF_${macroName(spec.name)} ${l.size}`, '');
  }
  out.push('// Exit statuses (0, a TrapKind, or a pending host exception).');
  for (const [name, value] of Object.entries(ExitStatus)) {
    out.push(`#define ZW_STATUS_${macroName(name)} ${value}`);
  }
  out.push('', '// Constants.');
  for (const [name, value] of Object.entries(constants)) {
    out.push(`#define ZW_${name} ${value}ull`);
  }
  return out;
}

/** Fingerprint of the layout; the addon exports the value compiled into it. */
export function layoutFingerprint(): number {
  return fnv1a(renderBody().join('\n'));
}

/** The full text of native/layout.h. */
export function renderLayoutHeader(): string {
  return [
    '// GENERATED by `npm run gen:layout` from src/engine/native/layout.ts. Do not edit.',
    '#pragma once',
    '',
    ...renderBody(),
    '',
    `#define ZW_LAYOUT_FINGERPRINT ${layoutFingerprint()}u`,
    '',
  ].join('\n');
}
