/**
 * A fake Netpublicator public reader on loopback (PORTALS.md):
 *  - GET /api/public/<reader>/read?hash=<path>&isr=<bool> → {"history":[…],"items":[{id,text,type}]}; the path is the
 *    root id and the channel/meeting ids joined by "-"; isr=true only at the root (anything else is refused);
 *  - tree: root → body channels → year channels (for bodies that use them) → meetings (text = date) → documents and
 *    per-§ channels; one read returns a whole level, no paging;
 *  - GET /api/public/<reader>/document/<docId>?hash=<path of the parent meeting>; another hash is a 404; document ids
 *    are opaque UUIDs, reachable only through read;
 *  - with `temporary403`, the first request for each document is answered 403 (seen when asked too often);
 *  - GET /anslagstavla: a municipal page embedding np-publicreader.js with data-np-config (reader discovery).
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

export interface NpFakeDocument {
  name: string;
  bytes: Uint8Array;
}

export interface NpFakeMeeting {
  body: string;
  date: string;
  documents: NpFakeDocument[];
  /** Per-§ channels under the meeting ("§ 12 Budget"), which are not documents. */
  paragraphChannels?: string[];
}

export interface NpFakeOptions {
  reader: string;
  rootId: string;
  bodies: Array<{ name: string; yearChannels: boolean }>;
  meetings: NpFakeMeeting[];
  robots?: string | null;
  temporary403?: boolean;
}

export interface NpFake extends FakeServer {
  downloads(): number;
}

interface Node {
  id: string;
  text: string;
  type: 'channel' | 'meeting' | 'document';
  children: Node[];
  bytes?: Uint8Array;
}

export async function startFakeNetpublicator(options: NpFakeOptions): Promise<NpFake> {
  const root = buildTree(options);
  const forbiddenOnce = new Set<string>();
  let downloads = 0;

  const find = (path: string): Node | undefined => {
    const [first, ...rest] = path.split('-');
    if (first !== options.rootId) return undefined;
    let node: Node | undefined = root;
    for (const id of rest) node = node?.children.find((c) => c.id === id);
    return node;
  };

  const read = (request: RecordedRequest): FakeResponse => {
    const path = request.query.get('hash') ?? '';
    const isRoot = !path.includes('-');
    if (request.query.get('isr') !== String(isRoot)) return { status: 400, body: 'isr must be true at the root only' };
    const node = find(path);
    if (node === undefined || node.type === 'document') return { status: 404, body: 'not found' };
    return json({
      history: path.split('-').map((id) => ({ id })),
      items: node.children.map(({ id, text, type }) => ({ id, text, type })),
    });
  };

  const document = (request: RecordedRequest, docId: string): FakeResponse => {
    const parent = find(request.query.get('hash') ?? '');
    const doc = parent?.children.find((c) => c.id === docId && c.type === 'document');
    if (doc?.bytes === undefined) return { status: 404, body: 'not found' };
    if (options.temporary403 && !forbiddenOnce.has(docId)) {
      forbiddenOnce.add(docId);
      return { status: 403, body: 'Forbidden' };
    }
    downloads++;
    return pdf(doc.bytes);
  };

  const server = await startLoopbackServer((request) => {
    if (request.pathname === '/robots.txt') return robotsResponse(options.robots);
    if (request.pathname === '/anslagstavla') {
      const config = JSON.stringify({
        readerName: options.reader,
        rootId: options.rootId,
        rootName: 'Anslagstavla',
      }).replace(/"/gu, '&quot;');
      return html(
        `<h1>Anslagstavla</h1><div class="np-reader" data-np-config="${config}"></div><script src="https://www.netpublicator.com/np-publicreader.js"></script>`,
      );
    }
    const base = `/api/public/${options.reader}/`;
    if (!request.pathname.startsWith(base)) return notFound();
    const rest = request.pathname.slice(base.length);
    if (rest === 'read') return read(request);
    const m = /^document\/([^/]+)$/u.exec(rest);
    return m ? document(request, m[1]!) : notFound();
  });
  return { ...server, downloads: () => downloads };
}

function buildTree(options: NpFakeOptions): Node {
  let counter = 100;
  const channel = (text: string, type: Node['type'] = 'channel'): Node => ({
    id: String(counter++),
    text,
    type,
    children: [],
  });
  const root: Node = { id: options.rootId, text: 'root', type: 'channel', children: [] };
  for (const body of options.bodies) {
    const bodyNode = channel(body.name);
    root.children.push(bodyNode);
    for (const m of options.meetings.filter((x) => x.body === body.name)) {
      let parent = bodyNode;
      if (body.yearChannels) {
        const year = m.date.slice(0, 4);
        parent =
          bodyNode.children.find((c) => c.text === year) ??
          bodyNode.children[bodyNode.children.push(channel(year)) - 1]!;
      }
      const meeting = channel(m.date, 'meeting');
      parent.children.push(meeting);
      m.documents.forEach((d, i) => {
        const uuid = `${String(counter++).padStart(8, '0')}-4e1b-4c2d-9f3a-${String(i).padStart(12, '0')}`;
        meeting.children.push({ id: uuid, text: d.name, type: 'document', children: [], bytes: d.bytes });
      });
      for (const p of m.paragraphChannels ?? []) meeting.children.push(channel(p));
    }
  }
  return root;
}
