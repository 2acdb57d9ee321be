// Entry point of the `zerowasm` command line. Returns the process exit code; never calls
// process.exit so it can be driven from tests.
export const VERSION = '0.1.0';

export async function main(argv: readonly string[]): Promise<number> {
  const [command] = argv;
  if (command === 'version' || command === '--version') {
    process.stdout.write(`zerowasm ${VERSION}\n`);
    return 0;
  }
  process.stderr.write(`zerowasm: unknown command '${command ?? ''}'\nusage: zerowasm version\n`);
  return 2;
}
