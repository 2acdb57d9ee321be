// The IR opcode table: the single source of truth for what each IR instruction is (arity, result
// shape, effects, foldability, terminator). Pure Wasm numeric and SIMD operations are NOT
// re-listed: they are one IR opcode, `Num`, whose imm0 is the Wasm opcode code from
// src/wasm/opcodes.ts (its name, operand and result types come from that table).

/** IR opcodes. Values are dense small integers (stored in a Uint8Array). */
export const enum Opcode {
  // Constants (pure)
  Iconst32,   // imm0 = value
  Iconst64,   // imm0 = low 32 bits, imm1 = high 32 bits
  Fconst32,   // imm0 = bit pattern
  Fconst64,   // imm0 = low 32 bits of the pattern, imm1 = high 32 bits
  Vconst,     // imm0 = index into fn.constPool (16 bytes)
  RefNull,    // imm0 = ValType (funcref / externref)
  RefFunc,    // imm0 = function index
  // Pure computation
  Num,        // imm0 = Wasm opcode code, imm1 = lane (lane ops) or constPool index (i8x16.shuffle)
  Select,     // args: cond, ifTrue, ifFalse
  RefIsNull,  // args: ref; result i32
  // Memory (memory 0). Bounds are the engine's job (interpreter checks, compiler uses guards).
  Load,       // imm0 = Wasm opcode, imm1 = offset (u32), imm2 = lane; args: addr [, vec]
  Store,      // imm0 = Wasm opcode, imm1 = offset (u32), imm2 = lane; args: addr, value
  MemorySize,
  MemoryGrow, // args: delta
  MemoryCopy, // args: dst, src, len (traps itself on out-of-bounds)
  MemoryFill, // args: dst, value, len
  MemoryInit, // imm0 = data index; args: dst, src, len
  DataDrop,   // imm0 = data index
  // Tables
  TableGet,   // imm0 = table; args: index (bounds checked by an explicit trapIf before it)
  TableSet,   // imm0 = table; args: index, ref (bounds checked explicitly)
  TableSize,  // imm0 = table
  TableGrow,  // imm0 = table; args: init ref, delta
  TableFill,  // imm0 = table; args: index, ref, len (traps itself on out-of-bounds)
  TableCopy,  // imm0 = dst table, imm1 = src table; args: dst, src, len
  TableInit,  // imm0 = elem index, imm1 = table; args: dst, src, len
  ElemDrop,   // imm0 = elem index
  // Globals
  GlobalGet,  // imm0 = global index
  GlobalSet,  // imm0 = global index; args: value
  // Calls (results are consecutive values)
  Call,       // imm0 = function index (module-defined); args: call arguments
  CallImport, // imm0 = function index (imported); args: call arguments
  CallRef,    // imm0 = type index; args: funcref (non-null, signature checked), call arguments
  FuncTypeIs, // imm0 = type index; args: non-null funcref; result i32: 1 if its type matches
  // Traps
  TrapIf,     // imm0 = TrapKind; args: cond (traps when cond != 0)
  // Terminators
  Jump,       // edges: [target]
  BrIf,       // args: cond; edges: [ifNonZero, ifZero]
  BrTable,    // args: index; edges: [target0 .. targetN-1, default]
  Return,     // args: the function's results
  Trap,       // imm0 = TrapKind
}

export const enum Effect {
  /** No effect, never traps: removable when unused, freely movable. */
  Pure = 0,
  /** Reads state (memory, tables, globals) but cannot trap: removable when unused. */
  Read = 1,
  /** Writes state, may trap, or transfers control: never removed or reordered. */
  Effect = 2,
}

export interface IrOpInfo {
  readonly name: string;
  /** Fixed number of value arguments, or -1 when variable (calls, return). */
  readonly numArgs: number;
  /** Fixed number of results, or -1 when given by a type (calls). */
  readonly numResults: number;
  readonly effect: Effect;
  /** Constant folding may replace it when all arguments are constants. */
  readonly foldable: boolean;
  readonly terminator: boolean;
}

const pure = (name: string, numArgs: number, foldable = true): IrOpInfo =>
  ({ name, numArgs, numResults: 1, effect: Effect.Pure, foldable, terminator: false });
const read = (name: string, numArgs: number): IrOpInfo =>
  ({ name, numArgs, numResults: 1, effect: Effect.Read, foldable: false, terminator: false });
const eff = (name: string, numArgs: number, numResults: number): IrOpInfo =>
  ({ name, numArgs, numResults, effect: Effect.Effect, foldable: false, terminator: false });
const term = (name: string, numArgs: number): IrOpInfo =>
  ({ name, numArgs, numResults: 0, effect: Effect.Effect, foldable: false, terminator: true });

// Num's numArgs is -1 because it depends on the Wasm opcode (the Wasm table says how many).
export const irOps = {
  [Opcode.Iconst32]: pure('iconst32', 0),
  [Opcode.Iconst64]: pure('iconst64', 0),
  [Opcode.Fconst32]: pure('fconst32', 0),
  [Opcode.Fconst64]: pure('fconst64', 0),
  [Opcode.Vconst]: pure('vconst', 0),
  [Opcode.RefNull]: pure('ref.null', 0),
  [Opcode.RefFunc]: pure('ref.func', 0, false),
  [Opcode.Num]: pure('num', -1),
  [Opcode.Select]: pure('select', 3),
  [Opcode.RefIsNull]: pure('ref.is_null', 1),
  [Opcode.Load]: eff('load', -1, 1),
  [Opcode.Store]: eff('store', 2, 0),
  [Opcode.MemorySize]: read('memory.size', 0),
  [Opcode.MemoryGrow]: eff('memory.grow', 1, 1),
  [Opcode.MemoryCopy]: eff('memory.copy', 3, 0),
  [Opcode.MemoryFill]: eff('memory.fill', 3, 0),
  [Opcode.MemoryInit]: eff('memory.init', 3, 0),
  [Opcode.DataDrop]: eff('data.drop', 0, 0),
  [Opcode.TableGet]: read('table.get', 1),
  [Opcode.TableSet]: eff('table.set', 2, 0),
  [Opcode.TableSize]: read('table.size', 0),
  [Opcode.TableGrow]: eff('table.grow', 2, 1),
  [Opcode.TableFill]: eff('table.fill', 3, 0),
  [Opcode.TableCopy]: eff('table.copy', 3, 0),
  [Opcode.TableInit]: eff('table.init', 3, 0),
  [Opcode.ElemDrop]: eff('elem.drop', 0, 0),
  [Opcode.GlobalGet]: read('global.get', 0),
  [Opcode.GlobalSet]: eff('global.set', 1, 0),
  [Opcode.Call]: eff('call', -1, -1),
  [Opcode.CallImport]: eff('call_import', -1, -1),
  [Opcode.CallRef]: eff('call_ref', -1, -1),
  [Opcode.FuncTypeIs]: read('func_type_is', 1),
  [Opcode.TrapIf]: eff('trap_if', 1, 0),
  [Opcode.Jump]: term('jump', 0),
  [Opcode.BrIf]: term('brif', 1),
  [Opcode.BrTable]: term('br_table', 1),
  [Opcode.Return]: term('return', -1),
  [Opcode.Trap]: term('trap', 0),
} satisfies Record<Opcode, IrOpInfo>;

export const NUM_OPCODES = Opcode.Trap + 1;

const infoList: IrOpInfo[] = [];
for (let op = 0; op < NUM_OPCODES; op++) infoList.push((irOps as Record<number, IrOpInfo>)[op]!);

/** Effect class per opcode, for hot loops. */
export const effectByOp = Uint8Array.from(infoList, (info) => info.effect);
/** 1 for terminators, per opcode. */
export const isTerminatorOp = Uint8Array.from(infoList, (info) => (info.terminator ? 1 : 0));

export function irOpInfo(op: Opcode): IrOpInfo {
  return infoList[op]!;
}

const opcodeByName = new Map<string, Opcode>(infoList.map((info, i) => [info.name, i as Opcode]));
export function irOpcodeByName(name: string): Opcode | undefined {
  return opcodeByName.get(name);
}
