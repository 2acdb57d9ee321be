// Writes native/layout.h from the layout table (`npm run gen:layout`).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { renderLayoutHeader } from './layout.js';

/** Repository root, from dist/src/engine/native/ or src/engine/native/. */
export function repoRoot(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  return /[\\/]dist[\\/]src[\\/]engine[\\/]native[\\/]?$/.test(here) ? join(here, '../../../..') : join(here, '../../..');
}

export const layoutHeaderPath = (): string => join(repoRoot(), 'native', 'layout.h');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(layoutHeaderPath(), renderLayoutHeader());
  console.log(`wrote ${layoutHeaderPath()}`);
}
