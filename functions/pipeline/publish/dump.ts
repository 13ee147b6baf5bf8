import { FORMATS } from '../../core/render/formats/index.ts';
import type { MeetingDocument } from '../../core/render/records.ts';
import type { Row } from '../../core/render/table.ts';
import { paragraphsTable } from '../../core/render/tables/index.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import { HashingStream, shortHash } from '../../lib/hash.ts';
import type { FileEntry, PublicManifest, UnitEntry } from '../../published/manifest.ts';
import {
  concatenateParts,
  isConcatenable,
  mediaTypeOf,
  partitionParts,
  partitionUnits,
} from '../../published/partitions.ts';
import { dumpDir } from '../../published/paths.ts';
import {
  JSON_TYPE,
  jsonBytes,
  putFile,
  putStream,
  readPublishedJson,
  readReferenced,
  readUnitManifest,
} from '../../published/public-store.ts';
import { PARAGRAPH_NDJSON, TABLE_FILE_NAMES } from '../../published/unit-files.ts';

const DUMP_INDEX = 'dump.json';

export interface DumpFiles {
  files: Record<string, FileEntry>;
  writes: number;
}

/**
 * Materialises the "all" partition as real files: each CSV and the § NDJSON by streaming concatenation of the unit
 * parts (byte-identical to what the API streams for the same manifest), the § Parquet by re-encoding the rows of the
 * published meeting files, one meeting at a time. Memory stays flat; time grows with the archive, which is why an
 * incremental publish does this only for small archives (see publishDatasets' `autoDumpParagraphs`).
 *
 * The folder is named by the units it was built from, so the same state is never dumped twice.
 */
export async function writeDump(store: BlobStore, manifest: PublicManifest, baseUrl: string): Promise<DumpFiles> {
  const units = await partitionUnits(store, manifest, 'all');
  const dir = dumpDir(shortHash(units.map((u) => u.dir).join('\n')));
  const previous = (await readPublishedJson(store, `${dir}${DUMP_INDEX}`)) as {
    files: Record<string, FileEntry>;
  } | null;
  if (previous) return { files: previous.files, writes: 0 };
  const files: Record<string, FileEntry> = {};
  for (const name of [...TABLE_FILE_NAMES.filter(isConcatenable), PARAGRAPH_NDJSON]) {
    const { parts } = partitionParts(units, name);
    files[name] = await streamFile(store, `${dir}${name}`, mediaTypeOf(name), concatenateParts(store, parts, name));
  }
  const parquet = FORMATS.parquet.render(paragraphsTable, paragraphRows(store, units, baseUrl));
  files['paragraphs.parquet'] = await streamFile(
    store,
    `${dir}paragraphs.parquet`,
    FORMATS.parquet.contentType,
    parquet,
  );
  // Written last: its presence means the dump folder is complete.
  await putFile(store, `${dir}${DUMP_INDEX}`, jsonBytes({ files }), JSON_TYPE);
  return { files, writes: Object.keys(files).length + 1 };
}

async function streamFile(
  store: BlobStore,
  path: string,
  mediaType: string,
  body: AsyncIterable<Uint8Array>,
): Promise<FileEntry> {
  const hashing = new HashingStream();
  await putStream(store, path, hashing.pipe(body), mediaType);
  return { path, bytes: hashing.bytes, sha256: hashing.digest(), mediaType };
}

/** The § table's rows from the published meeting files, in unit order, one meeting in memory at a time. */
async function* paragraphRows(store: BlobStore, units: readonly UnitEntry[], baseUrl: string): AsyncIterable<Row> {
  for (const unit of units) {
    const manifest = await readUnitManifest(store, unit);
    for (const meeting of Object.values(manifest.meetings)) {
      const doc = (await readReferenced(store, meeting.file)) as MeetingDocument;
      yield* paragraphsTable.rows(doc.meeting, doc.paragraphs, { baseUrl });
    }
  }
}
