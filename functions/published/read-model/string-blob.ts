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
  #used = CHUNK_BYTES;

  add(text: string): BlobRef {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > CHUNK_BYTES) throw new RangeError(`string of ${bytes} bytes is longer than a blob chunk`);
    if (this.#used + bytes > CHUNK_BYTES) {
      this.#chunks.push(Buffer.allocUnsafe(CHUNK_BYTES));
      this.#used = 0;
    }
    const chunk = this.#chunks.length - 1;
    const offset = this.#used;
    this.#chunks[chunk]!.write(text, offset, 'utf8');
    this.#used += bytes;
    return { chunk, offset, length: bytes };
  }

  get(chunk: number, offset: number, length: number): string {
    return this.#chunks[chunk]!.toString('utf8', offset, offset + length);
  }

  /** The UTF-8 bytes themselves, without copying (a view: do not modify). */
  view(chunk: number, offset: number, length: number): Buffer {
    return this.#chunks[chunk]!.subarray(offset, offset + length);
  }

  /** Bytes held, for memory reports. */
  get bytes(): number {
    return this.#chunks.length * CHUNK_BYTES;
  }
}
