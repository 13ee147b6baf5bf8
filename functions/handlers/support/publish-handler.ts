import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSEvent } from 'aws-lambda';
import { CloudFrontInvalidator } from '../../adapters/cloudfront-invalidator.ts';
import { S3BlobStore } from '../../adapters/s3-blob-store.ts';
import { readSiteSettings } from '../../pipeline/admin/site-settings.ts';
import { publishDatasets, type PublishSummary } from '../../pipeline/publish-datasets.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { CdnInvalidator } from '../../ports/cdn.ts';
import { type Clock, systemClock } from '../../ports/clock.ts';
import type { Env } from './env.ts';
import { createJsonLogger, type Logger } from './json-logger.ts';
import { type PublishConfig, readPublishConfig } from './publish-config.ts';

export interface PublishHandlerWiring {
  s3: S3Client;
  /** Used when DISTRIBUTION_ID is set: erasures invalidate the paths they removed. */
  cloudfront?: CloudFrontClient;
  env: Env;
  clock?: Clock;
  logger?: Logger;
}

export interface PublishRunDeps {
  store: BlobStore;
  config: PublishConfig;
  clock: Clock;
  logger: Logger;
  cdn?: CdnInvalidator;
}

/** Builds the Lambda handler from clients made once per cold start (handlers/publish.ts) or by a test (s3rver). */
export function createPublishHandler(w: PublishHandlerWiring): (event: SQSEvent) => Promise<void> {
  const config = readPublishConfig(w.env);
  const deps: PublishRunDeps = {
    store: new S3BlobStore(w.s3, config.dataBucket),
    config,
    clock: w.clock ?? systemClock,
    logger: w.logger ?? createJsonLogger(config.logLevel ? { minLevel: config.logLevel } : {}, { fn: 'publish' }),
    ...(config.distributionId && w.cloudfront
      ? { cdn: new CloudFrontInvalidator(w.cloudfront, config.distributionId) }
      : {}),
  };
  return async (event) => {
    await runPublish(event, deps);
  };
}

/**
 * One publish of everything pending; the queue's messages only wake the publisher up (one message group per
 * store and the store's publish lease, so never two runs at once). A failure throws, so SQS retries the batch and then parks it in the
 * dead-letter queue. Logs one summary line.
 */
export async function runPublish(event: SQSEvent, deps: PublishRunDeps): Promise<PublishSummary> {
  const { config } = deps;
  // The stack's configuration wins, as the environment does for `paragraf publish`; what the admin's settings page
  // saved fills in what the stack does not set (the contact e-mail).
  const saved = await readSiteSettings(deps.store);
  const publisher = saved.changedAt ? { ...definedOnly(saved.publisher), ...config.publisher } : config.publisher;
  const s = await publishDatasets(
    { store: deps.store, clock: deps.clock, ...(deps.cdn ? { cdn: deps.cdn } : {}) },
    { baseUrl: config.publicBaseUrl, publisher },
  );
  deps.logger.info(s.changed ? 'published' : 'nothing to publish', {
    requests: event.Records.length,
    sequence: s.sequence,
    snapshot: s.snapshot,
    rebuilt: s.units.rebuilt,
    removed: s.units.removed,
    added: s.events.added,
    changed: s.events.changed,
    withdrawn: s.events.withdrawn,
    markersKept: s.markers.kept,
    puts: s.puts,
    dump: s.dump,
    erased: s.erasure.paragraphs,
    erasedSnapshots: s.erasure.snapshots,
    erasedFiles: s.erasure.deleted,
  });
  return s;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}
