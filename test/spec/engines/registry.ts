// Engines the runner can use, by name. Adding an engine is one adapter file plus one line here.
import type { EngineFactory, SpecEngine } from '../engine.js';
import { V8Engine } from './v8.js';
import { ZerowasmSpecEngine } from './zerowasm.js';
import { compilerSpecEngine } from './compiler.js';

export const engines: Readonly<Record<string, EngineFactory>> = {
  v8: async () => new V8Engine() as SpecEngine,
  interpreter: async () => new ZerowasmSpecEngine('interpreter') as SpecEngine,
  compiler: async () => compilerSpecEngine(),
};

/** The engine whose `validate` backs validation-only mode when no engine is named. */
export const defaultValidator = 'interpreter';
