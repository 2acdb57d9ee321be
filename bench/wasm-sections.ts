// Just enough of the Wasm binary format to size a module's sections (compile throughput is
// reported per byte of code section) and to append a custom section (to defeat compile caches).

export interface SectionSizes {
  total: number;
  code: number;
  /** Payload bytes per section id (custom sections summed under 0). */
  byId: Record<number, number>;
}

const MAGIC = [0x00, 0x61, 0x73, 0x6d];
const CODE_SECTION = 10;

function readU32Leb(bytes: Uint8Array, offset: number): { value: number; next: number } {
  let value = 0;
  let shift = 0;
  for (let i = offset; i < bytes.length && i < offset + 5; i++) {
    value += (bytes[i] & 0x7f) * 2 ** shift;
    if ((bytes[i] & 0x80) === 0) return { value, next: i + 1 };
    shift += 7;
  }
  throw new Error(`malformed LEB128 section size at byte ${offset}`);
}

export function sectionSizes(bytes: Uint8Array): SectionSizes {
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new Error('not a WebAssembly binary (bad magic number)');
  }
  const byId: Record<number, number> = {};
  let offset = 8;
  while (offset < bytes.length) {
    const id = bytes[offset];
    const { value: size, next } = readU32Leb(bytes, offset + 1);
    if (next + size > bytes.length) throw new Error(`section ${id} at byte ${offset} runs past the end`);
    byId[id] = (byId[id] ?? 0) + size;
    offset = next + size;
  }
  return { total: bytes.length, code: byId[CODE_SECTION] ?? 0, byId };
}

function encodeU32Leb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

/** Returns a copy of `bytes` with a custom section `name` holding `payload` appended. */
export function withCustomSection(bytes: Uint8Array, name: string, payload: Uint8Array): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const body = [...encodeU32Leb(nameBytes.length), ...nameBytes, ...payload];
  const section = [0, ...encodeU32Leb(body.length), ...body];
  const out = new Uint8Array(bytes.length + section.length);
  out.set(bytes, 0);
  out.set(section, bytes.length);
  return out;
}
