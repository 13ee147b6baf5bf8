/**
 * One deployable Paragraf for one municipality: storage, ingest, serialized publish, the public site, alarms, and a
 * scheduled harvest of the portals the configuration names.
 * The functions' environment variables are the contract with functions/handlers (see ENVIRONMENT below).
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { OperationsAlarms } from './alarms.ts';
import type { ParagrafConfig } from './config.ts';
import { HarvestPipeline } from './harvest-pipeline.ts';
import { IngestPipeline } from './ingest-pipeline.ts';
import { PublishFanOut } from './publish-fan-out.ts';
import { PublishPipeline } from './publish-pipeline.ts';
import { distributionUrl, PublicSite } from './public-site.ts';
import { INBOX_PREFIX } from '../functions/store/keys.ts';
import { SqlAnalytics } from './sql-analytics.ts';
import { ParagrafStorage } from './storage.ts';
import { AdminSite } from './admin-site.ts';
import * as s3 from 'aws-cdk-lib/aws-s3';

export interface HandlerEntries {
  readonly ingest: string;
  readonly publish: string;
  readonly api: string;
  readonly harvest: string;
  readonly admin: string;
}

export interface ParagrafStackProps extends StackProps {
  readonly config: ParagrafConfig;
  /** Absolute paths of the handler entry files (functions/handlers/*.ts). */
  readonly entries: HandlerEntries;
  readonly projectRoot: string;
}

export class ParagrafStack extends Stack {
  readonly storage: ParagrafStorage;
  readonly ingest: IngestPipeline;
  readonly publish: PublishPipeline;
  readonly site: PublicSite;
  /** Only when the configuration names harvest sources. */
  readonly harvest?: HarvestPipeline;
  /** Only when the site's URL is known (custom domain or publicBaseUrl): Cognito needs the callback URL up front. */
  readonly admin?: AdminSite;
  readonly alarms: OperationsAlarms;
  /** Full republishes fanned out per municipality (Step Functions over the publisher's fan-out function). */
  readonly publishFanOut: PublishFanOut;
  /** Glue tables and an Athena workgroup over the published SQL tables (docs/sql.md). */
  readonly sql: SqlAnalytics;

  constructor(scope: Construct, id: string, props: ParagrafStackProps) {
    super(scope, id, props);
    const { config, entries, projectRoot } = props;
    const common = {
      MUNICIPALITY: config.municipality,
      ORGANISATION_NUMBER: config.organisationNumber,
      LOG_LEVEL: config.logLevel,
    };

    this.storage = new ParagrafStorage(this, 'Storage');
    const { sourceBucket, dataBucket, logBucket } = this.storage;

    // The API is the distribution's origin, so it cannot be given the distribution's own domain name (a cycle):
    // it gets PUBLIC_BASE_URL only from a custom domain or the publicBaseUrl context (docs/deploy.md).
    const apiBaseUrl: Record<string, string> = config.publicBaseUrl ? { PUBLIC_BASE_URL: config.publicBaseUrl } : {};
    this.site = new PublicSite(this, 'Site', {
      config,
      dataBucket,
      logBucket,
      entry: entries.api,
      projectRoot,
      environment: { ...common, DATA_BUCKET: dataBucket.bucketName, ...apiBaseUrl },
    });
    const publicBaseUrl = config.publicBaseUrl ?? distributionUrl(this.site.distribution);

    this.publish = new PublishPipeline(this, 'Publish', {
      dataBucket,
      distribution: this.site.distribution,
      entry: entries.publish,
      projectRoot,
      environment: { ...common, DATA_BUCKET: dataBucket.bucketName, PUBLIC_BASE_URL: publicBaseUrl },
    });

    this.publishFanOut = new PublishFanOut(this, 'PublishFanOut', { function: this.publish.fanOutFunction });

    this.ingest = new IngestPipeline(this, 'Ingest', {
      sourceBucket,
      dataBucket,
      publishQueue: this.publish.queue,
      entry: entries.ingest,
      projectRoot,
      environment: {
        ...common,
        DATA_BUCKET: dataBucket.bucketName,
        SOURCE_BUCKET: sourceBucket.bucketName,
        PUBLISH_QUEUE_URL: this.publish.queue.queueUrl,
        REVIEW_FIRST_BODIES: config.reviewFirstBodies.join(','),
        MAX_UPLOAD_BYTES: String(config.maxUploadBytes),
      },
    });

    if (config.harvest) {
      this.harvest = new HarvestPipeline(this, 'Harvest', {
        sourceBucket,
        dataBucket,
        sources: config.harvest.sources,
        firstRunHourUtc: config.harvest.firstRunHourUtc,
        entry: entries.harvest,
        projectRoot,
        environment: {
          ...common,
          DATA_BUCKET: dataBucket.bucketName,
          SOURCE_BUCKET: sourceBucket.bucketName,
          HARVEST_CONTACT: config.harvest.contact,
        },
      });
    }

    this.sql = new SqlAnalytics(this, 'Sql', { dataBucket, logBucket });
    if (config.publicBaseUrl)
      this.admin = this.createAdmin(config, config.publicBaseUrl, entries.admin, projectRoot, common);

    this.alarms = new OperationsAlarms(this, 'Alarms', {
      deadLetterQueues: {
        Ingest: this.ingest.deadLetterQueue,
        Publish: this.publish.deadLetterQueue,
        // A harvest event lands here only after every attempt failed: a source failing repeatedly.
        ...(this.harvest ? { Harvest: this.harvest.deadLetterQueue } : {}),
      },
      functions: {
        Ingest: this.ingest.function,
        Publish: this.publish.function,
        PublishFanOut: this.publish.fanOutFunction,
        Api: this.site.apiFunction,
        ...(this.admin ? { Admin: this.admin.function } : {}),
      },
      uploadQueue: this.ingest.queue,
      alarmEmail: config.alarmEmail,
    });

    this.outputs(publicBaseUrl);
  }

  /**
   * The admin pages: Cognito, the admin function, and CloudFront's /admin behaviours (uncached, every method). The
   * source bucket accepts the browser's presigned PUTs from the site's origin only (CORS).
   */
  private createAdmin(
    config: ParagrafConfig,
    publicBaseUrl: string,
    entry: string,
    projectRoot: string,
    common: Record<string, string>,
  ): AdminSite {
    const admin = new AdminSite(this, 'Admin', {
      config,
      publicBaseUrl,
      dataBucket: this.storage.dataBucket,
      sourceBucket: this.storage.sourceBucket,
      publishQueue: this.publish.queue,
      entry,
      projectRoot,
      environment: common,
    });
    for (const [pattern, { origin, ...options }] of Object.entries(admin.behaviours(this.site)))
      this.site.distribution.addBehavior(pattern, origin, options);
    this.storage.sourceBucket.addCorsRule({
      allowedMethods: [s3.HttpMethods.PUT],
      allowedOrigins: [publicBaseUrl],
      allowedHeaders: ['content-type', 'x-amz-meta-paragraf-*'],
      maxAge: 3600,
    });
    return admin;
  }

  private outputs(publicBaseUrl: string): void {
    const out = (id: string, value: string, description: string) => new CfnOutput(this, id, { value, description });
    out('SiteUrl', distributionUrl(this.site.distribution), 'CloudFront URL of the pages, the API (/v1) and datasets');
    out('PublicBaseUrl', publicBaseUrl, 'Base URL used in published links');
    out(
      'InboxUri',
      `s3://${this.storage.sourceBucket.bucketName}/${INBOX_PREFIX}`,
      'Upload protocols here (aws s3 cp)',
    );
    out('SourceBucketName', this.storage.sourceBucket.bucketName, 'Private bucket of uploaded originals');
    out('DataBucketName', this.storage.dataBucket.bucketName, 'Private bucket of records and published datasets');
    out('DistributionId', this.site.distribution.distributionId, 'For cache invalidations');
    out('IngestDeadLetterQueueUrl', this.ingest.deadLetterQueue.queueUrl, 'Uploads that failed ingest repeatedly');
    out('PublishDeadLetterQueueUrl', this.publish.deadLetterQueue.queueUrl, 'Publish requests that failed repeatedly');
    out(
      'PublishFanOutStateMachineArn',
      this.publishFanOut.stateMachine.stateMachineArn,
      'Start an execution for a full republish fanned out per municipality',
    );
    out('SqlDatabase', this.sql.databaseName, 'Glue database of the published tables (Athena; docs/sql.md)');
    out('SqlWorkGroup', this.sql.workGroup.name, 'Athena workgroup with the per-query scan limit');
    out('AlarmTopicArn', this.alarms.topic.topicArn, 'Subscribe to receive alarms');
    if (this.admin) {
      out('AdminUrl', `${publicBaseUrl}/admin`, 'The admin pages (sign in with a user of the AdminUserPoolId pool)');
      out(
        'AdminUserPoolId',
        this.admin.userPool.userPoolId,
        'Create admin users here (aws cognito-idp admin-create-user)',
      );
      out('AdminSignInDomain', this.admin.domain.baseUrl(), 'Hosted sign-in; SAML/OIDC reply URL base for federation');
    }
    if (this.harvest)
      out('HarvestDeadLetterQueueUrl', this.harvest.deadLetterQueue.queueUrl, 'Harvest runs that failed repeatedly');
  }
}
