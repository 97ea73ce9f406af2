/**
 * A Uint32 array that grows in fixed chunks. Doubling a typed array would copy it and leave the old
 * buffer as garbage until a GC notices (ArrayBuffers live outside the V8 heap), which at 500k rows
 * doubled the store's peak memory. Full chunks are never copied; only the last one grows (by doubling,
 * up to 64 KB), so small stores stay small and the slack is at most one chunk.
 */
const CHUNK_BITS = 14;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;
const FIRST_CHUNK = 64;

export class ChunkedUint32 {
  private readonly chunks: Uint32Array[] = [];

  /** Writes `index`, allocating up to it (zero-filled). */
  set(index: number, value: number): void {
    const c = index >>> CHUNK_BITS;
    const offset = index & MASK;
    // Earlier chunks are always full-size: only the last one is ever short.
    const last = this.chunks.length - 1;
    if (last >= 0 && last < c) this.grow(last, CHUNK);
    while (this.chunks.length <= c)
      this.chunks.push(new Uint32Array(this.chunks.length < c ? CHUNK : FIRST_CHUNK));
    const chunk = offset < (this.chunks[c]?.length ?? 0) ? this.chunks[c] : this.grow(c, offset + 1);
    if (chunk !== undefined) chunk[offset] = value;
  }

  /** The value at `index`; 0 where nothing was written. */
  get(index: number): number {
    return this.chunks[index >>> CHUNK_BITS]?.[index & MASK] ?? 0;
  }

  get byteLength(): number {
    return this.chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  }

  private grow(c: number, needed: number): Uint32Array | undefined {
    const old = this.chunks[c];
    if (old === undefined || old.length >= needed) return old;
    const next = new Uint32Array(Math.min(CHUNK, Math.max(needed, old.length * 2)));
    next.set(old);
    this.chunks[c] = next;
    return next;
  }
}
