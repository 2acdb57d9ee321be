// Wasm → SSA frontend: lowers validated function bodies to IR.
export { FunctionLowerer } from './lower.js';
