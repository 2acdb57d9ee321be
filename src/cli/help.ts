// Help texts, one per command. `usageLine` is what an error prints under its message.

const MAIN = `zerowasm — a WebAssembly runtime for Node.js

Usage: zerowasm <command> [options]

Commands:
  run       run a WASI command module (or call one exported function)
  compile   validate and compile a module ahead of time; report time and size
  inspect   list a module's imports, exports and sections
  version   print the version

Run 'zerowasm <command> --help' for the options of a command.
`;

const RUN = `Usage: zerowasm run [options] FILE.wasm [-- ARGS...]
       zerowasm run [options] --invoke NAME [ARGS...] FILE.wasm

Runs FILE.wasm with WASI preview1. The program sees argv = [FILE.wasm, ARGS...] and only the
directories given with --dir. The exit status is the program's exit code.

Options:
  --dir HOST[:GUEST][:ro]  make host directory HOST visible to the program as GUEST (default:
                           the same path); ':ro' makes it read-only. Repeatable.
  --env NAME=VALUE         set an environment variable for the program. Repeatable.
  --env-inherit            pass this process's environment (--env entries override it)
  --engine ENGINE          auto (default), compiler or interpreter
  --timeout DURATION       stop the program after DURATION: 500ms, 10s, 2m, 1h (bare = seconds)
  --max-memory SIZE        cap linear memory: 65536, 64KiB, 16MiB, 1GiB, or 256p (Wasm pages)
  --invoke NAME            call export NAME with ARGS instead of running _start (parsed by its
                           parameter types: 42, -1, 0xff, 1.5, 0x1p-3, inf, nan) and print
                           its results one per line
  -h, --help               show this help

Exit status: the program's exit code; 1 if the module cannot be compiled or linked; 2 for
usage errors; 124 on --timeout; 134 if the program traps (the message and the Wasm stack
are printed on stderr).
`;

const COMPILE = `Usage: zerowasm compile [--engine ENGINE] FILE.wasm

Decodes, validates and compiles FILE.wasm for ENGINE (auto, compiler or interpreter), reporting
the first problem with its byte offset, or the time taken and the size of the result. On a
terminal, a compile that takes over a second shows its progress.
`;

const INSPECT = `Usage: zerowasm inspect FILE.wasm

Lists the imports and exports of FILE.wasm with their types, and every section with its offset
and size (custom sections by name).
`;

const VERSION = `Usage: zerowasm version

Prints the version of zerowasm.
`;

const HELP: Readonly<Record<string, string>> = { '': MAIN, run: RUN, compile: COMPILE, inspect: INSPECT, version: VERSION };

export function helpText(command: string): string {
  return HELP[command] ?? MAIN;
}

export function usageHint(command: string): string {
  return command === '' ? "Run 'zerowasm --help' for usage." : `Run 'zerowasm ${command} --help' for usage.`;
}
