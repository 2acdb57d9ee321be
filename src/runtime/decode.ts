// The runtime's entry to the decoder and validator (branch `wasm`, src/wasm/index.ts).
// Until that branch is merged this reports that no decoder is available.
import type { WasmModule } from '../wasm/module.js';
import { CompileError } from './errors.js';

export function decodeAndValidate(_bytes: Uint8Array): WasmModule {
  throw new CompileError('the Wasm decoder is not available in this build');
}
