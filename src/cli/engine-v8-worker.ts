// Worker side of engine-v8's --timeout: runs the program and posts the outcome back. WASI
// stdio are host fds here, which a worker thread writes synchronously like the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { runWasiProgram, type WorkerReply } from './engine-v8.js';
import type { WasiOptions } from '../wasi/index.js';
import type { RunOptions } from './run-types.js';

const data = workerData as { bytes: Uint8Array; wasiOptions: WasiOptions; options: RunOptions };
runWasiProgram(data.bytes, data.wasiOptions, data.options).then(
  (result) => parentPort!.postMessage({ ok: true, result } satisfies WorkerReply),
  (err: unknown) => {
    const e = err instanceof Error ? err : new Error(String(err));
    parentPort!.postMessage({ ok: false, name: e.name, message: e.message } satisfies WorkerReply);
  },
);
