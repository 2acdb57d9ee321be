// DURATION and SIZE values of command-line options.
//   DURATION: a number with a unit: 500ms, 1s, 1.5s, 2m, 1h (a bare number means seconds).
//   SIZE: bytes with a binary unit (4096, 64KiB, 64MiB, 1GiB; K/M/G are accepted as KiB/MiB/GiB)
//         or Wasm pages (256p, 256pages; one page is 64 KiB). Sizes are rounded down to whole
//         pages when applied to a memory, and must not exceed 4 GiB (a 32-bit memory's limit).

export class UnitError extends Error {}

const DURATION_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const SIZE_BYTES: Record<string, number> = {
  '': 1, b: 1, k: 1024, kib: 1024, m: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gib: 1024 ** 3,
  p: 65536, page: 65536, pages: 65536,
};

export const WASM_PAGE = 65536;
const MAX_MEMORY_BYTES = 4 * 1024 ** 3;

function split(text: string): [number, string] | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([a-zA-Z]*)$/.exec(text.trim());
  return m ? [Number(m[1]), m[2]!.toLowerCase()] : undefined;
}

/** Milliseconds in a DURATION; throws UnitError naming the problem. */
export function parseDuration(text: string): number {
  const parts = split(text);
  const unit = parts === undefined ? undefined : DURATION_MS[parts[1] === '' ? 's' : parts[1]];
  if (parts === undefined || unit === undefined) {
    throw new UnitError(`invalid duration '${text}' (use e.g. 500ms, 10s, 2m, 1h)`);
  }
  const ms = parts[0] * unit;
  if (ms <= 0) throw new UnitError(`duration '${text}' must be greater than zero`);
  return ms;
}

/** Bytes in a SIZE; throws UnitError naming the problem. */
export function parseSize(text: string): number {
  const parts = split(text);
  const unit = parts === undefined ? undefined : SIZE_BYTES[parts[1]];
  if (parts === undefined || unit === undefined) {
    throw new UnitError(`invalid size '${text}' (use e.g. 65536, 64KiB, 16MiB, 1GiB or 256p for pages)`);
  }
  const bytes = Math.floor(parts[0] * unit);
  if (bytes > MAX_MEMORY_BYTES) throw new UnitError(`size '${text}' exceeds 4GiB, the limit of a 32-bit memory`);
  return bytes;
}
