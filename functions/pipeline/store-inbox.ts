import type { SourceProvenance } from '../core/records/types.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { Inbox, InboxFile } from '../ports/inbox.ts';
import type { TextExtractor } from '../ports/text-extractor.ts';
import type { IngestInput } from './ingest-document.ts';
import type { IngestOutcome } from './ingest-outcome.ts';
import { readJson } from '../ports/blob-json.ts';
import { INBOX_PREFIX } from '../store/keys.ts';
import { putJson } from '../store/json.ts';
import { sourceHints } from './file-name-hints.ts';
import { InvalidProvenanceError } from './ingest-provenance.ts';
import { combineSources, StoreTemplateSource, TemplateBook, type TemplateSource } from './template-learning.ts';

/**
 * The local inbox: `inbox/<path>` in the store, with its provenance beside it in `inbox/<path>.provenance.json`.
 * The sidecar is written first, so a file is never seen without its provenance. `ingestStoreInbox` is the local
 * counterpart of the S3 notification on AWS: it ingests every waiting file and removes it from the inbox once it has
 * an outcome (the bytes are kept under originals/ by then). A file whose ingest throws stays for the next run.
 */
const SIDECAR = '.provenance.json';

interface Sidecar {
  schemaVersion: 1;
  mediaType: string;
  provenance: SourceProvenance;
}

export class StoreInbox implements Inbox {
  constructor(private readonly store: BlobStore) {}

  async deliver(file: InboxFile): Promise<void> {
    const key = `${INBOX_PREFIX}${file.path}`;
    const sidecar: Sidecar = { schemaVersion: 1, mediaType: file.mediaType, provenance: file.provenance };
    await putJson(this.store, `${key}${SIDECAR}`, sidecar);
    await this.store.put(key, file.bytes, { contentType: file.mediaType });
  }
}

export type InboxResult = { key: string; outcome: IngestOutcome; note?: string } | { key: string; error: unknown };

/** Ingests every file waiting in the store's inbox, oldest key first; returns what happened to each. */
export async function ingestStoreInbox(
  store: BlobStore,
  ingest: (input: IngestInput) => Promise<IngestOutcome>,
  onResult?: (result: InboxResult) => void,
): Promise<InboxResult[]> {
  const { keys, sidecars } = await inboxKeys(store);
  const results: InboxResult[] = [];
  for (const key of keys) {
    const result = await ingestOne(store, key, ingest);
    results.push(result);
    onResult?.(result);
  }
  // A sidecar without its file: the delivery stopped between the two writes; the harvester will deliver again.
  for (const sidecar of sidecars) if (!keys.includes(sidecar.slice(0, -SIDECAR.length))) await store.delete(sidecar);
  return results;
}

/**
 * The templates to ingest the inbox with, as `paragraf ingest` has them for a folder: what the waiting files show as
 * a batch (protocols of one body share a template; each file is extracted and parsed once, nothing is written) and
 * what the store's records of the same bodies show. `extractor` reads text layers only: OCR runs in the ingest pass.
 */
export async function inboxTemplates(store: BlobStore, extractor: TextExtractor): Promise<TemplateSource> {
  const book = new TemplateBook();
  const { keys } = await inboxKeys(store);
  if (keys.length >= 2) {
    for (const key of keys) {
      const bytes = await store.get(key);
      if (bytes === null) continue;
      const fileName = key.slice(key.lastIndexOf('/') + 1);
      await book.learn(extractor, bytes, fileName, sourceHints({ fileName }));
    }
  }
  return combineSources(book, new StoreTemplateSource(store));
}

/** The files waiting in the inbox (oldest key first) and the provenance sidecars beside them. */
async function inboxKeys(store: BlobStore): Promise<{ keys: string[]; sidecars: Set<string> }> {
  const keys: string[] = [];
  const sidecars = new Set<string>();
  for await (const meta of store.list(INBOX_PREFIX)) {
    if (meta.key.endsWith(SIDECAR)) sidecars.add(meta.key);
    else keys.push(meta.key);
  }
  return { keys, sidecars };
}

async function ingestOne(
  store: BlobStore,
  key: string,
  ingest: (input: IngestInput) => Promise<IngestOutcome>,
): Promise<InboxResult> {
  try {
    const bytes = await store.get(key);
    if (bytes === null) return { key, error: new Error('gone from the inbox before it was read') };
    const sidecar = (await readJson(store, `${key}${SIDECAR}`)) as Sidecar | null;
    const fileName = key.slice(key.lastIndexOf('/') + 1);
    let outcome: IngestOutcome;
    let note: string | undefined;
    try {
      outcome = await ingest({ bytes, fileName, ...(sidecar?.provenance ? { provenance: sidecar.provenance } : {}) });
    } catch (error) {
      if (!(error instanceof InvalidProvenanceError)) throw error;
      note = `provenance ignored: ${error.message}`;
      outcome = await ingest({ bytes, fileName });
    }
    await store.delete(key);
    await store.delete(`${key}${SIDECAR}`);
    return { key, outcome, ...(note ? { note } : {}) };
  } catch (error) {
    return { key, error };
  }
}
