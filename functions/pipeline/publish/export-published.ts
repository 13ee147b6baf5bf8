import type { BlobStore } from '../../ports/blob-store.ts';
import { concatenateParts, isConcatenable, partitionParts, partitionUnits } from '../../published/partitions.ts';
import { readManifest } from '../../published/public-store.ts';
import { PARAGRAPH_NDJSON, TABLE_FILES } from '../../published/unit-files.ts';
import { PARAGRAPH_RECORDS } from './export-records.ts';

export interface PublishedExportOptions {
  table: string;
  format: string;
  partition: string;
}

/**
 * The published file of a partition, as the API and CloudFront serve it: the unit parts concatenated with one
 * header. No record is read or rendered, so this is as fast as copying the bytes. Returns null when nothing is
 * published yet or the file is not one that is published per unit (e.g. JSON, or Parquet across units): the caller
 * then renders from the records (export-records.ts).
 */
export async function exportPublished(
  store: BlobStore,
  options: PublishedExportOptions,
): Promise<AsyncIterable<Uint8Array> | null> {
  const name = publishedFileName(options.table, options.format);
  if (name === null || !isConcatenable(name)) return null;
  const manifest = await readManifest(store);
  if (manifest === null) return null;
  const units = await partitionUnits(store, manifest, options.partition);
  const { parts } = partitionParts(units, name);
  return parts.length === 0 ? null : concatenateParts(store, parts, name);
}

function publishedFileName(table: string, format: string): string | null {
  if (table === PARAGRAPH_RECORDS) return format === 'ndjson' ? PARAGRAPH_NDJSON : null;
  return TABLE_FILES.find((f) => f.table.name === table && f.format === format)?.name ?? null;
}
