// Function names for stack traces: the name section's, else the first export name.
import { ExternKind, type WasmModule } from '../wasm/module.js';

const cache = new WeakMap<WasmModule, Map<number, string>>();

export function functionNames(module: WasmModule): ReadonlyMap<number, string> {
  let names = cache.get(module);
  if (names === undefined) {
    names = new Map(module.names.functionNames);
    for (const exp of module.exports) {
      if (exp.kind === ExternKind.Func && !names.has(exp.index)) names.set(exp.index, exp.name);
    }
    cache.set(module, names);
  }
  return names;
}
