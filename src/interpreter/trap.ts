// Raising traps from interpreter code.
import { RuntimeError } from '../runtime/errors.js';
import type { TrapKind } from '../runtime/trap.js';

export function trap(kind: TrapKind, detail?: string): never {
  throw new RuntimeError(kind, [], detail);
}
