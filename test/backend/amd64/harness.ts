// Test support for the amd64 backend: compiles WAT through decoder → frontend → passes → backend
// (with the register-allocation checker on), and a minimal test-only linker/instance that runs
// the code through the native addon: a SysV entry trampoline per export (slot buffer in, slot
// buffer out), a vmctx with globals, tables, type ids and function records. The real linker and
// trampolines belong to the compiler engine; this one exists so the backend can be run alone.
import { optimizeFunction } from '../../../src/ssa/pipeline.js';
import { FunctionLowerer } from '../../../src/frontend/lower.js';
import { IrFunction } from '../../../src/ssa/function.js';
import { printFunction } from '../../../src/ssa/printer.js';
import type { WasmModule } from '../../../src/wasm/module.js';
import { ValType, type FuncType } from '../../../src/wasm/types.js';
import { moduleContextOf } from '../../../src/backend/module-context.js';
import { Amd64Compiler, type CompiledFunction, type CompileOptions } from '../../../src/backend/amd64/compile.js';
import { callLayout, FUNC_RECORD_BYTES, RelocKind, VMCTX } from '../../../src/backend/amd64/abi.js';
import { emitHelperStubs } from './helpers.js';
import { HelperState } from './helper-impl.js';
import { Assembler } from '../../../src/backend/amd64/encoder.js';
import { CodeBuffer } from '../../../src/backend/code-buffer.js';
import { form } from '../../../src/backend/amd64/forms.js';
import { mem } from '../../../src/backend/amd64/operands.js';
import { Gpr } from '../../../src/backend/amd64/registers.js';
import { vmctxLayout } from '../../../src/engine/native/layout.js';
import { addon, context } from '../../native/harness.js';
import { watToBytes } from '../../frontend/helpers.js';
import { decodeModule } from '../../../src/wasm/decoder.js';
import { validateModule } from '../../../src/wasm/validate-module.js';
import type { MemoryHandle } from '../../../src/engine/native/addon-types.js';
import { NativeInstance } from '../../../src/engine/native/instance.js';

export interface CompiledModule {
  readonly module: WasmModule;
  readonly bytes: Uint8Array;
  readonly funcs: CompiledFunction[];
  readonly ir: string[];
  /** Compiled with explicit bounds checks: the test instance then uses an unguarded memory. */
  readonly boundsChecks: boolean;
}

export async function compileWat(text: string, options: CompileOptions = {}): Promise<CompiledModule> {
  return compileBytes(await watToBytes(text), options);
}

export function compileBytes(bytes: Uint8Array, options: CompileOptions = {}): CompiledModule {
  const module = decodeModule(bytes);
  validateModule(module);
  const compiler = new Amd64Compiler({ checkAllocation: true, ...options });
  const mc = moduleContextOf(module);
  const funcs: CompiledFunction[] = [];
  const ir: string[] = [];
  for (let k = 0; k < module.code.length; k++) {
    const fn = new FunctionLowerer(new IrFunction()).lower(module, k);
    optimizeFunction(fn, { verify: true });
    ir.push(printFunction(fn));
    const out = compiler.compile(fn, mc);
    funcs.push({ code: out.code.slice(), relocations: out.relocations.slice() });
  }
  return { module, bytes, funcs, ir, boundsChecks: options.boundsChecks ?? false };
}

const T = {
  push: form('push_r64'), pop: form('pop_r64'), movRR: form('mov_r64_rm64'), movMR: form('mov_rm64_r64'),
  mov32: form('mov_r32_rm32'), movss: form('movss_x_xm'), movsd: form('movsd_x_xm'), movssM: form('movss_m_x'),
  movsdM: form('movsd_m_x'), sub: form('sub_rm64_imm32'), lea: form('lea_r64_m'), call: form('call_rel32'),
  ret: form('ret'),
};

/** SysV entry (vmctx, exec, slots) → Wasm-internal call → results back into the slots. */
function entryTrampoline(asm: Assembler, type: FuncType): number {
  const layout = callLayout(type.params, type.results);
  asm.o(T.push, Gpr.RBP);
  asm.rm(T.movRR, Gpr.RBP, Gpr.RSP);
  asm.o(T.push, Gpr.R15);
  asm.o(T.push, Gpr.RBX);
  if (layout.stackBytes > 0) asm.mi(T.sub, Gpr.RSP, layout.stackBytes);
  asm.rm(T.movRR, Gpr.R15, Gpr.RDI);
  asm.rm(T.movRR, Gpr.RBX, Gpr.RDX);
  const slot = (k: number) => mem(Gpr.RBX, 8 * k);
  type.params.forEach((t, k) => {
    const loc = layout.params[k]!;
    if (loc.reg >= 0) return;
    asm.rm(T.movRR, Gpr.R11, slot(k));
    asm.mr(T.movMR, mem(Gpr.RSP, loc.stackOffset), Gpr.R11);
  });
  type.params.forEach((t, k) => {
    const loc = layout.params[k]!;
    if (loc.reg < 0) return;
    const r = loc.reg & 31;
    if (t === ValType.F32) asm.rm(T.movss, r, slot(k));
    else if (t === ValType.F64) asm.rm(T.movsd, r, slot(k));
    else if (t === ValType.I32) asm.rm(T.mov32, r, slot(k));
    else asm.rm(T.movRR, r, slot(k));
  });
  asm.relDisp(T.call, 0);
  const site = asm.buf.length - 4;
  type.results.forEach((t, k) => {
    const loc = layout.results[k]!;
    if (loc.reg < 0) {
      asm.rm(T.movRR, Gpr.R11, mem(Gpr.RSP, loc.stackOffset));
      asm.mr(T.movMR, slot(k), Gpr.R11);
      return;
    }
    const r = loc.reg & 31;
    if (t === ValType.F32) asm.mr(T.movssM, slot(k), r);
    else if (t === ValType.F64) asm.mr(T.movsdM, slot(k), r);
    else asm.mr(T.movMR, slot(k), r);
  });
  asm.rm(T.lea, Gpr.RSP, mem(Gpr.RBP, -16));
  asm.o(T.pop, Gpr.RBX);
  asm.o(T.pop, Gpr.R15);
  asm.o(T.pop, Gpr.RBP);
  asm.zo(T.ret);
  return site;
}

type Value = number | bigint;

/** Entry name of the start function (not a valid export name from WAT tests). */
const START = '\u0000start';

const typeIds = new Map<string, number>();
/** One id per distinct signature across all test modules (what vmctx.typeIds must hold). */
function canonicalTypeId(t: FuncType): number {
  const key = `${t.params.join()}>${t.results.join()}`;
  let id = typeIds.get(key);
  if (id === undefined) {
    id = typeIds.size + 1;
    typeIds.set(key, id);
  }
  return id;
}

/** Element capacity reserved for a table (grow works in place up to it). */
export function tableCapacity(limits: { min: number; max: number | undefined }): number {
  return Math.min(limits.max ?? limits.min + 1024, limits.min + 1024);
}

/** A linked, instantiated module for tests (no imports; helpers run as JS through the host-call bridge). */
export class TestModule {
  private readonly entries = new Map<string, { offset: number; type: FuncType }>();
  readonly memory: MemoryHandle | undefined;
  private readonly inst: NativeInstance;
  private readonly codeHandle;
  readonly vmctx: DataView;
  /** Watchdog deadline of each call (the interrupt flag is set when it passes). */
  timeoutMs = 5000;
  private readonly globalsAt: number;
  /** Offsets of the table descriptors and element arrays in the vmctx buffer. */
  tablesAt = 0;
  elemsAt: number[] = [];
  /** Address of the vmctx buffer, for element values that are record addresses. */
  base = 0n;
  recordsAt = 0;
  constValue: (e: WasmModule['globals'][number]['init']) => bigint = () => 0n;

  /** Exported functions of this module by name: code address (set after linking). */
  readonly exportAddress = new Map<string, bigint>();

  /**
   * `importFrom` resolves imported functions (in import order) to exports of other test modules,
   * so calls cross instances (each callee runs with its own vmctx). Other imports are refused.
   */
  constructor(readonly cm: CompiledModule, importFrom: readonly { module: TestModule; name: string }[] = []) {
    const { module, funcs } = cm;
    if (module.imports.length !== module.numImportedFuncs || importFrom.length !== module.numImportedFuncs) {
      throw new Error('TestModule supports only function imports, each resolved to another TestModule export');
    }
    const buf = new CodeBuffer();
    const asm = new Assembler(buf);
    const helperAt = emitHelperStubs(asm);
    const calls: { site: number; func: number }[] = [];
    const entryFuncs = module.exports.filter((ex) => ex.kind === 0).map((ex) => ({ name: ex.name, index: ex.index }));
    if (module.start !== undefined) entryFuncs.push({ name: START, index: module.start });
    for (const ex of entryFuncs) {
      if (ex.index < module.numImportedFuncs) continue;
      while (buf.length % 16) buf.emit8(0xcc);
      const type = module.types[module.funcTypeIndices[ex.index]!]!;
      const offset = buf.length;
      calls.push({ site: entryTrampoline(asm, type), func: ex.index });
      this.entries.set(ex.name, { offset, type });
    }
    const funcAt: number[] = [];
    for (const f of funcs) {
      while (buf.length % 16) buf.emit8(0xcc);
      funcAt.push(buf.length);
      buf.emitBytes(f.code);
    }
    const image = buf.finish();
    const view = new DataView(image.buffer);
    const patch = (site: number, target: number) => view.setInt32(site, target - (site + 4), true);
    for (const c of calls) patch(c.site, funcAt[c.func - module.numImportedFuncs]!);
    funcs.forEach((f, k) => {
      for (const r of f.relocations) {
        const site = funcAt[k]! + r.offset;
        patch(site, r.kind === RelocKind.Function ? funcAt[r.target - module.numImportedFuncs]! : helperAt[r.target]!);
      }
    });
    const a = addon();
    this.codeHandle = a.codeCreate(image);
    const codeBase = a.codeAddress(this.codeHandle);

    // vmctx: header, then globals, tables (descriptors and elements), type ids, function records.
    const nGlobals = module.allGlobals.length;
    const tables = module.allTables;
    let at = 128;
    const globalsAt = at; at += 16 * nGlobals;
    this.globalsAt = globalsAt;
    const tablesAt = at; at += 16 * tables.length;
    const elemsAt: number[] = [];
    for (const t of tables) { elemsAt.push(at); at += 8 * tableCapacity(t.limits); }
    const typeIdsAt = at; at += 4 * module.types.length + 4;
    at = (at + 7) & ~7;
    const recordsAt = at; at += FUNC_RECORD_BYTES * module.funcTypeIndices.length;
    const at0 = at; at += 16 * module.numImportedFuncs;
    this.memory = module.allMemories.length > 0 ? a.memoryCreate(module.allMemories[0]!.limits.min, module.allMemories[0]!.limits.max ?? 65536, !cm.boundsChecks) : undefined;
    const helpers = new HelperState(this);
    this.inst = new NativeInstance(a, helpers.functions(), at);
    const vm = this.inst.vmctx;
    this.vmctx = vm;
    const base = this.inst.address;
    this.base = base;
    this.tablesAt = tablesAt;
    this.elemsAt = elemsAt;
    this.recordsAt = recordsAt;
    const ptr = (field: string, off: number) => vm.setBigUint64(vmctxLayout.offsets[field]!, base + BigInt(off), true);
    ptr('globals', globalsAt);
    ptr('tables', tablesAt);
    ptr('typeIds', typeIdsAt);
    vm.setBigUint64(VMCTX.funcRecords, base + BigInt(recordsAt), true);
    if (this.memory) {
      const info = a.memoryInfo(this.memory);
      vm.setBigUint64(VMCTX.memoryBase, info.base, true);
      vm.setBigUint64(VMCTX.memorySize, BigInt(info.pages * 65536), true);
    }
    module.types.forEach((t, k) => vm.setUint32(typeIdsAt + 4 * k, canonicalTypeId(t), true));
    const importsAt = at0;
    ptr('importedFuncs', importsAt);
    module.funcTypeIndices.forEach((ti, f) => {
      const rec = recordsAt + FUNC_RECORD_BYTES * f;
      const local = f - module.numImportedFuncs;
      let code: bigint, vmctx = base;
      if (local >= 0) {
        code = codeBase + BigInt(funcAt[local]!);
      } else {
        const from = importFrom[f]!;
        const addr = from.module.exportAddress.get(from.name);
        if (addr === undefined) throw new Error(`import ${f}: ${from.name} is not an exported function`);
        code = addr;
        vmctx = from.module.base;
        vm.setBigUint64(importsAt + 16 * f, code, true);
        vm.setBigUint64(importsAt + 16 * f + 8, vmctx, true);
      }
      vm.setBigUint64(rec, code, true);
      vm.setBigUint64(rec + 8, vmctx, true);
      vm.setUint32(rec + 16, vm.getUint32(typeIdsAt + 4 * ti, true), true);
    });
    for (const ex of module.exports) {
      if (ex.kind === 0 && ex.index >= module.numImportedFuncs) this.exportAddress.set(ex.name, codeBase + BigInt(funcAt[ex.index - module.numImportedFuncs]!));
    }
    this.constValue = (e: WasmModule['globals'][number]['init']): bigint => {
      switch (e.op) {
        case 'i32.const': return BigInt(e.value >>> 0);
        case 'i64.const': return BigInt.asUintN(64, e.value);
        case 'f32.const': return BigInt(e.bits >>> 0);
        case 'f64.const': return e.bits;
        case 'ref.null': return 0n;
        case 'ref.func': return base + BigInt(recordsAt + FUNC_RECORD_BYTES * e.funcIndex);
        default: throw new Error(`TestModule: unsupported constant ${e.op}`);
      }
    };
    module.globals.forEach((g, k) => vm.setBigUint64(globalsAt + 16 * (module.numImportedGlobals + k), this.constValue(g.init), true));
    tables.forEach((t, k) => {
      vm.setBigUint64(tablesAt + 16 * k, base + BigInt(elemsAt[k]!), true);
      vm.setUint32(tablesAt + 16 * k + 8, t.limits.min, true);
    });
    for (const seg of module.elements) {
      if (seg.mode !== 0) continue;
      const off = Number(this.constValue(seg.offset!));
      seg.init.forEach((e, k) => vm.setBigUint64(elemsAt[seg.tableIndex]! + 8 * (off + k), this.constValue(e), true));
    }
    if (this.memory) {
      const bytes = new Uint8Array(a.memoryBuffer(this.memory));
      for (const d of module.data) if (d.mode === 0) bytes.set(d.data, Number(this.constValue(d.offset!)));
    }
    if (module.start !== undefined) this.call(START);
  }

  /** Calls an export; returns its results (i32/f32/f64 as numbers, i64 as bigint); traps throw RuntimeError. */
  call(name: string, ...args: Value[]): Value[] {
    const entry = this.entries.get(name);
    if (entry === undefined) throw new Error(`no export ${name}`);
    const { slots } = context();
    entry.type.params.forEach((t, k) => {
      const v = args[k]!;
      if (t === ValType.I32) { slots.i32[2 * k] = Number(v); slots.i32[2 * k + 1] = 0x5a5a5a5a; }
      else if (t === ValType.F32) slots.f32[2 * k] = Number(v);
      else if (t === ValType.F64) slots.f64[k] = Number(v);
      else slots.i64[k] = BigInt(v);
    });
    context().call(this.inst, this.codeHandle, entry.offset, this.timeoutMs);
    return entry.type.results.map((t, k) => {
      if (t === ValType.I32) return slots.i32[2 * k]!;
      if (t === ValType.F32) return slots.f32[2 * k]!;
      if (t === ValType.F64) return slots.f64[k]!;
      return slots.i64[k]!;
    });
  }

  /** Calls an export with raw slot bits (i32/f32: low 32 bits); returns the raw result slots. */
  callRaw(name: string, args: readonly bigint[]): bigint[] {
    const entry = this.entries.get(name);
    if (entry === undefined) throw new Error(`no export ${name}`);
    const { slots } = context();
    args.forEach((v, k) => { slots.i64[k] = BigInt.asIntN(64, v); });
    context().call(this.inst, this.codeHandle, entry.offset, this.timeoutMs);
    return entry.type.results.map((_, k) => BigInt.asUintN(64, slots.i64[k]!));
  }

  /** The type of an exported function, if there is one by that name. */
  exportType(name: string): FuncType | undefined {
    return this.entries.get(name)?.type;
  }

  /** Raw bits of a module-defined global (its 16-byte cell's low 8 bytes). */
  globalBits(index: number): bigint {
    return this.vmctx.getBigUint64(this.globalsAt + 16 * index, true);
  }

  /** Raw result bits of slot k after the last call (for NaN payloads). */
  slotBits(k: number): bigint {
    return BigInt.asUintN(64, context().slots.i64[k]!);
  }

  free(): void {
    const a = addon();
    this.inst.free();
    a.codeFree(this.codeHandle);
    if (this.memory) a.memoryFree(this.memory);
  }
}
