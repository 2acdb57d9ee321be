// A growable byte buffer for machine code with labels and fix-ups. Shared by every ISA: the ISA
// decides how a fix-up kind patches bytes (`patch` callback), the buffer tracks where labels are
// bound and which sites refer to them.

export type LabelId = number;

/** How a fix-up site is patched once its label's offset is known. Each ISA defines its kinds. */
export interface FixupKind {
  readonly name: string;
  /** Writes the resolved reference at `site`; returns false if the target is out of range. */
  patch(bytes: Uint8Array, site: number, target: number): boolean;
}

const UNBOUND = -1;

export class CodeBuffer {
  private buf: Uint8Array;
  private view: DataView;
  private len = 0;
  private labelOffsets: number[] = [];
  private fixupSites: number[] = [];
  private fixupLabels: LabelId[] = [];
  private fixupKinds: FixupKind[] = [];

  constructor(initialCapacity = 4096) {
    this.buf = new Uint8Array(initialCapacity);
    this.view = new DataView(this.buf.buffer);
  }

  /** Empties the buffer for reuse, keeping its storage. */
  reset(): void {
    this.len = 0;
    this.labelOffsets.length = 0;
    this.fixupSites.length = 0;
    this.fixupLabels.length = 0;
    this.fixupKinds.length = 0;
  }

  get length(): number {
    return this.len;
  }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  emit8(b: number): void {
    this.reserve(1);
    this.buf[this.len++] = b;
  }

  emit16(v: number): void {
    this.reserve(2);
    this.view.setUint16(this.len, v & 0xffff, true);
    this.len += 2;
  }

  emit32(v: number): void {
    this.reserve(4);
    this.view.setUint32(this.len, v >>> 0, true);
    this.len += 4;
  }

  emit64(v: bigint): void {
    this.reserve(8);
    this.view.setBigUint64(this.len, BigInt.asUintN(64, v), true);
    this.len += 8;
  }

  emitBytes(bytes: ArrayLike<number>): void {
    this.reserve(bytes.length);
    for (let i = 0; i < bytes.length; i++) this.buf[this.len++] = bytes[i]!;
  }

  /** Overwrites a little-endian 32-bit value already emitted. */
  patch32(offset: number, v: number): void {
    this.view.setUint32(offset, v >>> 0, true);
  }

  newLabel(): LabelId {
    this.labelOffsets.push(UNBOUND);
    return this.labelOffsets.length - 1;
  }

  bindLabel(label: LabelId): void {
    if (this.labelOffsets[label] !== UNBOUND) throw new Error(`label ${label} bound twice`);
    this.labelOffsets[label] = this.len;
  }

  labelOffset(label: LabelId): number {
    return this.labelOffsets[label] ?? UNBOUND;
  }

  /** Records that the bytes at `site` refer to `label`, to be patched by `resolveFixups`. */
  addFixup(site: number, label: LabelId, kind: FixupKind): void {
    this.fixupSites.push(site);
    this.fixupLabels.push(label);
    this.fixupKinds.push(kind);
  }

  /** Patches every fix-up; throws if a label is unbound or a target is out of range. */
  resolveFixups(): void {
    for (let i = 0; i < this.fixupSites.length; i++) {
      const label = this.fixupLabels[i]!;
      const target = this.labelOffsets[label];
      if (target === undefined || target === UNBOUND) throw new Error(`label ${label} used but never bound`);
      const kind = this.fixupKinds[i]!;
      if (!kind.patch(this.buf, this.fixupSites[i]!, target)) {
        throw new Error(`${kind.name} fix-up at 0x${this.fixupSites[i]!.toString(16)} cannot reach 0x${target.toString(16)}`);
      }
    }
    this.fixupSites.length = 0;
    this.fixupLabels.length = 0;
    this.fixupKinds.length = 0;
  }

  /** A copy of the emitted bytes. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  /** A view of the emitted bytes (valid until the next emit or reset). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}
