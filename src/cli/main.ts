// Entry point of the `zerowasm` command line. Returns the process exit code; never calls
// process.exit so it can be driven from tests.
import { UsageError, parseCommandLine } from './args.js';
import { helpText, usageHint } from './help.js';
import { EXIT_FAILURE, readModuleFile, runCommand, type CliOutput } from './run.js';

export const VERSION = '0.1.0';
export const EXIT_USAGE = 2;

const processOutput: CliOutput = {
  out: (text) => { process.stdout.write(text); },
  err: (text) => { process.stderr.write(text); },
};

export async function main(argv: readonly string[], io: CliOutput = processOutput): Promise<number> {
  try {
    const req = parseCommandLine(argv);
    switch (req.kind) {
      case 'help':
        io.out(helpText(req.command));
        return 0;
      case 'version':
        io.out(`zerowasm ${VERSION}\n`);
        return 0;
      case 'run':
        return await runCommand(req, io);
      case 'compile':
      case 'inspect':
        // Needs the decoder (src/wasm), which is being built in parallel; the lead wires it.
        readModuleFile(req.kind, req.file);
        io.err(`zerowasm ${req.kind}: not available yet in this build\n`);
        return EXIT_FAILURE;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`zerowasm: ${e.message}\n${usageHint(e.command)}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}
