import type { S3Client } from '@aws-sdk/client-s3';
import { createHarvestClient } from '../../adapters/portals/harvest-client.ts';
import { S3BlobStore } from '../../adapters/s3-blob-store.ts';
import { uploadStream } from '../../adapters/s3-multipart-upload.ts';
import { S3Inbox } from '../../adapters/s3-inbox.ts';
import {
  missingOptions,
  parseSourceDefinition,
  SourceDefinitionError,
  type SourceDefinition,
} from '../../core/harvest/source-definition.ts';
import { type Clock, systemClock } from '../../ports/clock.ts';
import { realSleep, type HttpTransport, type Sleep } from '../../ports/http-client.ts';
import { harvestSource } from '../../pipeline/harvest/harvest-source.ts';
import type { HarvestSummary } from '../../pipeline/harvest/harvest-summary.ts';
import type { HarvestConfig } from './harvest-config.ts';
import { createJsonLogger, type Logger } from './json-logger.ts';
import { INBOX_PREFIX } from '../../store/keys.ts';

/** What the schedule sends: one source definition (data/sources/*.json), put into the rule's input at synth time. */
export interface HarvestEvent {
  source: unknown;
}

/** What the Lambda context offers that the handler uses (the real one has more). */
export interface HarvestContext {
  getRemainingTimeInMillis(): number;
}

export interface HarvestClients {
  s3: S3Client;
  /** Tests: a loopback transport, a clock and a sleep that assert the schedule. */
  transport?: HttpTransport;
  clock?: Clock;
  sleep?: Sleep;
  logger?: Logger;
}

/** The event is not one source definition the harvester can run. Retrying will not help: it goes to the DLQ. */
export class HarvestEventError extends Error {
  override name = 'HarvestEventError';
}

/** The portal could not be read at all. Thrown so Lambda retries and, after the retries, parks the event in the DLQ. */
export class HarvestFailedError extends Error {
  override name = 'HarvestFailedError';
}

export type HarvestResult = Omit<HarvestSummary, 'delivered' | 'errors'> & { delivered: number; errors: number };

/**
 * Builds the harvest Lambda handler from its settings and clients (handlers/harvest.ts makes them once per cold
 * start). One invocation harvests one source: new protocols go to the source bucket's inbox/harvest/<source>/ with
 * their provenance as object metadata, where the ingest Lambda picks them up; the state goes to the data bucket.
 */
export function createHarvestHandler(
  config: HarvestConfig,
  clients: HarvestClients,
): (event: HarvestEvent, context?: HarvestContext) => Promise<HarvestResult> {
  const logger = clients.logger ?? createJsonLogger({}, { fn: 'harvest' });
  const clock = clients.clock ?? systemClock;
  const store = new S3BlobStore(clients.s3, config.dataBucket, { upload: uploadStream });
  const inbox = new S3Inbox(clients.s3, config.sourceBucket, INBOX_PREFIX);
  return async (event, context) => {
    const source = sourceOf(event);
    const client = createHarvestClient([source], config.contact, {
      clock,
      sleep: clients.sleep ?? realSleep,
      ...(clients.transport ? { transport: clients.transport } : {}),
    });
    const robotsOverride = client.robotsOverrideFor(source);
    const shouldStop =
      context === undefined ? undefined : () => context.getRemainingTimeInMillis() < config.timeReserveMs;
    const summary = await harvestSource(source, {
      connector: client.connectorFor(source),
      inbox,
      store,
      clock,
      ...(shouldStop ? { shouldStop } : {}),
      ...(robotsOverride ? { robotsOverride } : {}),
    });
    const log = logger.child({ source: source.id, system: source.system });
    for (const e of summary.errors)
      log.warn('request failed', { host: e.host, kind: e.kind, url: e.url, message: e.message });
    const { delivered, errors, errorsByHost, bodiesNotFound, ...counts } = summary;
    const result: HarvestResult = {
      ...counts,
      errorsByHost,
      bodiesNotFound,
      delivered: delivered.length,
      errors: errors.length,
    };
    log.info(summary.failed ? 'harvest failed' : 'harvested', {
      meetings: result.meetings,
      new: result.new,
      changed: result.changed,
      unchanged: result.unchanged,
      missing: result.missing,
      errors: result.errors,
      incomplete: result.incomplete,
      bodiesNotFound: bodiesNotFound.join(', ') || undefined,
      errorsByHost: JSON.stringify(errorsByHost),
      robotsOverride,
    });
    if (summary.failed)
      throw new HarvestFailedError(
        `source ${source.id}: the portal could not be read (${errors[0]?.message ?? 'no detail'})`,
      );
    return result;
  };
}

function sourceOf(event: HarvestEvent): SourceDefinition {
  if (typeof event !== 'object' || event === null || !('source' in event))
    throw new HarvestEventError('the event must be {"source": <a source definition>}');
  let source: SourceDefinition;
  try {
    source = parseSourceDefinition(event.source, 'event.source');
  } catch (error) {
    if (error instanceof SourceDefinitionError) throw new HarvestEventError(error.message, { cause: error });
    throw error;
  }
  const missing = missingOptions(source);
  if (source.status !== 'active' || missing.length > 0) {
    throw new HarvestEventError(
      `source ${source.id} is ${source.status}${missing.length > 0 ? ` and ${missing.join('; ')}` : ''}: not harvested`,
    );
  }
  return source;
}
