import { CACHE, validatorsFor } from '../http/conditional.ts';
import type { ChangesSince } from '../read-model/read-model.ts';
import { ref } from '../schema/components.ts';
import { intParam, type Param } from '../request/params.ts';
import { defineRoute, formatParam } from '../schema/route.ts';
import { sendJson, sendNdjson, urlWith } from './respond.ts';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/u;

/** `since`: a sequence number (events after it) or an ISO date/time (events at or after it). */
const since: Param<ChangesSince> = {
  schema: {
    anyOf: [
      { type: 'integer', minimum: 0 },
      { type: 'string', format: 'date-time' },
      { type: 'string', format: 'date' },
    ],
  },
  description:
    'A sequence number (events after it: what a syncing client remembers) or an ISO 8601 date or time (events at or after it). Default 0: from the start.',
  required: false,
  example: '2026-01-01T00:00:00Z',
  parse(raw) {
    if (/^\d{1,15}$/u.test(raw)) return { value: { seq: Number(raw) } };
    if (ISO_TIME.test(raw) && !Number.isNaN(Date.parse(raw))) return { value: { time: raw } };
    return { error: 'must be a sequence number or an ISO 8601 date/time such as 2026-01-01T00:00:00Z' };
  },
};

export const listChanges = defineRoute({
  operationId: 'listChanges',
  path: '/v1/changes',
  tag: 'Ändringar',
  summary: 'What changed since T (change feed)',
  description:
    'Every added, changed or withdrawn § in publish order. Withdrawn § are tombstones: their id and why, never their ' +
    'text. Sync by remembering the last `seq` and asking `since=<seq>`; follow `next` until it is absent.',
  query: {
    since,
    limit: intParam({ description: 'Events per page (default 1000).', minimum: 1, maximum: 10000, default: 1000 }),
    format: formatParam(['ndjson']),
  },
  pathParams: {},
  formats: ['ndjson'],
  response: { description: 'Events, oldest first.', schema: ref('ChangeList') },
  async handle({ c, query, format, snapshot, siteUrl, deps }) {
    const v = validatorsFor(c, snapshot, CACHE.feed, format);
    const limit = query.limit ?? 1000;
    const events = await snapshot.changes(query.since ?? { seq: 0 }, limit);
    if (format === 'ndjson')
      return sendNdjson(
        c,
        (async function* () {
          yield* events;
        })(),
        v,
      );
    const last = events[events.length - 1];
    const more = last !== undefined && events.length === limit && last.seq < snapshot.version.lastSeq;
    return sendJson(
      c,
      {
        items: events,
        ...(more ? { next: urlWith(c, siteUrl, { since: String(last.seq) }) } : {}),
        lastSeq: snapshot.version.lastSeq,
      },
      v,
      deps.responses,
    );
  },
});
