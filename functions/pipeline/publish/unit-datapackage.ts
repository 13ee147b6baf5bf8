import { buildDataPackage, type DataPackageResourceInput } from '../../core/render/datapackage.ts';
import { datasetUrl, type UnitRef } from '../../published/paths.ts';
import { fileOf, PARAGRAPH_NDJSON, TABLE_FILES, type RenderedFile } from '../../published/unit-files.ts';
import { JSON_TYPE } from '../../published/public-store.ts';

export interface UnitPackageInput {
  unit: UnitRef;
  municipalityName: string;
  bodyName: string;
  /** The folder's files so far (tables, NDJSON). */
  files: readonly RenderedFile[];
  /** The meeting files, by public path, in the order of `meetingIds`. */
  meetings: readonly RenderedFile[];
  meetingIds: readonly string[];
  baseUrl: string;
}

/**
 * The unit's own Frictionless package: every file of the unit, with size and hash. Files in the folder are named by
 * relative path; meeting files live outside it (content-addressed) and are named by URL. The table schemas are the
 * same in every unit, so each resource points to a shared schema file by URL (Frictionless allows `schema` to be a
 * path or URL) instead of repeating ~3 kB per table in tens of thousands of folders.
 */
export function unitDataPackage(input: UnitPackageInput): { text: string; schemas: RenderedFile[] } {
  const byName = new Map(input.files.map((f) => [f.name, f]));
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
  input.meetings.forEach((f, i) => {
    const id = input.meetingIds[i]!;
    resources.push({
      path: datasetUrl(input.baseUrl, f.name),
      format: 'json',
      name: `meeting-${id}`,
      title: { sv: `Sammanträde ${id}`, en: `Meeting ${id}` },
      ...sized(f),
    });
  });
  const { unit } = input;
  const label = `${input.municipalityName}, ${input.bodyName}, ${unit.year}`;
  const pkg = buildDataPackage({
    name: `paragraf-${unit.municipality}-${unit.body}-${unit.year}`,
    title: { sv: `Paragraf: ${label}`, en: `Paragraf: ${label}` },
    description: {
      sv: `Protokollsparagrafer från ${label}, som öppna data.`,
      en: `Paragraphs of the minutes of ${label}, as open data.`,
    },
    sources: [{ title: 'Sammanträdesprotokoll / Meeting minutes' }],
    resources,
  });
  const schemas = shareSchemas(pkg.resources as Array<Record<string, unknown>>, resources, input.baseUrl);
  return { text: `${JSON.stringify(pkg, null, 2)}\n`, schemas };
}

/** Replaces each inline table schema by the URL of a content-addressed schema file, and returns those files. */
function shareSchemas(
  out: Array<Record<string, unknown>>,
  inputs: readonly DataPackageResourceInput[],
  baseUrl: string,
): RenderedFile[] {
  const schemas = new Map<string, RenderedFile>();
  out.forEach((resource, i) => {
    const table = inputs[i]?.table;
    if (!table || typeof resource.schema !== 'object' || resource.schema === null) return;
    const schema = fileOf('', JSON_TYPE, `${JSON.stringify(resource.schema, null, 2)}\n`);
    schema.name = `schemas/${table.name}-${schema.sha256.slice(0, 16)}.json`;
    schemas.set(schema.name, schema);
    resource.schema = datasetUrl(baseUrl, schema.name);
  });
  return [...schemas.values()];
}

function sized(f: RenderedFile | undefined): { bytes?: number; sha256?: string } {
  return f ? { bytes: f.bytes.length, sha256: f.sha256 } : {};
}
