/**
 * The Content-Type an adapter reports when the writer gave none (and always, for the filesystem adapter, which has
 * nowhere to keep one). Covers what Paragraf stores and serves; anything else is opaque bytes.
 */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  json: 'application/json',
  jsonld: 'application/ld+json',
  ndjson: 'application/x-ndjson',
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  xml: 'application/xml',
  rdf: 'application/rdf+xml',
  ttl: 'text/turtle; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/vnd.microsoft.icon',
  zip: 'application/zip',
  gz: 'application/gzip',
};

export const DEFAULT_MEDIA_TYPE = 'application/octet-stream';

/** Media type for a key by its last extension, case-insensitive ("Protokoll.PDF" → application/pdf). */
export function mediaTypeByExtension(key: string): string {
  const name = key.slice(key.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return DEFAULT_MEDIA_TYPE;
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? DEFAULT_MEDIA_TYPE;
}
