import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { layoutHeaderPath } from '../../src/engine/native/gen-layout.js';
import { execLayout, layoutFingerprint, renderLayoutHeader, vmctxLayout } from '../../src/engine/native/layout.js';
import { addon, requireNative } from './harness.js';

describe('native/layout', () => {
  it('native/layout.h is exactly what the TS table generates (run `npm run gen:layout`)', () => {
    expect(readFileSync(layoutHeaderPath(), 'utf8')).to.equal(renderLayoutHeader());
  });

  it('places fields at aligned, non-overlapping offsets', () => {
    for (const l of [execLayout, vmctxLayout]) {
      let end = 0;
      for (const f of l.spec.fields) {
        const at = l.offsets[f.name]!;
        expect(at % f.size, f.name).to.equal(0);
        expect(at, f.name).to.be.at.least(end);
        end = at + f.size;
      }
      expect(l.size).to.be.at.least(end);
    }
  });

  it('pins the offsets the hand-written test code uses', () => {
    expect(execLayout.offsets).to.include({ stackLimit: 8, interrupt: 16, exitFn: 24, hostCallFn: 32 });
    expect(vmctxLayout.offsets).to.include({ memoryBase: 8 });
  });

  describe('against the built addon', () => {
    requireNative();
    it('was compiled from the same layout', () => {
      expect(addon().layoutFingerprint).to.equal(layoutFingerprint());
    });
  });
});
