/**
 * Schedule → harvest. One EventBridge rule per source (fan-out) invokes the harvest function once a day with that
 * source's definition as the event; the runs are staggered so sources that share a host (every Netpublicator reader
 * lives on docs.netpublicator.com) do not overlap in the usual case. A run that fails is retried by Lambda
 * (HARVEST_RETRY_ATTEMPTS) and then parked in the dead-letter queue, which alarms (OperationsAlarms): that is a source
 * failing repeatedly. The function may write only under the source bucket's inbox/harvest/ and its own state.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { SourceDefinition } from '../functions/core/harvest/source-definition.ts';
import { acknowledgePrefixWildcards, grantList, grantObjects, READ_WRITE_OBJECT } from './object-grants.ts';
import { ParagrafFunction } from './paragraf-function.ts';
import { HARVEST_INBOX_PREFIX } from '../functions/store/keys.ts';
import { DATA_PREFIXES } from './storage.ts';

/** Lambda's maximum: a first harvest of three years at one request a second; later runs take a minute or two. */
export const HARVEST_TIMEOUT = Duration.minutes(15);
/** Holds one protocol of up to 50 MiB in memory between download and upload, with room for the runtime. */
export const HARVEST_MEMORY_MB = 512;
export const HARVEST_RETRY_ATTEMPTS = 2;
export const HARVEST_STAGGER_MINUTES = 10;

export interface HarvestPipelineProps {
  readonly sourceBucket: s3.IBucket;
  readonly dataBucket: s3.IBucket;
  readonly sources: readonly SourceDefinition[];
  readonly firstRunHourUtc: number;
  readonly entry: string;
  readonly projectRoot: string;
  readonly environment: Record<string, string>;
}

export class HarvestPipeline extends Construct {
  readonly deadLetterQueue: sqs.Queue;
  readonly function: ParagrafFunction;
  readonly rules: events.Rule[] = [];

  constructor(scope: Construct, id: string, props: HarvestPipelineProps) {
    super(scope, id);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the harvest schedule and function (EventBridge target DLQ ' +
        'and Lambda on-failure destination); a dead-letter queue for it would have nothing to catch.',
    });

    this.function = new ParagrafFunction(this, 'Function', {
      entry: props.entry,
      projectRoot: props.projectRoot,
      description: 'Harvests protocols from one municipal portal into the source bucket inbox',
      memorySize: HARVEST_MEMORY_MB,
      timeout: HARVEST_TIMEOUT,
      environment: props.environment,
    });
    this.function.configureAsyncInvoke({
      retryAttempts: HARVEST_RETRY_ATTEMPTS,
      maxEventAge: Duration.hours(6),
      onFailure: new destinations.SqsDestination(this.deadLetterQueue),
    });

    props.sources.forEach((source, i) => this.schedule(source, i, props.firstRunHourUtc));
    this.grant(props);
  }

  /** Daily at firstRunHour:00 UTC plus 10 minutes per source before it. */
  private schedule(source: SourceDefinition, index: number, firstRunHourUtc: number): void {
    const offset = index * HARVEST_STAGGER_MINUTES;
    const rule = new events.Rule(this, `Schedule-${source.id}`, {
      description: `Daily harvest of ${source.municipality} (${source.system}, ${source.id})`,
      schedule: events.Schedule.cron({
        minute: String(offset % 60),
        hour: String((firstRunHourUtc + Math.floor(offset / 60)) % 24),
      }),
    });
    rule.addTarget(
      new targets.LambdaFunction(this.function, {
        event: events.RuleTargetInput.fromObject({ source }),
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: HARVEST_RETRY_ATTEMPTS,
        maxEventAge: Duration.hours(2),
      }),
    );
    this.rules.push(rule);
  }

  private grant(props: HarvestPipelineProps): void {
    const fn = this.function;
    grantObjects(fn, props.sourceBucket, [HARVEST_INBOX_PREFIX], ['s3:PutObject']);
    grantList(fn, props.dataBucket);
    grantObjects(fn, props.dataBucket, [DATA_PREFIXES.harvest], READ_WRITE_OBJECT);
    const role = fn.role!;
    acknowledgePrefixWildcards(role, props.sourceBucket, {
      [HARVEST_INBOX_PREFIX]:
        'The harvester delivers each new protocol as inbox/harvest/<source>/<municipality>-<body>-<date>-<sha8>.pdf; ' +
        'the name is known only after the download, and inbox/ is where the ingest notification listens.',
    });
    acknowledgePrefixWildcards(role, props.dataBucket, {
      [DATA_PREFIXES.harvest]:
        'The harvest state of each source (harvest/<source>/state.json) is read at the start of a run and ' +
        'rewritten after every delivery, for whichever source the schedule names.',
    });
  }
}
