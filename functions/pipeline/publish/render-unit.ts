import { FORMATS } from '../../core/render/formats/index.ts';
import { paragraphRecords, renderMeetingJson, renderParagraphNdjson } from '../../core/render/records.ts';
import type { RenderableMeeting as RenderRecord, RenderContext } from '../../core/render/table.ts';
import { tableRows } from '../../core/render/tables/index.ts';
import { type MeetingRecord, publishableMeeting } from '../../store/meeting-record.ts';
import { collectBytes } from '../../core/bytes.ts';
import { shortHash } from '../../lib/hash.ts';
import type { UnitManifest } from '../../published/manifest.ts';
import { meetingPath, unitDir, type UnitRef } from '../../published/paths.ts';
import { unitDataPackage } from './unit-datapackage.ts';
import {
  entry,
  fileOf,
  PARAGRAPH_NDJSON,
  TABLE_FILES,
  UNIT_DATAPACKAGE,
  UNIT_MANIFEST,
  type RenderedFile,
} from '../../published/unit-files.ts';
import { JSON_TYPE } from '../../published/public-store.ts';

export {
  PARAGRAPH_NDJSON,
  TABLE_FILE_NAMES,
  TABLE_FILES,
  UNIT_DATAPACKAGE,
  UNIT_MANIFEST,
} from '../../published/unit-files.ts';

export interface RenderedUnit {
  /** Hash of the unit's content: names its folder. Same records and base URL → same id. */
  id: string;
  dir: string;
  /** The folder's files; unit.json last. */
  files: RenderedFile[];
  /** One JSON file per meeting, by public path (content-addressed, shared between versions of the unit). */
  meetings: RenderedFile[];
  /** Table schemas the unit's datapackage.json points to, by public path (shared by every unit). */
  schemas: RenderedFile[];
  manifest: UnitManifest;
}

/**
 * Renders every file of one unit from its meeting records, with the shared renderers (functions/core/render), so the
 * files are byte for byte what the API serves for the same records. A unit is one body-year (tens of meetings), so it
 * is rendered in memory; nothing here depends on the rest of the archive.
 *
 * Privacy: only what publishableMeeting gives is rendered (store/meeting-record.ts).
 */
export async function renderUnit(
  unit: UnitRef,
  records: readonly MeetingRecord[],
  baseUrl: string,
): Promise<RenderedUnit> {
  const meetings = [...records]
    .sort(byDateThenId)
    .map((r): UnitMeeting => ({ ...publishableMeeting(r), version: r.ingest.version, sourceSha256: r.ingest.sha256 }));
  return renderUnitMeetings(unit, meetings, baseUrl);
}

/** One meeting of a unit as rendered: its publishable § and the record version and source it comes from. */
export interface UnitMeeting extends RenderRecord {
  version: number;
  sourceSha256: string;
}

/**
 * Every file of a unit from its meetings, in the order given (date, then id). The erasure of a withdrawn § renders
 * earlier versions of a unit through this too, from their published meeting files, so an erased version has exactly
 * the shape of one the publisher wrote.
 */
export async function renderUnitMeetings(
  unit: UnitRef,
  input: readonly UnitMeeting[],
  baseUrl: string,
): Promise<RenderedUnit> {
  const ctx: RenderContext = { baseUrl };
  const files: RenderedFile[] = [];
  for (const f of TABLE_FILES) {
    const format = FORMATS[f.format];
    files.push(await rendered(f.name, format.contentType, format.render(f.table, tableRows(f.table, input, ctx))));
  }
  files.push(await rendered(PARAGRAPH_NDJSON, FORMATS.ndjson.contentType, renderParagraphNdjson(input, ctx)));
  const meetings = input.map((r) => {
    const file = fileOf('', JSON_TYPE, renderMeetingJson(r.meeting, r.paragraphs, ctx));
    return { ...file, name: meetingPath(unit, r.meeting.id, file.sha256.slice(0, 16)) };
  });
  const latest = input[input.length - 1]?.meeting;
  const names = { municipalityName: latest?.municipality ?? unit.municipality, bodyName: latest?.body ?? unit.body };
  const pkg = unitDataPackage({ unit, ...names, files, meetings, meetingIds: input.map((r) => r.meeting.id), baseUrl });
  files.push(fileOf(UNIT_DATAPACKAGE, JSON_TYPE, pkg.text));
  // The folder's name hashes its content and the meeting files it lists; unit.json is derived from the same.
  const id = shortHash(
    [...files, ...meetings]
      .map((f) => `${f.name}\t${f.sha256}\n`)
      .sort()
      .join(''),
  );
  const dir = unitDir(unit, id);
  const manifest = unitManifest(unit, names, dir, files, meetings, input, ctx);
  files.push(fileOf(UNIT_MANIFEST, JSON_TYPE, `${JSON.stringify(manifest, null, 1)}\n`));
  return { id, dir, files, meetings, schemas: pkg.schemas, manifest };
}

function unitManifest(
  unit: UnitRef,
  names: { municipalityName: string; bodyName: string },
  dir: string,
  files: readonly RenderedFile[],
  meetings: readonly RenderedFile[],
  input: readonly UnitMeeting[],
  ctx: RenderContext,
): UnitManifest {
  const paragraphs: UnitManifest['paragraphs'] = {};
  const meetingEntries: UnitManifest['meetings'] = {};
  input.forEach((r, i) => {
    const published = paragraphRecords(r.meeting, r.paragraphs, ctx);
    for (const p of published) paragraphs[p.id] = { meetingId: r.meeting.id, hash: shortHash(JSON.stringify(p)) };
    meetingEntries[r.meeting.id] = {
      file: entry(meetings[i]!),
      version: r.version,
      sourceSha256: r.sourceSha256,
      paragraphs: published.length,
    };
  });
  return {
    schemaVersion: 1,
    municipality: unit.municipality,
    body: unit.body,
    ...names,
    year: unit.year,
    files: Object.fromEntries(files.map((f) => [f.name, entry(f, dir)])),
    meetings: meetingEntries,
    paragraphs,
  };
}

function byDateThenId(a: MeetingRecord, b: MeetingRecord): number {
  const d = a.protocol.meeting.date.localeCompare(b.protocol.meeting.date);
  return d !== 0 ? d : a.meetingId < b.meetingId ? -1 : a.meetingId > b.meetingId ? 1 : 0;
}

async function rendered(name: string, mediaType: string, body: AsyncIterable<Uint8Array>): Promise<RenderedFile> {
  return fileOf(name, mediaType, await collectBytes(body));
}
