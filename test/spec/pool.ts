// A watchdog for engines under test: each file runs in a worker thread, and a file that takes
// longer than the time limit (an engine stuck in a loop) is reported as a failure at the line it
// was running, the worker replaced, and the run goes on with the next file.
import { Worker } from 'node:worker_threads';
import { type FileReport, scriptError } from './file-run.js';
import type { Mode } from './runner.js';
import type { WorkerInit, WorkerJob } from './worker.js';

export class IsolatedRunner {
  private worker: Worker | undefined;
  private readonly progress = new SharedArrayBuffer(4);

  constructor(private readonly engine: string, private readonly mode: Mode, private readonly timeoutMs: number) {}

  async run(path: string, file: string): Promise<FileReport> {
    const t0 = Date.now();
    const worker = this.spawn();
    const cell = new Int32Array(this.progress);
    Atomics.store(cell, 0, 0);
    return new Promise<FileReport>((resolve) => {
      let settled = false;
      const finish = (r: FileReport, kill: boolean): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (kill) this.kill();
        resolve(r);
      };
      const onMessage = (m: FileReport): void => finish(m, false);
      const onError = (e: Error): void => finish(scriptError(file, `engine worker failed: ${e.message}`, Date.now() - t0), true);
      const onExit = (code: number): void => finish(scriptError(file, `engine worker exited with code ${code}`, Date.now() - t0), true);
      const timer = setTimeout(() => {
        const line = Atomics.load(cell, 0);
        finish(scriptError(file, `timed out after ${this.timeoutMs / 1000} s${line > 0 ? ` in the command at line ${line}` : ''}`, Date.now() - t0), true);
      }, this.timeoutMs);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage({ path, file } satisfies WorkerJob);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w !== undefined) await w.terminate();
  }

  private spawn(): Worker {
    if (this.worker !== undefined) return this.worker;
    const workerData: WorkerInit = { engine: this.engine, mode: this.mode, progress: this.progress };
    this.worker = new Worker(new URL('./worker.js', import.meta.url), { workerData });
    return this.worker;
  }

  private kill(): void {
    const w = this.worker;
    this.worker = undefined;
    if (w !== undefined) void w.terminate();
  }
}
