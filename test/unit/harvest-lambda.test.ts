/**
 * The harvest Lambda's configuration and event checks, without any network: a bad setting or a bad event is a named
 * error before the handler touches S3 or a portal (test/contract/harvest-lambda-s3rver.test.ts runs it for real).
 */
import { readFileSync } from 'node:fs';
import type { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TIME_RESERVE_MS,
  HarvestConfigError,
  readHarvestConfig,
} from '../../functions/handlers/support/harvest-config.ts';
import {
  createHarvestHandler,
  HarvestEventError,
  type HarvestEvent,
} from '../../functions/handlers/support/harvest-handler.ts';
import { createJsonLogger } from '../../functions/handlers/support/json-logger.ts';

const fixture = (): HarvestEvent & { source: Record<string, unknown> } =>
  JSON.parse(
    readFileSync(new URL('../fixtures/events/harvest-scheduled.json', import.meta.url), 'utf8'),
  ) as HarvestEvent & { source: Record<string, unknown> };

const ENV = {
  DATA_BUCKET: 'paragraf-data',
  SOURCE_BUCKET: 'paragraf-source',
  HARVEST_CONTACT: 'oppna-data@alingsas.se',
};

describe('readHarvestConfig', () => {
  it('reads the buckets, the contact and the default time reserve', () => {
    expect(readHarvestConfig(ENV)).toEqual({
      dataBucket: 'paragraf-data',
      sourceBucket: 'paragraf-source',
      contact: 'oppna-data@alingsas.se',
      timeReserveMs: DEFAULT_TIME_RESERVE_MS,
    });
    expect(readHarvestConfig({ ...ENV, HARVEST_TIME_RESERVE_MS: '30000' }).timeReserveMs).toBe(30_000);
  });

  it.each([
    [{ DATA_BUCKET: '' }, /DATA_BUCKET is required/u],
    [{ SOURCE_BUCKET: undefined }, /SOURCE_BUCKET is required/u],
    [{ HARVEST_CONTACT: ' ' }, /HARVEST_CONTACT is required/u],
    [{ HARVEST_CONTACT: 'ops@kommun.se\r\nX-Injected: 1' }, /HARVEST_CONTACT: the contact must be/u],
    [{ HARVEST_TIME_RESERVE_MS: 'soon' }, /HARVEST_TIME_RESERVE_MS/u],
  ])('names what is wrong: %j', (change, message) => {
    expect(() => readHarvestConfig({ ...ENV, ...change })).toThrow(HarvestConfigError);
    expect(() => readHarvestConfig({ ...ENV, ...change })).toThrow(message);
  });
});

describe('harvest handler events', () => {
  const noS3 = { send: () => Promise.reject(new Error('this test must not reach S3')) } as unknown as S3Client;
  const handler = createHarvestHandler(readHarvestConfig(ENV), {
    s3: noS3,
    logger: createJsonLogger({ write: () => undefined }),
  });

  it('refuses an event that is not a source, before any request', async () => {
    await expect(handler({} as HarvestEvent)).rejects.toThrow(HarvestEventError);
    await expect(
      handler({ source: { ...fixture().source, baseUrl: 'javascript:alert(1)', system: 'lex2publish' } }),
    ).rejects.toThrow(/baseUrl.*system|system.*baseUrl/su);
  });

  it('refuses an unverified or incomplete source', async () => {
    await expect(handler({ source: { ...fixture().source, status: 'unverified' } })).rejects.toThrow(
      /is unverified: not harvested/u,
    );
    const np = { ...fixture().source, system: 'netpublicator', status: 'unverified', netpublicator: {} };
    await expect(handler({ source: np })).rejects.toThrow(/needs "reader" and "rootId"/u);
  });
});
