import { expect } from 'chai';
import { linkImage, PIECE_ALIGN, SymbolKind, type Piece } from '../../src/backend/link.js';

const piece = (name: string, code: number[], relocations: { offset: number; target: number }[] = []): Piece =>
  ({ name, kind: SymbolKind.Function, funcIndex: -1, code: Uint8Array.from(code), relocations });

describe('engine: module linking (src/backend/link.ts)', () => {
  it('lays pieces out aligned, pads with int3 and patches rel32 relocations in both directions', () => {
    // piece 0: call rel32 → piece 1; piece 1: 3 bytes; piece 2: call rel32 → piece 0
    const image = linkImage([
      piece('a', [0xe8, 0, 0, 0, 0, 0xc3], [{ offset: 1, target: 1 }]),
      piece('b', [0x90, 0x90, 0xc3]),
      piece('c', [0xe8, 0, 0, 0, 0], [{ offset: 1, target: 0 }]),
    ]);
    expect(image.symbols.map((s) => s.offset)).to.deep.equal([0, PIECE_ALIGN, 2 * PIECE_ALIGN]);
    expect(image.symbols.map((s) => s.size)).to.deep.equal([6, 3, 5]);
    const view = new DataView(image.bytes.buffer);
    expect(view.getInt32(1, true)).to.equal(PIECE_ALIGN - 5);
    expect(view.getInt32(2 * PIECE_ALIGN + 1, true)).to.equal(0 - (2 * PIECE_ALIGN + 5));
    expect(image.bytes[6]).to.equal(0xcc);
    expect(image.bytes[PIECE_ALIGN + 3]).to.equal(0xcc);
    expect(image.bytes.length).to.equal(2 * PIECE_ALIGN + 5);
  });

  it('finds the symbol containing an offset, and none in padding', () => {
    const image = linkImage([piece('a', [1, 2, 3]), piece('b', [4, 5])]);
    expect(image.symbolAt(0)?.name).to.equal('a');
    expect(image.symbolAt(2)?.name).to.equal('a');
    expect(image.symbolAt(3)).to.equal(undefined);
    expect(image.symbolAt(PIECE_ALIGN + 1)?.name).to.equal('b');
    expect(image.symbolAt(PIECE_ALIGN + 2)).to.equal(undefined);
    expect(image.describe()).to.match(/00000010\s+2 function b/);
  });

  it('rejects relocations outside their piece or to missing pieces, naming the piece', () => {
    expect(() => linkImage([piece('f', [0xe8, 0, 0], [{ offset: 1, target: 0 }])])).to.throw(RangeError, /outside f/);
    expect(() => linkImage([piece('g', [0xe8, 0, 0, 0, 0], [{ offset: 1, target: 7 }])])).to.throw(RangeError, /g names missing piece 7/);
  });
});
