import type { Context } from 'hono';
import { IMMUTABLE } from '../../published/paths.ts';
import type { Snapshot } from '../read-model/read-model.ts';

/**
 * Validators and caching for GET responses. Every representation depends only on the published data version and the
 * request (path, query, negotiated format), so its ETag is derived from those without rendering the body: a 304
 * costs no rendering at all, and a new publish changes every tag.
 */
export const CACHE = {
  /** Lists and searches: cheap to revalidate, change with each publish. */
  list: 'public, max-age=60, stale-while-revalidate=300',
  /** A single § or meeting: rarely changes once published. */
  resource: 'public, max-age=300, stale-while-revalidate=3600',
  /** The change feed: clients poll it. */
  feed: 'public, max-age=30',
  /** The API description changes only with a deploy. */
  static: 'public, max-age=3600',
  /** Content-addressed published files never change. */
  immutable: IMMUTABLE,
  /** Errors must not be cached as if they were the resource. */
  none: 'no-store',
} as const;

/** FNV-1a, 32 bits, as 8 hex digits. */
export function shortDigest(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A strong ETag for a representation: the data version, and a digest of what was asked for. */
export function etagFor(versionTag: string, ...parts: string[]): string {
  return `"${versionTag}-${shortDigest(parts.join('\u0000'))}"`;
}

/** True when If-None-Match lists `etag` (weak comparison, RFC 9110 §13.1.2) or is "*". */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//u, '');
  return header.split(',').some((t) => t.trim().replace(/^W\//u, '') === bare);
}

/** If-Modified-Since is only consulted when there is no If-None-Match (RFC 9110 §13.1.3). */
function notModifiedSince(header: string | undefined, lastModified: Date | undefined): boolean {
  if (!header || !lastModified) return false;
  const since = Date.parse(header);
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

export interface Validators {
  etag: string;
  lastModified?: Date;
  cacheControl: string;
  /** The data version the representation is of (absent for a stored file's own validators). */
  version?: string;
}

/** The validator headers of a representation, as a plain object. */
export function validatorHeaders(v: Validators): Record<string, string> {
  const h: Record<string, string> = { ETag: v.etag, 'Cache-Control': v.cacheControl };
  if (v.lastModified && !Number.isNaN(v.lastModified.getTime())) h['Last-Modified'] = v.lastModified.toUTCString();
  return h;
}

/** Whether the client's copy (If-None-Match, else If-Modified-Since) is current. */
export function isFresh(c: Context, v: Validators): boolean {
  return isFreshRequest(c.req.raw, v);
}

/** isFresh for a bare request (the response cache answers before the router makes a Context). */
export function isFreshRequest(request: Request, v: Validators): boolean {
  const inm = request.headers.get('If-None-Match');
  return inm !== null
    ? matchesIfNoneMatch(inm, v.etag)
    : notModifiedSince(request.headers.get('If-Modified-Since') ?? undefined, v.lastModified);
}

/** Sets the validator headers; returns a 304 response when the client's copy is current, else null. */
export function conditional(c: Context, v: Validators): Response | null {
  for (const [k, value] of Object.entries(validatorHeaders(v))) c.header(k, value);
  return isFresh(c, v) ? c.body(null, 304) : null;
}

/**
 * The ETag of what this request asks for: data version, origin, path, query and format. The origin is part of it
 * because without a fixed base URL links are built from the request's Host; the response cache is keyed by this tag,
 * so a body built for a forged Host is never sent to anyone else (issue 14).
 */
export function representationTag(c: Context, snapshot: Snapshot, format: string): string {
  const url = new URL(c.req.url);
  return etagFor(snapshot.version.tag, url.origin, url.pathname, url.search, format);
}

/** Validators for a representation of the current data version: computed before any rendering. */
export function validatorsFor(
  c: Context,
  snapshot: Snapshot,
  cacheControl: string,
  format: string,
  lastModified?: string,
): Validators {
  return {
    etag: representationTag(c, snapshot, format),
    cacheControl,
    version: snapshot.version.tag,
    ...((lastModified ?? snapshot.version.publishedAt)
      ? { lastModified: new Date((lastModified ?? snapshot.version.publishedAt)!) }
      : {}),
  };
}
