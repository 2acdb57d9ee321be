// proc_exit unwinds the guest by throwing this private signal; WASI.start catches it and returns
// the code. It is not exported from the package: embedders only ever see the exit code.

export class ProcExit extends Error {
  readonly code: number;
  constructor(code: number) {
    super(`WASI proc_exit(${code})`);
    this.code = code;
  }
}
