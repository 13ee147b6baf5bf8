/**
 * What the public sees, all behind one CloudFront distribution:
 *   /datasets/snapshots/*  → data bucket public/snapshots/ (a year at the edge, invalidated by an erasure)
 *   /datasets/*            → data bucket public/            (cached as each object's Cache-Control says)
 *   everything else        → the API function (HTML pages /, /p/*, /m/*, /c/*, and the JSON API /v1/*)
 * Both origins are private and reachable only through this distribution: the bucket through origin access control
 * (OAC), the function URL through OAC with AWS_IAM auth. The function URL streams (RESPONSE_STREAM) so that large
 * CSV exports are not limited by the 6 MB buffered response size.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { ParagrafConfig } from './config.ts';
import { cachePolicies, responseHeadersPolicies, type SitePolicies } from './public-site-policies.ts';
import { DATASETS_PREFIX, DATASETS_REWRITE_SOURCE } from './datasets-rewrite.ts';
import { grantList, grantObjects, acknowledgePrefixWildcards, READ_OBJECT } from './object-grants.ts';
import { ParagrafFunction } from './paragraf-function.ts';
import { DATA_PREFIXES } from './storage.ts';

export interface PublicSiteProps {
  readonly config: ParagrafConfig;
  readonly dataBucket: s3.Bucket;
  readonly logBucket: s3.IBucket;
  readonly entry: string;
  readonly projectRoot: string;
  readonly environment: Record<string, string>;
}

export class PublicSite extends Construct {
  readonly apiFunction: ParagrafFunction;
  readonly functionUrl: lambda.FunctionUrl;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: PublicSiteProps) {
    super(scope, id);
    const { dataBucket } = props;

    this.apiFunction = new ParagrafFunction(this, 'ApiFunction', {
      entry: props.entry,
      projectRoot: props.projectRoot,
      description: 'Serves the Paragraf API (/v1) and HTML pages behind CloudFront',
      // More memory means more CPU, which shortens the cold start; requests themselves are light.
      memorySize: 1024,
      // A large CSV export streams for a while; CloudFront waits up to readTimeout between chunks.
      timeout: Duration.seconds(60),
      environment: props.environment,
    });
    grantList(this.apiFunction, dataBucket);
    grantObjects(this.apiFunction, dataBucket, [DATA_PREFIXES.public], READ_OBJECT);
    acknowledgePrefixWildcards(this.apiFunction.role!, dataBucket, {
      [DATA_PREFIXES.public]: 'The API serves published datasets and indexes; it may read public/ and nothing else.',
    });

    this.functionUrl = this.apiFunction.addFunctionUrl({
      authType: lambda.FunctionUrlAuthType.AWS_IAM,
      invokeMode: lambda.InvokeMode.RESPONSE_STREAM,
    });

    this.distribution = this.createDistribution(props);
    this.protectReviewPrefix(dataBucket);
  }

  private createDistribution(props: PublicSiteProps): cloudfront.Distribution {
    const { config } = props;
    const apiOrigin = origins.FunctionUrlOrigin.withOriginAccessControl(this.functionUrl, {
      readTimeout: Duration.seconds(60),
    });
    const caches = cachePolicies(this);
    const headers = responseHeadersPolicies(this);
    const distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Paragraf – ${config.municipality}`,
      defaultBehavior: {
        origin: apiOrigin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        // Read-only service: no POST/PUT/DELETE reach the function (OAC would also need signed payloads for them).
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
        cachePolicy: caches.api,
        // No origin request policy: the function sees exactly the cache key (path and query string), so a response
        // can never depend on a header that the cache does not distinguish.
        responseHeadersPolicy: headers.api,
        compress: true,
      },
      additionalBehaviors: this.datasetsBehaviours(props.dataBucket, caches, headers),
      // Europe and North America edges: the audience is Swedish; other viewers are served from these too.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableIpv6: true,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront/',
      domainNames: config.domainName ? [config.domainName] : undefined,
      certificate: config.certificateArn
        ? acm.Certificate.fromCertificateArn(this, 'Certificate', config.certificateArn)
        : undefined,
      // Only settable with an own certificate; the default *.cloudfront.net certificate has a fixed policy.
      minimumProtocolVersion: config.certificateArn ? cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      webAclId: config.webAclArn,
    });
    this.acknowledgeDistributionFindings(distribution, config);
    return distribution;
  }

  /** /datasets/snapshots/* first: CloudFront matches behaviours in order, and /datasets/* would match it too. */
  private datasetsBehaviours(
    dataBucket: s3.IBucket,
    caches: SitePolicies<cloudfront.ICachePolicy>,
    headers: SitePolicies<cloudfront.IResponseHeadersPolicy>,
  ): Record<string, cloudfront.BehaviorOptions> {
    const origin = origins.S3BucketOrigin.withOriginAccessControl(dataBucket, {
      originPath: `/${DATA_PREFIXES.public.replace(/\/$/u, '')}`,
    });
    const rewrite = new cloudfront.Function(this, 'DatasetsRewrite', {
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(DATASETS_REWRITE_SOURCE),
      comment: 'Maps /datasets/<path> to public/<path> in the data bucket',
    });
    const behaviour = (
      cachePolicy: cloudfront.ICachePolicy,
      responseHeadersPolicy: cloudfront.IResponseHeadersPolicy,
    ) => ({
      origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
      cachePolicy,
      responseHeadersPolicy,
      compress: true,
      functionAssociations: [{ function: rewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
    });
    return {
      [`${DATASETS_PREFIX}/snapshots/*`]: behaviour(caches.immutable, headers.immutable),
      [`${DATASETS_PREFIX}/*`]: behaviour(caches.datasets, headers.datasets),
    };
  }

  /**
   * Defence in depth for review/ and every other private prefix: even if a behaviour or origin path were changed
   * by mistake, CloudFront's service principal is denied every object outside public/ (a deny beats the OAC allow).
   */
  private protectReviewPrefix(dataBucket: s3.Bucket): void {
    dataBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudFrontOnlyPublicPrefix',
        effect: iam.Effect.DENY,
        principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:*'],
        notResources: [dataBucket.arnForObjects(`${DATA_PREFIXES.public}*`)],
      }),
    );
  }

  private acknowledgeDistributionFindings(distribution: cloudfront.Distribution, config: ParagrafConfig): void {
    const ack = (id: string, reason: string) => Validations.of(distribution).acknowledge({ id, reason });
    ack(
      'AwsSolutions-CFR1',
      'Council decisions published as open data (CC0) for anyone, anywhere (lag 2022:818 ' +
        'om den offentliga sektorns tillhandahållande av data); blocking countries would defeat that purpose.',
    );
    if (!config.webAclArn) {
      ack(
        'AwsSolutions-CFR2',
        'No web ACL given (context webAclArn): a CLOUDFRONT-scope WAF must live in us-east-1 ' +
          'and costs per month; the public service is read-only (GET/HEAD/OPTIONS) and cached at the edge, and the ' +
          '/admin behaviours answer only Cognito-signed sessions (throttled sign-in by Cognito). See docs/deploy.md.',
      );
    }
    if (!config.domainName) {
      ack(
        'AwsSolutions-CFR4',
        'Without a custom domain the distribution uses the default *.cloudfront.net ' +
          'certificate, whose viewer TLS policy cannot be chosen; with domainName + certificateArn it is TLSv1.2_2021.',
      );
    }
  }
}

export function distributionUrl(distribution: cloudfront.IDistribution): string {
  return `https://${distribution.distributionDomainName}`;
}
