import { chooseProtocol } from '../../core/harvest/document-kind.ts';
import { htmlText, type HtmlLink } from '../../core/harvest/html.ts';
import { dateInName, inRange, noticeDateIn } from '../../core/harvest/portal-dates.ts';
import type { SourceDefinition } from '../../core/harvest/source-definition.ts';
import {
  PortalResponseError,
  type DateRange,
  type MeetingDocuments,
  type PortalBody,
  type PortalConnector,
  type PortalDocument,
  type PortalMeeting,
} from '../../ports/portal-connector.ts';
import { fetchDocumentBytes, fetchPage, resolveLink, type ConnectorContext, type Page } from './portal-http.ts';

/**
 * Formpipe Meetings+ ("sammanträdesportal"), read through its server-rendered HTML, the route every site has (the JSON
 * API exists only on some, and committee ids are not discoverable). `/committees` lists bodies; `/committees/<slug>`
 * lists meetings, past ones under a "Tidigare" tab in the same page, with links in three styles (mote-YYYY-MM-DD,
 * <slug>-YYYY-MM-DD, <slug>-<opaque id> whose date is in the link text); the meeting page links the protocol under
 * `/protocol/<filename>pdf[-NNNNN]?downloadMode=open`. Traps handled: before justering the protocol link is
 * `javascript:void(0);` (reported as not yet published), cancelled meetings say "inställt", and wrong or truncated
 * URLs answer the soft 404 "Sidan saknas" with status 200 (fetchPage and fetchDocumentBytes refuse it). The numeric
 * suffix is the document's version: a corrected protocol keeps the name and gets a new suffix.
 */
export class MeetingsPlusConnector implements PortalConnector {
  readonly system = 'meetings-plus' as const;

  constructor(
    private readonly source: SourceDefinition,
    private readonly ctx: ConnectorContext,
  ) {}

  async listBodies(): Promise<PortalBody[]> {
    const page = await fetchPage(this.ctx, `${this.source.baseUrl}/committees`);
    if (!/meetingsplus/iu.test(page.html))
      throw new PortalResponseError(
        page.url,
        `${page.url} does not look like a Meetings+ portal (no "meetingsPlus" in the page)`,
      );
    const bodies = new Map<string, PortalBody>();
    for (const link of page.links) {
      const url = this.sameOrigin(link.href, page.url);
      const slug = url === undefined ? undefined : /^\/committees\/([^/]+)\/?$/u.exec(url.pathname)?.[1];
      if (slug !== undefined && link.text !== '' && !bodies.has(slug))
        bodies.set(slug, { id: decodeURIComponent(slug), name: link.text });
    }
    return [...bodies.values()];
  }

  async listMeetings(body: PortalBody, range: DateRange): Promise<PortalMeeting[]> {
    const page = await fetchPage(this.ctx, `${this.source.baseUrl}/committees/${encodeURIComponent(body.id)}`);
    const prefix = `/committees/${encodeURIComponent(body.id)}/`;
    const meetings = new Map<string, PortalMeeting>();
    for (const link of page.links) {
      const url = this.sameOrigin(link.href, page.url);
      if (url === undefined || !url.pathname.startsWith(prefix)) continue;
      const segment = url.pathname.slice(prefix.length).replace(/\/$/u, '');
      if (segment === '' || segment.includes('/') || meetings.has(segment)) continue;
      const date = meetingDate(segment, link, page);
      if (date === undefined || !inRange(date, range)) continue;
      meetings.set(segment, { key: url.pathname, body, date, title: `${body.name} ${date}`, url: url.href });
    }
    return [...meetings.values()];
  }

  async listDocuments(meeting: PortalMeeting): Promise<MeetingDocuments> {
    const page = await fetchPage(this.ctx, meeting.url ?? `${this.source.baseUrl}${meeting.key}`);
    const documents: PortalDocument[] = [];
    let pending = false;
    for (const link of page.links) {
      if (/^\s*javascript:/iu.test(link.href) && /protokoll/iu.test(`${link.text} ${link.className}`)) pending = true;
      const url = this.sameOrigin(link.href, page.url);
      if (url === undefined || !url.pathname.includes('/protocol/')) continue;
      const file = decodeURIComponent(url.pathname.slice(url.pathname.lastIndexOf('/') + 1));
      const suffix = /pdf-(\d+)$/u.exec(file)?.[1];
      const id = suffix === undefined ? url.pathname : url.pathname.slice(0, -(suffix.length + 1));
      if (documents.some((d) => d.id === id)) continue;
      documents.push({
        id,
        name: documentName(link.text, file),
        url: url.href,
        ...(suffix ? { version: suffix } : {}),
      });
    }
    const text = htmlText(page.html);
    const noticeDate = noticeDateIn(text);
    const note =
      documents.length > 0
        ? undefined
        : /\binställ(?:t|d)\b/iu.test(text)
          ? 'cancelled'
          : pending
            ? 'not-yet-published'
            : undefined;
    return { documents, ...(note ? { note } : {}), ...(noticeDate ? { noticeDate } : {}) };
  }

  /** Every link under /protocol/ is a protocol by construction; its name only tells a partial from the whole. */
  pickProtocol(documents: readonly PortalDocument[]) {
    const named = documents.map((d) => ({
      ...d,
      name: /prot\w*k\w*ll|protocol/iu.test(d.name) ? d.name : `Protokoll ${d.name}`,
    }));
    const choice = chooseProtocol(named);
    const original = (d: PortalDocument): PortalDocument => documents.find((x) => x.id === d.id) ?? d;
    return {
      protocol: choice.protocol === null ? null : original(choice.protocol),
      related: choice.related.map(original),
    };
  }

  fetchDocument(document: PortalDocument) {
    return fetchDocumentBytes(this.ctx.http, document.url);
  }

  private sameOrigin(href: string, base: string): URL | undefined {
    const url = resolveLink(href, base);
    return url !== undefined && url.origin === new URL(this.source.baseUrl).origin ? url : undefined;
  }
}

/** The date in the link's path, else in its text, else in the list item or table row that holds the link. */
function meetingDate(segment: string, link: HtmlLink, page: Page): string | undefined {
  const fromPath = /(\d{4}-\d{2}-\d{2})$/u.exec(segment)?.[1];
  if (fromPath !== undefined) return dateInName(fromPath);
  return dateInName(link.text) ?? dateInName(enclosingItem(page.html, link.offset));
}

/** The text of the `<li>`, `<tr>` or `<article>` around `offset` (at most 2000 characters either side), or "". */
function enclosingItem(html: string, offset: number): string {
  const lower = html.slice(Math.max(0, offset - 2000), offset + 2000).toLowerCase();
  const at = Math.min(offset, 2000);
  const start = Math.max(lower.lastIndexOf('<li', at), lower.lastIndexOf('<tr', at), lower.lastIndexOf('<article', at));
  if (start === -1) return '';
  const ends = ['</li', '</tr', '</article'].map((tag) => lower.indexOf(tag, at)).filter((i) => i !== -1);
  const end = ends.length > 0 ? Math.min(...ends) : lower.length;
  return htmlText(html.slice(Math.max(0, offset - 2000) + start, Math.max(0, offset - 2000) + end));
}

/** "Öppna protokoll" says nothing: the file name does ("protokoll-ks-2024-02-05pdf-123" → "protokoll-ks-2024-02-05"). */
function documentName(text: string, file: string): string {
  const fromFile = file
    .replace(/pdf(?:-\d+)?$/u, '')
    .replace(/_+/gu, ' ')
    .trim();
  return /^(?:öppna|visa|ladda ner)\b/iu.test(text) || text === '' ? fromFile : text;
}
