import { escapeXml } from '../../core/render/xml.ts';
import { CACHE, conditional, validatorsFor } from '../http/conditional.ts';
import { queryParagraphs } from '../read-model/query.ts';
import type { ParagraphFilter } from '../read-model/types.ts';
import { boolParam, stringParam } from '../request/params.ts';
import { defineRoute } from '../schema/route.ts';
import * as P from '../request/common-params.ts';
import { paragraphItem } from './present.ts';

export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';
const ENTRIES = 50;

/**
 * An Atom feed (RFC 4287) of the newest § matching a saved filter, for a journalist's feed reader: "every new § in
 * Alingsås that mentions förskola". Entries are the newest by meeting date; `updated` is when the § was last published.
 */
export const paragraphFeed = defineRoute({
  operationId: 'paragraphFeed',
  path: '/v1/feed.atom',
  tag: 'Paragrafer',
  summary: 'Atom feed for a saved filter',
  description: `The ${ENTRIES} newest § (by meeting date) matching the same filters as /v1/paragraphs, as Atom for feed readers.`,
  query: {
    municipality: P.municipality,
    body: P.body,
    caseNumber: stringParam({ description: 'Case number.', maxLength: 100 }),
    q: stringParam({ description: 'Full-text query.', maxLength: 200, example: 'förskola' }),
    hasVote: boolParam({ description: 'With or without a vote.' }),
    hasReservation: boolParam({ description: 'With or without a reservation.' }),
  },
  pathParams: {},
  otherMediaTypes: ['application/atom+xml'],
  response: { description: 'An Atom feed.', schema: { type: 'string', description: 'Atom XML (RFC 4287).' } },
  async handle({ c, query, snapshot, siteUrl }) {
    const filter: ParagraphFilter = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
    const v = validatorsFor(c, snapshot, CACHE.list, 'atom');
    const fresh = conditional(c, v);
    if (fresh) return fresh;
    const { items } = queryParagraphs(snapshot.index, filter, { sort: '-date', limit: ENTRIES });
    const self = new URL(c.req.url);
    const selfUrl = `${siteUrl}${self.pathname}${self.search}`;
    const updated = snapshot.version.publishedAt ?? new Date(0).toISOString();
    const entries = items.map((doc) => {
      const p = paragraphItem(snapshot, siteUrl, doc);
      const unit = snapshot.index.unitOfMeeting(snapshot.index.parts.docs.meeting[doc]!);
      const title = `${p.municipalityName}, ${p.bodyName} ${p.meetingDate} § ${p.number}: ${p.title}`;
      return [
        '<entry>',
        `<id>${escapeXml(p.permalink)}</id>`,
        `<title>${escapeXml(title)}</title>`,
        `<link rel="alternate" type="text/html" href="${escapeXml(p.permalink)}"/>`,
        `<updated>${escapeXml(unit.modified)}</updated>`,
        `<published>${p.meetingDate}T00:00:00Z</published>`,
        `<author><name>${escapeXml(p.municipalityName)}</name></author>`,
        `<summary>${escapeXml(p.decisionExcerpt || p.title)}</summary>`,
        '</entry>',
      ].join('');
    });
    const xml = [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">',
      `<id>${escapeXml(selfUrl)}</id>`,
      `<title>${escapeXml(feedTitle(filter))}</title>`,
      `<updated>${escapeXml(updated)}</updated>`,
      `<link rel="self" type="application/atom+xml" href="${escapeXml(selfUrl)}"/>`,
      `<link rel="alternate" type="text/html" href="${escapeXml(`${siteUrl}/${self.search}`)}"/>`,
      '<generator>Paragraf</generator>',
      ...entries,
      '</feed>',
      '',
    ].join('\n');
    c.header('Content-Type', ATOM_TYPE);
    return c.body(xml);
  },
});

function feedTitle(f: ParagraphFilter): string {
  const parts = [f.municipality, f.body, f.caseNumber && `ärende ${f.caseNumber}`, f.q && `”${f.q}”`].filter(Boolean);
  return `Paragraf: nya paragrafer${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}
