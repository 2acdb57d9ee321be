// Worker-thread side of the watchdog (pool.ts): loads the engine once, then runs the files it is
// sent, publishing the line of the command in progress so a hang can be located.
import { parentPort, workerData } from 'node:worker_threads';
import { engines } from './engines/registry.js';
import { runFile } from './file-run.js';
import { LINE, MARKS } from './pool.js';
import type { Mode } from './runner.js';
import { loadWabt } from './wat.js';

export interface WorkerInit {
  readonly engine: string;
  readonly mode: Mode;
  /** Two Int32 cells (pool.ts LINE, MARKS): the line of the command being run, and a count
   * bumped when a job arrives and when each command starts (the watchdog's progress). */
  readonly progress: SharedArrayBuffer;
}
export interface WorkerJob { readonly path: string; readonly file: string }

const init = workerData as WorkerInit;
const port = parentPort;
if (port === null) throw new Error('spec worker must run in a worker thread');
const factory = engines[init.engine];
if (factory === undefined) throw new Error(`unknown engine '${init.engine}'`);
await loadWabt();
const engine = await factory();
const cell = new Int32Array(init.progress);
port.on('message', (job: WorkerJob) => {
  Atomics.add(cell, MARKS, 1); // loading the engine is behind us: parsing starts now
  port.postMessage(runFile(job.path, job.file, engine, init.mode, (line) => {
    Atomics.store(cell, LINE, line);
    Atomics.add(cell, MARKS, 1);
  }));
});
