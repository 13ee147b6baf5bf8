import { NotFoundError } from '../errors.ts';
import { CACHE, validatorsFor } from '../http/conditional.ts';
import { caseTimeline } from '../read-model/case-timeline.ts';
import { ref } from '../schema/components.ts';
import { stringParam } from '../request/params.ts';
import { defineRoute } from '../schema/route.ts';
import * as P from '../request/common-params.ts';
import { paragraphItem } from './present.ts';
import { sendJson } from './respond.ts';

/** What a case number may look like in a URL: printable, no control characters (they never occur in one). */
const CASE_NUMBER = /^[\p{L}\p{N} ./:_-]{1,100}$/u;

export const getCase = defineRoute({
  operationId: 'getCase',
  path: '/v1/cases/{caseNumber}',
  tag: 'Ärenden',
  summary: 'A case’s timeline across bodies',
  description:
    'Every § with this case number (diarienummer), the § they refer to and the § that refer to them, in date order: ' +
    'e.g. arbetsutskott → kommunstyrelse → kommunfullmäktige. Case numbers are per municipality; give `municipality` ' +
    'when a number occurs in several. URL-encode the number ("KS 2023/123" → KS%202023%2F123).',
  query: { municipality: P.municipality },
  pathParams: {
    caseNumber: stringParam({
      description: 'The case number, as printed or normalised.',
      pattern: CASE_NUMBER,
      maxLength: 100,
      required: true,
      example: '2023.563 KS',
    }),
  },
  response: { description: 'The timeline.', schema: ref('CaseTimeline') },
  notFound: true,
  async handle({ c, params, query, snapshot, siteUrl, deps }) {
    const v = validatorsFor(c, snapshot, CACHE.resource, 'json');
    const timeline = await caseTimeline(snapshot, params.caseNumber!, query.municipality);
    if (!timeline) throw new NotFoundError(`no published § has case number ${params.caseNumber}`);
    return sendJson(
      c,
      {
        caseNumber: timeline.caseNumber,
        municipalities: timeline.municipalities,
        items: timeline.entries.map((e) => ({ paragraph: paragraphItem(snapshot, siteUrl, e.doc), via: e.via })),
        unresolved: timeline.unresolved,
      },
      v,
      deps.responses,
    );
  },
});
