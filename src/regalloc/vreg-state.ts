// Everything the allocator keeps per virtual register, as one record of 16 int32 (64 bytes: one
// cache line) in a single Int32Array. The allocator touches a dozen facts about each operand's
// vreg; kept as a dozen separate arrays, one operand cost a dozen cache lines on a dozen pages,
// and the allocator's speed swung by 1.5x from one process to the next with where those arrays
// landed in memory (TLB misses under a hypervisor). One record keeps it to one line.
//
// Fields are indexed `vs[(v << V_SHIFT) + V.Field]` (one of the 16 is spare). A field may be reused by a later phase
// once the phase that wrote them is over; such an alias is named here, not at its uses.

export const V_SHIFT = 4;
export const V_STRIDE = 1 << V_SHIFT;

export const enum V {
  /** The register holding the value now, or -1. */
  Preg = 0,
  /** Next instruction (in this block) reading it, OUT or NEVER. */
  Next = 1,
  /** Last instruction that read it (to tell "used by the current instruction"). */
  UsedAt = 2,
  /** Register wanted by its next use (a fixed use, or a successor's entry state), or -1. */
  Hint = 3,
  /** VFlag bits. */
  Flags = 4,
  /** Register its def wrote (for the store after the def), or -1; and that store's edit key. */
  DefReg = 5,
  DefKey = 6,
  /**
   * Backward scan of the current block: the next use seen so far (NEVER when none, OUT when read
   * only after the block), and the register that use wants (-1: none). Between blocks these are
   * NEVER and -1 for every vreg, so the scan reads them without checking that they are current.
   */
  SeenNext = 7,
  SeenHint = 8,
  /** Stamp that makes HintReg valid: the register an allocated successor expects it in. */
  HintStamp = 9,
  HintReg = 10,
  /** For a block param: its index in MachFunction.params + 1; otherwise 0. */
  Param = 11,

  /** Edge resolution: edge e + 1 for which LocOf is the value's register at the edge's source. */
  LocStamp = 12,
  LocOf = 13,
  /** Loop stamp (RegAllocator.markLoopUses): equal to the current one when the loop being entered reads it. */
  LoopStamp = 14,

  /** The value's spill slot, or -1 (set by assignSlots, once UsedAt is no longer needed). */
  Slot = UsedAt,
}

export const enum VFlag {
  /** Register class Float (else Int). */
  Float = 1,
  /** Recomputed instead of reloaded (a constant). */
  Remat = 2,
  /** Its spill slot must hold it (stored after its def, or defined into the slot). */
  NeedsSlot = 4,
  /** A constant left out of the live sets (Liveness.blockLocal): never a live-in. */
  BlockLocal = 8,
}
