import type { Row } from '../../core/render/table.ts';
import { meetingsTable } from '../../core/render/tables/index.ts';
import { NotFoundError } from '../errors.ts';
import { CACHE, conditional, validatorsFor } from '../http/conditional.ts';
import { MissingRecordError } from '../read-model/full-records.ts';
import { queryMeetings } from '../read-model/query.ts';
import type { Snapshot } from '../read-model/read-model.ts';
import type { MeetingFilter } from '../read-model/types.ts';
import { ref } from '../schema/components.ts';
import { defineRoute, formatParam } from '../schema/route.ts';
import * as P from '../request/common-params.ts';
import { definedFields } from '../request/defined-fields.ts';
import { nextPageUrl } from './list-paging.ts';
import { pageAfter } from '../request/cursor.ts';
import { meetingItem } from './present.ts';
import { sendJson, sendTable } from './respond.ts';

const FORMATS = ['csv', 'csv-excel-sv', 'ndjson'] as const;

export const listMeetings = defineRoute({
  operationId: 'listMeetings',
  path: '/v1/meetings',
  tag: 'Sammanträden',
  summary: 'Meetings',
  description:
    'Meetings (one protocol each) filtered by municipality, body and date, newest first by default. CSV and NDJSON are rows of the published meetings table.',
  query: {
    municipality: P.municipality,
    body: P.body,
    from: P.from,
    to: P.to,
    year: P.year,
    sort: P.sort,
    limit: P.limit,
    cursor: P.cursor,
    count: P.count,
    format: formatParam(FORMATS),
  },
  pathParams: {},
  formats: FORMATS,
  response: { description: 'A page of meetings.', schema: ref('MeetingList') },
  async handle({ c, query, format, snapshot, siteUrl, deps }) {
    const filter: MeetingFilter = definedFields(query, ['municipality', 'body', 'from', 'to', 'year']);
    const index = snapshot.index;
    const v = validatorsFor(c, snapshot, CACHE.list, format);
    const tag = snapshot.version.tag;
    const streamed = format !== 'json';
    const result = queryMeetings(index, filter, {
      sort: query.sort ?? '-date',
      limit: query.limit ?? (streamed ? Number.MAX_SAFE_INTEGER : P.DEFAULT_LIMIT),
      ...pageAfter(query.cursor, tag, (k) => index.meetingIndex(k)),
      total: !streamed && query.count === true,
    });
    if (streamed) return sendTable(c, meetingsTable, meetingRows(snapshot, result.items), format, 'sammantraden', v);
    const next = nextPageUrl(c, siteUrl, tag, result, (m) => index.parts.meetings.ids[m]!);
    return sendJson(
      c,
      {
        items: result.items.map((m) => meetingItem(index, siteUrl, m)),
        ...(next ? { next } : {}),
        ...(result.total !== undefined ? { total: result.total } : {}),
      },
      v,
      deps.responses,
    );
  },
});

export const getMeeting = defineRoute({
  operationId: 'getMeeting',
  path: '/v1/meetings/{id}',
  tag: 'Sammanträden',
  summary: 'One meeting with its §',
  description:
    'The published meeting file: the meeting (attendance, justering, notice, source) and its published § in full. For its § as CSV use /v1/paragraphs?meeting={id}&format=csv.',
  query: {},
  pathParams: { id: P.idParam('meeting', 'alingsas-kommunstyrelsen-2024-02-05') },
  response: { description: 'The meeting file.', schema: ref('MeetingDocument') },
  notFound: true,
  async handle({ c, params, snapshot, siteUrl, deps }) {
    const m = snapshot.index.meetingIndex(params.id!);
    if (m < 0) throw new NotFoundError(`no published meeting with id ${params.id}`);
    const v = validatorsFor(c, snapshot, CACHE.resource, 'json', snapshot.index.unitOfMeeting(m).modified);
    const fresh = conditional(c, v);
    if (fresh) return fresh;
    const doc = await snapshot.meetingDocument(m);
    if (!doc) throw new MissingRecordError(`the published file of meeting ${params.id} is missing`);
    const links = {
      self: `${siteUrl}/v1/meetings/${params.id}`,
      html: `${siteUrl}/m/${params.id}`,
      paragraphsCsv: `${siteUrl}/v1/paragraphs?meeting=${params.id}&format=csv`,
    };
    return sendJson(c, { ...doc, links }, v, deps.responses);
  },
});

async function* meetingRows(snapshot: Snapshot, meetings: number[]): AsyncIterable<Row> {
  const ctx = { baseUrl: snapshot.version.baseUrl ?? '' };
  for (const m of meetings) {
    const doc = await snapshot.meetingDocument(m);
    if (!doc)
      throw new MissingRecordError(`the published file of meeting ${snapshot.index.parts.meetings.ids[m]} is missing`);
    yield* meetingsTable.rows(doc.meeting, doc.paragraphs, ctx);
  }
}
