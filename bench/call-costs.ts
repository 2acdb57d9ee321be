// JS <-> Wasm boundary costs: an empty exported function called from JS, and an imported empty
// JS function called from a Wasm loop. The module is assembled here by hand (a few dozen bytes).

export interface CallTargets {
  /** Calls the empty export once. */
  callExport: () => void;
  /** Runs a Wasm loop that calls the host import `count` times. */
  callHostLoop: (count: number) => void;
}

export interface CallCosts {
  exportCallNs: number;
  importCallNs: number;
}

function leb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

function section(id: number, body: number[]): number[] {
  return [id, ...leb(body.length), ...body];
}

function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...leb(bytes.length), ...bytes];
}

/** (import "env" "host" (func)) (func (export "nop")) (func (export "callHost") (param i32) loop ...) */
export function callCostModule(): Uint8Array {
  const FUNC = 0x60, I32 = 0x7f;
  const nopBody = [0x00, 0x0b];
  const loopBody = [
    0x00, // no locals
    0x03, 0x40, // loop (empty block type)
    0x10, 0x00, // call $host
    0x20, 0x00, 0x41, 0x01, 0x6b, 0x22, 0x00, // local.tee 0 (local.get 0 - 1)
    0x0d, 0x00, // br_if 0
    0x0b, 0x0b, // end loop, end func
  ];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [2, FUNC, 0, 0, FUNC, 1, I32, 0]),
    ...section(2, [1, ...name('env'), ...name('host'), 0x00, 0]),
    ...section(3, [2, 0, 1]),
    ...section(7, [2, ...name('nop'), 0x00, 1, ...name('callHost'), 0x00, 2]),
    ...section(10, [2, ...leb(nopBody.length), ...nopBody, ...leb(loopBody.length), ...loopBody]),
  ]);
}

function nsPerCall(iterations: number, body: () => void): number {
  const start = process.hrtime.bigint();
  body();
  return Number(process.hrtime.bigint() - start) / iterations;
}

/** Median over `rounds` timed rounds of `iterations` calls each, after a warm-up round. */
export function measureCallCosts(targets: CallTargets, iterations: number, rounds = 5): CallCosts {
  const exportRounds: number[] = [];
  const importRounds: number[] = [];
  const exportLoop = (): void => {
    for (let i = 0; i < iterations; i++) targets.callExport();
  };
  for (let r = 0; r <= rounds; r++) {
    const exportNs = nsPerCall(iterations, exportLoop);
    const importNs = nsPerCall(iterations, () => targets.callHostLoop(iterations));
    if (r > 0) {
      exportRounds.push(exportNs);
      importRounds.push(importNs);
    }
  }
  const mid = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  return { exportCallNs: mid(exportRounds), importCallNs: mid(importRounds) };
}
