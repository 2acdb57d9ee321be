// `zerowasm compile [--engine ENGINE] FILE.wasm`: decodes and validates, then does all of the
// engine's preparation ahead of time and reports time and size. The interpreter normally
// prepares a function on its first call; here every function goes through the same pipeline
// (frontend → optimizer → interpretable form), so a frontend problem shows up without running.
// On a terminal the work runs in a worker thread (compile-worker.ts) so this thread can draw a
// progress line on stderr (progress.ts) once it has taken over a second, per function for both
// engines.
import { Worker } from 'node:worker_threads';
import { compileModule } from '../wasm/index.js';
import type { WasmModule } from '../wasm/module.js';
import { FunctionLowerer } from '../frontend/lower.js';
import { optimizeFunction } from '../ssa/pipeline.js';
import { translateIr } from '../interpreter/from-ir.js';
import { functionNames } from '../runtime/names.js';
import type { EngineChoice } from './args.js';
import { runtimeFor } from './engine.js';
import { PROGRESS_EVERY_MS, ProgressLine, type FunctionProgress, type ProgressSink } from './progress.js';

export type { FunctionProgress, ProgressSink } from './progress.js';

/** Words per interpreter instruction (code.ts: a kind and five operands). */
const WORDS_PER_INSTRUCTION = 6;

function ms(t: number): string {
  return `${t.toFixed(1)} ms`;
}

/** Runs the interpreter's whole preparation; returns the instruction count. */
function prepareForInterpreter(module: WasmModule, progress: FunctionProgress | undefined): number {
  const lowerer = new FunctionLowerer();
  const names = functionNames(module);
  let instructions = 0;
  for (let i = 0; i < module.functions.length; i++) {
    const fn = optimizeFunction(lowerer.lower(module, i));
    const code = translateIr(fn, names.get(module.numImportedFuncs + i));
    instructions += code.code.length / WORDS_PER_INSTRUCTION;
    progress?.(i + 1, module.functions.length);
  }
  return instructions;
}

/** Machine code size and retried functions, when the engine module is the compiler's. */
function compilerCodeFacts(engineModule: unknown): string {
  const code = (engineModule as { code?: { image?: { bytes?: Uint8Array }; retried?: readonly number[] } }).code;
  const size = code?.image?.bytes?.length;
  if (size === undefined) return 'the module runs on the interpreter (the compiler fell back)';
  const retried = code?.retried?.length ?? 0;
  return `${Math.ceil(size / 1024)} KiB of machine code${retried > 0 ? `, ${retried} functions with the reduced pipeline` : ''}`;
}

/** The report; throws CompileError for a bad module, RunRequestError for an unavailable engine. */
export function compileReport(file: string, bytes: Uint8Array, engine: EngineChoice, progress?: FunctionProgress): string {
  const t0 = performance.now();
  const module = compileModule(bytes);
  const t1 = performance.now();
  const rt = runtimeFor({ engine, timeoutMs: undefined, maxMemoryBytes: undefined, ...(progress === undefined ? {} : { onCompileProgress: progress }) });
  const lines = [
    `${file}: valid, ${bytes.length} bytes, ${module.functions.length} functions (+${module.numImportedFuncs} imported)`,
    `  decode + validate: ${ms(t1 - t0)}`,
  ];
  if (rt.engine === 'interpreter') {
    const instructions = prepareForInterpreter(module, progress);
    const t2 = performance.now();
    lines.push(`  interpreter: ${module.functions.length} functions prepared in ${ms(t2 - t1)}, `
      + `${instructions} instructions (${Math.ceil((instructions * WORDS_PER_INSTRUCTION * 4) / 1024)} KiB)`);
  } else {
    const compiled = rt.compileDecoded(module);
    lines.push(`  ${rt.engine}: compiled in ${ms(performance.now() - t1)}, ${compilerCodeFacts(compiled.engineModule)}`);
  }
  lines.push(`  engine: ${rt.engine} (${rt.engineReason})`);
  return `${lines.join('\n')}\n`;
}

/** What the worker posts: progress counts, then the report or the error's name and message. */
export type CompileWorkerMessage =
  | { readonly kind: 'progress'; readonly done: number; readonly total: number }
  | { readonly kind: 'report'; readonly text: string }
  | { readonly kind: 'error'; readonly name: string; readonly message: string };

export interface CompileWorkerData {
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly engine: EngineChoice;
}

/** compileReport with progress on a terminal: the work runs in a worker thread while this
 * thread redraws the progress line; without a terminal it simply runs here. */
export function compileWithProgress(file: string, bytes: Uint8Array, engine: EngineChoice, sink: ProgressSink): Promise<string> {
  if (!sink.isTTY) return Promise.resolve(compileReport(file, bytes, engine));
  const line = new ProgressLine(sink);
  const worker = new Worker(new URL('./compile-worker.js', import.meta.url), {
    workerData: { file, bytes, engine } satisfies CompileWorkerData,
  });
  const timer = setInterval(() => line.draw(), PROGRESS_EVERY_MS);
  return new Promise<string>((resolve, reject) => {
    const done = (): void => {
      clearInterval(timer);
      line.finish();
      void worker.terminate();
    };
    worker.on('message', (m: CompileWorkerMessage) => {
      if (m.kind === 'progress') {
        line.update(m.done, m.total);
        return;
      }
      line.draw();
      done();
      if (m.kind === 'report') {
        resolve(m.text);
      } else {
        const err = new Error(m.message);
        err.name = m.name;
        reject(err);
      }
    });
    worker.once('error', (err) => {
      done();
      reject(err);
    });
  });
}
