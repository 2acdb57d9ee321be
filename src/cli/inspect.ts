// `zerowasm inspect FILE.wasm`: imports and exports with their types, then every section with
// its offset and size (custom sections by name), then counts. Runs the decoder and validator
// only: no engine is involved.
import { compileModule, describeExports, describeImports, type ExternType } from '../wasm/index.js';
import type { GlobalType, Limits, MemoryType, TableType, WasmModule } from '../wasm/module.js';
import { funcTypeToString, valTypeName, type FuncType } from '../wasm/types.js';
import { listSections } from './sections.js';

function limitsText(l: Limits): string {
  return l.max === undefined ? `min ${l.min}` : `min ${l.min} max ${l.max}`;
}

function typeText(kind: string, type: ExternType): string {
  switch (kind) {
    case 'func': return funcTypeToString(type as FuncType);
    case 'table': return `${valTypeName((type as TableType).elemType)} ${limitsText((type as TableType).limits)}`;
    case 'memory': return `pages ${limitsText((type as MemoryType).limits)}`;
    default: {
      const g = type as GlobalType;
      return g.mutable ? `mut ${valTypeName(g.valType)}` : valTypeName(g.valType);
    }
  }
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, cell.length); });
  return rows.map((r) => `  ${r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')}`);
}

/** The report for a decoded and validated module. */
export function inspectReport(file: string, module: WasmModule): string {
  const bytes = module.bytes;
  const imports = describeImports(module);
  const exports = describeExports(module);
  const sections = listSections(bytes);
  const lines = [`${file}: ${bytes.length} bytes${module.names.moduleName === undefined ? '' : `, module $${module.names.moduleName}`}`];
  lines.push(`imports (${imports.length}):`,
    ...table(imports.map((i) => [i.kind, `${i.module}.${i.name}`, typeText(i.kind, i.type)])));
  lines.push(`exports (${exports.length}):`, ...table(exports.map((e) => [e.kind, e.name, typeText(e.kind, e.type)])));
  lines.push(`sections (${sections.length}):`, ...table(sections.map((s) => [
    s.custom ? `custom "${s.name}"` : s.name, `offset 0x${s.offset.toString(16)}`, `${s.size} bytes`,
  ])));
  lines.push(`functions: ${module.functions.length} defined, ${module.numImportedFuncs} imported; `
    + `memories: ${module.allMemories.length}; tables: ${module.allTables.length}; globals: ${module.allGlobals.length}; `
    + `data segments: ${module.data.length}; element segments: ${module.elements.length}`
    + (module.start === undefined ? '' : `; start function: ${module.start}`));
  return `${lines.join('\n')}\n`;
}

/** Decodes, validates and describes; throws CompileError for a bad module. */
export function inspectModule(file: string, bytes: Uint8Array): string {
  return inspectReport(file, compileModule(bytes));
}
