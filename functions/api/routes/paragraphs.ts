import { publishedParagraphRecord } from '../../core/render/records.ts';
import { paragraphsTable } from '../../core/render/tables/index.ts';
import type { Row } from '../../core/render/table.ts';
import { NotFoundError } from '../errors.ts';
import { CACHE, validatorsFor } from '../http/conditional.ts';
import { fullParagraph, fullParagraphs } from '../read-model/full-records.ts';
import { queryParagraphs } from '../read-model/query.ts';
import type { Snapshot } from '../read-model/read-model.ts';
import type { ParagraphFilter } from '../read-model/types.ts';
import { ref } from '../schema/components.ts';
import { boolParam, stringParam } from '../request/params.ts';
import { defineRoute, formatParam } from '../schema/route.ts';
import * as P from '../request/common-params.ts';
import { definedFields } from '../request/defined-fields.ts';
import { nextPageUrl } from './list-paging.ts';
import { pageAfter } from '../request/cursor.ts';
import { paragraphLinks } from './present.ts';
import { permalinkPrefix } from '../../published/read-model/paragraph-index.ts';
import { trimSlash } from '../../core/render/table.ts';
import { sendJson, sendJsonText, sendNdjson, sendTable } from './respond.ts';

const FORMATS = ['csv', 'csv-excel-sv', 'ndjson'] as const;
const ITEMS_OPEN = Buffer.from('{"items":[');
const COMMA = Buffer.from(',');

export const listParagraphs = defineRoute({
  operationId: 'listParagraphs',
  path: '/v1/paragraphs',
  tag: 'Paragrafer',
  summary: 'Search and filter §',
  description:
    'Published § filtered by municipality, body, date, case number, full text, vote and reservation. JSON is paged ' +
    '(`limit`, `next`); CSV and NDJSON stream every match unless `limit` is given. Full text (`q`) searches title, ' +
    'decision and case numbers, case-insensitively with å, ä and ö as letters of their own and Swedish word forms ' +
    'reduced to their stem (detaljplanen finds detaljplan); the last word also matches as a prefix, and a long word ' +
    'as the first part of a compound.',
  query: {
    meeting: stringParam({ description: 'Only the § of this meeting (its id).', pattern: P.ID, maxLength: 200 }),
    municipality: P.municipality,
    body: P.body,
    from: P.from,
    to: P.to,
    year: P.year,
    caseNumber: stringParam({
      description: 'Case number (diarienummer), e.g. "KS 2023/123"; normalised as the parser does.',
      maxLength: 100,
    }),
    q: stringParam({ description: 'Full-text query.', maxLength: 200, example: 'detaljplan' }),
    hasVote: boolParam({ description: 'Only § with (true) or without (false) a vote.' }),
    hasReservation: boolParam({ description: 'Only § with (true) or without (false) a reservation.' }),
    sort: P.sort,
    limit: P.limit,
    cursor: P.cursor,
    count: P.count,
    format: formatParam(FORMATS),
  },
  pathParams: {},
  formats: FORMATS,
  response: { description: 'A page of §.', schema: ref('ParagraphList') },
  async handle({ c, query, format, snapshot, siteUrl, deps }) {
    const filter: ParagraphFilter = definedFields(query, [
      'meeting',
      'municipality',
      'body',
      'from',
      'to',
      'year',
      'caseNumber',
      'q',
      'hasVote',
      'hasReservation',
    ]);
    const v = validatorsFor(c, snapshot, CACHE.list, format);
    const index = snapshot.index;
    const tag = snapshot.version.tag;
    const after = pageAfter(query.cursor, tag, (k) => index.paragraphIndex(k));
    const sort = query.sort ?? '-date';
    if (format !== 'json') {
      const docs = queryParagraphs(index, filter, {
        sort,
        limit: query.limit ?? Number.MAX_SAFE_INTEGER,
        ...after,
      }).items;
      if (format === 'ndjson') return sendNdjson(c, records(snapshot, docs), v);
      return sendTable(c, paragraphsTable, rows(snapshot, docs), format, 'paragrafer', v);
    }
    const result = queryParagraphs(index, filter, {
      sort,
      limit: query.limit ?? P.DEFAULT_LIMIT,
      ...after,
      total: query.count === true,
    });
    const next = nextPageUrl(c, siteUrl, tag, result, (d) => index.paragraphId(d));
    // Assembled as bytes from the index's stored JSON fragments: nothing is decoded, re-serialised or re-encoded.
    const render = () => {
      const prefix = permalinkPrefix(trimSlash(snapshot.version.baseUrl ?? siteUrl));
      const parts: Uint8Array[] = [ITEMS_OPEN];
      result.items.forEach((d, i) => {
        if (i > 0) parts.push(COMMA);
        index.appendItem(parts, d, prefix);
      });
      parts.push(
        Buffer.from(
          `]${next ? `,"next":${JSON.stringify(next)}` : ''}${result.total !== undefined ? `,"total":${result.total}` : ''}}`,
        ),
      );
      return new Uint8Array(Buffer.concat(parts));
    };
    return sendJsonText(c, render, v, deps.responses);
  },
});

export const getParagraph = defineRoute({
  operationId: 'getParagraph',
  path: '/v1/paragraphs/{id}',
  tag: 'Paragrafer',
  summary: 'One § in full',
  description:
    'The full record of a § exactly as in the published NDJSON (sections, votes with roll, reservations, references, verbatim text), plus links.',
  query: { format: formatParam(FORMATS) },
  pathParams: { id: P.idParam('§', 'alingsas-kommunstyrelsen-2024-02-05-28') },
  formats: FORMATS,
  response: { description: 'The § record.', schema: ref('ParagraphRecord') },
  notFound: true,
  async handle({ c, params, format, snapshot, siteUrl, deps }) {
    const doc = snapshot.index.paragraphIndex(params.id!);
    if (doc < 0) throw new NotFoundError(`no published § with id ${params.id}`);
    const m = snapshot.index.parts.docs.meeting[doc]!;
    const v = validatorsFor(c, snapshot, CACHE.resource, format, snapshot.index.unitOfMeeting(m).modified);
    if (format === 'ndjson') return sendNdjson(c, records(snapshot, [doc]), v);
    if (format !== 'json') return sendTable(c, paragraphsTable, rows(snapshot, [doc]), format, params.id!, v);
    const { meeting, paragraph } = await fullParagraph(snapshot, doc);
    const record = publishedParagraphRecord(meeting, paragraph);
    return sendJson(c, { ...record, links: paragraphLinks(siteUrl, record.id, record.meetingId) }, v, deps.responses);
  },
});

/** Full records as the published files hold them: the meeting file's § with the permalink it was published with. */
async function* records(snapshot: Snapshot, docs: Iterable<number>) {
  for await (const { meeting, paragraph } of fullParagraphs(snapshot, docs))
    yield publishedParagraphRecord(meeting, paragraph);
}

async function* rows(snapshot: Snapshot, docs: Iterable<number>): AsyncIterable<Row> {
  const ctx = { baseUrl: snapshot.version.baseUrl ?? '' };
  for await (const { meeting, paragraph } of fullParagraphs(snapshot, docs))
    yield* paragraphsTable.rows(meeting, [paragraph], ctx);
}
