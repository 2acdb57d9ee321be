// Engine selection and argument checks of the Runtime.
import { expect } from 'chai';
import { CompileError, Runtime } from '../../src/index.js';
import { compilerAvailability } from '../../src/engine/compiler/native.js';

const compiler = compilerAvailability();

describe('runtime: engine choice and input checks', () => {
  it('uses the compiler for auto when it can run, else the interpreter, and says why', () => {
    const rt = new Runtime();
    if (compiler.ok) {
      expect(rt.engine).to.equal('compiler');
      expect(rt.engineReason).to.match(/native addon loaded/);
    } else {
      expect(rt.engine).to.equal('interpreter');
      expect(rt.engineReason).to.equal(compiler.reason);
    }
    expect(new Runtime({ engine: 'interpreter' }).engineReason).to.equal('requested');
  });

  it('rejects unknown engines and an unavailable compiler with clear errors', () => {
    expect(() => new Runtime({ engine: 'jit' as 'auto' })).to.throw(TypeError, /unknown engine 'jit'/);
    if (compiler.ok) expect(new Runtime({ engine: 'compiler' }).engine).to.equal('compiler');
    else expect(() => new Runtime({ engine: 'compiler' })).to.throw(Error, /compiler engine is not available/);
  });

  it('reports compile progress per function on the compiler engine', function () {
    expect(() => new Runtime({ onCompileProgress: 5 as never })).to.throw(TypeError, /onCompileProgress must be a function/);
    if (!compiler.ok) {
      console.log(`    skipped: the compiler engine is not available here (${compiler.reason})`);
      this.skip();
    }
    const seen: [number, number][] = [];
    const rt = new Runtime({ engine: 'compiler', onCompileProgress: (done, total) => { seen.push([done, total]); } });
    // Three functions, each `() -> ()` with an empty body: type section, function section, code section.
    const bytes = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 4, 3, 0, 0, 0,
      10, 10, 3, 2, 0, 0x0b, 2, 0, 0x0b, 2, 0, 0x0b]);
    rt.compile(bytes);
    expect(seen).to.deep.equal([[1, 3], [2, 3], [3, 3]]);
  });

  it('checks what compile and instantiate are given', () => {
    const rt = new Runtime({ engine: 'interpreter' });
    expect(() => rt.compile('not bytes' as unknown as Uint8Array)).to.throw(TypeError, /module bytes/);
    expect(() => rt.compile(new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]))).to.throw(CompileError);
    expect(() => rt.instantiate({} as never)).to.throw(TypeError, /CompiledModule/);
    const empty = rt.compile(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]).buffer);
    expect(Object.keys(rt.instantiate(empty).exports)).to.deep.equal([]);
  });
});
