/**
 * The three buckets. Source: what municipalities upload (inbox/), kept with every version. Data: everything
 * Paragraf derives, under the prefixes in DATA_PREFIXES; only public/ is ever served (via CloudFront, see
 * public-site.ts). Logs: S3 server access logs and CloudFront standard logs.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { PUBLIC_PREFIX } from '../functions/published/paths.ts';
import { STORE_PREFIXES } from '../functions/store/keys.ts';

/**
 * Key prefixes of the data bucket, taken from the code that writes them: the private store's layout
 * (functions/store/keys.ts) and the published tree (functions/published/paths.ts). review/ holds held-back § and is
 * never reachable through CloudFront; public/ is the only prefix CloudFront may read.
 */
export const DATA_PREFIXES = { ...STORE_PREFIXES, public: PUBLIC_PREFIX } as const;

/**
 * Overwritten and deleted objects under public/ and review/ stay in a versioned bucket as noncurrent versions. A
 * withdrawn § is erased from public/ by deleting and rewriting objects (docs/privacy.md, "Withdrawal"), and a decided
 * review entry is deleted; their old versions must not outlive that by more than S3's lifecycle allows (a day, the
 * shortest noncurrent expiration; S3 acts on it within about a day more). No rollback copies are kept there: published
 * files are derived from the records again by `paragraf publish --full`.
 */
export const ERASABLE_NONCURRENT_DAYS = 1;
/** Access logs hold viewer IP addresses (personal data); keep them a quarter for abuse investigations. */
const ACCESS_LOG_DAYS = 90;

export class ParagrafStorage extends Construct {
  readonly sourceBucket: s3.Bucket;
  readonly dataBucket: s3.Bucket;
  readonly logBucket: s3.Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.logBucket = new s3.Bucket(this, 'AccessLogs', {
      ...privateBucketDefaults(),
      // CloudFront standard logging writes with ACLs, so object ownership must allow them.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      versioned: false,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(ACCESS_LOG_DAYS) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.sourceBucket = new s3.Bucket(this, 'Source', {
      ...privateBucketDefaults(),
      versioned: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/source/',
      // Uploads of 50 MB protocols are multipart (aws s3 cp); abandoned parts are billed until aborted. This rule
      // expires no object: originals are kept.
      lifecycleRules: [{ id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.dataBucket = new s3.Bucket(this, 'Data', {
      ...privateBucketDefaults(),
      versioned: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/data/',
      lifecycleRules: [DATA_PREFIXES.public, DATA_PREFIXES.review].map((prefix) => ({
        id: `${prefix.replace(/\/$/u, '')}-noncurrent-versions`,
        prefix,
        noncurrentVersionExpiration: Duration.days(ERASABLE_NONCURRENT_DAYS),
        // The delete markers left once the versions behind them have expired.
        expiredObjectDeleteMarker: true,
      })),
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

export function privateBucketDefaults(): s3.BucketProps {
  return {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
  };
}
