// The shape of results.json: every raw figure the harness measured, plus derived ratios.

import type { MachineInfo } from './machine.js';
import type { Summary } from './stats.js';

export type Failure = { status: 'unavailable' | 'failed' | 'mismatch'; reason: string };

export interface EngineStatus {
  id: string;
  label: string;
  available: boolean;
  reason?: string;
  reducedSizes: boolean;
}

export type RunCell =
  | { status: 'ok'; runMs: Summary; compileMs?: Summary; maxRssKb: number }
  | Failure;

/** One program at one problem size, on several engines. */
export interface ProgramCase {
  size: number;
  /** Native output: every engine must print exactly this. */
  expectedOutput: string;
  cells: Record<string, RunCell>;
}

export interface ProgramResult {
  name: string;
  kind: string;
  wasmBytes: number;
  codeBytes: number;
  main: ProgramCase | Failure;
  /** Engines too slow for full sizes run here, beside native and the Wasm baseline. */
  reduced?: ProgramCase | Failure;
}

export type CompileCell =
  | { status: 'ok'; threads: 'single' | 'default'; compileMs: Summary; mbPerSecond: number; maxRssKb: number }
  | Failure;

export interface CompileResult {
  module: string;
  bytes: number;
  codeBytes: number;
  /** Keyed by engine id, with "@mt" appended for V8's default (multi-threaded) compilation. */
  cells: Record<string, CompileCell>;
}

export type CallCell = { status: 'ok'; exportCallNs: number; importCallNs: number } | Failure;

export interface RatioSet {
  /** Per program: engine time / reference time (lower is better; 1 = as fast). */
  perProgram: Record<string, number>;
  geomean?: number;
}

export interface EngineRatios {
  vsNative: RatioSet;
  vsTurbofan: RatioSet;
  /** True when measured at the programs' reduced sizes. */
  reduced: boolean;
}

export interface Results {
  schema: 1;
  mode: 'full' | 'quick';
  runs: number;
  machine: MachineInfo;
  engines: EngineStatus[];
  programs: ProgramResult[];
  compile: CompileResult[];
  calls: Record<string, CallCell>;
  napiFloor: CallCell;
  ratios: Record<string, EngineRatios>;
  failures: string[];
  elapsedSeconds: number;
  /** Load average when the run ended (the machine section has it at the start): noise context. */
  loadAverageAtEnd?: number[];
}
