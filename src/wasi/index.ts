// Public surface of the WASI preview1 implementation.
export { WASI, exitCodeOf, type WasiImportObject, type WasiImportFunction } from './wasi.js';
export type { WasiOptions, WasiClock, WasiInstance, OutputSink, InputSource, PreopenTarget } from './options.js';
export { Errno, errnoName } from './errno.js';
