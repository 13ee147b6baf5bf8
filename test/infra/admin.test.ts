/**
 * The admin on AWS as the template says it: a Cognito user pool nobody can sign up to, an app client that knows only
 * the authorization code grant (the admin adds PKCE), /admin behaviours CloudFront never caches, an origin that
 * refuses requests without CloudFront's secret header, and a function that may touch only what the clerk's work
 * needs. Deployed only when the site's URL is known (custom domain or publicBaseUrl), since the callback URL is.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN_SECRET_HEADER as HANDLER_HEADER } from '../../functions/handlers/support/admin-handler.ts';
import { ORIGIN_SECRET_HEADER } from '../../infra/admin-site.ts';
import { allowedPairs, resourceNames } from './grants.ts';
import { type BuiltStack, buildTestStack, logicalId } from './stack-fixture.ts';

type Props = Record<string, any>;
const SITE = 'https://d111111abcdef8.cloudfront.net';
/** AWS's managed cache policy "CachingDisabled". */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';

let built: BuiltStack;
let resources: Record<string, Props>;

beforeAll(() => {
  built = buildTestStack({ publicBaseUrl: SITE });
  resources = built.template.toJSON().Resources;
});

const only = (type: string): Props => {
  const found = Object.values(built.template.findResources(type));
  expect(found, type).toHaveLength(1);
  return found[0]!.Properties as Props;
};
const distribution = (): Props => only('AWS::CloudFront::Distribution').DistributionConfig;

describe('admin sign-in: the Cognito user pool', () => {
  it('lets only an administrator create users, with a strong password, TOTP MFA and threat protection', () => {
    const pool = only('AWS::Cognito::UserPool');
    expect(pool.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: true });
    expect(pool.MfaConfiguration).toBe('ON');
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    const policy = pool.Policies.PasswordPolicy;
    expect(policy.MinimumLength).toBeGreaterThanOrEqual(12);
    expect(policy).toMatchObject({
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });
    expect(pool.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
    expect(pool.UsernameAttributes).toEqual(['email']);
    expect(pool.DeletionProtection).toBe('ACTIVE');
    expect(pool.AccountRecoverySetting.RecoveryMechanisms.map((m: Props) => m.Name)).toEqual(['verified_email']);
  });

  it('has a hosted sign-in domain', () => {
    expect(only('AWS::Cognito::UserPoolDomain')).toMatchObject({ Domain: 'paragraf-goteborgs-stad' });
  });

  it('has one app client: authorization code only, public (PKCE), URLs on the site under /admin/', () => {
    const client = only('AWS::Cognito::UserPoolClient');
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(client.GenerateSecret).toBe(false);
    expect(client.CallbackURLs).toEqual([`${SITE}/admin/callback`]);
    expect(client.LogoutURLs).toEqual([`${SITE}/admin/logga-in`]);
    expect(client.AllowedOAuthScopes).toEqual(['openid', 'email', 'profile']);
    // No password sent to Cognito's API by anyone holding the client id; the hosted page uses SRP.
    expect(client.ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    expect(client.PreventUserExistenceErrors).toBe('ENABLED');
    expect(client.SupportedIdentityProviders).toEqual(['COGNITO']);
  });
});

describe('admin routing: CloudFront', () => {
  const behaviour = (pattern: string): Props =>
    distribution().CacheBehaviors.find((b: Props) => b.PathPattern === pattern);

  it('sends /admin and /admin/* to the admin function uncached, with every method, cookies and query strings', () => {
    for (const pattern of ['/admin', '/admin/*']) {
      const b = behaviour(pattern);
      expect(b, pattern).toBeDefined();
      expect(b.CachePolicyId).toBe(CACHING_DISABLED);
      expect(b.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'HEAD', 'POST']));
      expect(b.ViewerProtocolPolicy).toBe('redirect-to-https');
      const policy = resources[b.OriginRequestPolicyId.Ref]!.Properties.OriginRequestPolicyConfig;
      expect(policy.CookiesConfig).toEqual({ CookieBehavior: 'all' });
      expect(policy.QueryStringsConfig).toEqual({ QueryStringBehavior: 'all' });
      expect(policy.HeadersConfig.HeaderBehavior).toBe('whitelist');
      expect(policy.HeadersConfig.Headers).toEqual(
        expect.arrayContaining(['Origin', 'Sec-Fetch-Site', 'Content-Type']),
      );
      // Never the viewer's Host: a function URL answers only its own.
      expect(policy.HeadersConfig.Headers).not.toContain('Host');
    }
    // The public default behaviour stays read-only and cached.
    expect(distribution().DefaultCacheBehavior.AllowedMethods).toEqual(['GET', 'HEAD', 'OPTIONS']);
  });

  it('reaches the function URL with a secret header taken from Secrets Manager at deploy time', () => {
    expect(ORIGIN_SECRET_HEADER).toBe(HANDLER_HEADER);
    const b = behaviour('/admin/*');
    const origin = distribution().Origins.find((o: Props) => o.Id === b.TargetOriginId);
    expect(JSON.stringify(origin.DomainName)).toMatch(/"AdminFunctionFunctionUrl[0-9A-F]{8}","FunctionUrl"/u);
    expect(origin.OriginAccessControlId).toBeUndefined();
    const header = (origin.OriginCustomHeaders as Props[])[0]!;
    expect(header.HeaderName).toBe(ORIGIN_SECRET_HEADER);
    expect(JSON.stringify(header.HeaderValue)).toContain('{{resolve:secretsmanager:');
    expect(JSON.stringify(header.HeaderValue)).toContain(logicalId(built, 'Admin/OriginSecret'));
    built.template.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'NONE',
      InvokeMode: 'BUFFERED',
      TargetFunctionArn: { 'Fn::GetAtt': [logicalId(built, 'Admin/Function'), 'Arn'] },
    });
  });

  it('configures the function with the pool, the client, the site and secrets that are not in the template', () => {
    const env = resources[logicalId(built, 'Admin/Function')]!.Properties.Environment.Variables;
    expect(env.PUBLIC_BASE_URL).toBe(SITE);
    expect(env.USER_POOL_ID).toEqual({ Ref: logicalId(built, 'Admin/Users') });
    expect(env.USER_POOL_CLIENT_ID).toEqual({ Ref: expect.stringMatching(/^AdminUsersAdmin/u) });
    for (const name of ['ORIGIN_SECRET', 'SESSION_SECRET'])
      expect(JSON.stringify(env[name]), name).toMatch(/^\{"Fn::Join":\["",\["\{\{resolve:secretsmanager:/u);
    expect(JSON.stringify(env.AUTH_DOMAIN_URL)).toContain('amazoncognito.com');
  });

  it('lets browsers PUT into the source bucket from the site only (presigned uploads)', () => {
    const source = resources[logicalId(built, 'Storage/Source')]!.Properties;
    expect(source.CorsConfiguration.CorsRules).toEqual([
      expect.objectContaining({ AllowedMethods: ['PUT'], AllowedOrigins: [SITE] }),
    ]);
  });
});

describe('admin: least privilege', () => {
  it('reads and writes the private prefixes of the clerk’s work, puts into inbox/, asks for a publish; nothing else', () => {
    const names = resourceNames(built, {
      'Storage/Source': 'source',
      'Storage/Data': 'data',
      'Publish/Requests': 'publish-queue',
      'Admin/FunctionLogs': 'admin-logs',
    });
    const reads = ['records', 'review', 'decisions', 'pending', 'quarantine', 'settings', 'erasures'];
    const writes = ['records', 'review', 'decisions', 'pending', 'settings', 'erasures'];
    expect(allowedPairs(built, names, 'Admin/Function')).toEqual(
      [
        'logs:CreateLogStream admin-logs:',
        'logs:PutLogEvents admin-logs:',
        's3:ListBucket data:',
        ...reads.map((p) => `s3:GetObject data:/${p}/*`),
        ...writes.map((p) => `s3:PutObject data:/${p}/*`),
        's3:PutObject source:/inbox/*',
        'sqs:SendMessage publish-queue:',
      ].sort(),
    );
  });

  it('never reaches public/, originals/ or a delete', () => {
    const pairs = allowedPairs(built, resourceNames(built, { 'Storage/Data': 'data' }), 'Admin/Function');
    expect(pairs.filter((p) => /\/(public|originals|records-history|locks)\//u.test(p))).toEqual([]);
    expect(pairs.filter((p) => /Delete|\*\s|:\*$/u.test(p.split(' ')[0]!))).toEqual([]);
    const role = resources[logicalId(built, 'Admin/FunctionRole')]!.Properties;
    expect(role.ManagedPolicyArns).toBeUndefined();
  });
});

describe('admin: only with a known site URL', () => {
  it('is not deployed (no pool, no /admin behaviour) when neither a domain nor publicBaseUrl is given', () => {
    const plain = buildTestStack();
    expect(Object.keys(plain.template.findResources('AWS::Cognito::UserPool'))).toEqual([]);
    const config = Object.values(plain.template.findResources('AWS::CloudFront::Distribution'))[0]!.Properties
      .DistributionConfig as Props;
    expect(config.CacheBehaviors.map((b: Props) => b.PathPattern)).not.toContain('/admin/*');
  });
});
