import type { LogLevel } from './json-logger.ts';
import { type Env, envReader } from './env.ts';

/**
 * The ingest Lambda's settings, read once per cold start from its environment (set by the CDK stack).
 *  DATA_BUCKET (required)   the store: originals/, records/, quarantine/ … (docs/store-layout.md)
 *  SOURCE_BUCKET (required) where uploads arrive under inbox/
 *  PUBLISH_QUEUE_URL        the FIFO publish queue; unset = do not notify (e.g. a stack without a publisher)
 *  REVIEW_FIRST_BODIES      comma-separated body-name patterns whose § are all held for review; "default" = the
 *                           gate's own list (core/privacy/review-first-bodies.ts); unset = that list
 *  MAX_UPLOAD_BYTES         files above this size are quarantined as 'too-large'; unset = the extractor's default
 *  MUNICIPALITY             the municipality this deployment serves, a parser hint
 *  LOG_LEVEL                debug, info (default), warn or error
 *  OCR_ASSETS_DIR           the OCR engine's folder in the function's asset (infra/ocr-asset.ts); unset = node_modules
 *  OCR_WORKERS              pages read at once; unset = one per vCPU; 0 = no OCR (scans are quarantined)
 */
export interface IngestConfig {
  dataBucket: string;
  sourceBucket: string;
  publishQueueUrl?: string;
  reviewFirstBodies?: string[];
  maxBytes?: number;
  municipality?: string;
  logLevel?: LogLevel;
  ocrAssetsDir?: string;
  ocrWorkers?: number;
}

export class IngestConfigError extends Error {
  override name = 'IngestConfigError';
}

export function readIngestConfig(env: Env): IngestConfig {
  const read = envReader(env, (message) => new IngestConfigError(message));
  const config: IngestConfig = {
    dataBucket: read.required('DATA_BUCKET'),
    sourceBucket: read.required('SOURCE_BUCKET'),
  };
  const queue = read.optional('PUBLISH_QUEUE_URL');
  if (queue) config.publishQueueUrl = queue;
  const bodies = read.list('REVIEW_FIRST_BODIES');
  if (bodies) config.reviewFirstBodies = bodies;
  const max = read.positiveInteger('MAX_UPLOAD_BYTES');
  if (max !== undefined) config.maxBytes = max;
  const municipality = read.optional('MUNICIPALITY');
  if (municipality) config.municipality = municipality;
  const logLevel = read.logLevel();
  if (logLevel) config.logLevel = logLevel;
  const ocrDir = read.optional('OCR_ASSETS_DIR');
  if (ocrDir) config.ocrAssetsDir = ocrDir;
  const workers = read.wholeNumber('OCR_WORKERS');
  if (workers !== undefined) config.ocrWorkers = workers;
  return config;
}
