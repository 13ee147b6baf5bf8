import type { Hono } from 'hono';
import { BadRequestError } from '../errors.ts';
import { readPath, readQuery, siteUrlOf } from '../request/read-request.ts';
import { formatSuffix, type AppDeps, type ResponseFormat, type RouteDef } from '../schema/route.ts';
import { getCase } from './cases.ts';
import { listBodies, listMunicipalities } from './catalog.ts';
import { listChanges } from './changes.ts';
import { downloadPartition, listDatasets } from './datasets.ts';
import { paragraphFeed } from './feed.ts';
import { getMeeting, listMeetings } from './meetings.ts';
import { getParagraph, listParagraphs } from './paragraphs.ts';
import { negotiate } from './respond.ts';
import { cachedResponse } from '../http/response-cache.ts';

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
    // A format's own path first (/v1/paragraphs/{id}.csv), else the plain path's last parameter would take the suffix.
    // Longest suffix first: "-excel-sv.csv" before ".csv", which would also match it.
    const formats = [...(route.formats ?? [])].sort((a, b) => formatSuffix(b).length - formatSuffix(a).length);
    for (const f of formats) register(app, deps, route, f);
    register(app, deps, route, undefined);
  }
}

/** "/v1/paragraphs/{id}" with ".csv" → "/v1/paragraphs/:id{[^/]+\.csv}": the suffix is cut off the parameter again. */
function honoFormatPath(path: string, suffix: string): string {
  const escaped = suffix.replace(/[.]/gu, '\\.');
  const last = /\{(\w+)\}$/u.exec(path);
  if (!last) return honoPath(`${path}${suffix}`);
  const head = path.slice(0, last.index);
  const any = last[1] === 'caseNumber' ? '.+' : '[^/]+';
  return `${honoPath(head)}:${last[1]}{${any}${escaped}}`;
}

function register(app: Hono, deps: AppDeps, route: RouteDef, fixed: ResponseFormat | undefined): void {
  const suffix = fixed ? formatSuffix(fixed) : '';
  app.get(fixed ? honoFormatPath(route.path, suffix) : honoPath(route.path), async (c) => {
    const query = readQuery(c, route.query);
    const path = readPath(c, route.pathParams, suffix);
    const problems = [...path.problems, ...query.problems];
    if (problems.length > 0) throw new BadRequestError(problems.join('; '), problems);
    const explicit = fixed ?? (query.values as { format?: ResponseFormat }).format;
    const format = route.formats ? negotiate(c.req.header('Accept'), route.formats, explicit) : 'json';
    const snapshot = await deps.readModel.snapshot();
    // Usually answered before routing (createApp); a HEAD, or a GET that came while the first version loaded, ends here.
    const cached = cachedResponse(c.req.raw, deps.responses, snapshot.version.tag);
    if (cached) return cached;
    return route.handle({
      c,
      query: query.values,
      params: path.values,
      format,
      snapshot,
      deps,
      siteUrl: siteUrlOf(c, deps.baseUrl),
    });
  });
}
