// Entry point of the `zerowasm` command line. Returns the process exit code; never calls
// process.exit so it can be driven from tests.
import { UsageError, parseCommandLine } from './args.js';
import { helpText, usageHint } from './help.js';
import { EXIT_FAILURE, readModuleFile, runCommand, type CliOutput } from './run.js';
import { compileWithProgress, type ProgressSink } from './compile.js';
import { inspectModule } from './inspect.js';
import { RunRequestError } from './run-types.js';

export const VERSION = '0.1.0';
export const EXIT_USAGE = 2;

const processOutput: CliOutput = {
  out: (text) => { process.stdout.write(text); },
  err: (text) => { process.stderr.write(text); },
};

const processProgress: ProgressSink = {
  isTTY: process.stderr.isTTY === true,
  write: (text) => { process.stderr.write(text); },
};

/** compile / inspect: a bad module is one line with the byte offset and exit status 1. */
async function fileCommand(kind: 'compile' | 'inspect', file: string, report: (bytes: Uint8Array) => string | Promise<string>,
  io: CliOutput): Promise<number> {
  const bytes = readModuleFile(kind, file);
  try {
    io.out(await report(bytes));
    return 0;
  } catch (e) {
    // By name: an error from the compile worker arrives as a plain Error carrying the name.
    if (e instanceof Error && (e.name === 'CompileError' || e.name === RunRequestError.name)) {
      io.err(`zerowasm: ${file}: ${e.name === 'CompileError' ? 'invalid module: ' : ''}${e.message}\n`);
      return EXIT_FAILURE;
    }
    throw e;
  }
}

export async function main(argv: readonly string[], io: CliOutput = processOutput, progress: ProgressSink = processProgress): Promise<number> {
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
        return await runCommand(req, io, progress);
      case 'compile':
        return await fileCommand('compile', req.file, (bytes) => compileWithProgress(req.file, bytes, req.engine, progress), io);
      case 'inspect':
        return await fileCommand('inspect', req.file, (bytes) => inspectModule(req.file, bytes), io);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`zerowasm: ${e.message}\n${usageHint(e.command)}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}
