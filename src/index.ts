// Public API of zerowasm. Everything exported here is re-exported from the stage that owns it.
export { VERSION } from './cli/main.js';
export { validate } from './wasm/index.js';
