import { buildDataPackage, type DataPackageResourceInput } from '../../core/render/datapackage.ts';
import { FORMATS, type FormatId } from '../../core/render/formats/index.ts';
import { paragraphRecords, renderMeetingJson, renderParagraphNdjson } from '../../core/render/records.ts';
import type { MeetingRecord as RenderRecord, RenderContext, TableDef } from '../../core/render/table.ts';
import { paragraphsTable, tableRows, TABLES } from '../../core/render/tables/index.ts';
import type { MeetingRecord } from '../meeting-record.ts';
import { collectBytes, sha256Hex, shortHash } from './bytes.ts';
import type { UnitManifest } from './manifest.ts';
import { datasetUrl, type UnitRef } from './public-paths.ts';

/** One file of a unit, rendered and hashed, not yet written. */
export interface RenderedFile {
  name: string;
  bytes: Uint8Array;
  sha256: string;
  mediaType: string;
}

export interface RenderedUnit {
  /** Hash of the folder's content: its name in the store. Same records and base URL → same id. */
  id: string;
  files: RenderedFile[];
  /** Table schemas the unit's datapackage.json points to, shared by every unit (`schemas/…`, content-addressed). */
  schemas: RenderedFile[];
  manifest: UnitManifest;
}

/** The tabular files of every unit: each table as CSV, the § table also for Swedish Excel and as Parquet. */
const TABLE_FILES: Array<{ table: TableDef; format: FormatId; name: string }> = [
  ...TABLES.map((table) => ({ table, format: 'csv' as const, name: `${table.name}.csv` })),
  { table: paragraphsTable, format: 'csv-excel-sv', name: 'paragraphs-excel-sv.csv' },
  { table: paragraphsTable, format: 'parquet', name: 'paragraphs.parquet' },
];
export const PARAGRAPH_NDJSON = 'paragraphs.ndjson';
export const UNIT_MANIFEST = 'unit.json';
export const UNIT_DATAPACKAGE = 'datapackage.json';
export const TABLE_FILE_NAMES: readonly string[] = TABLE_FILES.map((f) => f.name);

/**
 * Renders every file of one unit from its meeting records, with the shared renderers (functions/core/render), so the
 * files are byte-for-byte what the API would serve for the same records. A unit is one body-year (tens of meetings),
 * so it is rendered in memory; nothing here depends on the size of the rest of the archive.
 *
 * Privacy: `record.protocol` is already the publishable protocol (held § removed by ingest); the ids in `record.held`
 * are passed to the renderers as `withheld` as well, so a held § cannot reach a file even if a record was wrong.
 */
export async function renderUnit(unit: UnitRef, records: readonly MeetingRecord[], baseUrl: string): Promise<RenderedUnit> {
  const sorted = [...records].sort(byDateThenId);
  const ctx: RenderContext = { baseUrl, withheld: new Set(sorted.flatMap((r) => r.held.map((h) => h.paragraphId))) };
  const input: RenderRecord[] = sorted.map((r) => ({ meeting: r.protocol.meeting, paragraphs: r.protocol.paragraphs }));
  const files: RenderedFile[] = [];
  for (const f of TABLE_FILES) {
    files.push(await file(f.name, FORMATS[f.format].contentType, FORMATS[f.format].render(f.table, tableRows(f.table, input, ctx))));
  }
  files.push(await file(PARAGRAPH_NDJSON, 'application/x-ndjson', renderParagraphNdjson(input, ctx)));
  for (const r of input) {
    files.push(fileOf(`meetings/${r.meeting.id}.json`, 'application/json', renderMeetingJson(r.meeting, r.paragraphs, ctx)));
  }
  const latest = sorted[sorted.length - 1];
  const names = {
    municipalityName: latest?.protocol.meeting.municipality ?? unit.municipality,
    bodyName: latest?.protocol.meeting.body ?? unit.body,
  };
  const pkg = unitDataPackage(unit, names, files, baseUrl);
  files.push(fileOf(UNIT_DATAPACKAGE, 'application/json', pkg.text));
  const paragraphs: UnitManifest['paragraphs'] = {};
  for (const r of input) {
    for (const p of paragraphRecords(r.meeting, r.paragraphs, ctx)) {
      paragraphs[p.id] = { meetingId: r.meeting.id, hash: shortHash(JSON.stringify(p)) };
    }
  }
  const manifest: UnitManifest = {
    schemaVersion: 1,
    municipality: unit.municipality,
    body: unit.body,
    bodyName: names.bodyName,
    municipalityName: names.municipalityName,
    year: unit.year,
    files: Object.fromEntries(files.map((f) => [f.name, { bytes: f.bytes.length, sha256: f.sha256, mediaType: f.mediaType }])),
    meetings: Object.fromEntries(
      sorted.map((r) => [
        r.meetingId,
        { version: r.ingest.version, sourceSha256: r.ingest.sha256, paragraphs: paragraphRecords(r.protocol.meeting, r.protocol.paragraphs, ctx).length },
      ]),
    ),
    paragraphs,
  };
  // The folder's name hashes everything in it; unit.json is derived from the same content, so it is left out.
  const id = shortHash(files.map((f) => `${f.name}\t${f.sha256}\n`).sort().join(''));
  files.push(fileOf(UNIT_MANIFEST, 'application/json', `${JSON.stringify(manifest, null, 1)}\n`));
  return { id, files, schemas: pkg.schemas, manifest };
}

function byDateThenId(a: MeetingRecord, b: MeetingRecord): number {
  const d = a.protocol.meeting.date.localeCompare(b.protocol.meeting.date);
  return d !== 0 ? d : a.meetingId < b.meetingId ? -1 : a.meetingId > b.meetingId ? 1 : 0;
}

async function file(name: string, mediaType: string, body: AsyncIterable<Uint8Array>): Promise<RenderedFile> {
  return fileOf(name, mediaType, await collectBytes(body));
}

function fileOf(name: string, mediaType: string, body: Uint8Array | string): RenderedFile {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return { name, bytes, sha256: sha256Hex(bytes), mediaType };
}

/**
 * The unit's own Frictionless package: every file beside it, by relative path, with size and hash. The table schemas
 * are the same in every unit, so each resource points to a shared schema file by URL (Frictionless allows `schema`
 * to be a path or URL) instead of repeating ~3 kB per table in tens of thousands of folders.
 */
function unitDataPackage(
  unit: UnitRef,
  names: { municipalityName: string; bodyName: string },
  files: readonly RenderedFile[],
  baseUrl: string,
): { text: string; schemas: RenderedFile[] } {
  const byName = new Map(files.map((f) => [f.name, f]));
  const resources: DataPackageResourceInput[] = TABLE_FILES.map((f) => ({
    path: f.name,
    format: f.format,
    table: f.table,
    ...sized(byName.get(f.name)),
  }));
  resources.push({
    path: PARAGRAPH_NDJSON,
    format: 'ndjson',
    name: 'paragraph-records',
    title: { sv: 'Paragrafer, hela poster', en: 'Paragraphs, full records' },
    description: {
      sv: 'En JSON-rad per paragraf med alla fält i postschemat och sammanträdets sammanhang.',
      en: 'One JSON line per paragraph with every field of the record schema and the meeting context.',
    },
    ...sized(byName.get(PARAGRAPH_NDJSON)),
  });
  for (const f of files.filter((x) => x.name.startsWith('meetings/'))) {
    const meetingId = f.name.slice('meetings/'.length, -'.json'.length);
    resources.push({
      path: f.name,
      format: 'json',
      name: `meeting-${meetingId}`,
      title: { sv: `Sammanträde ${meetingId}`, en: `Meeting ${meetingId}` },
      ...sized(f),
    });
  }
  const label = `${names.municipalityName}, ${names.bodyName}, ${unit.year}`;
  const pkg = buildDataPackage({
    name: `paragraf-${unit.municipality}-${unit.body}-${unit.year}`,
    title: { sv: `Paragraf: ${label}`, en: `Paragraf: ${label}` },
    description: {
      sv: `Protokollsparagrafer från ${label}, som öppna data.`,
      en: `Paragraphs of the council minutes of ${label}, as open data.`,
    },
    sources: [{ title: 'Sammanträdesprotokoll / Meeting minutes' }],
    resources,
  });
  const schemas = new Map<string, RenderedFile>();
  for (const [i, resource] of (pkg.resources as Array<Record<string, unknown>>).entries()) {
    const table = resources[i]?.table;
    if (!table || typeof resource.schema !== 'object' || resource.schema === null) continue;
    const schema = fileOf('', 'application/json', `${JSON.stringify(resource.schema, null, 2)}\n`);
    schema.name = `schemas/${table.name}-${schema.sha256.slice(0, 16)}.json`;
    schemas.set(schema.name, schema);
    resource.schema = datasetUrl(baseUrl, schema.name);
  }
  return { text: `${JSON.stringify(pkg, null, 2)}\n`, schemas: [...schemas.values()] };
}

function sized(f: RenderedFile | undefined): { bytes?: number; sha256?: string } {
  return f ? { bytes: f.bytes.length, sha256: f.sha256 } : {};
}
