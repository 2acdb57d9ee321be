// The section list of a (validated) module for `inspect`: id, name, where the contents start and
// how many bytes they take. The decoder keeps only content offsets of known sections, so the
// headers are re-read here; it is a few LEB128 reads per section.

export interface SectionInfo {
  readonly id: number;
  /** Known section name, or the custom section's own name. */
  readonly name: string;
  readonly custom: boolean;
  /** Offset of the contents (after id and size). */
  readonly offset: number;
  readonly size: number;
}

const SECTION_NAMES = [
  'custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data',
  'datacount',
];

function readU32(bytes: Uint8Array, at: number): [value: number, next: number] {
  let result = 0;
  let shift = 0;
  for (let i = at; i < bytes.length && shift < 35; i++, shift += 7) {
    const b = bytes[i]!;
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [result, i + 1];
  }
  throw new RangeError(`malformed LEB128 at byte offset 0x${at.toString(16)}`);
}

/** Sections in file order. Throws RangeError on a truncated module (call after validation). */
export function listSections(bytes: Uint8Array): SectionInfo[] {
  const out: SectionInfo[] = [];
  let at = 8; // magic and version
  while (at < bytes.length) {
    const id = bytes[at]!;
    const [size, contents] = readU32(bytes, at + 1);
    if (contents + size > bytes.length) throw new RangeError(`section ${id} runs past the end of the module`);
    let name = SECTION_NAMES[id] ?? `unknown(${id})`;
    if (id === 0) {
      const [len, nameAt] = readU32(bytes, contents);
      name = new TextDecoder().decode(bytes.subarray(nameAt, nameAt + len));
    }
    out.push({ id, name, custom: id === 0, offset: contents, size });
    at = contents + size;
  }
  return out;
}
