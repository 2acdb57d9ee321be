// A Wasm module (from WAT) that imports WASI functions and exports them again, so tests call
// real WASI imports through a real Wasm boundary (i64 ↔ bigint included) with their own
// pointers, including bad ones.
import wabtInit from 'wabt';
import { V8Wasm, type V8Instance } from '../../src/cli/v8-webassembly.js';

/** Instantiates module bytes with imports on some engine (V8 by default). */
export type HostInstantiate = (bytes: Uint8Array, imports: object) => Promise<V8Instance> | V8Instance;
const onV8: HostInstantiate = async (bytes, imports) => V8Wasm.instantiate(await V8Wasm.compile(bytes), imports);

/** Parameter lists of the imports the tests use ('I' = i32, 'L' = i64); all return an errno. */
export const SIGNATURES: Record<string, string> = {
  args_get: 'II', args_sizes_get: 'II', environ_get: 'II', environ_sizes_get: 'II',
  clock_time_get: 'ILI', clock_res_get: 'II', random_get: 'II', sched_yield: '', proc_raise: 'I',
  fd_close: 'I', fd_read: 'IIII', fd_write: 'IIII', fd_pread: 'IIILI', fd_pwrite: 'IIILI',
  fd_seek: 'ILII', fd_tell: 'II', fd_fdstat_get: 'II', fd_fdstat_set_rights: 'ILL', fd_fdstat_set_flags: 'II',
  fd_filestat_get: 'II', fd_prestat_get: 'II', fd_prestat_dir_name: 'III', fd_readdir: 'IIILI',
  fd_renumber: 'II', fd_advise: 'ILLI', fd_allocate: 'ILL', fd_filestat_set_size: 'IL',
  path_open: 'IIIIILLII', path_create_directory: 'III', path_remove_directory: 'III',
  path_unlink_file: 'III', path_rename: 'IIIIII', path_symlink: 'IIIII', path_link: 'IIIIIII',
  path_readlink: 'IIIIII', path_filestat_get: 'IIIII', poll_oneoff: 'IIII', sock_accept: 'III',
  sock_shutdown: 'II',
};

export type WasiCall = (...args: (number | bigint)[]) => number;

export interface WatHost {
  readonly call: Readonly<Record<string, WasiCall>>;
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  /** Writes a UTF-8 string at ptr and returns its byte length. */
  str(ptr: number, s: string): number;
  u32(ptr: number): number;
  u64(ptr: number): bigint;
  setU32(ptr: number, v: number): void;
  instance: V8Instance;
}

function watText(body: string): string {
  const lines = Object.entries(SIGNATURES).map(([name, sig]) => {
    const params = [...sig].map((c) => (c === 'L' ? 'i64' : 'i32')).join(' ');
    return `(import "wasi_snapshot_preview1" "${name}" (func $${name} (param ${params}) (result i32)))\n`
      + `(export "${name}" (func $${name}))`;
  });
  return `(module\n${lines.join('\n')}\n(import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))\n`
    + `(memory (export "memory") 1)\n${body}\n)`;
}

/** Our WASI or node:wasi: anything that provides the imports and binds an instance. */
export interface WasiLike {
  getImportObject(): object;
  initialize(instance: object): void;
}

/** Instantiates the re-exporting module (plus optional extra WAT body) and binds it to wasi. */
export async function watHost(wasi: WasiLike, body = '', start = false, instantiate: HostInstantiate = onV8): Promise<WatHost> {
  const wabt = await wabtInit();
  const bytes = wabt.parseWat('host.wat', watText(body)).toBinary({}).buffer;
  const instance = await instantiate(bytes, wasi.getImportObject());
  if (!start) wasi.initialize(instance);
  const memory = instance.exports['memory'] as WatHost['memory'];
  const dv = (): DataView => new DataView(memory.buffer);
  return {
    instance,
    call: instance.exports as Record<string, WasiCall>,
    memory,
    str(ptr, s) {
      const b = new TextEncoder().encode(s);
      new Uint8Array(memory.buffer).set(b, ptr);
      return b.length;
    },
    u32: (ptr) => dv().getUint32(ptr, true),
    u64: (ptr) => dv().getBigUint64(ptr, true),
    setU32: (ptr, v) => dv().setUint32(ptr, v, true),
  };
}
