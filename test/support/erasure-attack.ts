/**
 * The attacker's side of a withdrawal: read every published byte and every API answer, and look for what was
 * withdrawn. Bytes are searched raw (UTF-8 and, for a text split oddly by an encoder, UTF-16LE and Latin-1), gzip
 * members are inflated, Parquet is decoded to its cell values (its pages are compressed), and every answer of the
 * API is read whole, Parquet again decoded.
 */
import { gunzipSync } from 'node:zlib';
import { parquetReadObjects } from 'hyparquet';
import type { Hono } from 'hono';
import type { BlobStore } from '../../functions/ports/blob-store.ts';

/** Every readable form of one blob or response body. */
export async function readableForms(bytes: Uint8Array): Promise<string[]> {
  const forms = [
    new TextDecoder().decode(bytes),
    Buffer.from(bytes).toString('latin1'),
    Buffer.from(bytes).toString('utf16le'),
  ];
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) forms.push(...(await readableForms(new Uint8Array(gunzipSync(bytes)))));
  if (bytes.length > 8 && new TextDecoder().decode(bytes.subarray(0, 4)) === 'PAR1') {
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const rows = await parquetReadObjects({ file });
    forms.push(JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
  }
  return forms;
}

/** `key: needle` for every object under `prefix` that holds a needle in any readable form. */
export async function storeHits(store: BlobStore, prefix: string, needles: readonly string[]): Promise<string[]> {
  const hits: string[] = [];
  for await (const meta of store.list(prefix)) {
    const bytes = (await store.get(meta.key))!;
    const forms = await readableForms(bytes);
    for (const n of needles) if (forms.some((f) => f.includes(n))) hits.push(`${meta.key}: ${n}`);
  }
  return hits;
}

/** `url (status): needle` for every answer that holds a needle; also returns how many answers were 200. */
export async function apiHits(
  app: Hono,
  urls: readonly string[],
  needles: readonly string[],
): Promise<{ hits: string[]; ok: number }> {
  const hits: string[] = [];
  let ok = 0;
  for (const url of urls) {
    const res = await app.request(url);
    if (res.status === 200) ok++;
    const forms = await readableForms(new Uint8Array(await res.arrayBuffer()));
    const headers = [...res.headers.entries()].map(([k, v]) => `${k}: ${v}`).join('\n');
    for (const n of needles)
      if (forms.some((f) => f.includes(n)) || headers.includes(n)) hits.push(`${url} (${res.status}): ${n}`);
  }
  return { hits, ok };
}

export async function publicPaths(store: BlobStore): Promise<string[]> {
  const out: string[] = [];
  for await (const meta of store.list('public/')) out.push(meta.key.slice('public/'.length));
  return out;
}
