import type { Context } from 'hono';
import { FORMAT_ENTRIES, type TextFormatId } from '../../core/render/formats/media-types.ts';
import type { Clock } from '../../ports/clock.ts';
import type { ResponseCache } from '../http/response-cache.ts';
import type { ReadModel, Snapshot } from '../read-model/read-model.ts';
import { enumParam, type JsonSchema, type ParamMap, type ParamValues } from '../request/params.ts';

/** Response formats a route can negotiate (the registry's text formats). JSON is always the default. */
export type ResponseFormat = TextFormatId;

export interface AppDeps {
  readModel: ReadModel;
  clock: Clock;
  /** Rendered JSON bodies by ETag (see http/response-cache.ts). */
  responses: ResponseCache;
  /** The site's public URL; when absent, the request's own origin is used for links. */
  baseUrl?: string;
}

export interface RouteContext<Q extends ParamMap, P extends ParamMap> {
  c: Context;
  query: ParamValues<Q>;
  params: ParamValues<P>;
  format: ResponseFormat;
  snapshot: Snapshot;
  deps: AppDeps;
  /** The site URL for absolute links (no trailing slash). */
  siteUrl: string;
}

/**
 * One API operation, declared once: the path, its parameters (parsed and documented by the same declarations), the
 * formats it speaks and its response schema. The router and the OpenAPI document are both generated from these.
 */
export interface RouteDef<Q extends ParamMap = ParamMap, P extends ParamMap = ParamMap> {
  operationId: string;
  /** OpenAPI form: /v1/paragraphs/{id}. */
  path: string;
  summary: string;
  description: string;
  tag: string;
  query: Q;
  pathParams: P;
  /** Formats besides JSON, negotiated by ?format= or Accept. */
  formats?: readonly ResponseFormat[];
  /** Media types other than JSON that the 200 response may have (e.g. Atom). */
  otherMediaTypes?: readonly string[];
  response: { description: string; schema: JsonSchema };
  /** Whether a 404 is a possible answer (an unknown id). */
  notFound?: boolean;
  handle(ctx: RouteContext<Q, P>): Promise<Response>;
}

export function defineRoute<Q extends ParamMap, P extends ParamMap>(def: RouteDef<Q, P>): RouteDef<Q, P> {
  return def;
}

/** The suffix that asks for a format in the path: `/v1/paragraphs.csv`, `/v1/votes-excel-sv.csv` (as the file names). */
export function formatSuffix(format: ResponseFormat): string {
  return format === 'csv-excel-sv' ? '-excel-sv.csv' : `.${FORMAT_ENTRIES[format].extension}`;
}

/**
 * The path of a route's representation in one format: the suffix after the last segment ("/v1/paragraphs/{id}" →
 * "/v1/paragraphs/{id}.csv"). Each is its own operation in the OpenAPI document, so the JSON operation describes JSON
 * only and a generated client gets JSON types for it, and a string for the CSV and NDJSON operations.
 */
export function formatPath(path: string, format: ResponseFormat): string {
  return `${path}${formatSuffix(format)}`;
}

/** The `format` query parameter of a route that speaks several formats. */
export function formatParam(formats: readonly ResponseFormat[]) {
  return enumParam(['json', ...formats] as const, {
    description:
      'Response format. Also negotiated by the Accept header (text/csv, application/x-ndjson); this parameter wins.',
  });
}
