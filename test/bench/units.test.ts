import { expect } from 'chai';
import { callCostModule } from '../../bench/call-costs.js';
import { selectEngines } from '../../bench/engines.js';
import { parseHeader } from '../../bench/programs.js';
import { computeRatios } from '../../bench/ratios.js';
import type { EngineStatus, ProgramResult } from '../../bench/results.js';
import { geomean, median, summarize } from '../../bench/stats.js';
import { V8Wasm } from '../../bench/v8-wasm.js';
import { sectionSizes, withCustomSection } from '../../bench/wasm-sections.js';

describe('bench: statistics', () => {
  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).to.equal(2);
    expect(median([4, 1, 3, 2])).to.equal(2.5);
    expect(() => median([])).to.throw(/no values/);
  });
  it('summarize keeps min, max and the raw samples', () => {
    expect(summarize([5, 1, 9])).to.deep.equal({ median: 5, min: 1, max: 9, samples: [5, 1, 9] });
  });
  it('geometric mean ignores nothing valid and rejects empty input', () => {
    expect(geomean([2, 8])).to.be.closeTo(4, 1e-12);
    expect(geomean([])).to.equal(undefined);
  });
});

describe('bench: wasm sections', () => {
  it('sizes the code section of a module V8 accepts', () => {
    const bytes = callCostModule();
    expect(() => new V8Wasm.Module(bytes)).not.to.throw();
    const sizes = sectionSizes(bytes);
    expect(sizes.total).to.equal(bytes.length);
    // two bodies: nop (size byte + 2) and the loop (size byte + 16), plus the count byte
    expect(sizes.code).to.equal(1 + 3 + 17);
  });
  it('appends a custom section that V8 still accepts and that is counted under id 0', () => {
    const bytes = withCustomSection(callCostModule(), 'nonce', new Uint8Array([1, 2, 3]));
    expect(() => new V8Wasm.Module(bytes)).not.to.throw();
    expect(sectionSizes(bytes).byId[0]).to.equal(1 + 5 + 3);
  });
  it('rejects non-Wasm and truncated input with a clear error', () => {
    expect(() => sectionSizes(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).to.throw(/bad magic/);
    const truncated = callCostModule().slice(0, 20);
    expect(() => sectionSizes(truncated)).to.throw(/runs past the end/);
  });
});

describe('bench: program headers', () => {
  it('parses kind and the three sizes', () => {
    expect(parseHeader('x.c', '// bench: kind=integer full=100 quick=2 reduced=10')).to.deep.equal({
      kind: 'integer', sizes: { full: 100, quick: 2, reduced: 10 },
    });
  });
  it('names the file and the problem when a header is wrong', () => {
    expect(() => parseHeader('a.c', '/* nothing */')).to.throw(/a\.c: first line/);
    expect(() => parseHeader('b.c', '// bench: kind=x full=1 quick=0 reduced=1')).to.throw(/b\.c.*quick/);
    expect(() => parseHeader('c.c', '// bench: full=1 quick=1 reduced=1')).to.throw(/c\.c.*kind/);
  });
});

describe('bench: engines and ratios', () => {
  it('always keeps native and rejects unknown engine names', () => {
    expect(selectEngines(['v8-liftoff']).map((e) => e.id)).to.deep.equal(['native', 'v8-liftoff']);
    expect(() => selectEngines(['v9'])).to.throw(/unknown engine.*v9/);
  });
  it('compares reduced-size engines only with references at the same size', () => {
    const ok = (median: number) => ({ status: 'ok' as const, runMs: summarize([median]), maxRssKb: 1 });
    const programs: ProgramResult[] = [{
      name: 'p', kind: 'k', wasmBytes: 1, codeBytes: 1,
      main: { size: 100, expectedOutput: '', cells: { 'native': ok(10), 'v8-turbofan': ok(20) } },
      reduced: { size: 1, expectedOutput: '', cells: { 'native': ok(1), 'v8-turbofan': ok(2), 'zw-interpreter': ok(50) } },
    }];
    const engines: EngineStatus[] = [
      { id: 'native', label: '', available: true, reducedSizes: false },
      { id: 'v8-turbofan', label: '', available: true, reducedSizes: false },
      { id: 'zw-interpreter', label: '', available: true, reducedSizes: true },
    ];
    const ratios = computeRatios(programs, engines);
    expect(ratios['v8-turbofan'].vsNative.perProgram['p']).to.equal(2);
    expect(ratios['zw-interpreter'].vsNative.perProgram['p']).to.equal(50);
    expect(ratios['zw-interpreter'].vsTurbofan.geomean).to.be.closeTo(25, 1e-9);
    expect(ratios['zw-interpreter'].reduced).to.equal(true);
  });
});
