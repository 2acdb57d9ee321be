// Module linking: lays out compiled functions and stubs into one code image, patches their
// rel32 relocations and keeps a symbol table (piece → offset, size, name) for stack traces and
// the disassembly dump. ISA-independent: a relocation here is "the rel32 field at `offset`
// refers to piece `target`"; the caller maps its ISA's relocation kinds to pieces first.

/** What a piece of the image is. */
export const enum SymbolKind {
  Function = 0,
  EntryTrampoline = 1,
  Helper = 2,
  Stub = 3,
}

export const SYMBOL_KIND_NAMES = ['function', 'entry', 'helper', 'stub'] as const;

/** A rel32 field inside a piece, patched to `address(target) - (address(site) + 4)`. */
export interface PieceRelocation {
  readonly offset: number;
  /** Index of the target piece in the `pieces` array given to `linkImage`. */
  readonly target: number;
}

export interface Piece {
  readonly name: string;
  readonly kind: SymbolKind;
  /** Function index in the module's index space (functions only, else -1). */
  readonly funcIndex: number;
  readonly code: Uint8Array;
  readonly relocations: readonly PieceRelocation[];
}

export interface ImageSymbol {
  readonly name: string;
  readonly kind: SymbolKind;
  readonly funcIndex: number;
  readonly offset: number;
  readonly size: number;
}

/** Pieces start on this boundary (a fetch block); the gaps are filled with `int3`. */
export const PIECE_ALIGN = 16;
const PAD_BYTE = 0xcc;

export class LinkedImage {
  constructor(
    readonly bytes: Uint8Array,
    /** One symbol per piece, in piece order (offsets ascending). */
    readonly symbols: readonly ImageSymbol[],
  ) {}

  /** The symbol whose code contains `offset`, if any (binary search). */
  symbolAt(offset: number): ImageSymbol | undefined {
    let lo = 0, hi = this.symbols.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const s = this.symbols[mid]!;
      if (offset < s.offset) hi = mid - 1;
      else if (offset >= s.offset + s.size) lo = mid + 1;
      else return s;
    }
    return undefined;
  }

  /** A readable listing: offset, size, kind and name of every symbol. */
  describe(): string {
    return this.symbols.map((s) =>
      `${s.offset.toString(16).padStart(8, '0')} ${String(s.size).padStart(6)} ${SYMBOL_KIND_NAMES[s.kind]} ${s.name}`).join('\n');
  }
}

/** Lays out `pieces` in order, patches every relocation and returns the image with its symbols. */
export function linkImage(pieces: readonly Piece[]): LinkedImage {
  const offsets = new Int32Array(pieces.length);
  let size = 0;
  for (let i = 0; i < pieces.length; i++) {
    size = (size + PIECE_ALIGN - 1) & ~(PIECE_ALIGN - 1);
    offsets[i] = size;
    size += pieces[i]!.code.length;
  }
  const bytes = new Uint8Array(size).fill(PAD_BYTE);
  const view = new DataView(bytes.buffer);
  const symbols: ImageSymbol[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    const at = offsets[i]!;
    bytes.set(p.code, at);
    for (const r of p.relocations) {
      if (r.offset < 0 || r.offset + 4 > p.code.length) {
        throw new RangeError(`link: relocation at ${r.offset} lies outside ${p.name} (${p.code.length} bytes)`);
      }
      const target = offsets[r.target];
      if (target === undefined || r.target < 0) throw new RangeError(`link: relocation in ${p.name} names missing piece ${r.target}`);
      const site = at + r.offset;
      view.setInt32(site, target - (site + 4), true);
    }
    symbols.push({ name: p.name, kind: p.kind, funcIndex: p.funcIndex, offset: at, size: p.code.length });
  }
  return new LinkedImage(bytes, symbols);
}
