import type { Hono } from 'hono';
import { BadRequestError } from '../errors.ts';
import { representationTag } from '../http/conditional.ts';
import { readPath, readQuery, siteUrlOf } from '../request/read-request.ts';
import type { AppDeps, ResponseFormat, RouteDef } from '../schema/route.ts';
import { getCase } from './cases.ts';
import { listBodies, listMunicipalities } from './catalog.ts';
import { listChanges } from './changes.ts';
import { downloadPartition, listDatasets } from './datasets.ts';
import { paragraphFeed } from './feed.ts';
import { getMeeting, listMeetings } from './meetings.ts';
import { getParagraph, listParagraphs } from './paragraphs.ts';
import { cachedResponse, negotiate } from './respond.ts';

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

/**
 * Mounts the routes. Parameters are checked before any data is touched, so a bad request costs no lookup; every
 * problem with the request is reported in one 400.
 */
export function registerApi(app: Hono, deps: AppDeps): void {
  for (const route of API_ROUTES) {
    app.get(honoPath(route.path), async (c) => {
      const query = readQuery(c, route.query);
      const path = readPath(c, route.pathParams);
      const problems = [...path.problems, ...query.problems];
      if (problems.length > 0) throw new BadRequestError(problems.join('; '), problems);
      const explicit = (query.values as { format?: ResponseFormat }).format;
      const format = route.formats ? negotiate(c.req.header('Accept'), route.formats, explicit) : 'json';
      const snapshot = await deps.readModel.snapshot();
      if (format === 'json') {
        const cached = cachedResponse(c, deps.responses, representationTag(c, snapshot, format));
        if (cached) return cached;
      }
      return route.handle({ c, query: query.values, params: path.values, format, snapshot, deps, siteUrl: siteUrlOf(c, deps.baseUrl) });
    });
  }
}
