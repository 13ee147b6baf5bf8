import { essence, PUBLISHED_FORMATS } from '../core/render/formats/media-types.ts';

/**
 * The Content-Type an adapter reports when the writer gave none (and always, for the filesystem adapter, which has
 * nowhere to keep one). Paragraf's own formats come from the format registry (core/render/formats/media-types.ts)
 * as their bare media type, text with its charset: an extension says what kind of file it is, not that it follows
 * Paragraf's profile (a CSV found by its extension may have no header row). Other files Paragraf may hold or serve are
 * listed here; anything else is opaque bytes.
 */
const OTHER: Readonly<Record<string, string>> = {
  jsonld: 'application/ld+json',
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  xml: 'application/xml',
  ttl: 'text/turtle; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/vnd.microsoft.icon',
  zip: 'application/zip',
  gz: 'application/gzip',
};

const BY_EXTENSION: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    [...PUBLISHED_FORMATS].reverse().map((f) => {
      const type = essence(f.contentType);
      return [f.extension, type.startsWith('text/') ? `${type}; charset=utf-8` : type];
    }),
  ),
  ...OTHER,
};

export const DEFAULT_MEDIA_TYPE = 'application/octet-stream';

/** Media type for a key by its last extension, case-insensitive ("Protokoll.PDF" → application/pdf). */
export function mediaTypeByExtension(key: string): string {
  const name = key.slice(key.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return DEFAULT_MEDIA_TYPE;
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? DEFAULT_MEDIA_TYPE;
}
