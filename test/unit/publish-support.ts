/**
 * Shared by the publish-*.test.ts suites: a store with protocols ingested the way ingest does it (writeProtocol runs
 * the real privacy gate and commitVersion), a publish with test defaults, and a checker
 * that walks everything a manifest lists and verifies each file's size and SHA-256.
 */
import { createHash } from 'node:crypto';
import { parquetReadObjects } from 'hyparquet';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import { meetingId } from '../../functions/core/records/ids.ts';
import type { Paragraph, Protocol } from '../../functions/core/records/types.ts';
import type { BlobStore } from '../../functions/ports/blob-store.ts';
import type { CdnInvalidator } from '../../functions/ports/cdn.ts';
import { fixedClock } from '../../functions/ports/clock.ts';
import {
  publishDatasets,
  type PublishOptions,
  type PublishSummary,
} from '../../functions/pipeline/publish-datasets.ts';
import type { FileEntry, PublicManifest } from '../../functions/published/manifest.ts';
import { publicKey } from '../../functions/published/paths.ts';
import { readManifest, readMunicipalityIndex, readUnitManifest } from '../../functions/published/public-store.ts';
import { writeProtocol } from '../../functions/pipeline/synthetic/write-protocol.ts';
import { buildProtocol } from '../support/protocol-builder.ts';

export const BASE_URL = 'https://protokoll.example.se';
export const ORG_NUMBER = '212000-1355';

export type TestClock = ReturnType<typeof fixedClock>;

export function newClock(start = '2026-11-27T10:00:00Z'): TestClock {
  return fixedClock(start);
}

/** A protocol of `municipality`'s `body` on `date` with the given § (numbered 1, 2, … unless given). */
export function protocol(
  municipality: string,
  body: string,
  date: string,
  paragraphs: Array<Partial<Paragraph>> = [{}, {}],
): Protocol {
  const id = meetingId(municipality, body, date);
  return buildProtocol({
    meeting: {
      id,
      municipality,
      body,
      date,
      source: { fileName: `${id}.pdf`, sha256: sha(id), pages: 3, mediaType: 'application/pdf' },
    },
    paragraphs,
  });
}

/** Stores a protocol as ingest would; the stand-in original hash follows the content, so a correction is a new version. */
export async function ingest(store: BlobStore, p: Protocol, clock: TestClock) {
  const result = await writeProtocol(store, p, {
    at: clock.now(),
    sha256: sha(JSON.stringify(p)),
    fileName: `${p.meeting.id}.pdf`,
  });
  clock.advance(60_000);
  return result;
}

export function publishOptions(extra: Partial<PublishOptions> = {}): PublishOptions {
  return { baseUrl: BASE_URL, publisher: { name: 'Testby kommun', organisationNumber: ORG_NUMBER }, ...extra };
}

export async function publish(
  store: BlobStore,
  clock: TestClock,
  extra: Partial<PublishOptions> = {},
  cdn?: CdnInvalidator,
): Promise<PublishSummary> {
  const summary = await publishDatasets({ store, clock, ...(cdn ? { cdn } : {}) }, publishOptions(extra));
  clock.advance(60_000);
  return summary;
}

export function sha(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Every file a manifest reaches — municipality indexes, unit folders, unit.json, meeting files, change chunks,
 * metadata, dump — with a problem for each that is missing or has another size or SHA-256 than listed.
 */
export async function checkTree(
  store: BlobStore,
  manifest: PublicManifest,
): Promise<{ files: FileEntry[]; problems: string[] }> {
  const files: FileEntry[] = [];
  for (const m of Object.values(manifest.municipalities)) {
    files.push(m.index);
    const index = await readMunicipalityIndex(store, m);
    for (const unit of Object.values(index.units)) {
      files.push(...Object.values(unit.files));
      const um = await readUnitManifest(store, unit);
      files.push(...Object.values(um.files), ...Object.values(um.meetings).map((x) => x.file));
    }
  }
  files.push(...manifest.changes.chunks, ...Object.values(manifest.dump?.files ?? {}));
  if (manifest.metadata.datapackage) files.push(manifest.metadata.datapackage);
  if (manifest.metadata.catalog) files.push(manifest.metadata.catalog);
  const problems: string[] = [];
  for (const f of files) {
    const bytes = await store.get(publicKey(f.path));
    if (bytes === null) problems.push(`missing ${f.path}`);
    else if (bytes.length !== f.bytes || sha(bytes) !== f.sha256) problems.push(`changed ${f.path}`);
  }
  return { files, problems };
}

export async function currentManifest(store: BlobStore): Promise<PublicManifest> {
  const m = await readManifest(store);
  if (!m) throw new Error('no manifest');
  return m;
}

/** Every public object as text; Parquet files decoded to their cell values (compressed pages hide plain bytes). */
export async function publicTexts(store: BlobStore): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  for await (const meta of store.list('public/')) {
    const bytes = (await store.get(meta.key))!;
    if (meta.key.endsWith('.parquet')) {
      const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      const rows = await parquetReadObjects({ file });
      out.push([meta.key, JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))]);
    } else {
      out.push([meta.key, new TextDecoder().decode(bytes)]);
    }
  }
  return out;
}

export function memoryStore(failOn?: (op: string, key: string) => boolean): MemoryBlobStore {
  return new MemoryBlobStore(failOn ? { failOn } : {});
}
