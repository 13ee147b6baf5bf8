import { describe, expect, it } from 'vitest';
import { ApiConfigError, readApiConfig } from '../../functions/handlers/support/api-config.ts';
import { IngestConfigError, readIngestConfig } from '../../functions/handlers/support/ingest-config.ts';
import { PublishConfigError, readPublishConfig } from '../../functions/handlers/support/publish-config.ts';

/** Every handler reads its environment once, the same way, and names what is wrong (ingest: ingest-lambda.test.ts). */
describe('readApiConfig', () => {
  it('reads the bucket, the base URL and the log level', () => {
    expect(
      readApiConfig({ DATA_BUCKET: 'data', PUBLIC_BASE_URL: 'https://protokoll.example.se', LOG_LEVEL: 'warn' }),
    ).toEqual({
      dataBucket: 'data',
      publicBaseUrl: 'https://protokoll.example.se',
      logLevel: 'warn',
    });
    expect(readApiConfig({ DATA_BUCKET: ' data ', PUBLIC_BASE_URL: '' })).toEqual({ dataBucket: 'data' });
  });

  it('refuses a missing bucket and an unknown log level with ApiConfigError', () => {
    expect(() => readApiConfig({})).toThrow(ApiConfigError);
    expect(() => readApiConfig({})).toThrow('environment variable DATA_BUCKET is required');
    expect(() => readApiConfig({ DATA_BUCKET: 'd', LOG_LEVEL: 'verbose' })).toThrow(
      /LOG_LEVEL must be one of debug, info, warn, error/u,
    );
  });
});

describe('readPublishConfig', () => {
  it('reads the bucket, the base URL and the publisher for the catalogue', () => {
    expect(
      readPublishConfig({
        DATA_BUCKET: 'data',
        PUBLIC_BASE_URL: 'https://p.example.se',
        MUNICIPALITY: 'Alingsås kommun',
        ORGANISATION_NUMBER: '212000-1512',
      }),
    ).toEqual({
      dataBucket: 'data',
      publicBaseUrl: 'https://p.example.se',
      publisher: { name: 'Alingsås kommun', organisationNumber: '212000-1512' },
    });
    expect(readPublishConfig({ DATA_BUCKET: 'data', PUBLIC_BASE_URL: 'https://p.example.se' }).publisher).toEqual({
      name: 'Paragraf',
    });
  });

  it('reads the CloudFront distribution an erasure invalidates, when there is one', () => {
    const env = { DATA_BUCKET: 'data', PUBLIC_BASE_URL: 'https://p.example.se' };
    expect(readPublishConfig({ ...env, DISTRIBUTION_ID: 'E2ABCDEF' }).distributionId).toBe('E2ABCDEF');
    expect(readPublishConfig({ ...env, DISTRIBUTION_ID: ' ' })).not.toHaveProperty('distributionId');
  });

  it('refuses a missing bucket or base URL with PublishConfigError', () => {
    expect(() => readPublishConfig({ PUBLIC_BASE_URL: 'https://p.example.se' })).toThrow(PublishConfigError);
    expect(() => readPublishConfig({ DATA_BUCKET: 'd' })).toThrow('environment variable PUBLIC_BASE_URL is required');
  });
});

describe('the three config readers share one shape', () => {
  it('each throws its own named error for the same mistake', () => {
    const errors = [
      () => readIngestConfig({ SOURCE_BUCKET: 's' }),
      () => readPublishConfig({ PUBLIC_BASE_URL: 'https://p.example.se' }),
      () => readApiConfig({}),
    ].map((read) => {
      try {
        read();
      } catch (error) {
        return error;
      }
      return null;
    });
    expect(errors.map((e) => (e as Error).name)).toEqual(['IngestConfigError', 'PublishConfigError', 'ApiConfigError']);
    expect(errors.map((e) => (e as Error).message)).toEqual(
      Array(3).fill('environment variable DATA_BUCKET is required'),
    );
    expect(errors[0]).toBeInstanceOf(IngestConfigError);
  });
});
