// The 0xfc instructions whose checks involve more than their fixed signature: table.init and
// table.copy (element and table types must agree), table.grow and table.fill (typed by the table).
import { ValType, valTypeName } from './types.js';
import type { FunctionValidator } from './validate-func.js';

const TABLE_INIT = 12;
const TABLE_COPY = 14;
const TABLE_GROW = 15;
const TABLE_FILL = 17;

/** Validates 0xfc sub-opcode `sub` if it needs special handling; returns false to let the
 * generic fixed-signature path handle it. */
export function validateMiscSpecial(v: FunctionValidator, sub: number): boolean {
  const m = v.module;
  switch (sub) {
    case TABLE_INIT: {
      const elemIndex = v.r.u32();
      const tableType = m.allTables[v.readTable()]!.elemType;
      const elemType = m.elements[v.checkElemIndex(elemIndex)]!.elemType;
      if (elemType !== tableType) {
        v.fail(`type mismatch: table.init of ${valTypeName(elemType)} elements into a ${valTypeName(tableType)} table`);
      }
      popI32s(v, 3);
      return true;
    }
    case TABLE_COPY: {
      const dst = m.allTables[v.readTable()]!.elemType;
      const src = m.allTables[v.readTable()]!.elemType;
      if (dst !== src) v.fail(`type mismatch: table.copy from a ${valTypeName(src)} table to a ${valTypeName(dst)} table`);
      popI32s(v, 3);
      return true;
    }
    case TABLE_GROW: {
      const t = m.allTables[v.readTable()]!.elemType;
      v.popExpect(ValType.I32);
      v.popExpect(t);
      v.push(ValType.I32);
      return true;
    }
    case TABLE_FILL: {
      const t = m.allTables[v.readTable()]!.elemType;
      v.popExpect(ValType.I32);
      v.popExpect(t);
      v.popExpect(ValType.I32);
      return true;
    }
    default: return false;
  }
}

function popI32s(v: FunctionValidator, n: number): void {
  for (let i = 0; i < n; i++) v.popExpect(ValType.I32);
}
