// Builds the native addon with node-gyp during `npm install`. The addon is optional: when it
// cannot be built (no compiler, unsupported platform), installation still succeeds and the
// runtime falls back to the interpreter, reporting why at run time.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const statusFile = join(root, 'build', 'native-build-status.txt');

function record(text) {
  mkdirSync(dirname(statusFile), { recursive: true });
  writeFileSync(statusFile, text + '\n');
}

if (process.env.ZEROWASM_SKIP_NATIVE === '1') {
  record('skipped: ZEROWASM_SKIP_NATIVE=1');
  console.log('zerowasm: native addon build skipped (ZEROWASM_SKIP_NATIVE=1); the interpreter will be used');
  process.exit(0);
}
if (!existsSync(join(root, 'binding.gyp'))) {
  record('skipped: binding.gyp missing');
  process.exit(0);
}
const gypBin = process.env.npm_config_node_gyp;
const cmd = gypBin ? process.execPath : 'npx';
const args = gypBin ? [gypBin, 'rebuild'] : ['--no-install', 'node-gyp', 'rebuild'];
const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
if (result.status === 0) {
  record('ok');
} else {
  record(`failed: node-gyp exited with ${result.status ?? result.signal}`);
  console.warn('zerowasm: the native addon could not be built; the interpreter engine will be used instead');
}
process.exit(0);
