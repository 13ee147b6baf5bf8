import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ingestSecondsFor,
  LAMBDA_MB_PER_VCPU,
  OCR_SECONDS_PER_PAGE,
  SCAN_PAGES_SIZED_FOR,
} from '../../infra/ingest-pipeline.ts';
import { buildTestStack, logicalId, type BuiltStack } from './stack-fixture.ts';

type Props = Record<string, any>;

let built: BuiltStack;
let ids: Record<
  'ingest' | 'publish' | 'api' | 'uploads' | 'uploadsDlq' | 'requests' | 'requestsDlq' | 'source' | 'data',
  string
>;

beforeAll(() => {
  built = buildTestStack();
  ids = {
    ingest: logicalId(built, 'Ingest/Function'),
    publish: logicalId(built, 'Publish/Function'),
    api: logicalId(built, 'Site/ApiFunction'),
    uploads: logicalId(built, 'Ingest/Uploads'),
    uploadsDlq: logicalId(built, 'Ingest/DeadLetters'),
    requests: logicalId(built, 'Publish/Requests'),
    requestsDlq: logicalId(built, 'Publish/DeadLetters'),
    source: logicalId(built, 'Storage/Source'),
    data: logicalId(built, 'Storage/Data'),
  };
});

const props = (id: string): Props => built.template.toJSON().Resources[id].Properties;
const arn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

function eventSourceOf(functionId: string): Props {
  const mappings = Object.values(built.template.findResources('AWS::Lambda::EventSourceMapping'))
    .map((r) => r.Properties as Props)
    .filter((p) => p.FunctionName?.Ref === functionId);
  expect(mappings).toHaveLength(1);
  return mappings[0]!;
}

describe('upload → ingest', () => {
  it('announces objects created under inbox/ (and nowhere else) on the uploads queue', () => {
    const notifications = Object.values(built.template.findResources('Custom::S3BucketNotifications'));
    expect(notifications).toHaveLength(1);
    expect(notifications[0]!.Properties.BucketName).toEqual({ Ref: ids.source });
    expect(notifications[0]!.Properties.NotificationConfiguration).toEqual({
      QueueConfigurations: [
        {
          Events: ['s3:ObjectCreated:*'],
          Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'inbox/' }] } },
          QueueArn: arn(ids.uploads),
        },
      ],
    });
  });

  it('lets only S3, for the source bucket, send to the uploads queue', () => {
    built.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: ids.uploads }],
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 's3.amazonaws.com' },
            Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
            Condition: { ArnLike: { 'aws:SourceArn': arn(ids.source) } },
          }),
        ],
      },
    });
  });

  it('parks an upload in the dead-letter queue after three failed receives', () => {
    expect(props(ids.uploads).RedrivePolicy).toEqual({ deadLetterTargetArn: arn(ids.uploadsDlq), maxReceiveCount: 3 });
    expect(props(ids.uploadsDlq).MessageRetentionPeriod).toBe(14 * 24 * 3600);
  });

  it('hides a message for longer than the ingest function may run (six times its timeout)', () => {
    const timeout = props(ids.ingest).Timeout as number;
    expect(props(ids.uploads).VisibilityTimeout).toBe(6 * timeout);
  });

  it('sizes ingest for 50 MB PDFs and reports partial batch failures', () => {
    const fn = props(ids.ingest);
    expect(fn.MemorySize).toBeGreaterThanOrEqual(2048);
    expect(fn.Timeout).toBeGreaterThanOrEqual(300);
    expect(fn.Architectures).toEqual(['arm64']);
    const mapping = eventSourceOf(ids.ingest);
    expect(mapping.EventSourceArn).toEqual(arn(ids.uploads));
    expect(mapping.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    // One document per invocation: a file that kills the process cannot take other files with it.
    expect(mapping.BatchSize).toBe(1);
    expect(mapping.ScalingConfig).toEqual({ MaximumConcurrency: 5 });
  });

  it('sizes ingest for a batch of 60-page scans: one OCR engine per vCPU, the batch within the timeout', () => {
    const fn = props(ids.ingest);
    const vcpus = Math.floor(fn.MemorySize / LAMBDA_MB_PER_VCPU);
    expect(vcpus).toBeGreaterThanOrEqual(2);
    expect(fn.Environment.Variables.OCR_WORKERS).toBe(String(vcpus));
    expect(fn.Environment.Variables.OCR_ASSETS_DIR).toBe('/var/task/ocr');
    const batch = eventSourceOf(ids.ingest).BatchSize as number;
    const seconds = batch * Math.ceil(SCAN_PAGES_SIZED_FOR / vcpus) * OCR_SECONDS_PER_PAGE;
    expect(SCAN_PAGES_SIZED_FOR).toBe(60);
    expect(seconds).toBe(ingestSecondsFor(60));
    expect(fn.Timeout).toBeGreaterThanOrEqual(1.5 * seconds);
    // Memory: pdf.js with a 50 MB file (≈ 4× its size) plus one engine per vCPU with a 300-dpi A4 page (≈ 300 MB).
    expect(fn.MemorySize).toBeGreaterThanOrEqual(4 * 50 + vcpus * 300 + 512);
  });

  it('encrypts every queue and refuses requests without TLS', () => {
    const queues = built.template.findResources('AWS::SQS::Queue');
    expect(Object.keys(queues)).toHaveLength(4);
    for (const [id, queue] of Object.entries(queues)) {
      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
      built.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });
});

describe('serialized publish', () => {
  it('reads publish requests from a FIFO queue, so one municipality never has two runs at once', () => {
    const queue = props(ids.requests);
    expect(queue.FifoQueue).toBe(true);
    expect(queue.ContentBasedDeduplication).toBe(true);
    const mapping = eventSourceOf(ids.publish);
    expect(mapping.EventSourceArn).toEqual(arn(ids.requests));
    expect(mapping.BatchSize).toBe(10);
    // The ingest function can only send to it; it is the only producer.
    expect(JSON.stringify(props(ids.ingest).Environment.Variables.PUBLISH_QUEUE_URL)).toBe(
      JSON.stringify({ Ref: ids.requests }),
    );
  });

  it('parks failed publish requests in a FIFO dead-letter queue after three receives', () => {
    expect(props(ids.requestsDlq).FifoQueue).toBe(true);
    expect(props(ids.requests).RedrivePolicy).toEqual({
      deadLetterTargetArn: arn(ids.requestsDlq),
      maxReceiveCount: 3,
    });
    expect(props(ids.requests).VisibilityTimeout).toBe(6 * (props(ids.publish).Timeout as number));
  });
});

describe('functions', () => {
  it('run Node.js 24 on arm64 from an ESM bundle, each with its own log group kept 30 days', () => {
    for (const id of [ids.ingest, ids.publish, ids.api]) {
      const fn = props(id);
      expect(fn.Runtime).toBe('nodejs24.x');
      expect(fn.Architectures).toEqual(['arm64']);
      expect(fn.Handler).toBe('index.handler');
      const logGroup = fn.LoggingConfig.LogGroup.Ref as string;
      expect(props(logGroup).RetentionInDays).toBe(30);
    }
  });

  it('give each function exactly the environment variables of the handler contract', () => {
    const names = (id: string) => Object.keys(props(id).Environment.Variables).sort();
    const common = ['DATA_BUCKET', 'LOG_LEVEL', 'MUNICIPALITY', 'NODE_OPTIONS', 'ORGANISATION_NUMBER'];
    expect(names(ids.ingest)).toEqual(
      [
        ...common,
        'MAX_UPLOAD_BYTES',
        'OCR_ASSETS_DIR',
        'OCR_WORKERS',
        'PUBLISH_QUEUE_URL',
        'REVIEW_FIRST_BODIES',
        'SOURCE_BUCKET',
      ].sort(),
    );
    expect(names(ids.publish)).toEqual([...common, 'DISTRIBUTION_ID', 'PUBLIC_BASE_URL'].sort());
    // Without a custom domain the API cannot know the distribution's name (it is the distribution's origin).
    expect(names(ids.api)).toEqual(common);
  });

  it('fills the environment from the configuration and the resources', () => {
    const ingest = props(ids.ingest).Environment.Variables;
    expect(ingest).toMatchObject({
      NODE_OPTIONS: '--enable-source-maps',
      MUNICIPALITY: 'Göteborgs Stad',
      ORGANISATION_NUMBER: '212000-1355',
      LOG_LEVEL: 'info',
      DATA_BUCKET: { Ref: ids.data },
      SOURCE_BUCKET: { Ref: ids.source },
      REVIEW_FIRST_BODIES: 'default',
      MAX_UPLOAD_BYTES: '52428800',
    });
    expect(props(ids.publish).Environment.Variables.PUBLIC_BASE_URL).toEqual({
      'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalId(built, 'Site/Distribution'), 'DomainName'] }]],
    });
    // An erasure invalidates what it removed on this distribution (functions/handlers/support/publish-config.ts).
    expect(props(ids.publish).Environment.Variables.DISTRIBUTION_ID).toEqual({
      Ref: logicalId(built, 'Site/Distribution'),
    });
  });
});

describe('alarms', () => {
  const alarmOn = (metric: string, dimension: unknown) =>
    Object.values(built.template.findResources('AWS::CloudWatch::Alarm'))
      .map((a) => a.Properties as Props)
      .filter((a) => a.MetricName === metric && JSON.stringify(a.Dimensions).includes(JSON.stringify(dimension)));

  it('alarm as soon as one message is in either dead-letter queue', () => {
    for (const dlq of [ids.uploadsDlq, ids.requestsDlq]) {
      const [alarm, ...rest] = alarmOn('ApproximateNumberOfMessagesVisible', { 'Fn::GetAtt': [dlq, 'QueueName'] });
      expect(rest).toEqual([]);
      expect(alarm).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
      expect(alarm!.AlarmActions).toEqual([{ Ref: logicalId(built, 'Alarms/Topic') }]);
    }
  });

  it('alarm on errors of every function', () => {
    for (const fn of [ids.ingest, ids.publish, logicalId(built, 'Publish/FanOutFunction'), ids.api]) {
      const alarms = alarmOn('Errors', { Ref: fn });
      expect(alarms).toHaveLength(1);
      expect(alarms[0]).toMatchObject({ Namespace: 'AWS/Lambda', Statistic: 'Sum', Threshold: 1 });
    }
  });

  it('subscribe an e-mail address only when one is configured', () => {
    expect(built.template.findResources('AWS::SNS::Subscription')).toEqual({});
    const withEmail = buildTestStack({ alarmEmail: 'drift@example.se' });
    withEmail.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'drift@example.se',
    });
  });
});
