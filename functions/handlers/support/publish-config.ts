import type { PublisherConfig } from '../../pipeline/publish/metadata.ts';
import { type Env, envReader } from './env.ts';
import type { LogLevel } from './json-logger.ts';

/**
 * The publish Lambda's settings, read once per cold start from its environment (set by the CDK stack).
 *  DATA_BUCKET (required)      the store: reads records/ and pending/, writes public/
 *  PUBLIC_BASE_URL (required)  the site's URL: every permalink and download link hangs off it
 *  MUNICIPALITY                the publisher's name in the DCAT catalogue (default "Paragraf")
 *  ORGANISATION_NUMBER         the publisher's organisationsnummer; without it no catalog.rdf is written
 *  DISTRIBUTION_ID             the CloudFront distribution in front of public/ and the API: told which paths an
 *                              erasure (a withdrawn §) removed; without it nothing is invalidated
 *  LOG_LEVEL                   debug, info (default), warn or error
 */
export interface PublishConfig {
  dataBucket: string;
  publicBaseUrl: string;
  publisher: PublisherConfig;
  distributionId?: string;
  logLevel?: LogLevel;
}

export class PublishConfigError extends Error {
  override name = 'PublishConfigError';
}

export function readPublishConfig(env: Env): PublishConfig {
  const read = envReader(env, (message) => new PublishConfigError(message));
  const organisationNumber = read.optional('ORGANISATION_NUMBER');
  const config: PublishConfig = {
    dataBucket: read.required('DATA_BUCKET'),
    publicBaseUrl: read.required('PUBLIC_BASE_URL'),
    publisher: {
      name: read.optional('MUNICIPALITY') ?? 'Paragraf',
      ...(organisationNumber ? { organisationNumber } : {}),
    },
  };
  const distributionId = read.optional('DISTRIBUTION_ID');
  if (distributionId) config.distributionId = distributionId;
  const logLevel = read.logLevel();
  if (logLevel) config.logLevel = logLevel;
  return config;
}
