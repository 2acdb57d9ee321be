// Test helpers: WAT → binary through the wabt npm package, and a tiny binary builder for the
// byte-level cases WAT cannot express (bad LEB128, odd encodings, malformed sections).
import wabtInit from 'wabt';
import { CompileError } from '../../src/runtime/errors.js';

const wabt = await wabtInit();

/** Assembles WAT text (all features enabled) into a binary, with the name section. Not validated
 * by wabt: tests feed invalid modules on purpose. */
export function wat(text: string): Uint8Array {
  const m = wabt.parseWat('test.wat', text, { simd: true, reference_types: true, bulk_memory: true,
    multi_value: true, sign_extension: true, sat_float_to_int: true, mutable_globals: true });
  try {
    m.resolveNames();
    return m.toBinary({ write_debug_names: true }).buffer;
  } finally {
    m.destroy();
  }
}

export function uleb(n: number | bigint): number[] {
  let v = BigInt(n);
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) b |= 0x80;
    out.push(b);
  } while (v !== 0n);
  return out;
}

export function sleb(n: number | bigint): number[] {
  let v = BigInt(n);
  const out: number[] = [];
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    const done = (v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0);
    out.push(done ? b : b | 0x80);
    if (done) return out;
  }
}

export function str(s: string): number[] {
  const bytes = [...new TextEncoder().encode(s)];
  return [...uleb(bytes.length), ...bytes];
}

export function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

export function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

export const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

export function moduleBytes(...sections: number[][]): Uint8Array {
  return new Uint8Array([...HEADER, ...sections.flat()]);
}

/** A module with one type `params -> results` and one function of that type with `body`
 * (instructions without the final end), plus optional extra sections placed by id order. */
export function funcModule(params: number[], results: number[], body: number[], opts: {
  locals?: number[][]; memory?: boolean; table?: boolean } = {}): Uint8Array {
  const type = section(1, vec([[0x60, ...vec(params.map((p) => [p])), ...vec(results.map((r) => [r]))]]));
  const func = section(3, vec([[0]]));
  const table = opts.table ? section(4, vec([[0x70, 0x00, 0x01]])) : [];
  const memory = opts.memory ? section(5, vec([[0x00, 0x01]])) : [];
  const locals = vec(opts.locals ?? []);
  const code = [...locals, ...body, 0x0b];
  const codeSec = section(10, vec([[...uleb(code.length), ...code]]));
  return moduleBytes(type, func, table, memory, codeSec);
}

/** Runs `f`, expecting a CompileError; returns it. */
export function compileErrorOf(f: () => unknown): CompileError {
  try {
    f();
  } catch (e) {
    if (e instanceof CompileError) return e;
    throw new Error(`expected a CompileError, got ${String(e)}`);
  }
  throw new Error('expected a CompileError, but nothing was thrown');
}

/** xorshift32 in [0, 1): deterministic and good enough to pick positions and operands. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 0x100000000;
  };
}
