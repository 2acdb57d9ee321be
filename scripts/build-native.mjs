// Builds the native addon with node-gyp during `npm install` (or `npm run build:native`). The
// addon is optional: when it cannot be built (no compiler, unsupported platform), installation
// still succeeds and the runtime falls back to the interpreter, reporting why at run time.
// Offline-friendly: it uses npm's own node-gyp and the headers of the running Node when present.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const statusFile = process.env.ZEROWASM_NATIVE_STATUS_FILE || join(root, 'build', 'native-build-status.txt');

function record(text) {
  mkdirSync(dirname(statusFile), { recursive: true });
  writeFileSync(statusFile, text + '\n');
}

/** node-gyp: the one npm is running with, else the one bundled with npm beside this Node. */
function findNodeGyp() {
  if (process.env.npm_config_node_gyp) return process.env.npm_config_node_gyp;
  const prefix = join(dirname(process.execPath), '..');
  for (const candidate of [
    join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    join(dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Headers of the running Node, so node-gyp needs no download. */
function nodedirArgs() {
  if (process.env.npm_config_nodedir) return [];
  const prefix = join(dirname(process.execPath), '..');
  return existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? [`--nodedir=${prefix}`] : [];
}

if (process.env.ZEROWASM_SKIP_NATIVE === '1') {
  record('skipped: ZEROWASM_SKIP_NATIVE=1');
  console.log('zerowasm: native addon build skipped (ZEROWASM_SKIP_NATIVE=1); the interpreter will be used');
  process.exit(0);
}
if (process.platform !== 'linux' || !['x64', 'arm64'].includes(process.arch)) {
  record(`skipped: unsupported platform ${process.platform}-${process.arch}`);
  console.log('zerowasm: no native engine for this platform; the interpreter will be used');
  process.exit(0);
}
if (!existsSync(join(root, 'binding.gyp'))) {
  record('skipped: binding.gyp missing');
  process.exit(0);
}
const gyp = findNodeGyp();
const [cmd, args] = gyp
  ? [process.execPath, [gyp, 'rebuild', ...nodedirArgs()]]
  : ['npx', ['--no-install', 'node-gyp', 'rebuild', ...nodedirArgs()]];
const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
if (result.status === 0) {
  record('ok');
} else {
  record(`failed: node-gyp exited with ${result.status ?? result.signal}`);
  console.warn('zerowasm: the native addon could not be built; the interpreter engine will be used instead');
}
process.exit(0);
