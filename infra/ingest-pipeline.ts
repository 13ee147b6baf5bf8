/**
 * Upload → ingest. An object created under inbox/ in the source bucket is announced on an SQS queue (S3 event
 * notification); the ingest function reads it, stores the original, parses it and writes one meeting record (or a
 * quarantine/review entry), then asks the publisher to run. A document that keeps failing is parked in the
 * dead-letter queue after INGEST_MAX_RECEIVES attempts instead of blocking or looping.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as lambdaEvents from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { join } from 'node:path';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { acknowledgePrefixWildcards, grantList, grantObjects, READ_WRITE_OBJECT } from './object-grants.ts';
import { ParagrafFunction } from './paragraf-function.ts';
import { INBOX_PREFIX } from '../functions/store/keys.ts';
import { DATA_PREFIXES } from './storage.ts';

/**
 * Sized for the largest accepted upload (50 MiB, MAX_UPLOAD_BYTES) and for scans: pdf.js keeps the file and its
 * parsed objects in memory, several times the file size, and OCR reads one page per vCPU at a time
 * (OCR_WORKERS). Lambda gives one vCPU per 1,769 MB, so 3,584 MB buys two engines (each up to ≈ 300 MB for a
 * 300-dpi A4 page) beside pdf.js. A batch of INGEST_BATCH_SIZE documents, each a {@link SCAN_PAGES_SIZED_FOR}-page
 * scan, must fit in the timeout (ingestSecondsFor); typical digital protocols (1–5 MB) take seconds.
 */
export const INGEST_MEMORY_MB = 3584;
export const INGEST_TIMEOUT = Duration.minutes(15);
/**
 * One document per invocation: a file that exhausts the function's memory (a decompression bomb the limits missed, a
 * pathological scan) is killed alone, and after INGEST_MAX_RECEIVES attempts it alone lands in the dead-letter queue;
 * with larger batches every document of its batch failed and was retried with it (issue 14). Per-document limits
 * (functions/adapters/document-extractor.ts) keep ordinary hostile files from getting that far.
 */
export const INGEST_BATCH_SIZE = 1;
export const LAMBDA_MB_PER_VCPU = 1769;
export const OCR_WORKERS = Math.max(1, Math.floor(INGEST_MEMORY_MB / LAMBDA_MB_PER_VCPU));
/** The longest scan a batch is sized for (docs/ocr.md). */
export const SCAN_PAGES_SIZED_FOR = 60;
/**
 * Seconds one engine spends on a 200-dpi A4 page: ≈ 2.3 s on the bench machine (bench suite `ocr`), doubled for a
 * slower Graviton core, a 300-dpi scan and page-image decoding.
 */
export const OCR_SECONDS_PER_PAGE = 5;
/** Where infra/ocr-asset.ts puts the engine inside the function's asset (/var/task is the asset's root). */
export const OCR_ASSET_FOLDER = 'ocr';

/** Worst-case seconds for one ingest invocation: a full batch of scans of `pages` pages each. */
export function ingestSecondsFor(pages: number, batchSize = INGEST_BATCH_SIZE, workers = OCR_WORKERS): number {
  return batchSize * Math.ceil(pages / workers) * OCR_SECONDS_PER_PAGE;
}
export const INGEST_MAX_RECEIVES = 3;
/** A bulk upload of a whole archive should not start hundreds of 2 GiB functions at once. */
export const INGEST_MAX_CONCURRENCY = 5;

export interface IngestPipelineProps {
  readonly sourceBucket: s3.Bucket;
  readonly dataBucket: s3.IBucket;
  readonly publishQueue: sqs.IQueue;
  readonly entry: string;
  readonly projectRoot: string;
  readonly environment: Record<string, string>;
}

export class IngestPipeline extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly function: ParagrafFunction;

  constructor(scope: Construct, id: string, props: IngestPipelineProps) {
    super(scope, id);

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Uploads', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's guidance for Lambda event sources: at least six times the function timeout, so a message is not
      // handed out again while a (possibly throttled and retried) invocation still works on it.
      visibilityTimeout: Duration.seconds(6 * INGEST_TIMEOUT.toSeconds()),
      retentionPeriod: Duration.days(14),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: INGEST_MAX_RECEIVES },
    });
    props.sourceBucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(this.queue), {
      prefix: INBOX_PREFIX,
    });
    acknowledgeNotificationsHandler(this);

    this.function = new ParagrafFunction(this, 'Function', {
      entry: props.entry,
      projectRoot: props.projectRoot,
      description: 'Ingests uploaded protocols from inbox/ into meeting records',
      memorySize: INGEST_MEMORY_MB,
      timeout: INGEST_TIMEOUT,
      environment: {
        ...props.environment,
        OCR_ASSETS_DIR: `/var/task/${OCR_ASSET_FOLDER}`,
        OCR_WORKERS: String(OCR_WORKERS),
      },
      commandHooks: ocrAssetHooks(props.projectRoot),
    });
    this.function.addEventSource(
      new lambdaEvents.SqsEventSource(this.queue, {
        batchSize: INGEST_BATCH_SIZE,
        // The handler returns SQSBatchResponse: only the failed documents are retried, not the whole batch.
        reportBatchItemFailures: true,
        maxConcurrency: INGEST_MAX_CONCURRENCY,
      }),
    );

    this.grant(props);
  }

  private grant(props: IngestPipelineProps): void {
    const fn = this.function;
    // Versioned bucket: the notification names a version, and reading that exact version needs GetObjectVersion.
    grantObjects(fn, props.sourceBucket, [INBOX_PREFIX], ['s3:GetObject', 's3:GetObjectVersion']);
    // What ingest writes and deletes follows docs/store-layout.md: originals, records and their history are never
    // deleted; stale review/ entries and superseded quarantine entries are.
    const readWritten = [
      DATA_PREFIXES.originals,
      DATA_PREFIXES.records,
      DATA_PREFIXES.recordsHistory,
      DATA_PREFIXES.quarantine,
      DATA_PREFIXES.review,
    ];
    grantList(fn, props.dataBucket);
    grantObjects(fn, props.dataBucket, readWritten, READ_WRITE_OBJECT);
    grantObjects(fn, props.dataBucket, [DATA_PREFIXES.pending], ['s3:PutObject']);
    grantObjects(fn, props.dataBucket, [DATA_PREFIXES.review, DATA_PREFIXES.quarantine], ['s3:DeleteObject']);
    props.publishQueue.grantSendMessages(fn);

    const role = fn.role!;
    acknowledgePrefixWildcards(role, props.sourceBucket, {
      [INBOX_PREFIX]: 'Ingest reads whichever protocol was uploaded; uploads arrive under inbox/ with any file name.',
    });
    acknowledgePrefixWildcards(role, props.dataBucket, {
      [DATA_PREFIXES.originals]:
        'Originals are stored content-addressed (originals/<sha256>); the name is computed at run time.',
      [DATA_PREFIXES.records]:
        'Ingest writes the meeting record of the protocol it parsed; its id is known only after parsing.',
      [DATA_PREFIXES.recordsHistory]:
        'Before replacing a record, ingest keeps the previous version under records-history/.',
      [DATA_PREFIXES.quarantine]:
        'Documents that cannot be published get quarantine/<sha256>.json with the reason; ' +
        'a later successful ingest of the same bytes removes it.',
      [DATA_PREFIXES.review]:
        'Paragraphs held back by the privacy gate go to review/<meetingId>/…; entries a new ' +
        'version no longer holds are removed.',
      [DATA_PREFIXES.pending]:
        'Each changed meeting record leaves a pending/<time>-<meetingId>-<sha8>.json marker for the publisher.',
    });
  }
}

/** After esbuild: write the OCR engine next to index.mjs (infra/ocr-asset.ts), with this machine's node and esbuild. */
function ocrAssetHooks(projectRoot: string): ICommandHooks {
  const quote = (path: string): string => `"${path.replace(/(["\\$`])/gu, '\\$1')}"`;
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir: string, outputDir: string) => [
      [
        process.execPath,
        join(projectRoot, 'bin/run-ts.js'),
        join(projectRoot, 'infra/ocr-asset.ts'),
        join(outputDir, OCR_ASSET_FOLDER),
      ]
        .map(quote)
        .join(' '),
    ],
  };
}

export class CdkAssumptionError extends Error {
  override name = 'CdkAssumptionError';
}

/**
 * addEventNotification makes aws-cdk-lib add its own singleton custom resource (BucketNotificationsHandler…), a
 * function that writes the bucket's notification configuration during deployment. Its role carries the managed
 * AWSLambdaBasicExecutionRole policy; aws-cdk-lib does not let the stack replace it.
 */
function acknowledgeNotificationsHandler(scope: IConstruct): void {
  const handler = Stack.of(scope).node.children.find((child) => child.node.id.startsWith('BucketNotificationsHandler'));
  const role = handler?.node.tryFindChild('Role');
  if (!role) {
    throw new CdkAssumptionError(
      'aws-cdk-lib no longer creates BucketNotificationsHandler/Role; revisit this acknowledgement',
    );
  }
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason:
      "Role of the aws-cdk-lib custom resource that sets the source bucket's inbox/ notification at deploy " +
      'time; it runs only during deployments and only needs to write its own logs, which this managed policy allows.',
  });
}
