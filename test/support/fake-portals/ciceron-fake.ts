/**
 * A fake Ciceron "sök" on loopback, replaying the request shapes and traps of PORTALS.md:
 *  - every call is POST /json with the JSON-RPC envelope and `session_id` at the top level; CiceronsokServer:Test
 *    opens a session, every reply echoes it and sets the cookie cicsoksid; a call without a known session is an error;
 *  - ReadDiaries → diaries with their instances (bodies); kommunfullmäktige is an instance inside the KS diary;
 *  - Search takes `param` as a JSON *string* and answers `result.result` = the JSON string {"hits":N}; a new Search
 *    under the same search_id replaces the old one (results are kept per session and search_id);
 *  - ReadItems answers `id` = the result's position; limits above 250 are refused;
 *  - ReadObjectDetails answers `value` as a JSON string with documents[] (name, id, dok_id, filename, filename_b64,
 *    size, type) and items[];
 *  - GET /download/document?filename=<filename_b64>&id=<id>: the name must be filename_b64 exactly (the server encodes
 *    å/ä/ö/§ in Latin-1; a re-encoded name gets an HTML error page with HTTP 500) and '=' must arrive URL-encoded;
 *    HEAD answers 404 while GET works; the first GET of each document answers 502 when `flaky` is set.
 * ReadDiaries' field names and the details' "anslagsdatum" are this fake's assumptions (the facts sheet does not give
 * them); the connector reads them tolerantly.
 */
import {
  html,
  json,
  notFound,
  pdf,
  robotsResponse,
  startLoopbackServer,
  type FakeResponse,
  type FakeServer,
  type RecordedRequest,
} from './loopback-server.ts';

export interface CiceronFakeDocument {
  name: string;
  /** The file name as stored, with å/ä/ö/§: its Latin-1 bytes are what filename_b64 encodes. */
  filename: string;
  bytes: Uint8Array;
}

export interface CiceronFakeMeeting {
  diary: string;
  board: string;
  date: string;
  documents: CiceronFakeDocument[];
  /** Extra fields in the details value (e.g. { anslagsdatum: '2024-02-14' }). */
  details?: Record<string, unknown>;
}

export interface CiceronFakeOptions {
  diaries: Array<{ name: string; instances: string[] }>;
  meetings: CiceronFakeMeeting[];
  robots?: string | null;
  /** The first GET of each document answers 502 Bad Gateway. */
  flaky?: boolean;
}

export interface CiceronFake extends FakeServer {
  /** Successful document downloads so far. */
  downloads(): number;
  /** Forget every session (as a server restart or session timeout does). */
  expireSessions(): void;
  meetings: CiceronFakeMeeting[];
}

interface IssuedDocument {
  id: number;
  b64: string;
  bytes: Uint8Array;
}

export function latin1Base64(name: string): string {
  return Buffer.from(name, 'latin1').toString('base64');
}

export async function startFakeCiceron(options: CiceronFakeOptions): Promise<CiceronFake> {
  const sessions = new Map<string, Map<number, CiceronFakeMeeting[]>>();
  const issued = new Map<number, IssuedDocument>();
  const failedOnce = new Set<number>();
  const docIds = new Map<CiceronFakeDocument, number>();
  let downloads = 0;
  let nextSession = 1;
  const idOf = (doc: CiceronFakeDocument): number => {
    if (!docIds.has(doc)) docIds.set(doc, 1000 + docIds.size);
    return docIds.get(doc)!;
  };

  const rpc = (request: RecordedRequest): FakeResponse => {
    let envelope: { method?: string; params?: Record<string, unknown>; session_id?: string };
    try {
      envelope = JSON.parse(request.body) as typeof envelope;
    } catch {
      return { status: 400, body: 'bad json' };
    }
    const method = envelope.method?.replace(/^CiceronsokServer:/u, '');
    if (method === 'Test') {
      const sid = `sid${nextSession++}`;
      sessions.set(sid, new Map());
      return json(
        { jsonrpc: '2.0', result: { ok: true }, session_id: sid },
        { 'set-cookie': `cicsoksid=${sid}; Path=/` },
      );
    }
    const sid = envelope.session_id;
    const searches = sid === undefined ? undefined : sessions.get(sid);
    if (searches === undefined || !request.headers['cookie']?.includes(`cicsoksid=${sid}`)) {
      return json({ jsonrpc: '2.0', error: { code: 401, message: 'Ingen session' }, session_id: null });
    }
    const reply = (result: unknown): FakeResponse => json({ jsonrpc: '2.0', result, session_id: sid });
    const params = envelope.params ?? {};
    if (method === 'ReadDiaries')
      return reply(options.diaries.map((d) => ({ name: d.name, instances: d.instances.map((name) => ({ name })) })));
    if (method === 'Search') {
      if (typeof params['param'] !== 'string')
        return json({ jsonrpc: '2.0', error: { message: 'param must be a string' }, session_id: sid });
      const p = JSON.parse(params['param']) as { diary?: string; board?: string; from_date?: string; to_date?: string };
      const hits = options.meetings
        .filter((m) => (!p.diary || m.diary === p.diary) && (!p.board || m.board === p.board))
        .filter((m) => (!p.from_date || m.date >= p.from_date) && (!p.to_date || m.date <= p.to_date))
        .sort((a, b) => b.date.localeCompare(a.date));
      searches.set(Number(params['search_id']), hits);
      return reply({ result: JSON.stringify({ hits: hits.length }) });
    }
    const hits = searches.get(Number(params['search_id']));
    if (hits === undefined) return json({ jsonrpc: '2.0', error: { message: 'okänd sökning' }, session_id: sid });
    if (method === 'ReadItems') {
      const offset = Number(params['offset'] ?? 0);
      const limit = Number(params['limit'] ?? 10);
      if (limit > 250) return json({ jsonrpc: '2.0', error: { message: 'limit too large' }, session_id: sid });
      return reply({
        results: hits
          .slice(offset, offset + limit)
          .map((m, i) => ({ id: offset + i, type: 'Möte', title: `${m.board} ${m.date}`, object_link: objectLink(m) })),
      });
    }
    if (method === 'ReadObjectDetails') {
      const meeting = hits[Number(params['id'])];
      if (meeting === undefined) return json({ jsonrpc: '2.0', error: { message: 'no such object' }, session_id: sid });
      const documents = meeting.documents.map((d) => {
        const id = idOf(d);
        const b64 = latin1Base64(d.filename);
        issued.set(id, { id, b64, bytes: d.bytes });
        return {
          name: d.name,
          id,
          dok_id: `DOK-${id}`,
          filename: d.filename,
          filename_b64: b64,
          size: d.bytes.byteLength,
          type: 'pdf',
        };
      });
      const value = {
        title: `${meeting.board} ${meeting.date}`,
        object_link: objectLink(meeting),
        documents,
        items: [{ title: '§ 1 Val av justerare' }],
        ...meeting.details,
      };
      return reply({ value: JSON.stringify(value) });
    }
    return json({ jsonrpc: '2.0', error: { message: `unknown method ${String(method)}` }, session_id: sid });
  };

  const download = (request: RecordedRequest): FakeResponse => {
    if (request.method === 'HEAD') return notFound();
    const doc = issued.get(Number(request.query.get('id')));
    const rawName = /[?&]filename=([^&]*)/u.exec(request.rawPath)?.[1] ?? '';
    // A raw '=' or '+' in the value is mangled by the real server's own query parsing.
    if (doc === undefined || /[=+]/u.test(rawName) || request.query.get('filename') !== doc.b64) {
      return {
        status: 500,
        headers: { 'content-type': 'text/html' },
        body: '<html><head><title>Fel</title></head><body>Ett fel har uppstått</body></html>',
      };
    }
    if (options.flaky && !failedOnce.has(doc.id)) {
      failedOnce.add(doc.id);
      return { status: 502, headers: { 'content-type': 'text/html' }, body: '<html><body>Bad Gateway</body></html>' };
    }
    downloads++;
    return pdf(doc.bytes);
  };

  const server = await startLoopbackServer((request) => {
    if (request.pathname === '/robots.txt') return robotsResponse(options.robots);
    if (request.pathname === '/json' && request.method === 'POST') return rpc(request);
    if (request.pathname === '/download/document') return download(request);
    if (request.pathname === '/') return html('<div ng-app="ciceron"><a href="#!/search/">Sök</a></div>');
    return notFound();
  });
  return { ...server, downloads: () => downloads, expireSessions: () => sessions.clear(), meetings: options.meetings };
}

function objectLink(m: CiceronFakeMeeting): string {
  return `?t=1&i=${m.board}&d=${m.date} 00:00:00&n=${m.diary}`;
}
