// Globals in native cells. Generated code reads a module-defined global from its 16-byte cell in
// the vmctx, and an imported one through a pointer to the exporter's cell; the runtime's `Global`
// object keeps working by turning its `raw` field into an accessor on the cell.
import type { Global } from '../../runtime/global.js';
import type { RawValue } from '../../runtime/values.js';
import { NativeInstance } from '../native/instance.js';
import { vmctxLayout } from '../native/layout.js';
import { GLOBAL_CELL_BYTES } from '../../backend/amd64/abi.js';
import { nativeEnv } from './native.js';
import { registerExternRoot } from './externrefs.js';
import { ValType } from '../../wasm/types.js';
import { keepAlive, readCell, readU64, writeCell } from './refs.js';
import { WasmFunction } from '../../runtime/func.js';

export interface Cell {
  readonly view: DataView;
  readonly at: number;
  readonly address: number;
}

/** The scan of an externref cell at `at` of a view (a closure over the offset only). */
function scanCellAt(at: number): (view: DataView, mark: (word: number) => void) => void {
  return (view, mark) => mark(readU64(view, at));
}

const cells = new WeakMap<Global, Cell>();
/** Standalone cells (for globals no compiled instance owns) stay alive with their Global. */
const owners = new WeakMap<Global, NativeInstance>();

/** Makes `cell` the storage of `g` (its current value moves there). */
export function bindCell(g: Global, cell: Cell): void {
  const value = g.raw;
  const type = g.type;
  // The cell lives as long as its view (the vmctx or standalone holder that owns it).
  if (type === ValType.ExternRef) registerExternRoot(cell.view, scanCellAt(cell.at));
  if (value instanceof WasmFunction) keepAlive(g, value);
  writeCell(cell.view, cell.at, type, value);
  Object.defineProperty(g, 'raw', {
    configurable: true,
    enumerable: true,
    get: (): RawValue => readCell(cell.view, cell.at, type),
    set: (v: RawValue) => {
      if (v instanceof WasmFunction) keepAlive(g, v);
      writeCell(cell.view, cell.at, type, v);
    },
  });
  cells.set(g, cell);
}

/** The cell of `g`, creating a standalone one if no compiled instance defines it. */
export function cellOf(g: Global): Cell {
  const c = cells.get(g);
  if (c !== undefined) return c;
  const at = vmctxLayout.size;
  const holder = new NativeInstance(nativeEnv().addon, [], at + GLOBAL_CELL_BYTES);
  const cell: Cell = { view: holder.vmctx, at, address: Number(holder.address) + at };
  owners.set(g, holder);
  bindCell(g, cell);
  return cell;
}
