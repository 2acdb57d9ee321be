// Register allocator: public surface for the backends. See docs/regalloc.md.
export * from './operand.js';
export { RegisterInfo, checkRegisterInfo, pregName } from './registers.js';
export { MachFunction, BlockId } from './function.js';
export { RegAllocator, AllocOptions } from './allocator.js';
export { AllocResult, EditEmitter, EditKind, editToString, emitEdits, formatStats, locName } from './result.js';
export { checkAllocation } from './checker.js';
export { ParallelMoves, emitCopy } from './parallel-move.js';
export { printAllocation } from './print.js';
