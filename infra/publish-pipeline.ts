/**
 * The publisher: derives every shared file (partitions, indexes, change feed, snapshot) from the records, one run
 * at a time per store (ARCHITECTURE.md, "Serialized publish"). Serialisation comes from a FIFO queue: the ingest
 * function sends every request in one message group, and Lambda never has two batches of one message group in
 * flight, so shared files are never written concurrently. Behind it, the store's publish lease
 * (functions/pipeline/publish/lease.ts, conditional writes) refuses a second run however it was started. Reserved
 * concurrency is not used: on accounts with the default quota it cannot be reserved at all.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as lambdaEvents from 'aws-cdk-lib/aws-lambda-event-sources';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  acknowledgePrefixWildcards,
  grantList,
  grantObjects,
  READ_OBJECT,
  READ_WRITE_OBJECT,
} from './object-grants.ts';
import { ParagrafFunction } from './paragraf-function.ts';
import { DATA_PREFIXES } from './storage.ts';
import { PUBLISH_LEASE_KEY } from '../functions/store/keys.ts';

export const PUBLISH_TIMEOUT = Duration.minutes(5);
/**
 * A step of a fanned-out full republish (infra/publish-fan-out.ts). Its last step writes the change feed, the dump and
 * the § index of the whole archive and switches the manifest: minutes at national scale (docs/publishing.md), more
 * than an incremental publish may take. So the steps run in a function of their own with Lambda's longest run, and
 * the queue's publishes keep their short timeout (a failed one is retried after 6 × 5 minutes, not 6 × 15).
 */
export const FAN_OUT_STEP_TIMEOUT = Duration.minutes(15);
/** Retries before a publish request is parked in the dead-letter queue (and the DLQ alarm fires). */
export const PUBLISH_MAX_RECEIVES = 3;

export interface PublishPipelineProps {
  readonly dataBucket: s3.IBucket;
  /** The distribution in front of public/ and the API: an erasure invalidates the paths it removed. */
  readonly distribution?: cloudfront.IDistribution;
  readonly entry: string;
  readonly projectRoot: string;
  readonly environment: Record<string, string>;
}

export class PublishPipeline extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  /** Publishes what the queue asks for (incremental publishes, erasures). */
  readonly function: ParagrafFunction;
  /** Runs the steps of a fanned-out full republish (infra/publish-fan-out.ts). */
  readonly fanOutFunction: ParagrafFunction;

  constructor(scope: Construct, id: string, props: PublishPipelineProps) {
    super(scope, id);

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      fifo: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Requests', {
      fifo: true,
      // The ingest function sets MessageDeduplicationId (meeting, sha256, version), which takes precedence; content
      // dedup is the fallback for a sender that does not, and two different changes never have the same body.
      contentBasedDeduplication: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's guidance for Lambda event sources: at least six times the function timeout.
      visibilityTimeout: Duration.seconds(6 * PUBLISH_TIMEOUT.toSeconds()),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: PUBLISH_MAX_RECEIVES },
    });

    this.function = this.#publisher('Function', props, {
      description: 'Publishes datasets from the meeting records (one run at a time per municipality)',
      timeout: PUBLISH_TIMEOUT,
      who: 'The publisher',
    });
    this.fanOutFunction = this.#publisher('FanOutFunction', props, {
      description: 'Runs the steps of a full republish fanned out per municipality (the state machine invokes it)',
      timeout: FAN_OUT_STEP_TIMEOUT,
      who: 'A step of a fanned-out republish (the publisher)',
    });
    // Up to ten queued requests are coalesced into one publish run: the run reads all records anyway.
    this.function.addEventSource(new lambdaEvents.SqsEventSource(this.queue, { batchSize: 10 }));
  }

  /** A publisher function: the same code and grants for the queue's publishes and for the fan-out's steps. */
  #publisher(
    id: string,
    props: PublishPipelineProps,
    settings: {
      description: string;
      timeout: Duration /** Starts each acknowledgement's reason (they must differ). */;
      who: string;
    },
  ): ParagrafFunction {
    const fn = new ParagrafFunction(this, id, {
      entry: props.entry,
      projectRoot: props.projectRoot,
      description: settings.description,
      // Parquet and CSV renderers hold one partition in memory; 1.5 GB also gives close to a full vCPU.
      memorySize: 1536,
      timeout: settings.timeout,
      environment: {
        ...props.environment,
        ...(props.distribution ? { DISTRIBUTION_ID: props.distribution.distributionId } : {}),
      },
    });
    grantList(fn, props.dataBucket);
    // settings/: what the admin's settings page saved (the contact e-mail) fills in what the stack does not set.
    grantObjects(fn, props.dataBucket, [DATA_PREFIXES.records, DATA_PREFIXES.settings], READ_OBJECT);
    // Markers are deleted once handled. Published files are written once (content-addressed) or overwritten; the
    // only deletes under public/ are an erasure's (a withdrawn §), and erasures/ holds its requests until done.
    grantObjects(fn, props.dataBucket, [DATA_PREFIXES.pending], ['s3:GetObject', 's3:DeleteObject']);
    grantObjects(
      fn,
      props.dataBucket,
      [DATA_PREFIXES.public, DATA_PREFIXES.erasures],
      [...READ_WRITE_OBJECT, 's3:DeleteObject'],
    );
    // A fanned-out publish (infra/publish-fan-out.ts) keeps its plan and part results here until its last step.
    grantObjects(fn, props.dataBucket, [DATA_PREFIXES.publishRuns], [...READ_WRITE_OBJECT, 's3:DeleteObject']);
    // The lease that keeps a second publisher out (functions/pipeline/publish/lease.ts): read, created, renewed.
    grantObjects(fn, props.dataBucket, [PUBLISH_LEASE_KEY], ['s3:GetObject', 's3:PutObject']);
    acknowledgePrefixWildcards(fn.role!, props.dataBucket, {
      [DATA_PREFIXES.records]: `${settings.who} reads every meeting record (records/<municipality>/…) to derive the datasets.`,
      [DATA_PREFIXES.settings]: `${settings.who} reads settings/site.json, the site settings the clerk saved, for the catalogue contact.`,
      [DATA_PREFIXES.pending]: `${settings.who} reads the pending/ markers of changed meetings and deletes those it handled.`,
      [DATA_PREFIXES.public]:
        `${settings.who} writes the published datasets, indexes and snapshots under public/, and deletes ` +
        'the files an erasure of a withdrawn § replaced.',
      [DATA_PREFIXES.erasures]:
        `${settings.who} keeps erasure requests (erasures/<paragraphId>.json) until it has erased the § ` +
        'from every published file.',
      [DATA_PREFIXES.publishRuns]: `${settings.who}: a fanned-out publish writes its plan and one result per municipality here, and deletes them when done.`,
      [PUBLISH_LEASE_KEY]: `${settings.who}: the publish lease is one object; the trailing wildcard is how object grants are written here.`,
    });
    // An erasure deletes every version of what it removes (S3BlobStore.erase), not only the current one.
    grantObjects(fn, props.dataBucket, [DATA_PREFIXES.public], ['s3:DeleteObjectVersion']);
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:ListBucketVersions'], resources: [props.dataBucket.bucketArn] }),
    );
    if (props.distribution) {
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['cloudfront:CreateInvalidation'],
          resources: [
            Stack.of(this).formatArn({
              service: 'cloudfront',
              region: '',
              resource: 'distribution',
              resourceName: props.distribution.distributionId,
            }),
          ],
        }),
      );
    }
    return fn;
  }
}
