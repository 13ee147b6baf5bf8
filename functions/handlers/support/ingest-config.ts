/**
 * The ingest Lambda's settings, read once per cold start from its environment (set by the CDK stack).
 *  DATA_BUCKET (required)   the store: originals/, records/, quarantine/ … (docs/store-layout.md)
 *  SOURCE_BUCKET (required) where uploads arrive under inbox/
 *  PUBLISH_QUEUE_URL        the FIFO publish queue; unset = do not notify (e.g. a stack without a publisher)
 *  REVIEW_FIRST_BODIES      comma-separated body-name patterns whose § are all held for review; "default" = the
 *                           gate's own list (core/privacy/review-first-bodies.ts); unset = that list
 *  MAX_UPLOAD_BYTES         files above this size are quarantined as 'too-large'; unset = the extractor's default
 *  MUNICIPALITY             the municipality this deployment serves, a parser hint
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
  ocrAssetsDir?: string;
  ocrWorkers?: number;
}

export class IngestConfigError extends Error {
  override name = 'IngestConfigError';
}

export function readIngestConfig(env: Record<string, string | undefined>): IngestConfig {
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) throw new IngestConfigError(`environment variable ${name} is required`);
    return value;
  };
  const optional = (name: string): string | undefined => env[name]?.trim() || undefined;
  const config: IngestConfig = { dataBucket: required('DATA_BUCKET'), sourceBucket: required('SOURCE_BUCKET') };
  const queue = optional('PUBLISH_QUEUE_URL');
  if (queue) config.publishQueueUrl = queue;
  const bodies = optional('REVIEW_FIRST_BODIES');
  if (bodies) config.reviewFirstBodies = bodies.split(',').map((b) => b.trim()).filter((b) => b !== '');
  const max = optional('MAX_UPLOAD_BYTES');
  if (max) {
    const n = Number(max);
    if (!Number.isSafeInteger(n) || n <= 0) throw new IngestConfigError(`MAX_UPLOAD_BYTES must be a positive integer, got ${JSON.stringify(max)}`);
    config.maxBytes = n;
  }
  const municipality = optional('MUNICIPALITY');
  if (municipality) config.municipality = municipality;
  const ocrDir = optional('OCR_ASSETS_DIR');
  if (ocrDir) config.ocrAssetsDir = ocrDir;
  const workers = optional('OCR_WORKERS');
  if (workers) {
    const n = Number(workers);
    if (!Number.isSafeInteger(n) || n < 0) throw new IngestConfigError(`OCR_WORKERS must be a whole number ≥ 0, got ${JSON.stringify(workers)}`);
    config.ocrWorkers = n;
  }
  return config;
}
