// Ratios of run times: each engine against native (the physical limit) and against V8 TurboFan
// (the Wasm baseline), per program and as geometric means. Ratios only compare figures measured
// at the same problem size, so reduced-size engines use the reduced-size references.

import { BASELINE_NATIVE, BASELINE_WASM } from './engines.js';
import type { EngineRatios, EngineStatus, Failure, ProgramCase, ProgramResult, RatioSet } from './results.js';
import { geomean } from './stats.js';

export function isCase(value: ProgramCase | Failure | undefined): value is ProgramCase {
  return value !== undefined && !('status' in value);
}

function medianOf(c: ProgramCase, engineId: string): number | undefined {
  const cell = c.cells[engineId];
  return cell?.status === 'ok' ? cell.runMs.median : undefined;
}

function ratioSet(programs: ProgramResult[], engine: EngineStatus, reference: string): RatioSet {
  const perProgram: Record<string, number> = {};
  for (const p of programs) {
    const c = engine.reducedSizes && p.reduced ? p.reduced : p.main;
    if (!isCase(c)) continue;
    const mine = medianOf(c, engine.id);
    const ref = medianOf(c, reference);
    if (mine !== undefined && ref !== undefined && ref > 0) perProgram[p.name] = mine / ref;
  }
  const set: RatioSet = { perProgram };
  const g = geomean(Object.values(perProgram));
  if (g !== undefined) set.geomean = g;
  return set;
}

export function computeRatios(programs: ProgramResult[], engines: EngineStatus[]): Record<string, EngineRatios> {
  const out: Record<string, EngineRatios> = {};
  for (const engine of engines) {
    if (!engine.available) continue;
    out[engine.id] = {
      vsNative: ratioSet(programs, engine, BASELINE_NATIVE),
      vsTurbofan: ratioSet(programs, engine, BASELINE_WASM),
      reduced: engine.reducedSizes && programs.some((p) => p.reduced !== undefined),
    };
  }
  return out;
}
