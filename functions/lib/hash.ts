import { createHash, type Hash } from 'node:crypto';

/**
 * SHA-256, the one content hash of Paragraf: originals are stored under theirs, published files are named by a
 * prefix of theirs and listed with the whole digest. Node-only (node:crypto), which is why it lives outside the pure
 * core; see docs/architecture.md for what functions/lib may hold.
 */

/** Lower-case hex SHA-256. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The first 16 hex digits (64 bits) of a SHA-256: names content-addressed folders and fingerprints a published §.
 * Collisions would need ~4 billion versions of one unit; checksums of files always use the full digest.
 */
export function shortHash(text: Uint8Array | string): string {
  return sha256Hex(text).slice(0, 16);
}

/** Passes a stream through while counting and hashing it, for files too big to hold (dumps, exports). */
export class HashingStream {
  readonly #hash: Hash = createHash('sha256');
  bytes = 0;

  async *pipe(body: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
    for await (const chunk of body) {
      this.#hash.update(chunk);
      this.bytes += chunk.length;
      yield chunk;
    }
  }

  /** Only after the stream was consumed to the end. */
  digest(): string {
    return this.#hash.digest('hex');
  }
}
