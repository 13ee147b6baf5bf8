/**
 * The scheduled harvest in the template: one EventBridge rule per source (fan-out), retries and a dead-letter queue
 * that alarms, and a function that may write only under the source bucket's inbox/harvest/ and its own state.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../infra/config.ts';
import { allowedPairs, resourceNames } from './grants.ts';
import { HARVEST_CONTEXT } from './harvest-context.ts';
import { buildTestStack, logicalId, type BuiltStack } from './stack-fixture.ts';

type Props = Record<string, any>;

let built: BuiltStack;
let ids: Record<'fn' | 'dlq', string>;

beforeAll(() => {
  built = buildTestStack(HARVEST_CONTEXT);
  ids = { fn: logicalId(built, 'Harvest/Function'), dlq: logicalId(built, 'Harvest/DeadLetters') };
});

const resources = (type: string): Props[] =>
  Object.values(built.template.findResources(type)).map((r) => r.Properties as Props);
const arn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

describe('harvest schedule', () => {
  it('has one daily rule per source, ten minutes apart from 02:00 UTC, each passing its source definition', () => {
    const rules = resources('AWS::Events::Rule');
    expect(rules.map((r) => r.ScheduleExpression)).toEqual(['cron(0 2 * * ? *)', 'cron(10 2 * * ? *)']);
    const inputs = rules.map((r) => JSON.parse(r.Targets[0].Input as string) as { source: Record<string, unknown> });
    expect(inputs.map((i) => i.source['id'])).toEqual(['goteborg-ciceron-test', 'goteborg-np-test']);
    expect(inputs[1]!.source).toMatchObject({
      system: 'netpublicator',
      status: 'active',
      netpublicator: { reader: 'r01696490', rootId: '4711', apiBase: 'https://docs.netpublicator.com' },
    });
    for (const rule of rules) {
      expect(rule.State).toBe('ENABLED');
      expect(rule.Targets).toHaveLength(1);
      expect(rule.Targets[0]).toMatchObject({
        Arn: arn(ids.fn),
        DeadLetterConfig: { Arn: arn(ids.dlq) },
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 7200 },
      });
    }
  });

  it('retries a failed run twice, then sends it to the dead-letter queue, which alarms', () => {
    expect(resources('AWS::Lambda::EventInvokeConfig')).toEqual([
      expect.objectContaining({
        FunctionName: { Ref: ids.fn },
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: arn(ids.dlq) } },
      }),
    ]);
    const alarm = resources('AWS::CloudWatch::Alarm').find((a) =>
      (a.AlarmDescription as string).startsWith('Harvest: messages in the dead-letter queue'),
    );
    expect(alarm).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.dlq, 'QueueName'] } }],
    });
    expect(alarm?.AlarmActions).toHaveLength(1);
  });

  it('lets EventBridge (for these rules only) and nothing else put messages on the dead-letter queue', () => {
    const policy = resources('AWS::SQS::QueuePolicy').find((p) => p.Queues[0].Ref === ids.dlq)!;
    const allow = (policy.PolicyDocument.Statement as Props[]).filter((s) => s.Effect === 'Allow');
    expect(allow.map((s) => s.Principal)).toEqual(allow.map(() => ({ Service: 'events.amazonaws.com' })));
    for (const s of allow) expect(s.Condition.ArnEquals['aws:SourceArn']).toBeDefined();
  });

  it('runs the function with the buckets and the contact, for up to 15 minutes', () => {
    const fn = built.template.toJSON().Resources[ids.fn].Properties as Props;
    expect(fn.Timeout).toBe(900);
    expect(fn.Environment.Variables).toMatchObject({
      HARVEST_CONTACT: 'oppna-data@goteborg.example',
      DATA_BUCKET: { Ref: logicalId(built, 'Storage/Data') },
      SOURCE_BUCKET: { Ref: logicalId(built, 'Storage/Source') },
    });
  });
});

describe('harvest least privilege', () => {
  it("writes only under the source bucket's inbox/harvest/ and reads and writes only its state, never deletes", () => {
    const names = resourceNames(built, {
      'Storage/Source': 'source',
      'Storage/Data': 'data',
      'Harvest/FunctionLogs': 'harvest-logs',
      'Harvest/DeadLetters': 'harvest-dlq',
    });
    expect(allowedPairs(built, names, 'Harvest/Function')).toEqual(
      [
        'logs:CreateLogStream harvest-logs:',
        'logs:PutLogEvents harvest-logs:',
        's3:PutObject source:/inbox/harvest/*',
        's3:ListBucket data:',
        's3:GetObject data:/harvest/*',
        's3:PutObject data:/harvest/*',
        'sqs:GetQueueAttributes harvest-dlq:',
        'sqs:GetQueueUrl harvest-dlq:',
        'sqs:SendMessage harvest-dlq:',
      ].sort(),
    );
    const role = built.template.toJSON().Resources[logicalId(built, 'Harvest/FunctionRole')].Properties as Props;
    expect(role.ManagedPolicyArns).toBeUndefined();
  });
});

describe('harvest configuration', () => {
  it('adds no harvest resources when no sources are named', () => {
    const plain = buildTestStack();
    expect(plain.template.findResources('AWS::Events::Rule')).toEqual({});
    expect(plain.stack.harvest).toBeUndefined();
  });

  it.each([
    [{ harvestSources: 'goteborg-ciceron-test,nowhere' }, /harvest source "nowhere" is not in/u],
    [{ harvestSources: 'goteborg-unverified-test' }, /is unverified: confirm its URL/u],
    [{ harvestContact: '' }, /"harvestContact": a contact .* is required/u],
    [{ harvestHour: 24 }, /"harvestHour" must be an hour/u],
    [{ harvestSourcesPath: 'test/infra/fixtures/none.json' }, /cannot read harvest sources/u],
  ])('refuses %j at synth', (change, message) => {
    expect(() => buildTestStack({ ...HARVEST_CONTEXT, ...change })).toThrow(ConfigError);
    expect(() => buildTestStack({ ...HARVEST_CONTEXT, ...change })).toThrow(message);
  });

  it('never schedules the shipped sources as they are: none has been confirmed by a person yet', () => {
    expect(() => buildTestStack({ harvestSources: 'alingsas-meetings-plus', harvestContact: 'a@b.se' })).toThrow(
      /is unverified/u,
    );
  });
});
