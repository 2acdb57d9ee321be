// The engines compared side by side. Each Wasm engine runs in its own Node child process (see
// child.ts); native runs the clang binary directly.

export type EngineKind = 'native' | 'v8' | 'zerowasm';

export interface Engine {
  id: string;
  label: string;
  kind: EngineKind;
  /** Node flags for the child process (V8 tiers). */
  nodeFlags: string[];
  /** Extra Node flags that make compilation eager and single-threaded for compile timing. */
  compileFlags: string[];
  /** zerowasm engine option. */
  zerowasmEngine?: 'compiler' | 'interpreter';
  /** Too slow for full sizes: runs programs at their `reduced` size (marked in every output). */
  reducedSizes: boolean;
  /** Whether compile time is meaningful for this engine. */
  measuresCompile: boolean;
}

// Eager compilation (no lazy per-function compile on first call) on the main thread only, so
// compile throughput is comparable with a single-threaded compiler.
const EAGER_SINGLE_THREAD = ['--no-wasm-lazy-compilation', '--wasm-num-compilation-tasks=0'];

export const ENGINES: readonly Engine[] = [
  { id: 'native', label: 'native clang -O2', kind: 'native', nodeFlags: [], compileFlags: [],
    reducedSizes: false, measuresCompile: false },
  // Single tiers compile eagerly so that run time excludes compilation (measured separately).
  { id: 'v8-turbofan', label: 'V8 TurboFan', kind: 'v8', nodeFlags: ['--no-liftoff', '--no-wasm-lazy-compilation'],
    compileFlags: EAGER_SINGLE_THREAD, reducedSizes: false, measuresCompile: true },
  { id: 'v8-liftoff', label: 'V8 Liftoff', kind: 'v8', nodeFlags: ['--liftoff', '--no-wasm-tier-up', '--no-wasm-lazy-compilation'],
    compileFlags: EAGER_SINGLE_THREAD, reducedSizes: false, measuresCompile: true },
  { id: 'v8-default', label: 'V8 default (tiering)', kind: 'v8', nodeFlags: [], compileFlags: [],
    reducedSizes: false, measuresCompile: false },
  { id: 'zw-compiler', label: 'zerowasm compiler', kind: 'zerowasm', nodeFlags: [], compileFlags: [],
    zerowasmEngine: 'compiler', reducedSizes: false, measuresCompile: true },
  { id: 'zw-interpreter', label: 'zerowasm interpreter', kind: 'zerowasm', nodeFlags: [], compileFlags: [],
    zerowasmEngine: 'interpreter', reducedSizes: true, measuresCompile: true },
];

/** The reference engine for Wasm-to-Wasm ratios. */
export const BASELINE_WASM = 'v8-turbofan';
export const BASELINE_NATIVE = 'native';

export function selectEngines(ids: readonly string[] | undefined): Engine[] {
  if (!ids) return [...ENGINES];
  const unknown = ids.filter((id) => !ENGINES.some((e) => e.id === id));
  if (unknown.length > 0) {
    throw new Error(`unknown engine(s) ${unknown.join(', ')}; known: ${ENGINES.map((e) => e.id).join(', ')}`);
  }
  // Native is the reference for every checksum, so it always runs.
  return ENGINES.filter((e) => e.id === BASELINE_NATIVE || ids.includes(e.id));
}
