// Helper modules the V8 adapter generates, so values cross into V8 as exact bits.
//
// JS cannot carry v128 values, and f32 NaN payloads are not guaranteed through JS numbers. So an
// export is never called from JS directly: a per-signature "call shim" module loads the numeric
// arguments from its memory, calls the target through a one-slot funcref table
// (`call_indirect`, so V8 checks the signature), and stores the numeric results back. Reference
// values pass as the shim's own parameters/results (JS can carry those).
import { assembleModule, ByteWriter, typeCodes, vecSection } from './wasm-bytes.js';
import type { SpecType } from '../values.js';

export const SLOT = 16; // bytes per argument/result slot in the shim's memory

const loadOps: Record<string, readonly number[]> = { i32: [0x28], i64: [0x29], f32: [0x2a], f64: [0x2b], v128: [0xfd, 0x00] };
const storeOps: Record<string, readonly number[]> = { i32: [0x36], i64: [0x37], f32: [0x38], f64: [0x39], v128: [0xfd, 0x0b] };

export function isRef(t: SpecType): boolean {
  return t === 'funcref' || t === 'externref';
}

function funcType(params: readonly SpecType[], results: readonly SpecType[]): ByteWriter {
  const w = new ByteWriter().byte(0x60).u32(params.length);
  for (const p of params) w.byte(typeCodes[p]);
  w.u32(results.length);
  for (const r of results) w.byte(typeCodes[r]);
  return w;
}

function exportEntry(name: string, kind: number, index: number): ByteWriter {
  return new ByteWriter().name(name).byte(kind).u32(index);
}

function codeSection(body: ByteWriter): ByteWriter {
  return vecSection([new ByteWriter().u32(body.length).bytes(body.finish())]);
}

const memorySection = (): ByteWriter => vecSection([new ByteWriter().byte(0x00).u32(1)]);

/**
 * The call shim for signature (params) -> (results). Exports `run` (taking/returning only the
 * reference-typed values, in order), `mem` (slot i holds parameter i, slot params+j result j)
 * and `table` (slot 0 is the callee).
 */
export function callShimBytes(params: readonly SpecType[], results: readonly SpecType[]): Uint8Array {
  const refParams = params.filter(isRef);
  const refResults = results.filter(isRef);
  const body = new ByteWriter();
  // One local per result, so results can be popped off the stack and stored in order.
  body.u32(results.length);
  for (const r of results) body.u32(1).byte(typeCodes[r]);
  let refIndex = 0;
  params.forEach((p, i) => {
    if (isRef(p)) body.byte(0x20).u32(refIndex++);
    else body.byte(0x41, 0x00).bytes(loadOps[p]!).u32(0).u32(SLOT * i);
  });
  body.byte(0x41, 0x00, 0x11).u32(0).u32(0); // i32.const 0; call_indirect type 0, table 0
  const firstLocal = refParams.length;
  for (let j = results.length - 1; j >= 0; j--) body.byte(0x21).u32(firstLocal + j);
  results.forEach((r, j) => {
    if (!isRef(r)) body.byte(0x41, 0x00, 0x20).u32(firstLocal + j).bytes(storeOps[r]!).u32(0).u32(SLOT * (params.length + j));
  });
  results.forEach((r, j) => { if (isRef(r)) body.byte(0x20).u32(firstLocal + j); });
  body.byte(0x0b);
  return assembleModule([
    [1, vecSection([funcType(params, results), funcType(refParams, refResults)])],
    [3, vecSection([new ByteWriter().u32(1)])],
    [4, vecSection([new ByteWriter().byte(0x70, 0x00).u32(1)])],
    [5, memorySection()],
    [7, vecSection([exportEntry('run', 0, 0), exportEntry('mem', 2, 0), exportEntry('table', 1, 0)])],
    [10, codeSection(body)],
  ]);
}

/** A module importing global `g.g` of the given numeric type; `run` stores its value at mem[0]. */
export function globalReaderBytes(type: SpecType, mutable: boolean): Uint8Array {
  const body = new ByteWriter().u32(0).byte(0x41, 0x00, 0x23).u32(0).bytes(storeOps[type]!).u32(0).u32(0).byte(0x0b);
  return assembleModule([
    [1, vecSection([funcType([], [])])],
    [2, vecSection([new ByteWriter().name('g').name('g').byte(0x03, typeCodes[type], mutable ? 1 : 0)])],
    [3, vecSection([new ByteWriter().u32(0)])],
    [5, memorySection()],
    [7, vecSection([exportEntry('run', 0, 0), exportEntry('mem', 2, 0)])],
    [10, codeSection(body)],
  ]);
}

/** The print functions of the `spectest` host module, with their exact Wasm signatures. */
const spectestPrints: readonly [string, readonly SpecType[]][] = [
  ['print', []], ['print_i32', ['i32']], ['print_i64', ['i64']], ['print_f32', ['f32']],
  ['print_f64', ['f64']], ['print_i32_f32', ['i32', 'f32']], ['print_f64_f64', ['f64', 'f64']],
];

/**
 * The `spectest` module as Wasm, so imports of it are type-checked like any Wasm import: silent
 * print functions, globals (666 / 666.6, immutable), `table` 10..20 funcref, `memory` 1..2.
 */
export function spectestBytes(): Uint8Array {
  const f32 = new Uint8Array(new Float32Array([666.6]).buffer);
  const f64 = new Uint8Array(new Float64Array([666.6]).buffer);
  const globals: [string, SpecType, ByteWriter][] = [
    ['global_i32', 'i32', new ByteWriter().byte(0x41).sleb(666n)],
    ['global_i64', 'i64', new ByteWriter().byte(0x42).sleb(666n)],
    ['global_f32', 'f32', new ByteWriter().byte(0x43).bytes(f32)],
    ['global_f64', 'f64', new ByteWriter().byte(0x44).bytes(f64)],
  ];
  const exports: ByteWriter[] = spectestPrints.map(([name], i) => exportEntry(name, 0, i));
  globals.forEach(([name], i) => exports.push(exportEntry(name, 3, i)));
  exports.push(exportEntry('table', 1, 0), exportEntry('memory', 2, 0));
  const emptyBody = new ByteWriter().u32(2).u32(0).byte(0x0b); // size 2: no locals, end
  return assembleModule([
    [1, vecSection(spectestPrints.map(([, params]) => funcType(params, [])))],
    [3, vecSection(spectestPrints.map((_, i) => new ByteWriter().u32(i)))],
    [4, vecSection([new ByteWriter().byte(0x70, 0x01).u32(10).u32(20)])],
    [5, vecSection([new ByteWriter().byte(0x01).u32(1).u32(2)])],
    [6, vecSection(globals.map(([, t, init]) => new ByteWriter().byte(typeCodes[t], 0x00).bytes(init.finish()).byte(0x0b)))],
    [7, vecSection(exports)],
    [10, vecSection(spectestPrints.map(() => emptyBody))],
  ]);
}
