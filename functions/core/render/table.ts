/**
 * What a published table is: its columns (with Frictionless v2 field types and bilingual descriptions), its keys, and a
 * pure function from one meeting record to rows. Every format (CSV, Parquet, NDJSON, JSON) and the data package are
 * derived from these definitions, so the publisher and the API can never disagree about a column.
 */
import type { Meeting, Paragraph } from '../records/types.ts';

/** Frictionless Data Package v2 field types used here (https://datapackage.org/standard/table-schema/#field-types). */
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'list';

export interface Bilingual {
  sv: string;
  en: string;
}

export interface FieldDef {
  name: string;
  type: FieldType;
  description: Bilingual;
  /** Frictionless `format`, e.g. 'uri' for a string that is a URL. */
  format?: 'uri';
  /** Frictionless `constraints`. */
  constraints?: { required?: boolean; unique?: boolean; enum?: string[] };
}

export interface ForeignKey {
  fields: string[];
  reference: { table: string; fields: string[] };
}

/**
 * One cell. `string[]` only for `list` fields: JSON and NDJSON keep the array, CSV and Parquet join the items with
 * {@link LIST_DELIMITER}. `null` = no value (written as an empty CSV field).
 */
export type Cell = string | number | boolean | null | string[];
export type Row = Record<string, Cell>;

export interface RenderContext {
  /** Absolute site URL without trailing slash, e.g. "https://paragraf.example.se". Permalinks hang off it. */
  baseUrl: string;
  /**
   * Ids of § held back by the privacy gate. The caller should already have removed them; the tables drop them again
   * so that a held § can never reach a published file through a renderer (defence in depth).
   */
  withheld?: ReadonlySet<string>;
}

/** A meeting as the renderers need it: the meeting and its publishable § (not the stored MeetingRecord of pipeline/). */
export interface RenderableMeeting {
  meeting: Meeting;
  paragraphs: readonly Paragraph[];
}

export interface TableDef {
  name: string;
  title: Bilingual;
  description: Bilingual;
  fields: FieldDef[];
  primaryKey: string[];
  foreignKeys: ForeignKey[];
  rows(meeting: Meeting, paragraphs: readonly Paragraph[], ctx: RenderContext): Row[];
}

/**
 * Separator for list cells in CSV and Parquet. Declared as the list `delimiter` in datapackage.json. A " | " inside
 * an item would be ambiguous when split again; JSON/NDJSON keep real arrays for consumers who need exactness.
 */
export const LIST_DELIMITER = ' | ';

export function field(name: string, type: FieldType, sv: string, en: string, extra: Partial<FieldDef> = {}): FieldDef {
  return { name, type, description: { sv, en }, ...extra };
}

/** The public URL of a §. */
export function permalink(ctx: RenderContext, paragraphId: string): string {
  return `${trimSlash(ctx.baseUrl)}/p/${paragraphId}`;
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/u, '');
}

/**
 * Defence in depth: the § without those in `ctx.withheld`. Callers already pass only publishable § (a stored record
 * becomes renderer input through store/meeting-record.ts `publishableMeeting`); this catches a caller that did not.
 */
export function withoutWithheld(paragraphs: readonly Paragraph[], ctx: RenderContext): Paragraph[] {
  const held = ctx.withheld;
  return held && held.size > 0 ? paragraphs.filter((p) => !held.has(p.id)) : [...paragraphs];
}

/** `undefined` → `null`, so every row has every column. */
export function opt<T extends string | number | boolean>(value: T | undefined | null): T | null {
  return value ?? null;
}
