// The runtime's entry to the decoder and validator (branch `wasm`). The validator is not merged
// yet, so this decodes only; switch to the validating entry point when it lands.
import { decodeModule } from '../wasm/decoder.js';
import type { WasmModule } from '../wasm/module.js';

export function decodeAndValidate(bytes: Uint8Array): WasmModule {
  return decodeModule(bytes);
}
