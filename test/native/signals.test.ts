import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { addI64 } from './snippets.js';
import { addon, code, requireNative } from './harness.js';

const child = fileURLToPath(new URL('./fixtures/fault-child.js', import.meta.url));

function runChild(mode: string): ReturnType<typeof spawnSync> {
  return spawnSync(process.execPath, [child, mode], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, ZEROWASM_NATIVE_TESTING: '1' },
  });
}

// The global WebAssembly object (the project's tsconfig has no DOM lib to declare it).
interface V8Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
  RuntimeError: new () => Error;
}
const wasmGlobal = (globalThis as unknown as { WebAssembly: V8Wasm }).WebAssembly;
const v8Wasm = {
  RuntimeError: wasmGlobal.RuntimeError,
  compileExport(bytes: Uint8Array, name: string): (i: number) => number {
    return new wasmGlobal.Instance(new wasmGlobal.Module(bytes)).exports[name] as (i: number) => number;
  },
};

interface Mapping {
  readonly start: bigint;
  readonly end: bigint;
  readonly perms: string;
}

function mappings(): Mapping[] {
  return readFileSync('/proc/self/maps', 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [range, perms] = line.split(' ');
      const [a, b] = range!.split('-');
      return { start: BigInt('0x' + a), end: BigInt('0x' + b), perms: perms! };
    });
}

describe('native/signals: chaining and W^X', () => {
  requireNative();

  it('passes a fault in unrelated native code on: the process dies of SIGSEGV', () => {
    const r = runChild('native');
    expect(r.signal, String(r.stderr)).to.equal('SIGSEGV');
  });

  it('passes a fault of generated code outside any linear memory on: SIGSEGV, not a trap', () => {
    const r = runChild('generated-null');
    expect(r.signal, String(r.stderr)).to.equal('SIGSEGV');
  });

  it('exports the deliberate-crash helper only to tests', () => {
    const requested = process.env['ZEROWASM_NATIVE_TESTING'] === '1';
    expect(typeof addon().testFaultOutsideRanges).to.equal(requested ? 'function' : 'undefined');
  });

  it('turns a guard-region fault into a trap in a fresh process too', () => {
    const r = runChild('guard');
    expect(r.status, String(r.stderr)).to.equal(0);
    expect(r.stdout).to.match(/RuntimeError: out of bounds memory access/);
  });

  it("leaves V8's own WebAssembly bounds traps working (its handler still gets its faults)", () => {
    // (module (memory 1) (func (export "f") (param i32) (result i32) local.get 0 i32.load))
    const bytes = Uint8Array.from([
      0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f,
      0x03, 0x02, 0x01, 0x00, 0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00,
      0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x28, 0x02, 0x00, 0x0b,
    ]);
    const f = v8Wasm.compileExport(bytes, 'f');
    expect(f(0)).to.equal(0);
    expect(() => f(1 << 20)).to.throw(v8Wasm.RuntimeError, /out of bounds/);
  });

  it('never maps zerowasm code or memory writable and executable', () => {
    const regions = Array.from({ length: 8 }, () => code(addI64));
    const memories = [addon().memoryCreate(1, 2, true), addon().memoryCreate(1, 2, false)];
    const ours = [
      ...regions.map((r) => addon().codeAddress(r)),
      ...memories.map((m) => addon().memoryInfo(m).base),
    ];
    const maps = mappings();
    for (const address of ours) {
      const hit = maps.filter((m) => address >= m.start && address < m.end);
      expect(hit, `mapping of 0x${address.toString(16)}`).to.have.length(1);
      expect(hit[0]!.perms.includes('w') && hit[0]!.perms.includes('x'), hit[0]!.perms).to.equal(false);
    }
    for (const r of regions) {
      const address = addon().codeAddress(r);
      expect(maps.find((m) => address >= m.start && address < m.end)!.perms).to.match(/^r-x/);
    }
    regions.forEach((r) => addon().codeFree(r));
    memories.forEach((m) => addon().memoryFree(m));
  });
});
