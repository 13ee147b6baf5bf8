import type { Context, Hono } from 'hono';
import { NotFoundError } from '../errors.ts';
import { CACHE, conditional, validatorsFor } from '../http/conditional.ts';
import { caseTimeline } from '../read-model/case-timeline.ts';
import { fullParagraph, MissingRecordError } from '../read-model/full-records.ts';
import type { Snapshot } from '../read-model/read-model.ts';
import * as P from '../request/common-params.ts';
import { pageAfter } from '../request/cursor.ts';
import { readQuery, siteUrlOf } from '../request/read-request.ts';
import { boolParam, stringParam } from '../request/params.ts';
import type { AppDeps } from '../schema/route.ts';
import { casePage } from './case-page.ts';
import { homePage } from './home.ts';
import { meetingPage } from './meeting-page.ts';
import { paragraphPage } from './paragraph-page.ts';

const HOME_PARAMS = {
  q: stringParam({ description: 'Sökord', maxLength: 200 }),
  municipality: P.municipality,
  body: P.body,
  year: P.year,
  hasVote: boolParam({ description: 'Med votering' }),
  hasReservation: boolParam({ description: 'Med reservation' }),
  cursor: P.cursor,
};
const CASE_NUMBER = /^[\p{L}\p{N} ./:_-]{1,100}$/u;

/** Server-rendered pages in Swedish: `/`, `/p/{id}`, `/m/{id}`, `/c/{caseNumber}`. No JavaScript anywhere. */
export function registerPages(app: Hono, deps: AppDeps): void {
  app.get('/', async (c) => {
    const { values, problems } = readQuery(c, HOME_PARAMS);
    const snapshot = await deps.readModel.snapshot();
    let after: { after?: number } = {};
    if (values.cursor) {
      try {
        after = pageAfter(values.cursor, snapshot.version.tag, (k) => snapshot.index.paragraphIndex(k));
      } catch {
        problems.push('cursor: the link to the next page is not valid; start the search again');
      }
    }
    const listing = await snapshot.datasets(siteUrlOf(c, deps.baseUrl));
    if (problems.length > 0) {
      c.header('Cache-Control', CACHE.none);
      return c.html(homePage(snapshot, {}, listing, problems), 400);
    }
    const fresh = validate(c, snapshot, CACHE.list);
    if (fresh) return fresh;
    const { cursor: _cursor, ...query } = values;
    return c.html(homePage(snapshot, { ...query, ...after }, listing));
  });

  app.get('/p/:id', async (c) => {
    const id = checkedId(c.req.param('id'));
    const snapshot = await deps.readModel.snapshot();
    const doc = snapshot.index.paragraphIndex(id);
    if (doc < 0) throw new NotFoundError(`no published § with id ${id}`);
    const fresh = validate(c, snapshot, CACHE.resource);
    if (fresh) return fresh;
    return c.html(paragraphPage(snapshot, doc, await fullParagraph(snapshot, doc)));
  });

  app.get('/m/:id', async (c) => {
    const id = checkedId(c.req.param('id'));
    const snapshot = await deps.readModel.snapshot();
    const m = snapshot.index.meetingIndex(id);
    if (m < 0) throw new NotFoundError(`no published meeting with id ${id}`);
    const fresh = validate(c, snapshot, CACHE.resource);
    if (fresh) return fresh;
    const doc = await snapshot.meetingDocument(m);
    if (!doc) throw new MissingRecordError(`the published file of meeting ${id} is missing`);
    return c.html(meetingPage(snapshot, m, doc));
  });

  app.get('/c/:caseNumber{.+}', async (c) => {
    const caseNumber = c.req.param('caseNumber');
    const { values, problems } = readQuery(c, { municipality: P.municipality });
    if (!CASE_NUMBER.test(caseNumber) || problems.length > 0) throw new NotFoundError('no such case');
    const snapshot = await deps.readModel.snapshot();
    const fresh = validate(c, snapshot, CACHE.resource);
    if (fresh) return fresh;
    const timeline = await caseTimeline(snapshot, caseNumber, values.municipality);
    if (!timeline) throw new NotFoundError(`no published § has case number ${caseNumber}`);
    return c.html(casePage(snapshot, timeline, values.municipality));
  });
}

/** An id that is not [a-z0-9-] cannot exist, so it is a 404 before anything is looked up. */
function checkedId(id: string): string {
  if (id.length > 200 || !P.ID.test(id)) throw new NotFoundError('no such page');
  return id;
}

/** A 304 when the browser's copy of this page is current (the same validators as the API's, for format html). */
function validate(c: Context, snapshot: Snapshot, cacheControl: string): Response | null {
  return conditional(c, validatorsFor(c, snapshot, cacheControl, 'html'));
}
