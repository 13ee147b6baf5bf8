/**
 * `datapackage.json`: a Frictionless Data Package v2 (https://datapackage.org/standard/data-package/) describing every
 * published file, so that frictionless, DuckDB users and dataportal.se harvesters know each column's type and meaning.
 *
 * Bilingual text: Frictionless has a single `title` and `description`. We write Swedish first, then English:
 * titles as "Svensk titel / English title", descriptions as two Markdown paragraphs (Swedish, blank line, English).
 * Both stay readable in any tool and no custom property is needed.
 *
 * Lists: `list` fields (type `list`, itemType `string`, delimiter " | ") are joined with the delimiter in CSV and
 * Parquet and are native JSON arrays in JSON/NDJSON, which is the JSON representation of a list.
 */
import type { Bilingual, FieldDef, TableDef } from './table.ts';
import { LIST_DELIMITER } from './table.ts';
import { FORMATS, type FormatId } from './formats/index.ts';

export const DATAPACKAGE_PROFILE = 'https://datapackage.org/profiles/2.0/datapackage.json';
export const CC0_IRI = 'http://creativecommons.org/publicdomain/zero/1.0/';

export class DataPackageError extends Error {
  override name = 'DataPackageError';
}

export interface DataPackageResourceInput {
  /** Path relative to datapackage.json (or a URL); an array for one table split over several files. */
  path: string | string[];
  format: FormatId;
  /** The table the file holds; absent for non-tabular files (e.g. the full § NDJSON). */
  table?: TableDef;
  bytes?: number;
  /** Lower-case hex SHA-256 of the file. */
  sha256?: string;
  /** Defaults to the table name (plain CSV) or `<table>-<format>`; for other files, derived from the path. */
  name?: string;
  title?: Bilingual;
  description?: Bilingual;
}

export interface DataPackageInput {
  resources: DataPackageResourceInput[];
  title: Bilingual;
  description: Bilingual;
  sources: Array<{ title: string; path?: string }>;
  /** ISO 8601 datetime; passed in because the core has no clock. */
  created?: string;
  version?: string;
  name?: string;
  homepage?: string;
  keywords?: string[];
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export function buildDataPackage(input: DataPackageInput): JsonObject {
  const names = input.resources.map(resourceName);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new DataPackageError(`two resources are named "${duplicate}"; pass distinct names`);
  const byTableFormat = new Map<string, string>();
  input.resources.forEach((r, i) => r.table && byTableFormat.set(`${r.table.name}|${r.format}`, names[i]!));
  return withoutUndefined({
    $schema: DATAPACKAGE_PROFILE,
    name: input.name ?? 'paragraf',
    title: titleText(input.title),
    description: descriptionText(input.description),
    version: input.version,
    created: input.created,
    homepage: input.homepage,
    keywords: input.keywords,
    licenses: [{ name: 'CC0-1.0', path: CC0_IRI, title: 'Creative Commons Zero v1.0 Universal' }],
    sources: input.sources.map((s) => withoutUndefined({ title: s.title, path: s.path })),
    resources: input.resources.map((r, i) => resource(r, names[i]!, byTableFormat)),
  });
}

function resourceName(r: DataPackageResourceInput): string {
  if (r.name) return r.name;
  if (r.table) return r.format === 'csv' ? r.table.name : `${r.table.name}-${r.format}`;
  const path = Array.isArray(r.path) ? (r.path[0] ?? 'resource') : r.path;
  return path
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
}

function resource(r: DataPackageResourceInput, name: string, byTableFormat: Map<string, string>): JsonObject {
  const fmt = FORMATS[r.format];
  const text = r.format !== 'parquet';
  const description = r.description ?? r.table?.description;
  const title = r.title ?? r.table?.title;
  return withoutUndefined({
    name,
    type: r.table ? 'table' : undefined,
    path: Array.isArray(r.path) ? [...r.path] : r.path,
    title: title ? titleText(title) : undefined,
    description: description ? descriptionText(description) : undefined,
    format: r.format === 'csv-excel-sv' ? 'csv' : r.format,
    mediatype: fmt.contentType.split(';')[0]!.trim(),
    encoding: text ? 'utf-8' : undefined,
    bytes: r.bytes,
    hash: r.sha256 ? `sha256:${r.sha256}` : undefined,
    // The Excel profile: ';' and a UTF-8 BOM (readers skip it with encoding utf-8). Plain CSV uses the defaults
    // (',' and CRLF), so it needs no dialect.
    dialect: r.format === 'csv-excel-sv' ? { delimiter: ';', lineTerminator: '\r\n', header: true } : undefined,
    schema: r.table ? tableSchema(r.table, r.format, byTableFormat) : undefined,
  });
}

function tableSchema(table: TableDef, format: FormatId, byTableFormat: Map<string, string>): JsonObject {
  const foreignKeys: Json[] = [];
  for (const fk of table.foreignKeys) {
    // Point to the referenced table in the same format; else to its plain CSV; else leave the key out rather than
    // name a resource that is not in the package (which would make the package invalid).
    const target =
      byTableFormat.get(`${fk.reference.table}|${format}`) ?? byTableFormat.get(`${fk.reference.table}|csv`);
    if (!target) continue;
    foreignKeys.push({ fields: [...fk.fields], reference: { resource: target, fields: [...fk.reference.fields] } });
  }
  return {
    fields: table.fields.map((f) => fieldSchema(f, format)),
    missingValues: [''],
    primaryKey: [...table.primaryKey],
    foreignKeys,
  };
}

function fieldSchema(f: FieldDef, format: FormatId): JsonObject {
  return withoutUndefined({
    name: f.name,
    type: f.type,
    // The Excel profile writes decimals with a comma (Frictionless `decimalChar`).
    decimalChar: f.type === 'number' && format === 'csv-excel-sv' ? ',' : undefined,
    description: descriptionText(f.description),
    format: f.format,
    itemType: f.type === 'list' ? 'string' : undefined,
    delimiter: f.type === 'list' ? LIST_DELIMITER : undefined,
    constraints: f.constraints ? withoutUndefined({ ...f.constraints }) : undefined,
  });
}

function titleText(t: Bilingual): string {
  return `${t.sv} / ${t.en}`;
}

function descriptionText(d: Bilingual): string {
  return `${d.sv}\n\n${d.en}`;
}

function withoutUndefined(obj: Record<string, Json | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out;
}
