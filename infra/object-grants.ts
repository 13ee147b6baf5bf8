/**
 * Least-privilege S3 grants spelled out action by action. The CDK's bucket.grantRead/grantReadWrite add wildcard
 * actions (s3:GetObject*, s3:List*, s3:Abort*, s3:DeleteObject*) that this stack does not need; here every action
 * is named and every object resource is one key prefix.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';

export const READ_OBJECT = ['s3:GetObject'] as const;
export const READ_WRITE_OBJECT = ['s3:GetObject', 's3:PutObject'] as const;

/** Allows `actions` on the objects under each prefix ("records/" → arn:…:bucket/records/*). */
export function grantObjects(
  grantee: iam.IGrantable,
  bucket: s3.IBucket,
  prefixes: readonly string[],
  actions: readonly string[],
): iam.PolicyStatement {
  const statement = new iam.PolicyStatement({
    actions: [...actions],
    resources: prefixes.map((prefix) => bucket.arnForObjects(`${prefix}*`)),
  });
  grantee.grantPrincipal.addToPrincipalPolicy(statement);
  return statement;
}

/**
 * s3:ListBucket on the bucket itself. Besides listing, S3 needs it to answer 404 rather than 403 for a missing
 * key, which BlobStore.get/head rely on to return null (functions/ports/blob-store.ts). It reveals key names only.
 */
export function grantList(grantee: iam.IGrantable, bucket: s3.IBucket): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
  );
}

/**
 * cdk-nag reports a prefix ARN ("…/records/*") as a wildcard (AwsSolutions-IAM5, one finding per resource). Each
 * such finding is acknowledged on the function's role policy with the reason given, which must say why that prefix
 * is needed. The finding id quotes the bucket's logical id, as cdk-nag renders Fn::GetAtt.
 */
export function acknowledgePrefixWildcards(
  policyOwner: IConstruct,
  bucket: s3.IBucket,
  reasons: Readonly<Record<string, string>>,
): void {
  const stack = Stack.of(bucket);
  const logicalId = stack.resolve((bucket.node.defaultChild as s3.CfnBucket).logicalId) as string;
  for (const [prefix, reason] of Object.entries(reasons)) {
    Validations.of(policyOwner).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/${prefix}*]`,
      reason,
    });
  }
}
