// CPU features the amd64 backend may use, detected once per process. Code compiled with a
// feature set runs only on CPUs that have it, so detection reads the running machine.
import { readFileSync } from 'node:fs';

export interface CpuFeatures {
  /** popcnt (SSE4.2 era; flag "popcnt"). */
  readonly popcnt: boolean;
  /** lzcnt (ABM / LZCNT; flag "abm"). */
  readonly lzcnt: boolean;
  /** tzcnt (BMI1; flag "bmi1"). */
  readonly tzcnt: boolean;
}

/** The baseline every x86-64 CPU has: SSE2 only (fallback sequences for the counts). */
export const BASELINE_CPU: CpuFeatures = { popcnt: false, lzcnt: false, tzcnt: false };
/** A modern CPU (x86-64-v3 and later): used by golden tests for stable output. */
export const MODERN_CPU: CpuFeatures = { popcnt: true, lzcnt: true, tzcnt: true };

let detected: CpuFeatures | undefined;

/** Features of this machine (Linux: /proc/cpuinfo flags; elsewhere the baseline). */
export function detectCpu(): CpuFeatures {
  if (detected !== undefined) return detected;
  let flags = new Set<string>();
  try {
    const text = readFileSync('/proc/cpuinfo', 'utf8');
    const line = /^flags\s*:(.*)$/m.exec(text);
    if (line) flags = new Set(line[1]!.trim().split(/\s+/));
  } catch {
    // Not Linux, or no /proc: stay with the baseline.
  }
  detected = { popcnt: flags.has('popcnt'), lzcnt: flags.has('abm') || flags.has('lzcnt'), tzcnt: flags.has('bmi1') };
  return detected;
}

/** SSE4.1 (roundss/roundsd for ceil, floor, trunc, nearest) is required; say so plainly when absent. */
export function hasSse41(): boolean {
  try {
    const text = readFileSync('/proc/cpuinfo', 'utf8');
    return /^flags\s*:.*\bsse4_1\b/m.test(text);
  } catch {
    return true;
  }
}
