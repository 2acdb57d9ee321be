// Worker side of `zerowasm compile` on a terminal (compile.ts): runs compileReport, posting
// per-function progress (throttled) and then the report or the error.
import { parentPort, workerData } from 'node:worker_threads';
import { compileReport, type CompileWorkerData, type CompileWorkerMessage } from './compile.js';

const POST_EVERY_MS = 50;
const data = workerData as CompileWorkerData;
const post = (m: CompileWorkerMessage): void => parentPort!.postMessage(m);
let lastPost = 0;
try {
  const text = compileReport(data.file, data.bytes, data.engine, (done, total) => {
    const now = performance.now();
    if (now - lastPost < POST_EVERY_MS && done < total) return;
    lastPost = now;
    post({ kind: 'progress', done, total });
  });
  post({ kind: 'report', text });
} catch (e) {
  const err = e instanceof Error ? e : new Error(String(e));
  post({ kind: 'error', name: err.name, message: err.message });
}
