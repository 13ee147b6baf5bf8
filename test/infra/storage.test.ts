import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestStack, logicalId, type BuiltStack } from './stack-fixture.ts';

type Resource = { Type: string; Properties: Record<string, any> };
type Statement = {
  Effect: string;
  Action: string | string[];
  Principal?: any;
  Condition?: any;
  Resource?: any;
  NotResource?: any;
};

let built: BuiltStack;
let buckets: Record<string, Resource>;
let policies: Record<string, Resource>;

beforeAll(() => {
  built = buildTestStack();
  buckets = built.template.findResources('AWS::S3::Bucket') as Record<string, Resource>;
  policies = built.template.findResources('AWS::S3::BucketPolicy') as Record<string, Resource>;
});

function policyOf(bucketId: string): Statement[] {
  const policy = Object.values(policies).find((p) => p.Properties.Bucket?.Ref === bucketId);
  if (!policy) throw new Error(`no bucket policy for ${bucketId}`);
  return policy.Properties.PolicyDocument.Statement as Statement[];
}

describe('buckets', () => {
  it('has exactly the source, data and access-log buckets, and the Athena results bucket (docs/sql.md)', () => {
    expect(Object.keys(buckets).sort()).toEqual(
      [
        logicalId(built, 'Storage/AccessLogs'),
        logicalId(built, 'Storage/Data'),
        logicalId(built, 'Storage/Source'),
        logicalId(built, 'Sql/Results'),
      ].sort(),
    );
  });

  it('blocks every kind of public access on every bucket and encrypts them', () => {
    for (const bucket of Object.values(buckets)) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(
        bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault,
      ).toEqual({ SSEAlgorithm: 'AES256' });
      expect(bucket.Properties.WebsiteConfiguration).toBeUndefined();
    }
  });

  it('denies every request without TLS (and below TLS 1.2) on bucket and objects', () => {
    for (const id of Object.keys(buckets)) {
      const statements = policyOf(id);
      const arn = { 'Fn::GetAtt': [id, 'Arn'] };
      const objects = { 'Fn::Join': ['', [arn, '/*']] };
      expect(statements).toContainEqual({
        Action: 's3:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Resource: [arn, objects],
      });
      expect(statements).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
        }),
      );
    }
  });

  it('grants nothing to the world: every Allow names a service principal with a source condition', () => {
    for (const statement of Object.values(policies).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Statement[],
    )) {
      if (statement.Effect !== 'Allow') continue;
      expect(Object.keys(statement.Principal)).toEqual(['Service']);
      expect(JSON.stringify(statement.Condition)).toMatch(/SourceArn/);
    }
  });

  it('versions the source bucket and expires nothing in it (originals are kept)', () => {
    const source = buckets[logicalId(built, 'Storage/Source')]!;
    expect(source.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    for (const rule of source.Properties.LifecycleConfiguration?.Rules ?? []) {
      expect(Object.keys(rule).sort()).toEqual(['AbortIncompleteMultipartUpload', 'Id', 'Status']);
    }
  });

  it('versions the data bucket; old versions under public/ and review/ outlive an erasure by a day at most', () => {
    const data = buckets[logicalId(built, 'Storage/Data')]!;
    expect(data.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const rules = data.Properties.LifecycleConfiguration.Rules as Record<string, any>[];
    // A withdrawn § is deleted from public/ and its review entry from review/: versioning must not keep the bytes.
    expect(rules).toEqual(
      ['public', 'review'].map((prefix) => ({
        Id: `${prefix}-noncurrent-versions`,
        Prefix: `${prefix}/`,
        Status: 'Enabled',
        NoncurrentVersionExpiration: { NoncurrentDays: 1 },
        ExpiredObjectDeleteMarker: true,
      })),
    );
    // Nothing else of the private store expires (records, decisions, originals are kept).
    expect(rules.some((r) => r.ExpirationInDays !== undefined)).toBe(false);
  });

  it('logs access to the source and data buckets into the log bucket', () => {
    const logs = logicalId(built, 'Storage/AccessLogs');
    built.template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { DestinationBucketName: { Ref: logs }, LogFilePrefix: 's3/source/' },
    });
    built.template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { DestinationBucketName: { Ref: logs }, LogFilePrefix: 's3/data/' },
    });
    expect(buckets[logs]!.Properties.LifecycleConfiguration.Rules).toEqual([
      { Id: 'expire-access-logs', ExpirationInDays: 90, Status: 'Enabled' },
    ]);
  });

  it('keeps the source and data buckets when the stack is deleted', () => {
    const kept = built.template.findResources('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(Object.keys(kept)).toEqual(
      expect.arrayContaining([logicalId(built, 'Storage/Source'), logicalId(built, 'Storage/Data')]),
    );
  });

  it('lets CloudFront read the data bucket only for this distribution and never outside public/', () => {
    const data = logicalId(built, 'Storage/Data');
    const statements = policyOf(data);
    const distribution = logicalId(built, 'Site/Distribution');
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Action: 's3:GetObject',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
      }),
    );
    const allow = statements.find((s) => s.Effect === 'Allow' && s.Principal?.Service === 'cloudfront.amazonaws.com')!;
    expect(JSON.stringify(allow.Condition)).toContain(`{"Ref":"${distribution}"}`);
    expect(statements).toContainEqual({
      Sid: 'CloudFrontOnlyPublicPrefix',
      Effect: 'Deny',
      Action: 's3:*',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      NotResource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [data, 'Arn'] }, '/public/*']] },
    });
    // The source bucket is not an origin at all.
    expect(JSON.stringify(policyOf(logicalId(built, 'Storage/Source')))).not.toContain('cloudfront');
  });
});
