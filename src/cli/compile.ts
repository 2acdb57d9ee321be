// `zerowasm compile [--engine ENGINE] FILE.wasm`: decodes and validates, then does all of the
// engine's preparation ahead of time and reports time and size. The interpreter normally
// prepares a function on its first call; here every function goes through the same pipeline
// (frontend → optimizer → interpretable form), so a frontend problem shows up without running.
// When that takes over a second on a terminal, progress is shown on stderr.
import { compileModule } from '../wasm/index.js';
import type { WasmModule } from '../wasm/module.js';
import { FunctionLowerer } from '../frontend/lower.js';
import { optimizeFunction } from '../ssa/pipeline.js';
import { translateIr } from '../interpreter/from-ir.js';
import { functionNames } from '../runtime/names.js';
import type { EngineChoice } from './args.js';
import { runtimeFor } from './engine.js';

/** Where progress goes: only used when `isTTY` (a pipe or file gets no progress lines). */
export interface ProgressSink {
  readonly isTTY: boolean;
  write(text: string): void;
  /** Show progress once the compile has run this long (default 1000 ms; tests use 0). */
  readonly afterMs?: number;
}

const PROGRESS_AFTER_MS = 1000;
const PROGRESS_EVERY_MS = 100;
/** Words per interpreter instruction (code.ts: a kind and five operands). */
const WORDS_PER_INSTRUCTION = 6;

class Progress {
  private readonly started = performance.now();
  private lastShown = 0;
  private shown = false;
  constructor(private readonly sink: ProgressSink, private readonly total: number) {}

  tick(done: number): void {
    if (!this.sink.isTTY) return;
    const now = performance.now();
    if (now - this.started < (this.sink.afterMs ?? PROGRESS_AFTER_MS) || now - this.lastShown < PROGRESS_EVERY_MS) return;
    this.lastShown = now;
    this.shown = true;
    const pct = Math.floor((100 * done) / Math.max(this.total, 1));
    this.sink.write(`\rcompiling: ${done}/${this.total} functions (${pct}%), ${((now - this.started) / 1000).toFixed(1)}s`);
  }

  finish(): void {
    if (this.shown) this.sink.write('\r\x1b[K');
  }
}

function ms(t: number): string {
  return `${t.toFixed(1)} ms`;
}

/** Runs the interpreter's whole preparation; returns the instruction count. */
function prepareForInterpreter(module: WasmModule, progress: Progress): number {
  const lowerer = new FunctionLowerer();
  const names = functionNames(module);
  let instructions = 0;
  for (let i = 0; i < module.functions.length; i++) {
    const fn = optimizeFunction(lowerer.lower(module, i));
    const code = translateIr(fn, names.get(module.numImportedFuncs + i));
    instructions += code.code.length / WORDS_PER_INSTRUCTION;
    progress.tick(i + 1);
  }
  return instructions;
}

/** The report; throws CompileError for a bad module, RunRequestError for an unavailable engine. */
export function compileReport(file: string, bytes: Uint8Array, engine: EngineChoice, progressSink: ProgressSink): string {
  const t0 = performance.now();
  const module = compileModule(bytes);
  const t1 = performance.now();
  const rt = runtimeFor({ engine, timeoutMs: undefined, maxMemoryBytes: undefined });
  const lines = [
    `${file}: valid, ${bytes.length} bytes, ${module.functions.length} functions (+${module.numImportedFuncs} imported)`,
    `  decode + validate: ${ms(t1 - t0)}`,
  ];
  const progress = new Progress(progressSink, module.functions.length);
  try {
    if (rt.engine === 'interpreter') {
      const instructions = prepareForInterpreter(module, progress);
      const t2 = performance.now();
      lines.push(`  interpreter: ${module.functions.length} functions prepared in ${ms(t2 - t1)}, `
        + `${instructions} instructions (${Math.ceil((instructions * WORDS_PER_INSTRUCTION * 4) / 1024)} KiB)`);
    } else {
      rt.compileDecoded(module);
      lines.push(`  ${rt.engine}: compiled in ${ms(performance.now() - t1)}`);
    }
  } finally {
    progress.finish();
  }
  lines.push(`  engine: ${rt.engine} (${rt.engineReason})`);
  return `${lines.join('\n')}\n`;
}
