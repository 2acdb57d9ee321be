// The SSA IR: storage, opcode table, builder, SSA construction, verifier, printer, passes.
export { IrFunction, NONE } from './function.js';
export { Opcode, Effect, irOpInfo, irOps, NUM_OPCODES } from './opcodes.js';
export type { IrOpInfo } from './opcodes.js';
export { IrBuilder } from './builder.js';
export { SsaVars } from './ssa-vars.js';
export { verifyFunction, assertValid, moduleVerifyContext } from './verifier.js';
export type { VerifyContext } from './verifier.js';
export { printFunction, printInst, printBlockHeader } from './printer.js';
export { DomTree, reversePostorder } from './passes/dominators.js';
export { LoopNest } from './passes/loops.js';
export { optimizeFunction, passes } from './pipeline.js';
export type { OptimizeOptions, Pass } from './pipeline.js';
export { simplifyCfg } from './passes/cfg-simplify.js';
export { eliminateRedundantParams } from './passes/block-params.js';
export { foldConstants } from './passes/const-fold.js';
export { eliminateDeadCode } from './passes/dce.js';
export { layoutBlocks } from './passes/layout.js';
export { parseFunction } from './parser.js';
