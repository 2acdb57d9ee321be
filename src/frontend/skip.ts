// Skipping an instruction's immediates without interpreting them (unreachable code after
// br/return/unreachable is decoded only to find the matching else/end).
import { Imm } from '../wasm/opcodes.js';
import type { Reader } from '../wasm/reader.js';

export function skipImmediates(r: Reader, imm: Imm): void {
  switch (imm) {
    case Imm.None: return;
    case Imm.BlockType: r.s33(); return;
    case Imm.BrTable: { const n = r.u32(); for (let i = 0; i <= n; i++) r.u32(); return; }
    case Imm.Label: case Imm.Func: case Imm.Local: case Imm.Global: case Imm.Table:
    case Imm.Data: case Imm.Elem:
      r.u32(); return;
    case Imm.CallIndirect: case Imm.MemArg: case Imm.TableInit: case Imm.TableCopy:
      r.u32(); r.u32(); return;
    case Imm.MemArgLane: r.u32(); r.u32(); r.u8(); return;
    case Imm.Memory: case Imm.RefType: case Imm.Lane: r.u8(); return;
    case Imm.MemoryInit: r.u32(); r.u8(); return;
    case Imm.MemoryCopy: r.u8(); r.u8(); return;
    case Imm.I32: r.s32(); return;
    case Imm.I64: r.skipS64(); return;
    case Imm.F32: r.skip(4); return;
    case Imm.F64: r.skip(8); return;
    case Imm.V128: case Imm.Shuffle: r.skip(16); return;
    case Imm.SelectTypes: { const n = r.u32(); r.skip(n); return; }
  }
}
