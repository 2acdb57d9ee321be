// A growable Int32Array: flat storage that is reused from one function to the next.
export class IntBuf {
  data: Int32Array<ArrayBuffer>;
  length = 0;

  constructor(capacity = 64) {
    this.data = new Int32Array(capacity);
  }

  push(x: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = x;
  }

  /** Makes room for `n` entries, keeping the first `length`. */
  grow(n: number): void {
    if (n <= this.data.length) return;
    let cap = Math.max(16, this.data.length * 2);
    while (cap < n) cap *= 2;
    const next = new Int32Array(cap);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }

  /** Sets the length to `n`, growing if needed; new entries are filled with `fill`. */
  resize(n: number, fill = 0): void {
    this.grow(n);
    if (n > this.length) this.data.fill(fill, this.length, n);
    this.length = n;
  }

  clear(): void {
    this.length = 0;
  }
}

/** Returns `arr` if it holds at least `n` entries, else a new zeroed array of at least `n`. */
export function ensureInt32(arr: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  if (arr.length >= n) return arr;
  return new Int32Array(Math.max(n, arr.length * 2));
}
export function ensureUint8(arr: Uint8Array<ArrayBuffer>, n: number): Uint8Array<ArrayBuffer> {
  if (arr.length >= n) return arr;
  return new Uint8Array(Math.max(n, arr.length * 2));
}
