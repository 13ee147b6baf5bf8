import { createHash, type Hash } from 'node:crypto';

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

export async function collectBytes(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of body) parts.push(chunk);
  return concatBytes(parts);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
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

const utf8 = new TextEncoder();

export function jsonBytes(value: unknown, indent = 1): Uint8Array {
  return utf8.encode(`${JSON.stringify(value, null, indent)}\n`);
}
