import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createDocumentExtractor, DEFAULT_MAX_BYTES } from '../../adapters/document-extractor.ts';
import { type OversizedInput, quarantineOversized } from '../../pipeline/ingest-oversized.ts';
import { locateOcrAssets } from '../../adapters/ocr/ocr-assets.ts';
import { createTesseractOcr } from '../../adapters/ocr/tesseract-ocr.ts';
import { S3BlobStore } from '../../adapters/s3-blob-store.ts';
import { uploadStream } from '../../adapters/s3-multipart-upload.ts';
import type { Ocr } from '../../ports/ocr.ts';
import { type Clock, systemClock } from '../../ports/clock.ts';
import { createS3SourceReader } from '../../adapters/s3-source-reader.ts';
import { createPublishNotifier } from '../../adapters/sqs-publish-notifier.ts';
import { ingestDocument } from '../../pipeline/ingest-document.ts';
import { StoreTemplateSource } from '../../pipeline/template-learning.ts';
import { type IngestOutcome, publishRequestOf } from '../../pipeline/ingest-outcome.ts';
import type { PublishNotifier } from '../../ports/publish-notifier.ts';
import type { Env } from './env.ts';
import { processIngestBatch } from './ingest-batch.ts';
import { type IngestConfig, readIngestConfig } from './ingest-config.ts';
import { createJsonLogger, type Logger } from './json-logger.ts';

export interface IngestHandlerWiring {
  s3: S3Client;
  sqs: SQSClient;
  env: Env;
  clock?: Clock;
  logger?: Logger;
  /** Replaces the engine (tests); default: tesseract.js from OCR_ASSETS_DIR, kept warm between invocations. */
  ocr?: Ocr;
}

/** Engines start on the first scan and stay for the next invocations of this warm instance. */
function lambdaOcr(config: IngestConfig): Ocr {
  return createTesseractOcr({
    assets: () => locateOcrAssets(config.ocrAssetsDir),
    ...(config.ocrWorkers === undefined ? {} : { workers: config.ocrWorkers }),
  });
}

/** Builds the Lambda handler from clients made once per cold start (handlers/ingest.ts) or by a test (s3rver). */
export function createIngestHandler(w: IngestHandlerWiring): (event: SQSEvent) => Promise<SQSBatchResponse> {
  const config = readIngestConfig(w.env);
  const deps = {
    store: new S3BlobStore(w.s3, config.dataBucket, { upload: uploadStream }),
    extractor: createDocumentExtractor({
      ...(config.maxBytes === undefined ? {} : { maxBytes: config.maxBytes }),
      ...(config.ocrWorkers === 0 ? {} : { ocr: w.ocr ?? lambdaOcr(config) }),
    }),
    clock: w.clock ?? systemClock,
    ...(config.reviewFirstBodies === undefined ? {} : { reviewFirstBodies: config.reviewFirstBodies }),
  };
  const hints = config.municipality === undefined ? undefined : { municipality: config.municipality };
  const batchDeps = {
    readSource: createS3SourceReader(w.s3, config.sourceBucket),
    maxBytes: config.maxBytes ?? DEFAULT_MAX_BYTES,
    oversized: (input: OversizedInput) => quarantineOversized(deps, input),
    // Each file is parsed with its body's template as the store holds it (the body's recent protocols), read afresh
    // per file so that a warm instance sees what was ingested since it started.
    ingest: (input: { bytes: Uint8Array; fileName: string }) =>
      ingestDocument(
        { ...deps, templates: new StoreTemplateSource(deps.store) },
        { ...input, ...(hints ? { hints } : {}) },
      ),
    logger: w.logger ?? createJsonLogger(config.logLevel ? { minLevel: config.logLevel } : {}, { fn: 'ingest' }),
    ...(config.publishQueueUrl === undefined
      ? {}
      : { notify: notifyPublisher(createPublishNotifier(w.sqs, config.publishQueueUrl)) }),
  };
  return (event) => processIngestBatch(event, batchDeps);
}

/** Every outcome the batch reports becomes a publish request, except a quarantined file's (nothing to publish). */
function notifyPublisher(notifier: PublishNotifier): (outcome: IngestOutcome) => Promise<void> {
  return async (outcome) => {
    const request = publishRequestOf(outcome);
    if (request !== null) await notifier(request);
  };
}
