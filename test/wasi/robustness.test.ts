// Every WASI import called with hostile arguments (bad pointers, huge lengths, odd fds, random
// i64s) from a seeded generator: each call must return an errno (never throw a host error or
// hang), and nothing outside the preopen may change.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WASI } from '../../src/wasi/index.js';
import { SIGNATURES, watHost } from './wat-host.js';

/** xorshift32: reproducible pseudo-random numbers. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x;
  };
}

const PAGE = 65536;

describe('wasi: hostile arguments never escape as host exceptions', function () {
  this.timeout(60_000);

  it('survives 30 000 seeded random calls across all imports', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'zw-wasi-fuzz-'));
    const box = path.join(root, 'box');
    fs.mkdirSync(box);
    fs.writeFileSync(path.join(root, 'outside.txt'), 'keep');
    fs.mkdirSync(path.join(box, 'd'));
    fs.writeFileSync(path.join(box, 'f'), 'data');
    try {
      const next = rng(0x5eed);
      const i32 = (): number => {
        switch (next() % 8) {
          case 0: return 0;
          case 1: return next() % 8; // small fds and flags
          case 2: return PAGE - (next() % 16); // pointers at the end of memory
          case 3: return -1;
          case 4: return 0x7fffffff;
          case 5: return next() % (2 * PAGE);
          case 6: return next() % 256; // short lengths
          default: return next() | 0;
        }
      };
      const i64 = (): bigint => [0n, 1n, -1n, (1n << 63n) - 1n, BigInt(next()), BigInt(next()) << 32n][next() % 6]!;
      const names = Object.keys(SIGNATURES);
      const seen = new Map<number, number>();
      let h = await watHost(new WASI());
      for (let i = 0; i < 30_000; i++) {
        if (i % 1000 === 0) {
          // A fresh WASI every 1000 calls: random fd_close/fd_renumber would soon close the preopen.
          h = await watHost(new WASI({
            preopens: { '/box': box }, stdin: 'stdin bytes', stdout: () => undefined, stderr: () => undefined,
            clock: { sleep: () => undefined }, // random poll timeouts must not really sleep
          }));
          // Paths the calls may hit by chance: a few plausible names in memory.
          for (const [at, s] of [[100, 'f'], [200, '../outside.txt'], [300, 'd/x'], [400, 'd']] as const) h.str(at, s);
        }
        const name = names[next() % names.length]!;
        const fn = h.call[name]!;
        const arity = fn.length;
        const args: (number | bigint)[] = [];
        // The WAT signatures say which parameters are i64; V8 rejects a number there.
        const sig = SIGNATURES[name] ?? '';
        for (let a = 0; a < arity; a++) args.push(sig[a] === 'L' ? i64() : i32());
        if (arity > 0 && sig[0] === 'I' && next() % 2 === 0) args[0] = 3; // often the preopen
        let result: unknown;
        try {
          result = fn(...args);
        } catch (e) {
          throw new Error(`${name}(${args.join(', ')}) threw: ${(e as Error).message}`);
        }
        expect(result, `${name}(${args.join(', ')})`).to.be.a('number').within(0, 76);
        seen.set(result as number, (seen.get(result as number) ?? 0) + 1);
      }
      if (process.env.ZW_FUZZ_STATS) console.log([...seen].sort((a, b) => b[1] - a[1]));
      // The generator must reach real work, not only argument errors.
      expect(seen.get(0) ?? 0, 'successful calls').to.be.greaterThan(1000);
      expect(seen.size, 'distinct errnos').to.be.greaterThan(6);
      expect(fs.readFileSync(path.join(root, 'outside.txt'), 'utf8')).to.equal('keep');
      expect(fs.readdirSync(root).sort()).to.deep.equal(['box', 'outside.txt']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
