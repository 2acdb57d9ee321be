import { expect } from 'chai';
import { main, VERSION } from '../../src/cli/main.js';

describe('cli: version', () => {
  it('prints the package version and exits 0', async () => {
    const chunks: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string) => { chunks.push(String(s)); return true; }) as typeof process.stdout.write;
    let code: number;
    try {
      code = await main(['version']);
    } finally {
      process.stdout.write = write;
    }
    expect(code).to.equal(0);
    expect(chunks.join('')).to.equal(`zerowasm ${VERSION}\n`);
  });
});
