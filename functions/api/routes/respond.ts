import type { Context } from 'hono';
import { FORMATS } from '../../core/render/formats/index.ts';
import { renderNdjson } from '../../core/render/formats/ndjson.ts';
import type { Row, TableDef } from '../../core/render/table.ts';
import { NotAcceptableError } from '../errors.ts';
import { conditional, etagFor, type Validators } from '../http/conditional.ts';
import { toReadableStream } from '../http/streams.ts';
import type { ResponseFormat } from '../schema/route.ts';
import type { Snapshot } from '../read-model/read-model.ts';

/**
 * The format of a response: ?format= when given, else the first acceptable of the route's formats in the Accept
 * header, else JSON. An Accept that allows none of them (and no wildcard) is a 406.
 */
export function negotiate(accept: string | undefined, offered: readonly ResponseFormat[], explicit: ResponseFormat | undefined): ResponseFormat {
  if (explicit) return explicit;
  if (!accept) return 'json';
  const wanted = accept.split(',').map((part) => {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return { type: type.trim(), q: q ? Number(q.slice(2)) : 1 };
  }).filter((w) => w.q > 0).sort((a, b) => b.q - a.q);
  for (const w of wanted) {
    if (w.type === 'text/csv' && offered.includes('csv')) return 'csv';
    if ((w.type === 'application/x-ndjson' || w.type === 'application/ndjson') && offered.includes('ndjson')) return 'ndjson';
    if (w.type === 'application/json' || w.type === '*/*' || w.type === 'application/*' || w.type === 'text/html' || w.type.endsWith('+json')) return 'json';
  }
  if (wanted.length === 0) return 'json';
  throw new NotAcceptableError(`this resource is available as ${['application/json', ...offered.map(typeOf)].join(', ')}`);
}

function typeOf(f: ResponseFormat): string {
  return f === 'ndjson' ? 'application/x-ndjson' : f === 'json' ? 'application/json' : 'text/csv';
}

/** Validators for a representation of the current data version: computed before any rendering. */
export function validatorsFor(c: Context, snapshot: Snapshot, cacheControl: string, format: string, lastModified?: string): Validators {
  const url = new URL(c.req.url);
  return {
    etag: etagFor(snapshot.version.tag, url.pathname, url.search, format),
    cacheControl,
    ...(lastModified ?? snapshot.version.publishedAt ? { lastModified: new Date((lastModified ?? snapshot.version.publishedAt)!) } : {}),
  };
}

export function sendJson(c: Context, body: unknown, v: Validators): Response {
  const fresh = conditional(c, v);
  if (fresh) return fresh;
  c.header('Content-Type', 'application/json; charset=utf-8');
  return c.body(JSON.stringify(body));
}

/** A table streamed through the shared renderer (CSV, Excel CSV or NDJSON rows). */
export function sendTable(c: Context, table: TableDef, rows: AsyncIterable<Row>, format: 'csv' | 'csv-excel-sv' | 'ndjson', fileName: string, v: Validators): Response {
  const fresh = conditional(c, v);
  if (fresh) return fresh;
  const renderer = FORMATS[format];
  c.header('Content-Type', renderer.contentType);
  if (format !== 'ndjson') c.header('Content-Disposition', `attachment; filename="${fileName}.csv"`);
  return c.body(toReadableStream(renderer.render(table, rows)));
}

/** Full records as NDJSON (one record per line, as in the published paragraphs.ndjson). */
export function sendNdjson(c: Context, records: AsyncIterable<unknown>, v: Validators): Response {
  const fresh = conditional(c, v);
  if (fresh) return fresh;
  c.header('Content-Type', FORMATS.ndjson.contentType);
  return c.body(toReadableStream(renderNdjson(records)));
}

/** The request URL with some query parameters replaced (or removed with undefined), on the site URL. */
export function urlWith(c: Context, siteUrl: string, changes: Record<string, string | undefined>): string {
  const url = new URL(c.req.url);
  const params = new URLSearchParams(url.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) params.delete(k);
    else params.set(k, v);
  }
  const qs = params.toString();
  return `${siteUrl}${url.pathname}${qs ? `?${qs}` : ''}`;
}
