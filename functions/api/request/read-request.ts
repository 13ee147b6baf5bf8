import type { Context } from 'hono';
import { type ParamMap, type ParamValues, parseParams } from './params.ts';

/**
 * Reading a request's parameters, the same way for the JSON API and the pages: every parameter is checked by its
 * declaration (params.ts) before any data is touched, and every problem is reported at once. The API answers
 * problems with one 400 (problem+json); a page explains them in Swedish or answers 404.
 */
export interface ReadParams<P extends ParamMap> {
  values: ParamValues<P>;
  /** One line per invalid parameter ("limit: must be between 1 and 200"); empty when all are valid. */
  problems: string[];
}

/** The query string, checked against its declarations. An empty field (a filter left blank in a form) is not given. */
export function readQuery<P extends ParamMap>(c: Context, params: P): ReadParams<P> {
  return parseParams(params, withoutEmpty(c.req.queries()), 'query');
}

/** The path parameters of the matched route, checked against their declarations. */
export function readPath<P extends ParamMap>(c: Context, params: P, suffix = ''): ReadParams<P> {
  const raw: Record<string, string[]> = {};
  const entries = Object.entries(c.req.param() as Record<string, string>);
  for (const [i, [k, v]] of entries.entries()) {
    // A format's path (/v1/paragraphs/{id}.csv) matched the suffix as part of the last parameter.
    raw[k] = [suffix && i === entries.length - 1 && v.endsWith(suffix) ? v.slice(0, -suffix.length) : v];
  }
  return parseParams(params, raw, 'path');
}

/** The site URL for absolute links: the configured public URL, else the request's own origin; no trailing slash. */
export function siteUrlOf(c: Context, baseUrl: string | undefined): string {
  return (baseUrl ?? new URL(c.req.url).origin).replace(/\/+$/u, '');
}

/** An empty field (as an HTML form sends for a filter left blank) means the filter is not given. */
export function withoutEmpty(raw: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, list] of Object.entries(raw ?? {})) {
    const values = list.filter((v) => v !== '');
    if (values.length > 0) out[k] = values;
  }
  return out;
}
