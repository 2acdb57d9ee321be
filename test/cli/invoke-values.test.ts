// --invoke argument parsing by parameter type and result formatting.
import { expect } from 'chai';
import { formatResult, parseInvokeArgs } from '../../src/cli/invoke-values.js';
import { RunRequestError } from '../../src/cli/run-types.js';
import { ValType, type FuncType } from '../../src/wasm/types.js';

const sig = (...params: ValType[]): FuncType => ({ params, results: [] });

describe('cli: --invoke values', () => {
  it('parses integers in decimal and hex, signed or unsigned spelling', () => {
    expect(parseInvokeArgs('f', sig(ValType.I32, ValType.I32, ValType.I32), ['-1', '0xFFFFFFFF', '+7'])).to.deep.equal([-1, -1, 7]);
    expect(parseInvokeArgs('f', sig(ValType.I64, ValType.I64), ['18446744073709551615', '-0x8000000000000000']))
      .to.deep.equal([-1n, -(2n ** 63n)]);
    expect(() => parseInvokeArgs('f', sig(ValType.I32), ['-2147483649'])).to.throw(RunRequestError, 'out of range for 32 bits');
    expect(() => parseInvokeArgs('f', sig(ValType.I64), ['1e3'])).to.throw(RunRequestError, "'1e3' is not a valid i64");
  });

  it('parses floats: decimal, exponent, hex floats, inf and nan; f32 is rounded to single', () => {
    const [a, b, c, d, e] = parseInvokeArgs('f', sig(ValType.F64, ValType.F64, ValType.F64, ValType.F64, ValType.F32),
      ['-2.5e3', '0x1.8p3', '-0x.8p0', '-inf', '0.1']);
    expect([a, b, c, d, e]).to.deep.equal([-2500, 12, -0.5, -Infinity, Math.fround(0.1)]);
    expect(parseInvokeArgs('f', sig(ValType.F32), ['nan'])[0]).to.be.NaN;
    expect(() => parseInvokeArgs('f', sig(ValType.F64), ['1.2.3'])).to.throw(RunRequestError, 'not a valid f64');
    expect(() => parseInvokeArgs('f', sig(ValType.F64), ['0x'])).to.throw(RunRequestError, 'not a valid f64');
  });

  it('refuses a wrong argument count and reference parameters by name', () => {
    expect(() => parseInvokeArgs('add', sig(ValType.I32, ValType.I64), ['1'])).to.throw(RunRequestError, "'add' takes 2 arguments (i32, i64), got 1");
    expect(() => parseInvokeArgs('g', sig(ValType.ExternRef), ['1'])).to.throw(RunRequestError, 'externref parameter');
  });

  it('formats results one per value', () => {
    expect(formatResult(-0, ValType.F64)).to.equal('-0');
    expect(formatResult(Number.NaN, ValType.F32)).to.equal('nan');
    expect(formatResult(-Infinity, ValType.F64)).to.equal('-inf');
    expect(formatResult(1.5, ValType.F64)).to.equal('1.5');
    expect(formatResult(-5n, ValType.I64)).to.equal('-5');
    expect(formatResult(null, ValType.FuncRef)).to.equal('null');
    expect(formatResult(new Uint8Array(16).fill(0xab), ValType.V128)).to.equal(`v128 ${Array(16).fill('ab').join(' ')}`);
  });
});
