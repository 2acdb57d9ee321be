#!/usr/bin/env node
// The `zerowasm` command. All logic lives in src/cli (compiled to dist/src/cli).
import { main } from '../dist/src/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`zerowasm: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 70;
  },
);
