/**
 * Short strings packed as UTF-8 into large shared buffers, addressed by (chunk, offset, length). Hundreds of thousands
 * of titles and excerpts kept as separate JS strings would cost a header each and, for non-Latin-1 text, two bytes per
 * character; here they cost their UTF-8 bytes and 10 bytes of address. Reading one decodes only its bytes.
 */
const CHUNK_BYTES = 8 * 1024 * 1024;

export interface BlobRef {
  chunk: number;
  offset: number;
  length: number;
}

export class StringBlob {
  readonly #chunks: Buffer[] = [];
  /** Bytes used in each chunk but the last (whose fill is #used). */
  readonly #filled: number[] = [];
  #used = CHUNK_BYTES;
  /** Of a blob whose bytes arrive later (lazy-index.ts): throws while [offset, offset + length) is not in yet. */
  #guard: ((chunk: number, offset: number, length: number) => void) | undefined;

  /**
   * A blob over chunks filled later, a range at a time: every read first asks `guard`, which throws (a pending
   * part, paragraph-index.ts) while the bytes asked for have not arrived.
   */
  static filledLater(chunks: readonly Buffer[], guard: (chunk: number, offset: number, length: number) => void) {
    const blob = StringBlob.from(chunks);
    blob.#guard = guard;
    return blob;
  }

  /** Every byte is in: reads no longer ask the guard. */
  complete(): void {
    this.#guard = undefined;
  }

  /** A blob over chunks written before (an index file): read-only in practice, a later add starts a new chunk. */
  static from(chunks: readonly Buffer[]): StringBlob {
    const blob = new StringBlob();
    for (const c of chunks) {
      blob.#chunks.push(c);
      blob.#filled.push(c.length);
    }
    blob.#used = CHUNK_BYTES;
    blob.#filled.pop();
    return blob;
  }

  add(text: string): BlobRef {
    const bytes = Buffer.byteLength(text, 'utf8');
    const ref = this.#reserve(bytes);
    this.#chunks[ref.chunk]!.write(text, ref.offset, 'utf8');
    return ref;
  }

  /** Adds UTF-8 bytes as they are (copied from another blob). */
  addBytes(bytes: Uint8Array): BlobRef {
    const ref = this.#reserve(bytes.length);
    this.#chunks[ref.chunk]!.set(bytes, ref.offset);
    return ref;
  }

  #reserve(bytes: number): BlobRef {
    if (bytes > CHUNK_BYTES) throw new RangeError(`string of ${bytes} bytes is longer than a blob chunk`);
    if (this.#used + bytes > CHUNK_BYTES || this.#chunks.length === 0) {
      if (this.#chunks.length > 0) this.#filled.push(this.#used);
      this.#chunks.push(Buffer.allocUnsafe(CHUNK_BYTES));
      this.#used = 0;
    }
    const ref = { chunk: this.#chunks.length - 1, offset: this.#used, length: bytes };
    this.#used += bytes;
    return ref;
  }

  /** The used bytes of every chunk, in order (views: do not modify). What an index file stores. */
  usedChunks(): Buffer[] {
    return this.#chunks.map((c, i) =>
      c.subarray(0, i < this.#filled.length ? this.#filled[i]! : Math.min(this.#used, c.length)),
    );
  }

  get(chunk: number, offset: number, length: number): string {
    this.#guard?.(chunk, offset, length);
    return this.#chunks[chunk]!.toString('utf8', offset, offset + length);
  }

  /** The UTF-8 bytes themselves, without copying (a view: do not modify). */
  view(chunk: number, offset: number, length: number): Buffer {
    this.#guard?.(chunk, offset, length);
    return this.#chunks[chunk]!.subarray(offset, offset + length);
  }

  /** Bytes held, for memory reports. */
  get bytes(): number {
    return this.#chunks.reduce((n, c) => n + c.length, 0);
  }
}
