/**
 * The harvest use case over a scripted connector and a memory store: what is delivered to the inbox and with which
 * provenance, what a second run does (nothing fetched twice), corrections, dry runs, errors by host, resumption.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import { chooseProtocol } from '../../functions/core/harvest/document-kind.ts';
import { createDocumentExtractor } from '../../functions/adapters/document-extractor.ts';
import { fixedClock } from '../../functions/ports/clock.ts';
import { HttpStatusError } from '../../functions/ports/http-client.ts';
import type { Inbox, InboxFile } from '../../functions/ports/inbox.ts';
import type {
  MeetingDocuments,
  PortalBody,
  PortalConnector,
  PortalDocument,
  PortalMeeting,
} from '../../functions/ports/portal-connector.ts';
import { harvestSource } from '../../functions/pipeline/harvest/harvest-source.ts';
import { readHarvestState } from '../../functions/pipeline/harvest/harvest-state.ts';
import { ingestDocument } from '../../functions/pipeline/ingest-document.ts';
import type { MeetingRecord, OriginalMeta } from '../../functions/store/meeting-record.ts';
import { ingestStoreInbox, StoreInbox } from '../../functions/pipeline/store-inbox.ts';
import { testSource } from '../support/fake-portals/harness.ts';
import { protocolText } from './ingest-support.ts';

const KS: PortalBody = { id: 'ks', name: 'Kommunstyrelsen' };
const source = testSource({
  id: 'goteborg-test',
  municipality: 'Göteborg',
  system: 'ciceron',
  baseUrl: 'https://diariet.goteborg.example',
  bodies: ['Kommunstyrelsen'],
});

interface ScriptedMeeting {
  date: string;
  documents: Array<PortalDocument & { text?: string }>;
  noticeDate?: string;
  note?: MeetingDocuments['note'];
}

/** A portal in memory: meetings of Kommunstyrelsen; counts what is asked. */
class ScriptedConnector implements PortalConnector {
  readonly system = 'ciceron' as const;
  readonly asked = { documents: 0, fetches: [] as string[] };
  failBodies = false;
  failFetch = new Set<string>();
  constructor(public meetings: ScriptedMeeting[]) {}
  listBodies() {
    if (this.failBodies) return Promise.reject(new HttpStatusError('https://diariet.goteborg.example/json', 503));
    return Promise.resolve([KS, { id: 'bun', name: 'Barn- och utbildningsnämnden' }]);
  }
  listMeetings(body: PortalBody, range: { from: string; to: string }): Promise<PortalMeeting[]> {
    return Promise.resolve(
      this.meetings
        .filter((m) => m.date >= range.from && m.date <= range.to)
        .map((m) => ({ key: `?d=${m.date}`, body, date: m.date, title: `KS ${m.date}` })),
    );
  }
  listDocuments(meeting: PortalMeeting): Promise<MeetingDocuments> {
    this.asked.documents++;
    const m = this.meetings.find((x) => x.date === meeting.date)!;
    return Promise.resolve({
      documents: m.documents,
      ...(m.noticeDate ? { noticeDate: m.noticeDate } : {}),
      ...(m.note ? { note: m.note } : {}),
    });
  }
  pickProtocol(documents: readonly PortalDocument[]) {
    return chooseProtocol(documents);
  }
  fetchDocument(document: PortalDocument) {
    this.asked.fetches.push(document.id);
    if (this.failFetch.has(document.id)) return Promise.reject(new HttpStatusError(document.url, 500));
    const text = (document as PortalDocument & { text?: string }).text ?? '';
    return Promise.resolve({
      bytes: new TextEncoder().encode(text),
      mediaType: 'text/plain' as const,
      url: document.url,
    });
  }
}

const protocolDoc = (date: string, id = `D-${date}`, version?: string, text = protocolText(date)) => ({
  id,
  name: `Protokoll KS ${date}`,
  url: `https://diariet.goteborg.example/download/document?filename=x&id=${id}`,
  text,
  ...(version ? { version } : {}),
});

class RecordingInbox implements Inbox {
  readonly files: InboxFile[] = [];
  constructor(private readonly inner: Inbox) {}
  async deliver(file: InboxFile) {
    this.files.push(file);
    await this.inner.deliver(file);
  }
}

describe('harvestSource', () => {
  let store: MemoryBlobStore;
  let inbox: RecordingInbox;
  let connector: ScriptedConnector;
  const clock = fixedClock('2026-06-20T06:00:00Z');
  const run = (options = {}) =>
    harvestSource(source, { connector, inbox, store, clock }, { since: '2026-01-01', ...options });

  beforeEach(() => {
    store = new MemoryBlobStore();
    inbox = new RecordingInbox(new StoreInbox(store));
    connector = new ScriptedConnector([
      {
        date: '2026-02-09',
        documents: [
          { id: 'K1', name: 'Kallelse KS 2026-02-09', url: 'https://diariet.goteborg.example/k1' },
          protocolDoc('2026-02-09'),
        ],
        noticeDate: '2026-02-16',
      },
      {
        date: '2026-05-04',
        documents: [
          protocolDoc('2026-05-04'),
          { id: 'P5', name: 'Protokoll § 5', url: 'https://diariet.goteborg.example/p5' },
        ],
      },
      {
        date: '2026-06-15',
        documents: [{ id: 'K3', name: 'Kallelse KS', url: 'https://diariet.goteborg.example/k3' }],
        note: 'not-yet-published',
      },
      { date: '2025-11-03', documents: [protocolDoc('2025-11-03')] },
    ]);
  });

  it('delivers each new full protocol to the inbox with its provenance, under an id-only name', async () => {
    const summary = await run();
    expect(summary).toMatchObject({
      meetings: 3,
      new: 2,
      changed: 0,
      unchanged: 0,
      missing: 1,
      failed: false,
      errors: [],
    });
    expect(inbox.files.map((f) => f.path)).toEqual([
      expect.stringMatching(/^harvest\/goteborg-test\/goteborg-kommunstyrelsen-2026-02-09-[0-9a-f]{8}\.txt$/u),
      expect.stringMatching(/^harvest\/goteborg-test\/goteborg-kommunstyrelsen-2026-05-04-[0-9a-f]{8}\.txt$/u),
    ]);
    expect(inbox.files[0]!.provenance).toEqual({
      sourceUrl: 'https://diariet.goteborg.example/download/document?filename=x&id=D-2026-02-09',
      portal: 'ciceron',
      portalDocumentId: 'D-2026-02-09',
      noticeDate: '2026-02-16',
    });
    const state = await readHarvestState(store, source.id);
    expect(state.meetings['?d=2026-05-04']?.related).toEqual([{ id: 'P5', name: 'Protokoll § 5' }]);
    expect(state.meetings['?d=2026-06-15']?.missing).toBe('not-yet-published');
    expect(state.runs).toHaveLength(1);
  });

  it('fetches and delivers nothing the second time', async () => {
    await run();
    const fetchesBefore = connector.asked.fetches.length;
    const summary = await run();
    expect(summary).toMatchObject({ new: 0, changed: 0, unchanged: 2, missing: 1, delivered: [] });
    expect(connector.asked.fetches.length).toBe(fetchesBefore);
    expect(inbox.files).toHaveLength(2);
  });

  it('delivers a changed document (new version) as a correction and keeps the earlier one in the state', async () => {
    await run();
    connector.meetings[1]!.documents[0] = protocolDoc(
      '2026-05-04',
      'D-2026-05-04',
      'size 999',
      protocolText('2026-05-04').replace('50 000', '60 000'),
    );
    const summary = await run();
    expect(summary).toMatchObject({ new: 0, changed: 1, unchanged: 1 });
    const state = await readHarvestState(store, source.id);
    expect(state.meetings['?d=2026-05-04']?.previous).toHaveLength(1);
    expect(inbox.files).toHaveLength(3);
  });

  it('does not deliver the same bytes under a new id again, and remembers the new id so it is not fetched next time', async () => {
    await run();
    connector.meetings[0]!.documents[1] = { ...protocolDoc('2026-02-09'), id: 'D-new' };
    expect(await run()).toMatchObject({ unchanged: 2, delivered: [] });
    const fetches = connector.asked.fetches.length;
    await run();
    expect(connector.asked.fetches.length).toBe(fetches);
  });

  it('lists and picks in a dry run, but fetches, delivers and writes nothing', async () => {
    const summary = await run({ dryRun: true });
    expect(summary).toMatchObject({ dryRun: true, meetings: 3, wouldFetch: 2, missing: 1 });
    expect(connector.asked.fetches).toEqual([]);
    expect(inbox.files).toEqual([]);
    expect(await store.get('harvest/goteborg-test/state.json')).toBeNull();
  });

  it('counts errors by host and goes on with the next meeting; the failed one is tried again next run', async () => {
    connector.failFetch.add('D-2026-02-09');
    const first = await run();
    expect(first).toMatchObject({ new: 1, failed: false, errorsByHost: { 'diariet.goteborg.example': 1 } });
    expect(first.errors[0]).toMatchObject({ kind: 'HttpStatusError', host: 'diariet.goteborg.example' });
    connector.failFetch.clear();
    expect(await run()).toMatchObject({ new: 1, unchanged: 1, errors: [] });
  });

  it('fails the run when every meeting errs (the portal changed its downloads), so the schedule alarms', async () => {
    connector.failFetch.add('D-2026-02-09');
    connector.failFetch.add('D-2026-05-04');
    connector.meetings = connector.meetings.filter((m) => m.date !== '2026-06-15');
    expect(await run()).toMatchObject({ failed: true, meetings: 2, new: 0 });
  });

  it('fails the run when the portal cannot list its bodies, and names bodies it does not have', async () => {
    connector.failBodies = true;
    expect(await run()).toMatchObject({ failed: true, meetings: 0, errorsByHost: { 'diariet.goteborg.example': 1 } });
    connector.failBodies = false;
    const other = testSource({ ...source, id: 'goteborg-other', bodies: ['Kommunstyrelsen', 'Kulturnämnden'] });
    const summary = await harvestSource(other, { connector, inbox, store, clock }, { since: '2026-01-01' });
    expect(summary.bodiesNotFound).toEqual(['Kulturnämnden']);
  });

  it('does not ask again about old meetings whose protocol it holds (outside the correction window)', async () => {
    await run({ since: '2025-01-01' });
    const asked = connector.asked.documents;
    await run({ since: '2025-01-01' });
    // 2025-11-03 and 2026-02-09 are settled; 2026-05-04 (47 days) and 2026-06-15 (no protocol yet) are asked again.
    expect(connector.asked.documents - asked).toBe(2);
  });

  it('stops early when told to and continues where it stopped on the next run', async () => {
    let budget = 1;
    const first = await harvestSource(
      source,
      { connector, inbox, store, clock, shouldStop: () => budget-- <= 0 },
      { since: '2026-01-01' },
    );
    expect(first).toMatchObject({ incomplete: true, new: 1 });
    expect(await run()).toMatchObject({ incomplete: false, new: 1, unchanged: 1 });
  });

  it('hands the inbox to ingest: the record keeps the source URL and the parser gets the notice date', async () => {
    await run();
    const deps = { store, extractor: createDocumentExtractor(), clock };
    const results = await ingestStoreInbox(store, (input) => ingestDocument(deps, input));
    expect(results.map((r) => ('outcome' in r ? r.outcome.status : 'error'))).toEqual(['ingested', 'ingested']);
    const record = JSON.parse(
      new TextDecoder().decode(
        (await store.get('records/goteborg/kommunstyrelsen/2026/goteborg-kommunstyrelsen-2026-02-09.json'))!,
      ),
    ) as MeetingRecord;
    expect(record.protocol.meeting.source).toMatchObject({
      portal: 'ciceron',
      portalDocumentId: 'D-2026-02-09',
      noticeDate: '2026-02-16',
      sourceUrl: inbox.files[0]!.provenance.sourceUrl,
    });
    expect(record.protocol.meeting.appeal).toMatchObject({ noticeDate: '2026-02-16', basis: 'supplied-notice' });
    const meta = JSON.parse(
      new TextDecoder().decode((await store.get(`originals/${record.ingest.sha256}.json`))!),
    ) as OriginalMeta;
    expect(meta.provenance?.sourceUrl).toBe(inbox.files[0]!.provenance.sourceUrl);
    const left: string[] = [];
    for await (const m of store.list('inbox/')) left.push(m.key);
    expect(left).toEqual([]);
  });
});
