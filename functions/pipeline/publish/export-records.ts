import { FORMATS, type FormatId } from '../../core/render/formats/index.ts';
import { renderParagraphNdjson } from '../../core/render/records.ts';
import type { RenderableMeeting as RenderRecord } from '../../core/render/table.ts';
import { tableByName, tableRows } from '../../core/render/tables/index.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import { readJson } from '../../ports/blob-json.ts';
import { isMeetingRecord, publishableMeeting } from '../../store/meeting-record.ts';
import { RECORDS_PREFIX } from '../../store/keys.ts';
import { parsePartition, PartitionError, type PartitionId } from '../../published/partitions.ts';

/** The full § records (every field), as opposed to a table. Only as NDJSON. */
export const PARAGRAPH_RECORDS = 'paragraph-records';

export interface ExportOptions {
  /** A table name (paragraphs, meetings, votes …) or `paragraph-records`. */
  table: string;
  format: FormatId;
  partition: PartitionId;
  baseUrl: string;
}

/**
 * Streams one table of a partition straight from the canonical meeting records, one record in memory at a time:
 * the full export that needs no published files (and what the export benchmark measures). Rows go through the same
 * renderers and privacy filter as the published files, so for the same records the bytes are the same as the
 * concatenation of the unit files.
 */
export function exportRecords(store: BlobStore, options: ExportOptions): AsyncIterable<Uint8Array> {
  const records = readRecords(store, options.partition);
  const ctx = { baseUrl: options.baseUrl };
  if (options.table === PARAGRAPH_RECORDS) {
    if (options.format !== 'ndjson') throw new PartitionError(`${PARAGRAPH_RECORDS} are only exported as ndjson`);
    return renderParagraphNdjson(records, ctx);
  }
  const table = tableByName(options.table);
  if (!table) throw new PartitionError(`unknown table "${options.table}"`);
  return FORMATS[options.format].render(table, tableRows(table, records, ctx));
}

/** The records of a partition in key order (municipality, body, year, meeting id = date), held § removed. */
async function* readRecords(store: BlobStore, partition: PartitionId): AsyncIterable<RenderRecord> {
  const sel = parsePartition(partition);
  for await (const meta of store.list(recordsPrefix(sel))) {
    const m = /^records\/[^/]+\/[^/]+\/(\d{4})\/[^/]+\.json$/u.exec(meta.key);
    if (!m || (sel.year !== undefined && Number(m[1]) !== sel.year)) continue;
    const record = await readJson(store, meta.key).catch(() => null);
    if (!isMeetingRecord(record)) continue;
    yield publishableMeeting(record);
  }
}

/** The narrowest `records/` prefix that holds the partition (a year across municipalities needs all of them). */
function recordsPrefix(sel: ReturnType<typeof parsePartition>): string {
  if (sel.municipality === undefined) return RECORDS_PREFIX;
  if (sel.body === undefined) return `${RECORDS_PREFIX}${sel.municipality}/`;
  if (sel.year === undefined) return `${RECORDS_PREFIX}${sel.municipality}/${sel.body}/`;
  return `${RECORDS_PREFIX}${sel.municipality}/${sel.body}/${sel.year}/`;
}
