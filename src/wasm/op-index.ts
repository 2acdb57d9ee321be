// Dense typed-array views of the instruction table for the validator's hot loop. Every opcode
// gets a slot: single-byte opcodes 0..255, 0xfc sub-opcodes 256 + sub, 0xfd sub-opcodes 512 + sub.
import { allOps, PREFIX_MISC, PREFIX_SIMD } from './opcodes.js';
import { Feature } from './features.js';

export const SLOT_MISC = 256;
export const SLOT_SIMD = 512;
export const NUM_MISC = 256;
export const NUM_SIMD = 256;
export const NUM_SLOTS = SLOT_SIMD + NUM_SIMD;

/** Marks a slot with no fixed signature (the validator special-cases it) or no instruction. */
export const SIG_SPECIAL = 255;

/** Whether a slot holds an instruction. */
export const slotDefined = new Uint8Array(NUM_SLOTS);
/** Number of operands popped, or SIG_SPECIAL. */
export const sigParamCount = new Uint8Array(NUM_SLOTS).fill(SIG_SPECIAL);
/** Operand types, three per slot, deepest first. */
export const sigParams = new Uint8Array(NUM_SLOTS * 3);
/** Result type pushed, or 0 for none (no fixed-signature instruction pushes more than one). */
export const sigResult = new Uint8Array(NUM_SLOTS);
export const slotImm = new Uint8Array(NUM_SLOTS);
export const slotAlign = new Int8Array(NUM_SLOTS);
export const slotLanes = new Uint8Array(NUM_SLOTS);
/** The feature an instruction belongs to, or 0 for Core 1.0 instructions. */
export const slotFeature = new Uint8Array(NUM_SLOTS);
export const slotName: string[] = new Array<string>(NUM_SLOTS).fill('');

export function slotOfCode(code: number): number {
  const prefix = code >>> 12;
  const sub = code & 0xfff;
  if (prefix === 0) return sub;
  return (prefix === PREFIX_MISC ? SLOT_MISC : SLOT_SIMD) + sub;
}

function featureOf(code: number): number {
  const prefix = code >>> 12;
  const sub = code & 0xfff;
  if (prefix === PREFIX_SIMD) return Feature.Simd;
  if (prefix === PREFIX_MISC) {
    if (sub <= 7) return Feature.NonTrappingFloatToInt;
    if (sub <= 14) return Feature.BulkMemory;
    return Feature.ReferenceTypes;
  }
  if (code >= 0xc0 && code <= 0xc4) return Feature.SignExtension;
  if (code === 0x1c || code === 0x25 || code === 0x26 || (code >= 0xd0 && code <= 0xd2)) {
    return Feature.ReferenceTypes;
  }
  return 0;
}

for (const info of allOps) {
  const slot = slotOfCode(info.code);
  slotDefined[slot] = 1;
  slotImm[slot] = info.imm;
  slotAlign[slot] = info.naturalAlign;
  slotLanes[slot] = info.lanes;
  slotFeature[slot] = featureOf(info.code);
  slotName[slot] = info.name;
  if (info.params !== undefined && info.results !== undefined) {
    if (info.params.length > 3 || info.results.length > 1) {
      throw new Error(`op-index: ${info.name} has a signature wider than the dense table`);
    }
    sigParamCount[slot] = info.params.length;
    for (let i = 0; i < info.params.length; i++) sigParams[slot * 3 + i] = info.params[i]!;
    sigResult[slot] = info.results.length === 1 ? info.results[0]! : 0;
  }
}

