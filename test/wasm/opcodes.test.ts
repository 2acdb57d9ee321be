// Checks the instruction table against V8: for every instruction with a fixed signature, a
// function `params -> results` whose body is `local.get 0 .. local.get n-1; <instr>` must
// validate. A wrong code, signature, alignment or immediate in the table makes V8 reject it.
import { expect } from 'chai';
import { allOps, Imm, Op, opInfo, opInfoByName, type OpInfo } from '../../src/wasm/opcodes.js';

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function encodeOpcode(code: number): number[] {
  const prefix = code >>> 12;
  return prefix === 0 ? [code] : [prefix, ...uleb(code & 0xfff)];
}

function immediateBytes(info: OpInfo): number[] | undefined {
  switch (info.imm) {
    case Imm.None: return [];
    case Imm.MemArg: return [...uleb(info.naturalAlign), 0];
    case Imm.MemArgLane: return [...uleb(info.naturalAlign), 0, info.lanes - 1];
    case Imm.Lane: return [info.lanes - 1];
    case Imm.Memory: return [0];
    case Imm.MemoryCopy: return [0, 0];
    case Imm.I32: case Imm.I64: return [0];
    case Imm.F32: return [0, 0, 0, 0];
    case Imm.F64: return [0, 0, 0, 0, 0, 0, 0, 0];
    case Imm.V128: return new Array<number>(16).fill(0);
    case Imm.Shuffle: return [...Array(16).keys()].map((i) => i * 2);
    case Imm.Func: return [0];
    default: return undefined;
  }
}

function moduleFor(info: OpInfo, imm: number[]): Uint8Array {
  const params = info.params ?? [];
  const results = info.results ?? [];
  const type = [0x60, ...uleb(params.length), ...params, ...uleb(results.length), ...results];
  const body: number[] = [0];
  for (let i = 0; i < params.length; i++) body.push(0x20, ...uleb(i));
  body.push(...encodeOpcode(info.code), ...imm, 0x0b);
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, ...type]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0x00, 0x01]),
    // Declares function 0 so ref.func 0 is valid.
    ...section(9, [1, 0x03, 0x00, 1, 0x00]),
    ...section(10, [1, ...uleb(body.length), ...body]),
  ]);
}

describe('wasm: instruction table', () => {
  it('has unique codes and names', () => {
    expect(new Set(allOps.map((o) => o.code)).size).to.equal(allOps.length);
    expect(new Set(allOps.map((o) => o.name)).size).to.equal(allOps.length);
  });

  it('agrees with the hand-named opcodes', () => {
    const named: [number, string][] = [
      [Op.Block, 'block'], [Op.End, 'end'], [Op.BrTable, 'br_table'], [Op.CallIndirect, 'call_indirect'],
      [Op.SelectT, 'select_t'], [Op.TableSet, 'table.set'], [Op.RefFunc, 'ref.func'],
      [Op.MemoryInit, 'memory.init'], [Op.TableFill, 'table.fill'], [Op.TableGrow, 'table.grow'],
      [Op.V128Const, 'v128.const'], [Op.I8x16Shuffle, 'i8x16.shuffle'], [Op.F64Const, 'f64.const'],
    ];
    for (const [code, name] of named) expect(opInfo(code)?.name, name).to.equal(name);
    expect(opInfoByName('i32.add')?.code).to.equal(0x6a);
  });

  it('covers all 236 SIMD instructions of Core 2.0', () => {
    expect(allOps.filter((o) => o.code >>> 12 === 0xfd).length).to.equal(236);
  });

  it('every fixed-signature instruction validates in V8 with its table signature', () => {
    const failures: string[] = [];
    let checked = 0;
    for (const info of allOps) {
      if (info.params === undefined) continue;
      const imm = immediateBytes(info);
      if (imm === undefined) continue;
      checked++;
      if (!WebAssembly.validate(moduleFor(info, imm))) failures.push(info.name);
    }
    expect(failures).to.deep.equal([]);
    expect(checked).to.be.greaterThan(400);
  });

  it('the check above can fail: a wrong signature is rejected', () => {
    const add = opInfoByName('i32.add')!;
    const wrong: OpInfo = { ...add, params: [0x7e, 0x7e] };
    expect(WebAssembly.validate(moduleFor(wrong, []))).to.equal(false);
  });
});
