// The `name` custom section: module name (subsection 0), function names (1) and local names (2).
// Other subsections are skipped. A malformed name section never makes the module invalid (the
// spec says custom sections are not validated), so the caller drops whatever fails to parse.
import type { NameSection } from './module.js';
import { Reader } from './reader.js';

function readNameMap(r: Reader, into: Map<number, string>): void {
  const n = r.vecLength(2);
  for (let i = 0; i < n; i++) {
    const index = r.u32();
    into.set(index, r.name());
  }
}

/** Parses the section's contents [start, end) into `names`. Throws CompileError if malformed;
 * entries parsed before the error stay. */
export function readNameSection(bytes: Uint8Array, start: number, end: number, names: NameSection): void {
  const r = new Reader(bytes, start, end);
  while (!r.atEnd()) {
    const id = r.u8();
    const size = r.u32();
    if (size > r.end - r.pos) r.fail('name subsection size out of bounds');
    const subEnd = r.pos + size;
    const sub = new Reader(bytes, r.pos, subEnd);
    switch (id) {
      case 0: names.moduleName = sub.name(); break;
      case 1: readNameMap(sub, names.functionNames); break;
      case 2: {
        const n = sub.vecLength(2);
        for (let i = 0; i < n; i++) {
          const funcIndex = sub.u32();
          const locals = new Map<number, string>();
          readNameMap(sub, locals);
          names.localNames.set(funcIndex, locals);
        }
        break;
      }
      default: break;
    }
    r.pos = subEnd;
  }
}
