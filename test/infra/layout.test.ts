/**
 * The bucket layout is written down once, in the code (functions/store/keys.ts, functions/published/paths.ts), and
 * the stack takes its prefixes from there. This test checks that they agree by behaviour: it runs the real ingest,
 * publish and API over a store that records every operation, and requires each one to be covered by what the
 * stack grants that function, the CloudFront origin and rewrite to serve exactly public/, and uploads to arrive
 * where the ingest notification listens.
 */
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocumentExtractor } from '../../functions/adapters/document-extractor.ts';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import { createApp } from '../../functions/api/create-app.ts';
import { decodeSqsS3Message } from '../../functions/handlers/support/s3-event-keys.ts';
import { ingestDocument } from '../../functions/pipeline/ingest-document.ts';
import { publishDatasets } from '../../functions/pipeline/publish-datasets.ts';
import { fixedClock } from '../../functions/ports/clock.ts';
import { DATASETS_URL_PREFIX, datasetUrl, PUBLIC_PREFIX } from '../../functions/published/paths.ts';
import { INBOX_PREFIX, PUBLISH_LEASE_KEY, STORE_PREFIXES } from '../../functions/store/keys.ts';
import { DATASETS_REWRITE_SOURCE } from '../../infra/datasets-rewrite.ts';
import { DATA_PREFIXES } from '../../infra/storage.ts';
import { RecordingStore } from '../support/recording-store.ts';
import { protocolText, utf8 } from '../unit/ingest-support.ts';
import { allowedPairs, resourceNames } from './grants.ts';
import { buildTestStack, logicalId, type BuiltStack } from './stack-fixture.ts';

type Action = 's3:GetObject' | 's3:PutObject' | 's3:DeleteObject' | 's3:ListBucket';

/** The S3 action each store call needs (a HEAD needs s3:GetObject), for the calls recorded since the last take. */
function take(store: RecordingStore): Array<{ action: Action; key: string }> {
  const action = {
    get: 's3:GetObject',
    getRange: 's3:GetObject',
    getStream: 's3:GetObject',
    head: 's3:GetObject',
    list: 's3:ListBucket',
    put: 's3:PutObject',
    delete: 's3:DeleteObject',
  } as const;
  const ops = store.ops.map((o) => ({ action: action[o.op], key: o.key }));
  store.reset();
  return ops;
}

/** The operations the function's grants do not cover, as "action key". */
function ungranted(grants: readonly string[], ops: ReadonlyArray<{ action: Action; key: string }>): string[] {
  const covers = (op: { action: Action; key: string }) =>
    op.action === 's3:ListBucket'
      ? grants.includes('s3:ListBucket data:')
      : grants.some((g) => {
          const m = /^(\S+) data:\/(.*)\*$/u.exec(g);
          return m !== null && m[1] === op.action && op.key.startsWith(m[2]!);
        });
  return [...new Set(ops.filter((op) => !covers(op)).map((op) => `${op.action} ${op.key}`))];
}

const SECRET = 'Ansökan från sökanden med personnummer 19811218-9876 avslås.';
const clock = fixedClock('2026-06-12T08:00:00Z');
let built: BuiltStack;
let store: RecordingStore;
let grantsOf: (functionPath: string) => string[];

beforeAll(() => {
  built = buildTestStack();
  const names = resourceNames(built, { 'Storage/Source': 'source', 'Storage/Data': 'data' });
  grantsOf = (functionPath) => allowedPairs(built, names, functionPath);
  store = new RecordingStore(new MemoryBlobStore());
});

describe('the code writes where the stack grants and serves', () => {
  it('derives the data bucket prefixes from the store and published layouts, none inside another', () => {
    expect(DATA_PREFIXES).toEqual({ ...STORE_PREFIXES, public: PUBLIC_PREFIX });
    const prefixes = Object.values(DATA_PREFIXES);
    for (const a of prefixes)
      for (const b of prefixes) if (a !== b) expect(b.startsWith(a), `${b} inside ${a}`).toBe(false);
  });

  it('ingest: every read, write and delete of a first version, a correction, a held § and a quarantined file is granted', async () => {
    const deps = { store, extractor: createDocumentExtractor(), clock };
    const first = [
      { number: 5, title: 'Tillstånd', decision: SECRET },
      { number: 6, title: 'Bidrag', decision: 'Bidrag beviljas.' },
    ];
    await ingestDocument(deps, {
      bytes: utf8(protocolText('2024-02-05', first)),
      fileName: 'ks-2024-02-05.txt',
      hints: { municipality: 'Göteborg' },
    });
    const corrected = [{ number: 5, title: 'Tillstånd', decision: 'Ansökan avslås.' }, first[1]!];
    await ingestDocument(deps, {
      bytes: utf8(protocolText('2024-02-05', corrected)),
      fileName: 'ks-2024-02-05-rattad.txt',
      hints: { municipality: 'Göteborg' },
    });
    await ingestDocument(deps, { bytes: new Uint8Array(0), fileName: 'tom.pdf' });
    const ops = take(store);
    // decisions/: ingest lists a meeting's review decisions to apply them (none here, so it reads none).
    expect(new Set(ops.map((o) => o.key.split('/')[0]))).toEqual(
      new Set(['originals', 'records', 'records-history', 'review', 'pending', 'quarantine', 'decisions']),
    );
    expect(ungranted(grantsOf('Ingest/Function'), ops)).toEqual([]);
  });

  it('publish: every operation of a publish is granted, and it writes under public/ and its lease only', async () => {
    await publishDatasets(
      { store, clock },
      {
        baseUrl: 'https://protokoll.example.se',
        publisher: { name: 'Göteborgs Stad', organisationNumber: '212000-1355' },
      },
    );
    const ops = take(store);
    const puts = ops.filter((o) => o.action === 's3:PutObject');
    expect(puts.every((o) => o.key.startsWith(PUBLIC_PREFIX) || o.key === PUBLISH_LEASE_KEY)).toBe(true);
    expect(puts.some((o) => o.key === PUBLISH_LEASE_KEY)).toBe(true);
    expect(ops.some((o) => o.action === 's3:DeleteObject' && o.key.startsWith(STORE_PREFIXES.pending))).toBe(true);
    expect(ungranted(grantsOf('Publish/Function'), ops)).toEqual([]);
  });

  it('api: pages, the JSON API and /datasets read nothing but public/', async () => {
    const app = createApp({ store, clock });
    for (const path of [
      '/',
      '/v1/paragraphs',
      '/v1/meetings',
      '/v1/changes?since=0',
      '/v1/datasets',
      `${DATASETS_URL_PREFIX}manifest.json`,
    ]) {
      expect((await app.request(path)).status, path).toBe(200);
    }
    const ops = take(store);
    expect(ops.length).toBeGreaterThan(0);
    expect(ops.filter((o) => o.action !== 's3:ListBucket').every((o) => o.key.startsWith(PUBLIC_PREFIX))).toBe(true);
    expect(ungranted(grantsOf('Site/ApiFunction'), ops)).toEqual([]);
  });

  it('CloudFront serves public/ under the URL prefix the published links use', () => {
    const origins = (
      built.template.toJSON().Resources[logicalId(built, 'Site/Distribution')].Properties.DistributionConfig
        .Origins as Array<Record<string, string>>
    ).filter((o) => o.OriginPath !== undefined);
    expect(origins.map((o) => o.OriginPath)).toEqual([`/${PUBLIC_PREFIX.replace(/\/$/u, '')}`]);
    const link = new URL(
      datasetUrl('https://protokoll.example.se', 'units/goteborg/kommunstyrelsen/2024/0123456789abcdef/paragraphs.csv'),
    );
    const request = { uri: link.pathname, method: 'GET', querystring: {}, headers: {} };
    const rewritten = runInNewContext(`${DATASETS_REWRITE_SOURCE}\nhandler(event);`, {
      event: { version: '1.0', request },
    }) as { uri: string };
    // CloudFront puts the origin path in front: /public + /units/… = the key public/units/….
    expect(`${PUBLIC_PREFIX.replace(/\/$/u, '')}${rewritten.uri}`).toBe(
      `${PUBLIC_PREFIX}units/goteborg/kommunstyrelsen/2024/0123456789abcdef/paragraphs.csv`,
    );
  });

  it('uploads arrive where the ingest notification listens and the handler reads', () => {
    const notification = Object.values(built.template.findResources('Custom::S3BucketNotifications'))[0]!.Properties
      .NotificationConfiguration;
    const filter = notification.QueueConfigurations[0].Filter.Key.FilterRules;
    expect(filter).toEqual([{ Name: 'prefix', Value: INBOX_PREFIX }]);
    expect(grantsOf('Ingest/Function')).toContain(`s3:GetObject source:/${INBOX_PREFIX}*`);
    const body = JSON.stringify({
      Records: [
        { eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'src' }, object: { key: `${INBOX_PREFIX}a.pdf` } } },
      ],
    });
    expect(decodeSqsS3Message({ body }).objects.map((o) => o.key)).toEqual([`${INBOX_PREFIX}a.pdf`]);
  });
});
