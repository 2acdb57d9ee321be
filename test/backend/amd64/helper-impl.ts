// JS implementations of the helper routines for the test harness (see helpers.ts for the stubs
// that reach them). Arguments arrive in slots 0..4 in helper-ABI order, the result goes to slot 0;
// traps are thrown as RuntimeError, which the bridge propagates to the caller unchanged.
import { Helper } from '../../../src/backend/amd64/abi.js';
import type { HostFunction } from '../../../src/engine/native/addon-types.js';
import { RuntimeError } from '../../../src/runtime/errors.js';
import { TrapKind } from '../../../src/runtime/trap.js';
import { addon, context } from '../../native/harness.js';
import { VMCTX } from '../../../src/backend/amd64/abi.js';
import { NUM_HELPERS } from './helpers.js';
import { tableCapacity, type TestModule } from './harness.js';

export class HelperState {
  private readonly droppedData = new Set<number>();
  private readonly droppedElem = new Set<number>();

  constructor(private readonly tm: TestModule) {
    tm.cm.module.data.forEach((d, k) => { if (d.mode === 0) this.droppedData.add(k); });
    tm.cm.module.elements.forEach((e, k) => { if (e.mode !== 1) this.droppedElem.add(k); });
  }

  functions(): HostFunction[] {
    const table: Record<Helper, () => bigint | void> = {
      [Helper.MemoryGrow]: () => this.memoryGrow(this.u32(0)),
      [Helper.MemoryCopy]: () => this.memoryCopy(this.u32(0), this.u32(1), this.u32(2)),
      [Helper.MemoryFill]: () => this.memoryFill(this.u32(0), this.u32(1), this.u32(2)),
      [Helper.MemoryInit]: () => this.memoryInit(this.u32(0), this.u32(1), this.u32(2), this.u32(3)),
      [Helper.DataDrop]: () => { this.droppedData.add(this.u32(0)); },
      [Helper.TableGrow]: () => this.tableGrow(this.u32(0), this.u64(1), this.u32(2)),
      [Helper.TableFill]: () => this.tableFill(this.u32(0), this.u32(1), this.u64(2), this.u32(3)),
      [Helper.TableCopy]: () => this.tableCopy(this.u32(0), this.u32(1), this.u32(2), this.u32(3), this.u32(4)),
      [Helper.TableInit]: () => this.tableInit(this.u32(0), this.u32(1), this.u32(2), this.u32(3), this.u32(4)),
      [Helper.ElemDrop]: () => { this.droppedElem.add(this.u32(0)); },
    };
    const out: HostFunction[] = [];
    for (let h = 0; h < NUM_HELPERS; h++) {
      const f = table[h as Helper];
      out.push(() => {
        const r = f();
        if (typeof r === 'bigint') context().slots.i64[0] = BigInt.asIntN(64, r);
      });
    }
    return out;
  }

  private u32(k: number): number { return Number(BigInt.asUintN(32, context().slots.i64[k]!)); }
  private u64(k: number): bigint { return BigInt.asUintN(64, context().slots.i64[k]!); }

  private memSize(): number { return Number(this.tm.vmctx.getBigUint64(VMCTX.memorySize, true)); }
  private bytes(): Uint8Array { return new Uint8Array(addon().memoryBuffer(this.tm.memory!)); }
  private checkMem(at: number, len: number): void {
    if (at + len > this.memSize()) throw new RuntimeError(TrapKind.MemoryOutOfBounds);
  }

  private memoryGrow(delta: number): bigint {
    if (this.tm.memory === undefined) return 0xffffffffn;
    const old = addon().memoryGrow(this.tm.memory, delta);
    if (old < 0) return 0xffffffffn;
    this.tm.vmctx.setBigUint64(VMCTX.memorySize, BigInt((old + delta) * 65536), true);
    return BigInt(old);
  }
  private memoryCopy(dst: number, src: number, len: number): void {
    this.checkMem(dst, len);
    this.checkMem(src, len);
    this.bytes().copyWithin(dst, src, src + len);
  }
  private memoryFill(dst: number, value: number, len: number): void {
    this.checkMem(dst, len);
    this.bytes().fill(value & 0xff, dst, dst + len);
  }
  private memoryInit(seg: number, dst: number, src: number, len: number): void {
    const data = this.droppedData.has(seg) ? new Uint8Array(0) : this.tm.cm.module.data[seg]!.data;
    if (src + len > data.length) throw new RuntimeError(TrapKind.MemoryOutOfBounds);
    this.checkMem(dst, len);
    this.bytes().set(data.subarray(src, src + len), dst);
  }

  private tableLen(t: number): number { return this.tm.vmctx.getUint32(this.tm.tablesAt + 16 * t + 8, true); }
  private elemAt(t: number, i: number): number { return this.tm.elemsAt[t]! + 8 * i; }
  private checkTable(t: number, at: number, len: number): void {
    if (at + len > this.tableLen(t)) throw new RuntimeError(TrapKind.TableOutOfBounds);
  }
  private tableGrow(t: number, init: bigint, delta: number): bigint {
    const old = this.tableLen(t);
    const limits = this.tm.cm.module.allTables[t]!.limits;
    if (old + delta > tableCapacity(limits) || (limits.max !== undefined && old + delta > limits.max)) return 0xffffffffn;
    for (let k = 0; k < delta; k++) this.tm.vmctx.setBigUint64(this.elemAt(t, old + k), init, true);
    this.tm.vmctx.setUint32(this.tm.tablesAt + 16 * t + 8, old + delta, true);
    return BigInt(old);
  }
  private tableFill(t: number, dst: number, ref: bigint, len: number): void {
    this.checkTable(t, dst, len);
    for (let k = 0; k < len; k++) this.tm.vmctx.setBigUint64(this.elemAt(t, dst + k), ref, true);
  }
  private tableCopy(dt: number, st: number, dst: number, src: number, len: number): void {
    this.checkTable(dt, dst, len);
    this.checkTable(st, src, len);
    const vals: bigint[] = [];
    for (let k = 0; k < len; k++) vals.push(this.tm.vmctx.getBigUint64(this.elemAt(st, src + k), true));
    vals.forEach((v, k) => this.tm.vmctx.setBigUint64(this.elemAt(dt, dst + k), v, true));
  }
  private tableInit(seg: number, t: number, dst: number, src: number, len: number): void {
    const init = this.droppedElem.has(seg) ? [] : this.tm.cm.module.elements[seg]!.init;
    if (src + len > init.length) throw new RuntimeError(TrapKind.TableOutOfBounds);
    this.checkTable(t, dst, len);
    for (let k = 0; k < len; k++) this.tm.vmctx.setBigUint64(this.elemAt(t, dst + k), this.tm.constValue(init[src + k]!), true);
  }
}
