import { chooseProtocol, classifyDocumentName } from '../../core/harvest/document-kind.ts';
import { dateInName, inRange } from '../../core/harvest/portal-dates.ts';
import type { SiteVisionFolder, SourceDefinition } from '../../core/harvest/source-definition.ts';
import { slugify } from '../../core/records/ids.ts';
import {
  PortalResponseError,
  type DateRange,
  type MeetingDocuments,
  type PortalBody,
  type PortalConnector,
  type PortalDocument,
  type PortalMeeting,
} from '../../ports/portal-connector.ts';
import { fetchDocumentBytes, fetchJson, fetchPage, resolveLink, type ConnectorContext } from './portal-http.ts';

/**
 * SiteVision sites, which are a CMS and not a meetings system: each source configures the folders that hold a body's
 * protocols, either a file-share portlet (`/appresource/4.x/12.y/files?folderId=19.z&svAjaxReqParam=ajax` →
 * `{"files":[{name,id,url}]}`) or a page that renders the folder as links to `/download/18.<node>/<unixms>/<name>`.
 * The date is taken from the file name (YYMMDD, YYYY-MM-DD, "5 februari 2024"); files of one date are one meeting.
 * Traps handled: a protocol and a kallelse with the same file name are told apart by their node id (the document id)
 * and by the folder's configured kind; "Protkoll" and other one-letter typos, §-supplements ("§ 12 tillägg", kept as
 * related) and "-gdpr" variants (preferred: the municipality removed personal data from them) are read from the name.
 * The `<unixms>` path segment is the file's version: SiteVision changes it when a file is replaced.
 */
export class SiteVisionConnector implements PortalConnector {
  readonly system = 'sitevision' as const;
  private readonly folders: SiteVisionFolder[];
  private readonly byMeeting = new Map<string, PortalDocument[]>();
  private readonly inProtocolFolder = new Set<string>();

  constructor(
    private readonly source: SourceDefinition,
    private readonly ctx: ConnectorContext,
  ) {
    this.folders = source.sitevision?.folders ?? [];
  }

  listBodies(): Promise<PortalBody[]> {
    const bodies = new Map<string, PortalBody>();
    for (const folder of this.folders)
      bodies.set(slugify(folder.body), { id: slugify(folder.body), name: folder.body });
    return Promise.resolve([...bodies.values()]);
  }

  async listMeetings(body: PortalBody, range: DateRange): Promise<PortalMeeting[]> {
    const meetings = new Map<string, PortalMeeting>();
    for (const folder of this.folders.filter((f) => slugify(f.body) === body.id)) {
      for (const file of await this.listFolder(folder)) {
        const date = dateInName(file.name);
        if (date === undefined || !inRange(date, range)) continue;
        const key = `${body.id}/${date}`;
        if (!meetings.has(key)) {
          meetings.set(key, { key, body, date, title: `${body.name} ${date}` });
          this.byMeeting.set(key, []);
        }
        const docs = this.byMeeting.get(key)!;
        if (!docs.some((d) => d.id === file.id)) docs.push(file);
        if (folder.kind === 'protocols') this.inProtocolFolder.add(file.id);
      }
    }
    return [...meetings.values()];
  }

  async listDocuments(meeting: PortalMeeting): Promise<MeetingDocuments> {
    if (!this.byMeeting.has(meeting.key))
      await this.listMeetings(meeting.body, { from: meeting.date, to: meeting.date });
    return { documents: [...(this.byMeeting.get(meeting.key) ?? [])] };
  }

  /** In a folder of protocols, a file whose name says nothing ("KF 2024-02-05.pdf") is the protocol. */
  pickProtocol(documents: readonly PortalDocument[]) {
    const named = documents.map((d) =>
      this.inProtocolFolder.has(d.id) && classifyDocumentName(d.name).kind === 'unknown'
        ? { ...d, name: `Protokoll ${d.name}` }
        : d,
    );
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

  private async listFolder(folder: SiteVisionFolder): Promise<PortalDocument[]> {
    if (folder.fileShare !== undefined) {
      const { appresource, folderId } = folder.fileShare;
      const url = `${this.source.baseUrl}${appresource}?folderId=${encodeURIComponent(folderId)}&svAjaxReqParam=ajax`;
      const reply = (await fetchJson(this.ctx.http, { method: 'GET', url })) as { files?: unknown } | null;
      if (!Array.isArray(reply?.files))
        throw new PortalResponseError(url, `${url} gave no "files" list (an old folder that was removed?)`);
      return reply.files.flatMap((f) => {
        const file = f as { name?: unknown; id?: unknown; url?: unknown } | null;
        if (typeof file?.url !== 'string') return [];
        const doc = this.fileDocument(file.url, url, typeof file.name === 'string' ? file.name : '');
        return doc === undefined ? [] : [doc];
      });
    }
    const page = await fetchPage(this.ctx, folder.page!);
    return page.links.flatMap((link) => {
      const doc = this.fileDocument(link.href, page.url, link.text);
      return doc === undefined ? [] : [doc];
    });
  }

  /** A /download/18.<node>/<unixms>/<name> link as a document, or undefined for any other link. */
  private fileDocument(href: string, base: string, text: string): PortalDocument | undefined {
    const url = resolveLink(href, base);
    const m = url === undefined ? null : /\/download\/(18\.[^/]+)\/(?:(\d+)\/)?([^/]+)$/u.exec(url.pathname);
    if (url === undefined || m === null || url.origin !== new URL(this.source.baseUrl).origin) return undefined;
    const fileName = safeDecode(m[3]!);
    const name = text !== '' && text !== fileName ? `${text} – ${fileName}` : fileName;
    return { id: m[1]!, name, url: url.href, ...(m[2] ? { version: m[2] } : {}) };
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
