import type { Context } from 'hono';
import { accepts, essence, FORMAT_ENTRIES } from '../../core/render/formats/media-types.ts';
import { TEXT_FORMATS } from '../../core/render/formats/text-formats.ts';
import { renderNdjson } from '../../core/render/formats/ndjson.ts';
import type { Row, TableDef } from '../../core/render/table.ts';
import { NotAcceptableError } from '../errors.ts';
import { conditional, isFresh, validatorHeaders, type Validators } from '../http/conditional.ts';
import { COMMON_HEADERS, completeResponse, fastResponse } from '../http/fast-response.ts';
import { requestKey, type ResponseCache } from '../http/response-cache.ts';
import { toReadableStream } from '../http/streams.ts';
import type { ResponseFormat } from '../schema/route.ts';

/**
 * The format of a response: ?format= when given, else the first acceptable of the route's formats in the Accept
 * header, else JSON. An Accept that allows none of them (and no wildcard) is a 406.
 */
export function negotiate(
  accept: string | undefined,
  offered: readonly ResponseFormat[],
  explicit: ResponseFormat | undefined,
): ResponseFormat {
  if (explicit) return explicit;
  if (!accept) return 'json';
  const wanted = accept
    .split(',')
    .map((part) => {
      const [type = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { type: type.trim(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((w) => w.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const w of wanted) {
    const format = offered.find((f) => accepts(FORMAT_ENTRIES[f], w.type));
    if (format) return format;
    // JSON is the default: asked for by name, by any wildcard, by a +json type, or by a browser that wants a page.
    if (
      accepts(FORMAT_ENTRIES.json, w.type) ||
      w.type === '*/*' ||
      w.type === 'application/*' ||
      w.type === 'text/html' ||
      w.type.endsWith('+json')
    )
      return 'json';
  }
  if (wanted.length === 0) return 'json';
  const available = ['json' as const, ...offered].map((f) => essence(FORMAT_ENTRIES[f].contentType));
  throw new NotAcceptableError(`this resource is available as ${available.join(', ')}`);
}

const JSON_TYPE = `${FORMAT_ENTRIES.json.contentType}; charset=utf-8`;
const utf8 = new TextEncoder();

/** Sends JSON and keeps the rendered answer for the next request asking for the same (see cachedResponse). */
export function sendJson(c: Context, body: unknown, v: Validators, cache?: ResponseCache): Response {
  return sendJsonText(c, () => JSON.stringify(body), v, cache);
}

/** Like sendJson, for JSON already assembled as text (rendered only when the client's copy is not current). */
export function sendJsonText(
  c: Context,
  render: () => string | Uint8Array<ArrayBuffer>,
  v: Validators,
  cache?: ResponseCache,
): Response {
  const validators = validatorHeaders(v);
  if (isFresh(c, v)) return fastResponse(null, 304, validators);
  const rendered = render();
  const body = typeof rendered === 'string' ? utf8.encode(rendered) : rendered;
  const headers = { ...COMMON_HEADERS, ...validators, 'Content-Type': JSON_TYPE };
  if (v.version !== undefined) cache?.set(requestKey(c.req.raw), { ...v, version: v.version, body, headers });
  return completeResponse(body, 200, headers);
}

/** A table streamed through the shared renderer (CSV, Excel CSV or NDJSON rows). */
export function sendTable(
  c: Context,
  table: TableDef,
  rows: AsyncIterable<Row>,
  format: 'csv' | 'csv-excel-sv' | 'ndjson',
  fileName: string,
  v: Validators,
): Response {
  const fresh = conditional(c, v);
  if (fresh) return fresh;
  const renderer = TEXT_FORMATS[format];
  c.header('Content-Type', renderer.contentType);
  if (format !== 'ndjson') c.header('Content-Disposition', `attachment; filename="${fileName}.csv"`);
  return c.body(toReadableStream(renderer.render(table, rows)));
}

/** Full records as NDJSON (one record per line, as in the published paragraphs.ndjson). */
export function sendNdjson(c: Context, records: AsyncIterable<unknown>, v: Validators): Response {
  const fresh = conditional(c, v);
  if (fresh) return fresh;
  c.header('Content-Type', TEXT_FORMATS.ndjson.contentType);
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
