import { beforeAll, describe, expect, it } from 'vitest';
import { allowedPairs, resourceNames } from './grants.ts';
import { buildTestStack, logicalId, type BuiltStack } from './stack-fixture.ts';

let built: BuiltStack;
let names: Record<string, string>;

beforeAll(() => {
  built = buildTestStack();
  // Logical id → readable name, for rendering resources as "data:/records/*".
  names = resourceNames(built, {
    'Storage/Source': 'source',
    'Storage/Data': 'data',
    'Publish/Requests': 'publish-queue',
    'Ingest/Uploads': 'uploads-queue',
    'Ingest/FunctionLogs': 'ingest-logs',
    'Publish/FunctionLogs': 'publish-logs',
    'Publish/FanOutFunctionLogs': 'fan-out-logs',
    'Site/ApiFunctionLogs': 'api-logs',
  });
});

/** Every (action, resource) pair a function's role is allowed, as "action data:/prefix/*". */
const allowed = (functionPath: string): string[] => allowedPairs(built, names, functionPath);

const logs = (name: string) => [`logs:CreateLogStream ${name}:`, `logs:PutLogEvents ${name}:`];
const consume = (queue: string) =>
  [
    'sqs:ChangeMessageVisibility',
    'sqs:DeleteMessage',
    'sqs:GetQueueAttributes',
    'sqs:GetQueueUrl',
    'sqs:ReceiveMessage',
  ].map((action) => `${action} ${queue}:`);

describe('least privilege', () => {
  it('ingest: reads inbox/, reads and writes its data prefixes, deletes only stale review/ and quarantine/ entries', () => {
    const written = ['originals', 'quarantine', 'records', 'records-history', 'review'];
    expect(allowed('Ingest/Function')).toEqual(
      [
        ...logs('ingest-logs'),
        ...consume('uploads-queue'),
        's3:GetObject source:/inbox/*',
        's3:GetObjectVersion source:/inbox/*',
        's3:ListBucket data:',
        ...written.flatMap((prefix) => [`s3:GetObject data:/${prefix}/*`, `s3:PutObject data:/${prefix}/*`]),
        's3:PutObject data:/pending/*',
        's3:DeleteObject data:/review/*',
        's3:DeleteObject data:/quarantine/*',
        'sqs:GetQueueAttributes publish-queue:',
        'sqs:GetQueueUrl publish-queue:',
        'sqs:SendMessage publish-queue:',
      ].sort(),
    );
  });

  it('publish: reads records/, consumes pending/ markers, writes public/, erases (every version there, erasures/, CDN), holds its lease, keeps fan-out runs', () => {
    const distribution = logicalId(built, 'Site/Distribution');
    expect(allowed('Publish/Function')).toEqual(
      [
        ...logs('publish-logs'),
        ...consume('publish-queue'),
        's3:ListBucket data:',
        's3:GetObject data:/records/*',
        's3:GetObject data:/settings/*',
        's3:GetObject data:/pending/*',
        's3:DeleteObject data:/pending/*',
        's3:GetObject data:/locks/publish.json*',
        's3:PutObject data:/locks/publish.json*',
        ...['public', 'erasures'].flatMap((p) => [
          `s3:GetObject data:/${p}/*`,
          `s3:PutObject data:/${p}/*`,
          `s3:DeleteObject data:/${p}/*`,
        ]),
        // An erasure removes every version of what it deletes under public/, not only the current one.
        's3:DeleteObjectVersion data:/public/*',
        's3:ListBucketVersions data:',
        // On this distribution only.
        `cloudfront:CreateInvalidation arn:{"Ref":"AWS::Partition"}:cloudfront::{"Ref":"AWS::AccountId"}:distribution/{"Ref":"${distribution}"}`,
        's3:GetObject data:/publish-runs/*',
        's3:PutObject data:/publish-runs/*',
        's3:DeleteObject data:/publish-runs/*',
      ].sort(),
    );
  });

  it('publish fan-out steps: the same grants as the publisher, without the queue', () => {
    const queue = consume('publish-queue');
    const publisher = allowed('Publish/Function').filter((p) => !queue.includes(p) && !p.includes('publish-logs'));
    expect(allowed('Publish/FanOutFunction')).toEqual([...logs('fan-out-logs'), ...publisher].sort());
  });

  it('api: reads public/ and nothing else (no review/, no records/, no writes)', () => {
    expect(allowed('Site/ApiFunction')).toEqual(
      [...logs('api-logs'), 's3:ListBucket data:', 's3:GetObject data:/public/*'].sort(),
    );
  });

  it('never lets any function delete originals, records or their history', () => {
    for (const path of ['Ingest/Function', 'Publish/Function', 'Publish/FanOutFunction', 'Site/ApiFunction']) {
      const deletes = allowed(path).filter((pair) => pair.startsWith('s3:Delete'));
      expect(deletes.filter((pair) => /\/(originals|records|records-history)\//u.test(pair))).toEqual([]);
    }
  });

  it('gives no function a wildcard action or a whole-bucket object grant', () => {
    for (const path of ['Ingest/Function', 'Publish/Function', 'Publish/FanOutFunction', 'Site/ApiFunction']) {
      for (const pair of allowed(path)) {
        const [action, resource] = pair.split(' ') as [string, string];
        expect(action).not.toContain('*');
        expect(resource).not.toMatch(/:\/\*$/u);
        expect(resource).not.toBe('*');
      }
    }
  });

  it('uses own roles assumed by Lambda only, without AWS managed policies', () => {
    for (const path of [
      'Ingest/FunctionRole',
      'Publish/FunctionRole',
      'Publish/FanOutFunctionRole',
      'Site/ApiFunctionRole',
    ]) {
      const role = built.template.toJSON().Resources[logicalId(built, path)].Properties;
      expect(role.ManagedPolicyArns).toBeUndefined();
      expect(role.AssumeRolePolicyDocument.Statement).toEqual([
        { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
      ]);
    }
  });
});
