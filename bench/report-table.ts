// Plain-text tables for the terminal (and for pasting into reports).

import { BASELINE_NATIVE, BASELINE_WASM } from './engines.js';
import { isCase } from './ratios.js';
import type { CallCell, CompileCell, ProgramCase, Results, RunCell } from './results.js';

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function fmtMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

function fmtRatio(r: number | undefined): string {
  return r === undefined ? '-' : `${r.toFixed(2)}x`;
}

function cellText(cell: RunCell | undefined, withRange: boolean): string {
  if (!cell) return 'not run';
  if (cell.status !== 'ok') return cell.status === 'unavailable' ? 'unavail.' : cell.status.toUpperCase();
  const { median, min, max } = cell.runMs;
  return withRange && cell.runMs.samples.length > 1 ? `${fmtMs(median)} (${fmtMs(min)}-${fmtMs(max)})` : fmtMs(median);
}

function runTable(results: Results, reduced: boolean): string | undefined {
  const withRange = results.runs > 1;
  const cases = results.programs
    .map((p) => ({ name: p.name, c: reduced ? p.reduced : p.main }))
    .filter((x): x is { name: string; c: ProgramCase } => isCase(x.c));
  // A reduced case where nothing ran (its engines are unavailable, as listed at the top) is noise.
  if (cases.length === 0 || (reduced && !cases.some(({ c }) => Object.values(c.cells).some((cell) => cell.status === 'ok')))) {
    return undefined;
  }
  const ids = results.engines
    .filter((e) => (reduced ? e.reducedSizes || e.id === BASELINE_NATIVE || e.id === BASELINE_WASM : results.mode === 'quick' || !e.reducedSizes))
    .map((e) => e.id);
  const rows = cases.map(({ name, c }) => [`${name} (n=${c.size})`, ...ids.map((id) => cellText(c.cells[id], withRange))]);
  const title = reduced
    ? 'Run time at REDUCED sizes, ms (for engines too slow for full sizes)'
    : `Run time, ms: median${withRange ? ` (min-max) of ${results.runs} runs` : ''}`;
  return `${title}\n${table(['program', ...ids], rows)}`;
}

function ratioTable(results: Results, reference: 'vsNative' | 'vsTurbofan'): string | undefined {
  const skip = reference === 'vsNative' ? BASELINE_NATIVE : BASELINE_WASM;
  const ids = Object.keys(results.ratios).filter((id) => id !== skip && id !== BASELINE_NATIVE);
  if (ids.length === 0) return undefined;
  const names = results.programs.map((p) => p.name);
  const header = ['program', ...ids.map((id) => `${id}${results.ratios[id].reduced ? '*' : ''}`)];
  const rows = names.map((n) => [n, ...ids.map((id) => fmtRatio(results.ratios[id][reference].perProgram[n]))]);
  rows.push(['geomean', ...ids.map((id) => fmtRatio(results.ratios[id][reference].geomean))]);
  const note = ids.some((id) => results.ratios[id].reduced) ? '\n* measured at reduced sizes, against references at the same sizes' : '';
  const title = reference === 'vsNative' ? 'native clang -O2' : `V8 TurboFan (${BASELINE_WASM})`;
  return `Run time relative to ${title} (lower is better)\n${table(header, rows)}${note}`;
}

function compileText(cell: CompileCell | undefined): string {
  if (!cell) return '-';
  if (cell.status !== 'ok') return cell.status === 'unavailable' ? 'unavail.' : 'FAILED';
  return `${fmtMs(cell.compileMs.median)} ms ${cell.mbPerSecond.toFixed(1)} MB/s`;
}

function compileTable(results: Results): string | undefined {
  if (results.compile.length === 0) return undefined;
  const keys = [...new Set(results.compile.flatMap((c) => Object.keys(c.cells)))];
  const rows = results.compile.map((c) => [`${c.module} (${(c.codeBytes / 1e3).toFixed(0)} KB code)`, ...keys.map((k) => compileText(c.cells[k]))]);
  return `Compile time (eager; single-threaded unless @mt = V8's default threads), MB/s of code section\n${table(['module', ...keys], rows)}`;
}

function rssTable(results: Results): string | undefined {
  const ids = results.engines.filter((e) => results.mode === 'quick' || !e.reducedSizes).map((e) => e.id);
  const rows = results.programs.filter((p) => isCase(p.main)).map((p) => {
    const c = p.main as ProgramCase;
    return [p.name, ...ids.map((id) => {
      const cell = c.cells[id];
      return cell?.status === 'ok' ? (cell.maxRssKb / 1024).toFixed(1) : '-';
    })];
  });
  return rows.length === 0 ? undefined : `Peak RSS, MB (Wasm engines include the Node process)\n${table(['program', ...ids], rows)}`;
}

function callText(cell: CallCell, which: 'exportCallNs' | 'importCallNs'): string {
  // Reasons for unavailable engines are listed at the top; failures are listed at the bottom.
  return cell.status === 'ok' ? `${cell[which].toFixed(1)} ns` : cell.status === 'unavailable' ? 'unavail.' : 'FAILED';
}

function callTable(results: Results): string | undefined {
  const ids = Object.keys(results.calls);
  if (ids.length === 0) return undefined;
  const rows = ids.map((id) => [id, callText(results.calls[id], 'exportCallNs'), callText(results.calls[id], 'importCallNs')]);
  rows.push(['Node-API floor', callText(results.napiFloor, 'exportCallNs'), callText(results.napiFloor, 'importCallNs')]);
  const floorNote = results.napiFloor.status === 'ok' ? '' : `\nNode-API floor ${results.napiFloor.status}: ${results.napiFloor.reason}`;
  return `Boundary costs per call\n${table(['engine', 'JS -> Wasm export', 'Wasm -> JS import'], rows)}${floorNote}`;
}

export function renderTables(results: Results): string {
  const m = results.machine;
  const parts: (string | undefined)[] = [
    `zerowasm bench (${results.mode}) on ${m.cpuModel}, ${m.cores} cores, Node ${m.node} (V8 ${m.v8}), ${m.date}\n` +
      `load average ${m.loadAverage[0]} at start, ${results.loadAverageAtEnd?.[0] ?? '?'} at end (noisy figures when above ~${m.cores})`,
    results.engines.filter((e) => !e.available).map((e) => `engine ${e.id}: unavailable: ${e.reason}`).join('\n') || undefined,
    runTable(results, false),
    results.mode === 'full' ? runTable(results, true) : undefined,
    ratioTable(results, 'vsNative'),
    ratioTable(results, 'vsTurbofan'),
    compileTable(results),
    rssTable(results),
    callTable(results),
    results.failures.length > 0
      ? `FAILURES (${results.failures.length}):\n${results.failures.map((f) => `  - ${f}`).join('\n')}`
      : 'All outputs match native.',
  ];
  return parts.filter((p): p is string => p !== undefined).join('\n\n') + '\n';
}
