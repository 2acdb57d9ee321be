// Messages between the harness and its child processes. A child reads one request (JSON in
// argv[2]) and writes one reply (JSON) to file descriptor 3, leaving stdout to the program.

export const REPLY_FD = 3;

export type ChildRequest =
  | { mode: 'run'; engineKind: 'v8' | 'zerowasm'; zerowasmEngine?: 'compiler' | 'interpreter';
      zerowasmIndex: string; wasm: string; args: string[] }
  | { mode: 'compile'; engineKind: 'v8' | 'zerowasm'; zerowasmEngine?: 'compiler' | 'interpreter';
      zerowasmIndex: string; wasm: string; reps: number; budgetMs: number }
  | { mode: 'calls'; engineKind: 'v8' | 'zerowasm'; zerowasmEngine?: 'compiler' | 'interpreter';
      zerowasmIndex: string; iterations: number }
  | { mode: 'probe'; engineKind: 'v8' | 'zerowasm'; zerowasmEngine?: 'compiler' | 'interpreter';
      zerowasmIndex: string }
  | { mode: 'napi-floor'; addon: string; iterations: number };

export interface RunReply {
  exitCode: number;
  compileMs: number;
  instantiateMs: number;
  runMs: number;
}

export interface CompileReply {
  compileMs: number[];
}

export interface CallsReply {
  exportCallNs: number;
  importCallNs: number;
}

export type ChildReply =
  | { status: 'ok'; maxRssKb: number; run?: RunReply; compile?: CompileReply; calls?: CallsReply }
  | { status: 'unavailable'; reason: string }
  | { status: 'error'; message: string };
