import type { Context, Hono } from 'hono';
import { BadRequestError } from '../errors.ts';
import { parseParams } from '../schema/params.ts';
import type { AppDeps, ResponseFormat, RouteDef } from '../schema/route.ts';
import { getCase } from './cases.ts';
import { listBodies, listMunicipalities } from './catalog.ts';
import { listChanges } from './changes.ts';
import { downloadPartition, listDatasets } from './datasets.ts';
import { paragraphFeed } from './feed.ts';
import { getMeeting, listMeetings } from './meetings.ts';
import { getParagraph, listParagraphs } from './paragraphs.ts';
import { cachedResponse, negotiate, representationTag } from './respond.ts';

/** Every /v1 operation; the router and the OpenAPI document are generated from this list. */
export const API_ROUTES: readonly RouteDef[] = [
  listParagraphs,
  getParagraph,
  paragraphFeed,
  listMeetings,
  getMeeting,
  getCase,
  listMunicipalities,
  listBodies,
  listChanges,
  listDatasets,
  downloadPartition,
] as unknown as RouteDef[];

/** "/v1/paragraphs/{id}" → "/v1/paragraphs/:id"; a case number may contain "/", so it takes the rest of the path. */
export function honoPath(path: string): string {
  return path.replace(/\{caseNumber\}/gu, ':caseNumber{.+}').replace(/\{(\w+)\}/gu, ':$1');
}

export function siteUrlOf(c: Context, deps: AppDeps): string {
  return (deps.baseUrl ?? new URL(c.req.url).origin).replace(/\/+$/u, '');
}

/**
 * Mounts the routes. Parameters are checked before any data is touched, so a bad request costs no lookup; every
 * problem with the request is reported in one 400.
 */
export function registerApi(app: Hono, deps: AppDeps): void {
  for (const route of API_ROUTES) {
    app.get(honoPath(route.path), async (c) => {
      const query = parseParams(route.query, withoutEmpty(c.req.queries()), 'query');
      const rawPath: Record<string, string[]> = {};
      for (const [k, v] of Object.entries(c.req.param() as Record<string, string>)) rawPath[k] = [v];
      const path = parseParams(route.pathParams, rawPath, 'path');
      const problems = [...path.problems, ...query.problems];
      if (problems.length > 0) throw new BadRequestError(problems.join('; '), problems);
      const explicit = (query.values as { format?: ResponseFormat }).format;
      const format = route.formats ? negotiate(c.req.header('Accept'), route.formats, explicit) : 'json';
      const snapshot = await deps.readModel.snapshot();
      if (format === 'json') {
        const cached = cachedResponse(c, deps.responses, representationTag(c, snapshot, format));
        if (cached) return cached;
      }
      return route.handle({ c, query: query.values, params: path.values, format, snapshot, deps, siteUrl: siteUrlOf(c, deps) });
    });
  }
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
