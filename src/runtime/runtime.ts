// The public entry point: a Runtime picks an engine, compiles modules, instantiates them and
// keeps the registry of named instances that modules can import from.
import { ExternKind, type WasmModule } from '../wasm/module.js';
import { valTypeName, type FuncType } from '../wasm/types.js';
import { InterpreterEngine } from '../interpreter/engine.js';
import { decodeAndValidate } from './decode.js';
import type { Engine, EngineModule } from './engine.js';
import { Instance, instantiate } from './instance.js';

export type EngineChoice = 'auto' | 'compiler' | 'interpreter';

export interface RuntimeOptions {
  /** Which engine runs the code; 'auto' (default) prefers the compiler when it is available. */
  engine?: EngineChoice;
}

export type ExternTypeDescriptor =
  | { kind: 'func'; type: { params: string[]; results: string[] } }
  | { kind: 'table'; type: { element: string; min: number; max: number | undefined } }
  | { kind: 'memory'; type: { min: number; max: number | undefined } }
  | { kind: 'global'; type: { value: string; mutable: boolean } };

export type ImportDescriptor = { module: string; name: string } & ExternTypeDescriptor;
export type ExportDescriptor = { name: string } & ExternTypeDescriptor;

/** A decoded, validated and engine-prepared module, instantiable any number of times. */
export class CompiledModule {
  readonly imports: readonly ImportDescriptor[];
  readonly exports: readonly ExportDescriptor[];
  constructor(readonly wasm: WasmModule, readonly engineModule: EngineModule) {
    this.imports = wasm.imports.map((imp) => ({
      module: imp.module, name: imp.name,
      ...describe(wasm, imp.desc.kind, imp.desc.kind === ExternKind.Func ? imp.desc.typeIndex : -1, externTypeIndex(wasm, imp)),
    }));
    this.exports = wasm.exports.map((exp) => ({ name: exp.name, ...describe(wasm, exp.kind, -1, exp.index) }));
  }
}

function externTypeIndex(wasm: WasmModule, imp: WasmModule['imports'][number]): number {
  // Position of this import in its own index space.
  let n = 0;
  for (const other of wasm.imports) {
    if (other === imp) return n;
    if (other.desc.kind === imp.desc.kind) n++;
  }
  return n;
}

function funcTypeDesc(t: FuncType): { params: string[]; results: string[] } {
  return { params: t.params.map(valTypeName), results: t.results.map(valTypeName) };
}

function describe(wasm: WasmModule, kind: ExternKind, typeIndex: number, index: number): ExternTypeDescriptor {
  switch (kind) {
    case ExternKind.Func: {
      const ti = typeIndex >= 0 ? typeIndex : wasm.funcTypeIndices[index]!;
      return { kind: 'func', type: funcTypeDesc(wasm.types[ti]!) };
    }
    case ExternKind.Table: {
      const t = wasm.allTables[index]!;
      return { kind: 'table', type: { element: valTypeName(t.elemType), min: t.limits.min, max: t.limits.max } };
    }
    case ExternKind.Memory: {
      const m = wasm.allMemories[index]!;
      return { kind: 'memory', type: { min: m.limits.min, max: m.limits.max } };
    }
    case ExternKind.Global: {
      const g = wasm.allGlobals[index]!;
      return { kind: 'global', type: { value: valTypeName(g.valType), mutable: g.mutable } };
    }
  }
}

/** `imports[module][name]`; a module entry may also be an Instance (its exports are used). */
export type Imports = Record<string, Record<string, unknown> | Instance>;

export class Runtime {
  /** The engine in use. */
  readonly engine: 'interpreter' | 'compiler';
  /** Why that engine was chosen. */
  readonly engineReason: string;
  private readonly impl: Engine;
  private readonly registry = new Map<string, Instance>();

  constructor(options: RuntimeOptions = {}) {
    const choice = options.engine ?? 'auto';
    if (choice !== 'auto' && choice !== 'compiler' && choice !== 'interpreter') {
      throw new TypeError(`unknown engine '${String(choice)}' (expected 'auto', 'compiler' or 'interpreter')`);
    }
    if (choice === 'compiler') {
      throw new Error('the compiler engine is not available in this build; use engine: \'interpreter\' or \'auto\'');
    }
    this.impl = new InterpreterEngine();
    this.engine = 'interpreter';
    this.engineReason = choice === 'interpreter' ? 'requested' : 'the compiler engine is not available in this build';
  }

  /** Decodes, validates and prepares a module; throws CompileError. */
  compile(bytes: Uint8Array | ArrayBuffer): CompiledModule {
    const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    return this.compileDecoded(decodeAndValidate(u8));
  }

  /** Prepares an already decoded and validated module. */
  compileDecoded(wasm: WasmModule): CompiledModule {
    return new CompiledModule(wasm, this.impl.compile(wasm));
  }

  /** Instantiates; throws LinkError for import problems and RuntimeError for traps during
   * segment initialisation or the start function. Modules not in `imports` are looked up
   * among registered instances. */
  instantiate(mod: CompiledModule, imports: Imports = {}): Instance {
    return instantiate(mod.wasm, mod.engineModule, (module, name) => {
      const ns = Object.prototype.hasOwnProperty.call(imports, module) ? imports[module] : this.registry.get(module);
      if (ns === undefined || ns === null) return undefined;
      if (ns instanceof Instance) return ns.externs.get(name);
      if (typeof ns !== 'object') return undefined;
      return Object.prototype.hasOwnProperty.call(ns, name) ? ns[name] : undefined;
    });
  }

  /** Makes `inst`'s exports importable under the module name `name` (the spec's `register`). */
  register(name: string, inst: Instance): void {
    this.registry.set(name, inst);
  }

  /** The instance registered under `name`, if any. */
  registered(name: string): Instance | undefined {
    return this.registry.get(name);
  }
}

