import { readFileSync } from 'node:fs';
import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import { readPublishConfig } from '../../functions/handlers/support/publish-config.ts';
import { createJsonLogger } from '../../functions/handlers/support/json-logger.ts';
import { runPublish } from '../../functions/handlers/support/publish-handler.ts';
import { writeSiteSettings } from '../../functions/pipeline/admin/site-settings.ts';
import { readManifest } from '../../functions/published/public-store.ts';
import { keys } from './ingest-support.ts';
import { ingest, newClock, protocol } from './publish-support.ts';

const fixture = (name: string): SQSEvent =>
  JSON.parse(readFileSync(new URL(`../fixtures/events/${name}`, import.meta.url), 'utf8')) as SQSEvent;

const ENV = {
  DATA_BUCKET: 'data',
  PUBLIC_BASE_URL: 'https://protokoll.example.se',
  MUNICIPALITY: 'Testby kommun',
  ORGANISATION_NUMBER: '212000-1355',
};

describe('the publish Lambda with the FIFO queue fixture event', () => {
  it('publishes everything pending once, whatever the batch holds, and logs one summary line', async () => {
    const store = new MemoryBlobStore();
    const clock = newClock();
    await ingest(store, protocol('Testby', 'Kommunstyrelsen', '2026-03-02'), clock);
    const lines: string[] = [];
    const deps = {
      store,
      clock,
      config: readPublishConfig(ENV),
      logger: createJsonLogger({ write: (l) => lines.push(l), now: () => clock.now() }, { fn: 'publish' }),
    };

    const first = await runPublish(fixture('sqs-publish-requests.json'), deps);
    expect(first).toMatchObject({ changed: true, sequence: 1, events: { added: 2 } });
    const manifest = await readManifest(store);
    expect(manifest?.baseUrl).toBe('https://protokoll.example.se');
    expect(Object.keys(manifest?.metadata ?? {})).toContain('catalog');
    expect(await keys(store, 'pending/')).toEqual([]);

    const again = await runPublish(fixture('sqs-publish-requests.json'), deps);
    expect(again).toMatchObject({ changed: false, sequence: 1 });
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged.map((l) => [l.level, l.fn, l.msg, l.requests])).toEqual([
      ['info', 'publish', 'published', 2],
      ['info', 'publish', 'nothing to publish', 2],
    ]);
    expect(logged[0]).toMatchObject({ sequence: 1, added: 2, markersKept: 0 });
  });

  it('takes the contact e-mail the admin saved, while the stack’s name, number and base URL win', async () => {
    const store = new MemoryBlobStore();
    const clock = newClock();
    await ingest(store, protocol('Testby', 'Kommunstyrelsen', '2026-03-02'), clock);
    await writeSiteSettings(
      store,
      { baseUrl: 'https://annan.example.se', publisherName: 'Annat namn', contactEmail: 'oppnadata@testby.se' },
      { by: 'Klara', at: clock.now() },
    );
    const deps = { store, clock, config: readPublishConfig(ENV), logger: createJsonLogger({ write: () => {} }) };
    await runPublish(fixture('sqs-publish-requests.json'), deps);
    const manifest = await readManifest(store);
    expect(manifest?.baseUrl).toBe('https://protokoll.example.se');
    expect(manifest?.publisher).toEqual({
      name: 'Testby kommun',
      organisationNumber: '212000-1355',
      contactEmail: 'oppnadata@testby.se',
    });
  });
});
