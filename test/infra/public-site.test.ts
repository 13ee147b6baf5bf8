import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestStack, logicalId, type BuiltStack } from './stack-fixture.ts';

type Props = Record<string, any>;
const YEAR = 365 * 24 * 3600;

let built: BuiltStack;
let config: Props;

beforeAll(() => {
  built = buildTestStack();
  config = distributionConfig(built);
});

function distributionConfig(stack: BuiltStack): Props {
  const distributions = Object.values(stack.template.findResources('AWS::CloudFront::Distribution'));
  expect(distributions).toHaveLength(1);
  return distributions[0]!.Properties.DistributionConfig as Props;
}
const resource = (id: string): Props => built.template.toJSON().Resources[id].Properties;
const behaviour = (pattern: string): Props => config.CacheBehaviors.find((b: Props) => b.PathPattern === pattern);
const originOf = (b: Props): Props => config.Origins.find((o: Props) => o.Id === b.TargetOriginId);

describe('API origin', () => {
  it('is a streaming function URL that only signed (IAM) requests may call', () => {
    built.template.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'AWS_IAM',
      InvokeMode: 'RESPONSE_STREAM',
      TargetFunctionArn: { 'Fn::GetAtt': [logicalId(built, 'Site/ApiFunction'), 'Arn'] },
    });
  });

  it('is the default behaviour, reached through origin access control for Lambda', () => {
    const origin = originOf(config.DefaultCacheBehavior);
    expect(JSON.stringify(origin.DomainName)).toContain('FunctionUrl');
    expect(origin.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    const oac = resource(origin.OriginAccessControlId['Fn::GetAtt'][0]).OriginAccessControlConfig;
    expect(oac).toMatchObject({
      OriginAccessControlOriginType: 'lambda',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
  });

  it('may be invoked by this distribution only', () => {
    const permissions = Object.values(built.template.findResources('AWS::Lambda::Permission')).map(
      (p) => p.Properties as Props,
    );
    expect(permissions.map((p) => p.Action).sort()).toEqual(['lambda:InvokeFunction', 'lambda:InvokeFunctionUrl']);
    for (const permission of permissions) {
      expect(permission.Principal).toBe('cloudfront.amazonaws.com');
      expect(JSON.stringify(permission.SourceArn)).toContain(`{"Ref":"${logicalId(built, 'Site/Distribution')}"}`);
    }
  });

  it('serves GET/HEAD/OPTIONS over HTTPS, cached per path and query string, with CORS', () => {
    const api = config.DefaultCacheBehavior;
    expect(api.AllowedMethods).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(api.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(api.OriginRequestPolicyId).toBeUndefined();
    const cache = resource(api.CachePolicyId.Ref).CachePolicyConfig;
    expect(cache).toMatchObject({ DefaultTTL: 60, MinTTL: 0, MaxTTL: 24 * 3600 });
    expect(cache.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
      QueryStringsConfig: { QueryStringBehavior: 'all' },
      HeadersConfig: { HeaderBehavior: 'none' },
      CookiesConfig: { CookieBehavior: 'none' },
      EnableAcceptEncodingBrotli: true,
      EnableAcceptEncodingGzip: true,
    });
    const cors = resource(api.ResponseHeadersPolicyId.Ref).ResponseHeadersPolicyConfig.CorsConfig;
    expect(cors).toMatchObject({
      AccessControlAllowOrigins: { Items: ['*'] },
      AccessControlAllowMethods: { Items: ['GET', 'HEAD', 'OPTIONS'] },
      AccessControlAllowCredentials: false,
    });
  });
});

describe('datasets origin', () => {
  it('maps /datasets/* and /datasets/snapshots/* to the data bucket, origin path /public, with OAC', () => {
    const data = logicalId(built, 'Storage/Data');
    for (const pattern of ['/datasets/*', '/datasets/snapshots/*']) {
      const origin = originOf(behaviour(pattern));
      expect(origin.DomainName).toEqual({ 'Fn::GetAtt': [data, 'RegionalDomainName'] });
      expect(origin.OriginPath).toBe('/public');
      expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
      const oac = resource(origin.OriginAccessControlId['Fn::GetAtt'][0]).OriginAccessControlConfig;
      expect(oac).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always' });
    }
  });

  it('matches the snapshot pattern before the general datasets pattern', () => {
    expect(config.CacheBehaviors.map((b: Props) => b.PathPattern)).toEqual(['/datasets/snapshots/*', '/datasets/*']);
  });

  it('has no origin for any other prefix of the data bucket', () => {
    expect(config.Origins).toHaveLength(2);
    const s3Origins = config.Origins.filter((o: Props) => o.S3OriginConfig);
    expect(s3Origins.map((o: Props) => o.OriginPath)).toEqual(['/public']);
  });

  it('strips the /datasets prefix with a viewer-request function on both behaviours', () => {
    const fn = logicalId(built, 'Site/DatasetsRewrite');
    for (const pattern of ['/datasets/*', '/datasets/snapshots/*']) {
      expect(behaviour(pattern).FunctionAssociations).toEqual([
        { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fn, 'FunctionARN'] } },
      ]);
    }
    expect(resource(fn).FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(resource(fn).AutoPublish).toBe(true);
  });

  it('caches snapshot manifests a year at the edge (an erasure invalidates them), an hour in browsers, never immutable', () => {
    const snapshots = behaviour('/datasets/snapshots/*');
    expect(resource(snapshots.CachePolicyId.Ref).CachePolicyConfig).toMatchObject({
      DefaultTTL: YEAR,
      MinTTL: YEAR,
      MaxTTL: YEAR,
    });
    const headers = resource(snapshots.ResponseHeadersPolicyId.Ref).ResponseHeadersPolicyConfig;
    expect(headers.CustomHeadersConfig.Items).toEqual([
      { Header: 'Cache-Control', Value: 'public, max-age=3600', Override: true },
    ]);
  });

  it("follows each published object's Cache-Control up to a year, a minute when it has none", () => {
    const datasets = behaviour('/datasets/*');
    expect(resource(datasets.CachePolicyId.Ref).CachePolicyConfig).toMatchObject({
      DefaultTTL: 60,
      MinTTL: 0,
      MaxTTL: YEAR,
    });
    const headers = resource(datasets.ResponseHeadersPolicyId.Ref).ResponseHeadersPolicyConfig;
    expect(headers.CustomHeadersConfig.Items).toEqual([
      { Header: 'Cache-Control', Value: 'public, max-age=60', Override: false },
    ]);
    expect(headers.CorsConfig.AccessControlAllowOrigins).toEqual({ Items: ['*'] });
  });
});

describe('distribution', () => {
  it('logs to the access-log bucket and serves HTTP/2 and HTTP/3 over IPv4 and IPv6', () => {
    expect(config.Logging).toEqual({
      Bucket: { 'Fn::GetAtt': [logicalId(built, 'Storage/AccessLogs'), 'RegionalDomainName'] },
      Prefix: 'cloudfront/',
    });
    expect(config).toMatchObject({ HttpVersion: 'http2and3', IPV6Enabled: true, PriceClass: 'PriceClass_100' });
    expect(config.Aliases).toBeUndefined();
  });

  it('uses the custom domain, its certificate and TLS 1.2 when configured, and gives the API its base URL', () => {
    const custom = buildTestStack({
      domainName: 'protokoll.goteborg.se',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f2b7d4e-3c1a-4b8e-9d6f-5a4c3b2a1f0e',
    });
    const customConfig = distributionConfig(custom);
    expect(customConfig.Aliases).toEqual(['protokoll.goteborg.se']);
    expect(customConfig.ViewerCertificate).toEqual({
      AcmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f2b7d4e-3c1a-4b8e-9d6f-5a4c3b2a1f0e',
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    const api = custom.template.toJSON().Resources[logicalId(custom, 'Site/ApiFunction')].Properties;
    expect(api.Environment.Variables.PUBLIC_BASE_URL).toBe('https://protokoll.goteborg.se');
    custom.template.hasOutput('PublicBaseUrl', { Value: 'https://protokoll.goteborg.se' });
  });

  it('attaches a given WAF web ACL', () => {
    const acl = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/paragraf/0f2b7d4e-3c1a-4b8e-9d6f-5a4c3b2a1f0e';
    expect(distributionConfig(buildTestStack({ webAclArn: acl })).WebACLId).toBe(acl);
  });

  it('outputs the URLs and names needed to upload and operate', () => {
    const outputs = built.template.toJSON().Outputs as Props;
    expect(Object.keys(outputs).sort()).toEqual([
      'AlarmTopicArn',
      'DataBucketName',
      'DistributionId',
      'InboxUri',
      'IngestDeadLetterQueueUrl',
      'PublicBaseUrl',
      'PublishDeadLetterQueueUrl',
      'PublishFanOutStateMachineArn',
      'SiteUrl',
      'SourceBucketName',
      'SqlDatabase',
      'SqlWorkGroup',
    ]);
    expect(outputs.InboxUri.Value).toEqual({
      'Fn::Join': ['', ['s3://', { Ref: logicalId(built, 'Storage/Source') }, '/inbox/']],
    });
  });
});
