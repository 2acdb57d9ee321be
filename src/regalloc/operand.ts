// Vocabulary shared by the allocator, its checker and the backends: register classes, physical
// registers, operand encoding and allocation locations. Everything is a small integer so that
// machine functions live in flat typed arrays.

/** A register file. Values of one class never move to the other. */
export const enum RegClass {
  Int = 0,
  Float = 1,
}
export const NUM_CLASSES = 2;

/**
 * A physical register: `class * 32 + hardware number` (amd64 rax = 0, xmm3 = 35; arm64 x19 = 19,
 * v8 = 40). Each class has at most 32 registers so a set of one class fits an int32 mask.
 */
export type PReg = number;
export const PREGS_PER_CLASS = 32;
export const NUM_PREGS = NUM_CLASSES * PREGS_PER_CLASS;

export function preg(cls: RegClass, hw: number): PReg {
  return cls * PREGS_PER_CLASS + hw;
}
export function pregClass(p: PReg): RegClass {
  return (p >> 5) as RegClass;
}
export function pregHw(p: PReg): number {
  return p & 31;
}

/** A virtual register: an SSA value of the backend, numbered from 0. */
export type VReg = number;
export const MAX_VREGS = 1 << 21;

/** What an operand does with its vreg. */
export const enum OperandKind {
  /** Read at the start of the instruction. */
  Use = 0,
  /** Written at the end of the instruction; may share a register with a use that dies here. */
  Def = 1,
  /** Written before the uses are read: never shares a register with a use of the instruction. */
  EarlyDef = 2,
}

/** Where an operand must be. */
export const enum Policy {
  /** Register or spill slot, whichever is cheaper (x86 memory operands). */
  Any = 0,
  /** Any register of the vreg's class. */
  Reg = 1,
  /** One specific register, named by the operand's argument. */
  Fixed = 2,
  /** Defs only: the register of the use operand whose index is the argument (two-address). */
  Reuse = 3,
  /** The vreg's spill slot. */
  Stack = 4,
}

// Operand encoding: bits 0..20 vreg, 21..22 kind, 23..25 policy, 26..31 argument (preg or
// operand index). Decoded with >>> so the sign bit is just another bit.
const KIND_SHIFT = 21;
const POLICY_SHIFT = 23;
const ARG_SHIFT = 26;

export type Operand = number;

export function operand(vreg: VReg, kind: OperandKind, policy: Policy, arg = 0): Operand {
  return (vreg | (kind << KIND_SHIFT) | (policy << POLICY_SHIFT) | (arg << ARG_SHIFT)) | 0;
}
export function opVreg(op: Operand): VReg {
  return op & (MAX_VREGS - 1);
}
export function opKind(op: Operand): OperandKind {
  return ((op >>> KIND_SHIFT) & 3) as OperandKind;
}
export function opPolicy(op: Operand): Policy {
  return ((op >>> POLICY_SHIFT) & 7) as Policy;
}
export function opArg(op: Operand): number {
  return op >>> ARG_SHIFT;
}

/**
 * Where a value lives: a physical register (0..63) or a spill slot (negative: slot s is -1 - s).
 * Slot indices are dense per function; `AllocResult.slotOffset` gives their byte offsets.
 */
export type Location = number;
/** Location of a block param that is never read: it is not materialised anywhere. */
export const NO_LOC = 0x7fffffff;
export function slotLoc(slot: number): Location {
  return -1 - slot;
}
export function isSlot(loc: Location): boolean {
  return loc < 0;
}
export function locSlot(loc: Location): number {
  return -1 - loc;
}

/** Lowest set bit of a non-zero int32 mask, as a bit index. */
export function lowestBit(mask: number): number {
  return 31 - Math.clz32(mask & -mask);
}

/** An input the allocator cannot handle: names the instruction, block or vreg at fault. */
export class RegAllocError extends Error {
  override name = 'RegAllocError';
}
