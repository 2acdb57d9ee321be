// The progress line a long compile draws on a terminal's stderr ("compiling: 812/5000 functions
// (16%), 2.3s"), once it has taken over a second; it is erased when the compile is done, so the
// program's own output starts on a clean line. A pipe or a file gets no progress lines.

/** Where progress goes: only used when `isTTY` (a pipe or file gets no progress lines). */
export interface ProgressSink {
  readonly isTTY: boolean;
  write(text: string): void;
  /** Show progress once the compile has run this long (default 1000 ms; tests use 0). */
  readonly afterMs?: number;
}

const PROGRESS_AFTER_MS = 1000;
export const PROGRESS_EVERY_MS = 100;

/** Reports `done` of `total` functions prepared or compiled. */
export type FunctionProgress = (done: number, total: number) => void;

/** Draws the progress line from the latest counts; only after `afterMs`, at most every 100 ms. */
export class ProgressLine {
  private readonly started = performance.now();
  private shown = false;
  private done = -1;
  private total = 0;
  constructor(private readonly sink: ProgressSink) {}

  update(done: number, total: number): void {
    this.done = done;
    this.total = total;
  }

  /** update, then draw if the last drawing is 100 ms old (for a caller with no timer of its own). */
  tick(done: number, total: number): void {
    this.update(done, total);
    const now = performance.now();
    if (now - this.lastTick < PROGRESS_EVERY_MS) return;
    this.lastTick = now;
    this.draw();
  }
  private lastTick = 0;

  draw(): void {
    const elapsed = performance.now() - this.started;
    if (elapsed < (this.sink.afterMs ?? PROGRESS_AFTER_MS)) return;
    this.shown = true;
    const seconds = `${(elapsed / 1000).toFixed(1)}s`;
    const counts = this.done < 0 ? ''
      : ` ${this.done}/${this.total} functions (${Math.floor((100 * this.done) / Math.max(this.total, 1))}%),`;
    this.sink.write(`\rcompiling:${counts} ${seconds}`);
  }

  finish(): void {
    if (this.shown) this.sink.write('\r\x1b[K');
  }
}
