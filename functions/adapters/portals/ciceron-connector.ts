import { chooseProtocol } from '../../core/harvest/document-kind.ts';
import { dateInName, inRange, noticeDateIn } from '../../core/harvest/portal-dates.ts';
import type { CiceronOptions, SourceDefinition } from '../../core/harvest/source-definition.ts';
import {
  PortalResponseError,
  type DateRange,
  type MeetingDocuments,
  type PortalBody,
  type PortalConnector,
  type PortalDocument,
  type PortalMeeting,
} from '../../ports/portal-connector.ts';
import { CiceronRpc, CiceronRpcError, jsonInside } from './ciceron-rpc.ts';
import { fetchDocumentBytes, type ConnectorContext } from './portal-http.ts';

/** Limits of 100–250 work (PORTALS.md); 100 keeps every reply small. */
const PAGE_SIZE = 100;
const SEPARATOR = '\u001f';

interface Search {
  searchId: number;
  /** object_link → the result's position in this search (positions are all ReadObjectDetails accepts). */
  positions: Map<string, number>;
}

/**
 * Ciceron "sök" / e-diarium. Bodies are the instances of the diaries (ReadDiaries); meetings come from a Search
 * (doctype 1 = möte by default) read page by page with ReadItems; a meeting's documents from ReadObjectDetails. Traps
 * handled: `id` in a result is its *position* in the current search, so meetings are keyed by object_link and each
 * body keeps its own search_id (a new Search under the same id would replace the old one); when the details name
 * another meeting than expected, the search is run again and the position looked up anew. Downloads copy
 * `filename_b64` verbatim, only URL-encoded (a re-encoded name gives an HTML error page or HTTP 500), and never use
 * HEAD (answered 404 here while GET works); the sporadic 502s are retried by the polite client.
 */
export class CiceronConnector implements PortalConnector {
  readonly system = 'ciceron' as const;
  private readonly rpc: CiceronRpc;
  private readonly options: CiceronOptions;
  private readonly searches = new Map<string, Search>();
  private nextSearchId = 1;

  constructor(
    private readonly source: SourceDefinition,
    private readonly ctx: ConnectorContext,
  ) {
    this.rpc = new CiceronRpc(ctx.http, source.baseUrl);
    this.options = source.ciceron ?? { doctype: 1 };
  }

  private get endpoint(): string {
    return `${this.source.baseUrl}/json`;
  }

  async listBodies(): Promise<PortalBody[]> {
    const result = await this.rpc.call('ReadDiaries', {});
    const bodies: PortalBody[] = [];
    for (const diary of diaryList(result)) {
      if (this.options.diary !== undefined && diary.name !== this.options.diary) continue;
      const boards = diary.instances.length > 0 ? diary.instances : [diary.name];
      for (const board of boards) bodies.push({ id: `${diary.name}${SEPARATOR}${board}`, name: board });
    }
    if (bodies.length === 0) throw new PortalResponseError(this.endpoint, 'ReadDiaries listed no diaries');
    return bodies;
  }

  async listMeetings(body: PortalBody, range: DateRange): Promise<PortalMeeting[]> {
    const found = await this.search(body, range);
    return found.filter((m) => inRange(m.date, range));
  }

  async listDocuments(meeting: PortalMeeting): Promise<MeetingDocuments> {
    let details = await this.details(meeting);
    if (details === undefined) {
      await this.search(meeting.body, { from: meeting.date, to: meeting.date });
      details = await this.details(meeting);
    }
    if (details === undefined)
      throw new PortalResponseError(this.endpoint, `the search no longer finds ${meeting.title} (${meeting.key})`);
    const documents = Array.isArray(details['documents']) ? details['documents'] : [];
    const noticeDate = noticeDateIn(flatten(details));
    return {
      documents: documents.map((d) => this.document(d)).filter((d): d is PortalDocument => d !== undefined),
      ...(noticeDate ? { noticeDate } : {}),
    };
  }

  pickProtocol(documents: readonly PortalDocument[]) {
    return chooseProtocol(documents);
  }

  fetchDocument(document: PortalDocument) {
    return fetchDocumentBytes(this.ctx.http, document.url);
  }

  /** Runs the body's search and reads every result; remembers each meeting's position. */
  private async search(body: PortalBody, range: DateRange): Promise<PortalMeeting[]> {
    const [diary, board] = body.id.split(SEPARATOR) as [string, string];
    const searchId = this.searches.get(body.id)?.searchId ?? this.nextSearchId++;
    const param = JSON.stringify({ diary, board, from_date: range.from, to_date: range.to, hasFiles: true });
    const result = await this.rpc.call('Search', {
      search_id: searchId,
      doctype: this.options.doctype,
      text: '',
      param,
    });
    const inner = jsonInside((result as { result?: unknown } | null)?.result, this.endpoint, 'Search result.result');
    const hits = Number(inner['hits']);
    if (!Number.isInteger(hits) || hits < 0) throw new PortalResponseError(this.endpoint, 'Search gave no hit count');
    const positions = new Map<string, number>();
    const meetings: PortalMeeting[] = [];
    for (let offset = 0; offset < hits; offset += PAGE_SIZE) {
      const page = await this.rpc.call('ReadItems', { search_id: searchId, offset, limit: PAGE_SIZE });
      const results = (page as { results?: unknown } | null)?.results;
      if (!Array.isArray(results)) throw new PortalResponseError(this.endpoint, 'ReadItems gave no results list');
      for (const item of results) {
        const meeting = toMeeting(item, body);
        if (meeting === undefined) continue;
        positions.set(meeting.key, Number((item as { id: unknown }).id));
        meetings.push(meeting);
      }
      if (results.length === 0) break;
    }
    this.searches.set(body.id, { searchId, positions });
    return meetings;
  }

  /** The meeting's details, or undefined when its position is unknown, its search is gone, or it names another meeting. */
  private async details(meeting: PortalMeeting): Promise<Record<string, unknown> | undefined> {
    const search = this.searches.get(meeting.body.id);
    const position = search?.positions.get(meeting.key);
    if (search === undefined || position === undefined) return undefined;
    let result: unknown;
    try {
      result = await this.rpc.call('ReadObjectDetails', { search_id: search.searchId, id: position });
    } catch (error) {
      // A new session (the old one expired) knows no earlier search: the caller searches again.
      if (error instanceof CiceronRpcError) return undefined;
      throw error;
    }
    const details = jsonInside((result as { value?: unknown } | null)?.value, this.endpoint, 'ReadObjectDetails value');
    const link = details['object_link'];
    const title = details['title'];
    if (typeof link === 'string' && link !== meeting.key) return undefined;
    if (typeof link !== 'string' && typeof title === 'string' && dateInName(title) !== meeting.date) return undefined;
    return details;
  }

  private document(value: unknown): PortalDocument | undefined {
    if (typeof value !== 'object' || value === null) return undefined;
    const d = value as Record<string, unknown>;
    const id = d['id'];
    const b64 = d['filename_b64'];
    if ((typeof id !== 'string' && typeof id !== 'number') || typeof b64 !== 'string' || b64 === '') return undefined;
    const name = typeof d['name'] === 'string' && d['name'] !== '' ? d['name'] : String(d['filename'] ?? '');
    const portalId = d['dok_id'] ?? id;
    // filename_b64 exactly as given, percent-encoded as a whole ('=' → %3D, '+' → %2B, '/' → %2F): never re-encoded.
    const url = `${this.source.baseUrl}/download/document?filename=${encodeURIComponent(b64)}&id=${encodeURIComponent(String(id))}`;
    return {
      id: String(portalId),
      name,
      url,
      ...(d['size'] !== undefined ? { version: `size ${String(d['size'])}` } : {}),
    };
  }
}

interface Diary {
  name: string;
  instances: string[];
}

/** ReadDiaries: a list of diaries (in `result`, `result.diaries` or `result.results`), each with instances (bodies). */
function diaryList(result: unknown): Diary[] {
  const r = result as { diaries?: unknown; results?: unknown } | null;
  const list = Array.isArray(result)
    ? result
    : Array.isArray(r?.diaries)
      ? r.diaries
      : Array.isArray(r?.results)
        ? r.results
        : [];
  return list.flatMap((entry): Diary[] => {
    if (typeof entry !== 'object' || entry === null) return [];
    const e = entry as Record<string, unknown>;
    const name = [e['name'], e['diary'], e['id']].find((v) => typeof v === 'string' && v !== '') as string | undefined;
    if (name === undefined) return [];
    const raw = Array.isArray(e['instances']) ? e['instances'] : Array.isArray(e['boards']) ? e['boards'] : [];
    const instances = raw
      .map((i) =>
        typeof i === 'string' ? i : typeof i === 'object' && i !== null ? (i as { name?: unknown }).name : undefined,
      )
      .filter((i): i is string => typeof i === 'string' && i !== '');
    return [{ name, instances }];
  });
}

/** A ReadItems result as a meeting, keyed by object_link (stable), dated from object_link or the title. */
function toMeeting(value: unknown, body: PortalBody): PortalMeeting | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const item = value as Record<string, unknown>;
  const link = typeof item['object_link'] === 'string' ? item['object_link'] : undefined;
  const title = typeof item['title'] === 'string' ? item['title'] : '';
  const date = (link ? /[?&]d=(\d{4}-\d{2}-\d{2})/u.exec(link)?.[1] : undefined) ?? dateInName(title);
  if (date === undefined || item['id'] === undefined) return undefined;
  return { key: link ?? `${body.id}${SEPARATOR}${date}`, body, date, title: title || `${body.name} ${date}` };
}

/** Every scalar of the details except the document and agenda lists, as "key: value" lines, for a labelled date. */
function flatten(details: Record<string, unknown>): string {
  const lines: string[] = [];
  const walk = (value: unknown, key: string, depth: number): void => {
    if (depth > 3) return;
    if (typeof value === 'string' || typeof value === 'number') lines.push(`${key}: ${value}`);
    else if (Array.isArray(value)) value.forEach((v) => walk(v, key, depth + 1));
    else if (typeof value === 'object' && value !== null) {
      const o = value as Record<string, unknown>;
      if (typeof o['label'] === 'string' && (typeof o['value'] === 'string' || typeof o['value'] === 'number'))
        lines.push(`${o['label']}: ${o['value']}`);
      else for (const [k, v] of Object.entries(o)) walk(v, k, depth + 1);
    }
  };
  for (const [k, v] of Object.entries(details)) if (k !== 'documents' && k !== 'items') walk(v, k, 0);
  return lines.join('\n');
}
