import { chooseProtocol } from '../../core/harvest/document-kind.ts';
import { attribute } from '../../core/harvest/html.ts';
import { dateInName, inRange } from '../../core/harvest/portal-dates.ts';
import {
  DEFAULT_NETPUBLICATOR_API,
  type NetpublicatorOptions,
  type SourceDefinition,
} from '../../core/harvest/source-definition.ts';
import {
  PortalResponseError,
  type DateRange,
  type MeetingDocuments,
  type PortalBody,
  type PortalConnector,
  type PortalDocument,
  type PortalMeeting,
} from '../../ports/portal-connector.ts';
import { fetchDocumentBytes, fetchJson, fetchPage, type ConnectorContext } from './portal-http.ts';

interface Item {
  id: string;
  text: string;
  type: 'channel' | 'meeting' | 'document' | string;
}

interface Reader {
  reader: string;
  rootId: string;
}

/**
 * Netpublicator (Axiell) public reader. The tree is root → body channel → (year channels →) meeting → documents and
 * per-§ channels; `read?hash=<path>&isr=<bool>` returns one level, where the path is the ids from the root joined by
 * "-" and `isr=true` only at the root; a meeting's text is its date. Documents are fetched with the path of their
 * parent meeting as `hash` (their UUIDs are reachable only this way). Reader and root come from the source, or from a
 * municipal page that embeds np-publicreader.js (its `data-np-config`). The host answers a temporary 403 when asked too
 * often: the composition root gives it a slower pace and lets 403 be retried (adapters/portals/connectors.ts).
 */
export class NetpublicatorConnector implements PortalConnector {
  readonly system = 'netpublicator' as const;
  private readonly options: NetpublicatorOptions;
  private reader: Promise<Reader> | undefined;

  constructor(
    source: SourceDefinition,
    private readonly ctx: ConnectorContext,
  ) {
    this.options = source.netpublicator ?? { apiBase: DEFAULT_NETPUBLICATOR_API };
  }

  async listBodies(): Promise<PortalBody[]> {
    const { rootId } = await this.readerOf();
    const items = await this.read(rootId, true);
    return items.filter((i) => i.type === 'channel').map((i) => ({ id: `${rootId}-${i.id}`, name: i.text }));
  }

  /** Meetings directly under the body, and under its year channels whose year overlaps the range. */
  async listMeetings(body: PortalBody, range: DateRange): Promise<PortalMeeting[]> {
    const meetings: PortalMeeting[] = [];
    const visit = async (path: string, depth: number): Promise<void> => {
      for (const item of await this.read(path, false)) {
        const itemPath = `${path}-${item.id}`;
        if (item.type === 'meeting') {
          const date = dateInName(item.text);
          if (date !== undefined && inRange(date, range))
            meetings.push({ key: itemPath, body, date, title: `${body.name} ${date}` });
        } else if (item.type === 'channel' && depth === 0 && isYearWithin(item.text, range)) {
          await visit(itemPath, depth + 1);
        }
      }
    };
    await visit(body.id, 0);
    return meetings;
  }

  async listDocuments(meeting: PortalMeeting): Promise<MeetingDocuments> {
    const { reader } = await this.readerOf();
    const items = await this.read(meeting.key, false);
    const documents = items
      .filter((i) => i.type === 'document')
      .map((i) => ({
        id: i.id,
        name: i.text,
        url: `${this.options.apiBase}/api/public/${encodeURIComponent(reader)}/document/${encodeURIComponent(i.id)}?hash=${encodeURIComponent(meeting.key)}`,
      }));
    return { documents };
  }

  pickProtocol(documents: readonly PortalDocument[]) {
    return chooseProtocol(documents);
  }

  fetchDocument(document: PortalDocument) {
    return fetchDocumentBytes(this.ctx.http, document.url);
  }

  private async read(path: string, isRoot: boolean): Promise<Item[]> {
    const { reader } = await this.readerOf();
    const url = `${this.options.apiBase}/api/public/${encodeURIComponent(reader)}/read?hash=${encodeURIComponent(path)}&isr=${isRoot}`;
    const reply = (await fetchJson(this.ctx.http, { method: 'GET', url })) as { items?: unknown } | null;
    if (!Array.isArray(reply?.items)) throw new PortalResponseError(url, `${url} gave no "items" list`);
    return reply.items.flatMap((value): Item[] => {
      const v = value as Record<string, unknown> | null;
      if (v === null || typeof v !== 'object') return [];
      const id = v['id'];
      const type = String(v['type'] ?? '');
      // Channel and meeting ids become path segments joined by "-", so they cannot contain one; document ids are UUIDs.
      const pattern = type === 'document' ? /^[\w.~-]{1,100}$/u : /^[\w.~]{1,100}$/u;
      if ((typeof id !== 'string' && typeof id !== 'number') || !pattern.test(String(id))) return [];
      return [{ id: String(id), text: String(v['text'] ?? ''), type }];
    });
  }

  private readerOf(): Promise<Reader> {
    this.reader ??= this.discover();
    return this.reader;
  }

  private async discover(): Promise<Reader> {
    const { reader, rootId, page } = this.options;
    if (reader !== undefined && rootId !== undefined) return { reader, rootId };
    if (page === undefined)
      throw new PortalResponseError(this.options.apiBase, 'no reader and root id, and no page to find them on');
    const { html, url } = await fetchPage(this.ctx, page);
    const config = readerConfig(html);
    if (config === undefined)
      throw new PortalResponseError(url, `${url} embeds no Netpublicator reader (data-np-config)`);
    return config;
  }
}

/** `data-np-config='{"readerName":"r01696490","rootId":"123",…}'` on the embedding element. */
export function readerConfig(html: string): Reader | undefined {
  const at = html.indexOf('data-np-config');
  if (at === -1) return undefined;
  const raw = attribute(html.slice(at, html.indexOf('>', at)), 'data-np-config');
  if (raw === undefined) return undefined;
  try {
    const config = JSON.parse(raw) as { readerName?: unknown; rootId?: unknown };
    const reader = String(config.readerName ?? '');
    const rootId = String(config.rootId ?? '');
    return /^[\w.~-]+$/u.test(reader) && /^[\w.~]+$/u.test(rootId) ? { reader, rootId } : undefined;
  } catch {
    return undefined;
  }
}

function isYearWithin(text: string, range: DateRange): boolean {
  const year = /^\s*((?:19|20|21)\d{2})\s*$/u.exec(text)?.[1];
  return year !== undefined && year >= range.from.slice(0, 4) && year <= range.to.slice(0, 4);
}
