/**
 * An append-only list of 32-bit integers in fixed-size chunks: growing never copies what is already there, so building
 * an index of millions of entries never needs twice its memory, as a doubling array would.
 */
const CHUNK = 1 << 20;

export class ChunkedUint32 {
  readonly #chunks: Uint32Array[] = [];
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(value: number): void {
    const at = this.#length & (CHUNK - 1);
    if (at === 0) this.#chunks.push(new Uint32Array(CHUNK));
    this.#chunks[this.#chunks.length - 1]![at] = value;
    this.#length++;
  }

  get(index: number): number {
    return this.#chunks[index >>> 20]![index & (CHUNK - 1)]!;
  }

  /** One contiguous copy, exactly as long as the list. */
  toArray(): Uint32Array {
    const out = new Uint32Array(this.#length);
    this.#chunks.forEach((chunk, i) => {
      const start = i * CHUNK;
      out.set(start + CHUNK <= this.#length ? chunk : chunk.subarray(0, this.#length - start), start);
    });
    return out;
  }
}

/** Grows a typed array by doubling; for columns whose final size is unknown but modest. */
export function grow<T extends Uint8Array | Uint16Array | Uint32Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const next = new (array.constructor as new (n: number) => T)(Math.max(needed, array.length * 2, 1024));
  next.set(array);
  return next;
}
