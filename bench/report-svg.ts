// A hand-written SVG bar chart of run time relative to native (log scale; lower is better), one
// group of bars per program plus the geometric mean, for embedding in the README.

import { BASELINE_NATIVE } from './engines.js';
import type { Results } from './results.js';

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2'];

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderSvg(results: Results): string {
  const engineIds = Object.keys(results.ratios).filter((id) => id !== BASELINE_NATIVE);
  const groups = [...results.programs.map((p) => p.name), 'geomean'];
  const value = (id: string, group: string): number | undefined => {
    const set = results.ratios[id].vsNative;
    return group === 'geomean' ? set.geomean : set.perProgram[group];
  };
  const values = engineIds.flatMap((id) => groups.map((g) => value(id, g))).filter((v): v is number => v !== undefined);
  const maxRatio = Math.max(2, ...values);
  const minRatio = Math.min(1, ...values);
  // Log axis from a power of two at or below the smallest ratio to one at or above the largest.
  const lo = 2 ** Math.floor(Math.log2(minRatio));
  const hi = 2 ** Math.ceil(Math.log2(maxRatio));

  const bar = 10, gap = 8, left = 130, right = 30, top = 56, plotWidth = 620;
  const groupHeight = engineIds.length * bar + gap;
  const unavailableCount = results.engines.filter((s) => !s.available).length;
  const legendHeight = 18 * Math.max(engineIds.length, unavailableCount) + 10;
  const height = top + groups.length * groupHeight + 30 + legendHeight;
  const width = left + plotWidth + right;
  const x = (ratio: number): number => left + ((Math.log2(ratio) - Math.log2(lo)) / (Math.log2(hi) - Math.log2(lo))) * plotWidth;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`);
  out.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  out.push(`<text x="${left}" y="18" font-size="14" font-weight="bold">Run time relative to native clang -O2 (log scale, lower is better)</text>`);
  const m = results.machine;
  out.push(`<text x="${left}" y="36" fill="#555">${escapeXml(`${m.cpuModel}, ${m.cores} cores, Node ${m.node} (V8 ${m.v8}), ${m.date.slice(0, 10)}, ${results.mode} mode`)}</text>`);
  const plotBottom = top + groups.length * groupHeight;
  for (let tick = lo; tick <= hi + 1e-9; tick *= 2) {
    const tx = x(tick).toFixed(1);
    out.push(`<line x1="${tx}" y1="${top - 6}" x2="${tx}" y2="${plotBottom}" stroke="${tick === 1 ? '#000' : '#ddd'}"/>`);
    out.push(`<text x="${tx}" y="${plotBottom + 14}" text-anchor="middle">${tick >= 1 ? tick : tick.toFixed(2)}x</text>`);
  }
  groups.forEach((group, g) => {
    const gy = top + g * groupHeight;
    out.push(`<text x="${left - 8}" y="${gy + (engineIds.length * bar) / 2 + 4}" text-anchor="end"${group === 'geomean' ? ' font-weight="bold"' : ''}>${escapeXml(group)}</text>`);
    engineIds.forEach((id, e) => {
      const v = value(id, group);
      const y = gy + e * bar;
      if (v === undefined) {
        out.push(`<text x="${left + 4}" y="${y + bar - 1}" fill="#999" font-size="9">n/a</text>`);
        return;
      }
      const x0 = x(Math.min(1, v)), x1 = x(Math.max(1, v));
      out.push(`<rect x="${x0.toFixed(1)}" y="${y}" width="${Math.max(1, x1 - x0).toFixed(1)}" height="${bar - 1}" fill="${PALETTE[e % PALETTE.length]}"><title>${escapeXml(`${group} ${id}: ${v.toFixed(2)}x`)}</title></rect>`);
      out.push(`<text x="${(x1 + 3).toFixed(1)}" y="${y + bar - 1}" font-size="9">${v.toFixed(2)}</text>`);
    });
  });
  engineIds.forEach((id, e) => {
    const y = plotBottom + 30 + e * 18;
    const label = `${results.engines.find((s) => s.id === id)?.label ?? id}${results.ratios[id].reduced ? ' (reduced sizes)' : ''}`;
    out.push(`<rect x="${left}" y="${y}" width="12" height="12" fill="${PALETTE[e % PALETTE.length]}"/>`);
    out.push(`<text x="${left + 18}" y="${y + 10}">${escapeXml(label)}</text>`);
  });
  const missing = results.engines.filter((s) => !s.available);
  // Engines without figures are named, so their absence is visible rather than silent.
  missing.forEach((s, i) => {
    out.push(`<text x="${left + 320}" y="${plotBottom + 40 + i * 18}" fill="#999">${escapeXml(`${s.label}: unavailable`)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
