/**
 * The format registry's entries: for each format Paragraf publishes and serves, its id, file extension, media type
 * and the Accept-header types that ask for it. Everything else derives from these: the renderers (formats/*.ts), the
 * Content-Type of every published file and API response, the media types in the OpenAPI document, content
 * negotiation, and the media type a storage adapter reports for a file by its extension.
 *
 * Kept apart from the renderers so code that only names files (the published format, the API's listings) does not
 * pull in a renderer's dependencies (the Parquet writer).
 */
export interface FormatEntry {
  readonly id: string;
  /** File extension without the dot. */
  readonly extension: string;
  /** HTTP Content-Type, with parameters, as files are written and responses sent. */
  readonly contentType: string;
  /** Accept-header media types that ask for this format (lower case, without parameters); empty: only ?format=. */
  readonly accept: readonly string[];
}

const CSV_TYPE = 'text/csv; charset=utf-8; header=present';

/** The tabular formats: each has a renderer in FORMATS (formats/index.ts). */
export const FORMAT_ENTRIES = {
  csv: { id: 'csv', extension: 'csv', contentType: CSV_TYPE, accept: ['text/csv'] },
  // The Swedish-Excel profile is the same media type; only ?format= asks for it.
  'csv-excel-sv': { id: 'csv-excel-sv', extension: 'csv', contentType: CSV_TYPE, accept: [] },
  ndjson: {
    id: 'ndjson',
    extension: 'ndjson',
    contentType: 'application/x-ndjson',
    accept: ['application/x-ndjson', 'application/ndjson'],
  },
  json: { id: 'json', extension: 'json', contentType: 'application/json', accept: ['application/json'] },
  parquet: {
    id: 'parquet',
    extension: 'parquet',
    contentType: 'application/vnd.apache.parquet',
    accept: ['application/vnd.apache.parquet'],
  },
} as const satisfies Record<string, FormatEntry>;

export type FormatId = keyof typeof FORMAT_ENTRIES;
/** The formats the API renders per request (Parquet is only written by the publisher). */
export type TextFormatId = Exclude<FormatId, 'parquet'>;

/** The DCAT-AP-SE catalogue (catalog.rdf), the one published file that is not a table. */
export const RDF_XML: FormatEntry = {
  id: 'rdf',
  extension: 'rdf',
  contentType: 'application/rdf+xml',
  accept: ['application/rdf+xml'],
};

/** Every format of a published file, first entry first for an extension two formats share (csv). */
export const PUBLISHED_FORMATS: readonly FormatEntry[] = [...Object.values(FORMAT_ENTRIES), RDF_XML];

/** The media type without its parameters: "text/csv; charset=utf-8" → "text/csv". */
export function essence(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

/** The published format of a file by its extension ("units/…/paragraphs.csv" → csv), or undefined. */
export function formatOfPath(path: string): FormatEntry | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const extension = name.slice(dot + 1).toLowerCase();
  return PUBLISHED_FORMATS.find((f) => f.extension === extension);
}

/** Whether an Accept-header media type (lower case, without parameters) asks for this format. */
export function accepts(format: FormatEntry, mediaType: string): boolean {
  return format.accept.includes(mediaType);
}
