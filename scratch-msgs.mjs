import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { compileModule } from '/work/zw-wasm/dist/src/wasm/index.js';
const dir = '/work/shared/testsuite/core-2.0';
const counts = new Map();
for (const f of readdirSync(dir).filter(f => f.endsWith('.wast'))) {
  const out = mkdtempSync('/tmp/wasm-scratch/m');
  try { execFileSync('wast2json', ['--enable-all', `${dir}/${f}`, '-o', `${out}/x.json`], { stdio: 'pipe' }); } catch { continue; }
  const j = JSON.parse(readFileSync(`${out}/x.json`, 'utf8'));
  for (const c of j.commands) {
    if ((c.type !== 'assert_invalid' && c.type !== 'assert_malformed') || c.module_type === 'text') continue;
    try { compileModule(new Uint8Array(readFileSync(`${out}/${c.filename}`))); } catch (e) {
      const ok = e.message.startsWith(c.text) || e.message.includes(c.text);
      if (!ok) { const k = `${c.text} <= ${e.message.replace(/ at func.*| \(at byte.*|\d+/g, '')}`; counts.set(k, (counts.get(k) ?? 0) + 1); }
    }
  }
}
for (const [k, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(n, k);
