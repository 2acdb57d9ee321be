// A watchdog for engines under test: each file runs in a worker thread, and a file whose current
// command makes no progress for the time limit (an engine stuck in a loop) is reported as a
// failure at the line it was running, the worker replaced, and the run goes on with the next file.
// Progress, not the file's wall time, is judged: the worker counts the commands it starts, so a
// big file that keeps finishing commands on a loaded machine is never cut off, while one command
// stuck for the whole limit still is.
import { Worker } from 'node:worker_threads';
import { type FileReport, scriptError } from './file-run.js';
import type { Mode } from './runner.js';
import type { WorkerInit, WorkerJob } from './worker.js';

/** Indices into the shared progress cells. */
export const LINE = 0, MARKS = 1;

/** How often the watchdog looks: often enough to overshoot the limit by at most a tenth. */
function pollMs(timeoutMs: number): number {
  return Math.min(1000, Math.max(10, Math.floor(timeoutMs / 10)));
}

export class IsolatedRunner {
  private worker: Worker | undefined;
  /** [line of the command in progress, count of progress marks] (see worker.ts). */
  private readonly progress = new SharedArrayBuffer(8);

  constructor(private readonly engine: string, private readonly mode: Mode, private readonly timeoutMs: number) {}

  async run(path: string, file: string): Promise<FileReport> {
    const t0 = Date.now();
    const worker = this.spawn();
    const cell = new Int32Array(this.progress);
    Atomics.store(cell, LINE, 0);
    Atomics.store(cell, MARKS, 0);
    let marks = 0;
    let lastProgress = t0;
    return new Promise<FileReport>((resolve) => {
      let settled = false;
      const finish = (r: FileReport, kill: boolean): void => {
        if (settled) return;
        settled = true;
        clearInterval(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (kill) this.kill();
        resolve(r);
      };
      const onMessage = (m: FileReport): void => finish(m, false);
      const onError = (e: Error): void => finish(scriptError(file, `engine worker failed: ${e.message}`, Date.now() - t0), true);
      const onExit = (code: number): void => finish(scriptError(file, `engine worker exited with code ${code}`, Date.now() - t0), true);
      // Polled, so the limit is measured from the last progress mark, not from the file's start.
      const timer = setInterval(() => {
        const now = Date.now();
        const m = Atomics.load(cell, MARKS);
        if (m !== marks) { marks = m; lastProgress = now; return; }
        if (now - lastProgress < this.timeoutMs) return;
        const line = Atomics.load(cell, LINE);
        finish(scriptError(file, `timed out after ${this.timeoutMs / 1000} s${line > 0 ? ` in the command at line ${line}` : ''}`, now - t0), true);
      }, pollMs(this.timeoutMs));
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
