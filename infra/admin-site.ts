/**
 * The municipality's admin pages on AWS (docs/admin.md, "On AWS"):
 *
 *   Cognito user pool   people sign in on its hosted sign-in page: no self sign-up (an administrator creates each
 *                       user), a strong password policy, TOTP MFA required, threat protection enforced; it can be
 *                       federated to the municipality's own identity provider (Entra ID over SAML or OIDC).
 *   app client          the authorization code grant only (no implicit grant, no client credentials), public (no
 *                       secret: the admin function sends a PKCE challenge with every sign-in), callback and sign-out
 *                       URLs on the site's own domain under /admin/.
 *   admin function      functions/handlers/admin.ts behind a function URL: the same admin app as `paragraf serve
 *                       --admin`, reading and writing the private prefixes the clerk's work touches, putting uploads
 *                       into the source bucket's inbox/, asking the publish queue to publish; nothing under public/.
 *
 * Why a function URL with auth NONE and a secret origin header, not origin access control: OAC signs CloudFront's
 * requests to a function URL with SigV4, which for a POST or PUT needs the SHA-256 of the body in
 * x-amz-content-sha256, and browsers submitting forms do not send it. An API Gateway HTTP API would put the same
 * problem one hop further (its endpoint is public too) and add a service. So CloudFront adds a header whose value
 * is a generated secret, the function refuses (403) every request without it, and the admin app itself refuses every
 * request without a valid session (401) or, for a POST, without the same Origin and CSRF token (403).
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { INBOX_PREFIX } from '../functions/store/keys.ts';
import type { ParagrafConfig } from './config.ts';
import { acknowledgePrefixWildcards, grantList, grantObjects } from './object-grants.ts';
import { ParagrafFunction } from './paragraf-function.ts';
import { DATA_PREFIXES } from './storage.ts';

/** The header CloudFront adds for the admin origin; functions/handlers/support/admin-handler.ts checks it. */
export const ORIGIN_SECRET_HEADER = 'x-paragraf-origin-verify';
/** Where the hosted sign-in sends the browser back, and where it goes after signing out (functions/admin). */
export const ADMIN_CALLBACK_PATH = '/admin/callback';
export const ADMIN_SIGNED_OUT_PATH = '/admin/logga-in';

/** What the admin reads (the overview, previews, the review queue, quarantine, settings, erasure requests). */
export const ADMIN_READS = ['records', 'review', 'decisions', 'pending', 'quarantine', 'settings', 'erasures'] as const;
/** What the admin writes: notice dates and review decisions change records, markers and decisions; settings. */
export const ADMIN_WRITES = ['records', 'review', 'decisions', 'pending', 'settings', 'erasures'] as const;

export interface AdminSiteProps {
  readonly config: ParagrafConfig;
  /** The site's https origin (a custom domain or the publicBaseUrl context): callback URLs must be known here. */
  readonly publicBaseUrl: string;
  readonly dataBucket: s3.IBucket;
  readonly sourceBucket: s3.IBucket;
  readonly publishQueue: sqs.IQueue;
  readonly entry: string;
  readonly projectRoot: string;
  readonly environment: Record<string, string>;
}

export class AdminSite extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  readonly function: ParagrafFunction;
  readonly functionUrl: lambda.FunctionUrl;
  readonly originSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: AdminSiteProps) {
    super(scope, id);
    const { config, publicBaseUrl } = props;

    this.userPool = new cognito.UserPool(this, 'Users', {
      userPoolName: `paragraf-${config.slug}-admin`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Threat protection (compromised credentials, adaptive authentication) needs the Plus plan; a municipality
      // has a handful of clerks, so it costs little.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.domain = this.userPool.addDomain('SignIn', {
      cognitoDomain: { domainPrefix: config.authDomainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });

    this.client = this.userPool.addClient('Admin', {
      userPoolClientName: 'paragraf-admin',
      generateSecret: false,
      // The hosted sign-in only: no password or custom flows callable by anyone holding the client id.
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${publicBaseUrl}${ADMIN_CALLBACK_PATH}`],
        logoutUrls: [`${publicBaseUrl}${ADMIN_SIGNED_OUT_PATH}`],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // The tokens are verified once, at the callback; the admin's own session cookie lasts a working day.
      idTokenValidity: Duration.minutes(60),
      accessTokenValidity: Duration.minutes(60),
      refreshTokenValidity: Duration.hours(8),
      authSessionValidity: Duration.minutes(5),
    });

    const generated = (name: string, description: string) =>
      new secretsmanager.Secret(this, name, {
        description,
        generateSecretString: { passwordLength: 48, excludePunctuation: true },
      });
    this.originSecret = generated(
      'OriginSecret',
      'CloudFront to the admin function: the X-Paragraf-Origin-Verify header value',
    );
    const sessionSecret = generated('SessionSecret', 'Signs the Paragraf admin session cookies and CSRF tokens');

    this.function = new ParagrafFunction(this, 'Function', {
      entry: props.entry,
      projectRoot: props.projectRoot,
      description: 'Serves the Paragraf admin pages (/admin) behind CloudFront, signed in through Cognito',
      memorySize: 512,
      timeout: Duration.seconds(30),
      environment: {
        ...props.environment,
        DATA_BUCKET: props.dataBucket.bucketName,
        SOURCE_BUCKET: props.sourceBucket.bucketName,
        PUBLISH_QUEUE_URL: props.publishQueue.queueUrl,
        PUBLIC_BASE_URL: publicBaseUrl,
        USER_POOL_ID: this.userPool.userPoolId,
        USER_POOL_CLIENT_ID: this.client.userPoolClientId,
        AUTH_DOMAIN_URL: this.domain.baseUrl(),
        MAX_UPLOAD_BYTES: String(config.maxUploadBytes),
        // Resolved by CloudFormation at deploy time ({{resolve:secretsmanager:…}}): never in the template.
        ORIGIN_SECRET: this.originSecret.secretValue.unsafeUnwrap(),
        SESSION_SECRET: sessionSecret.secretValue.unsafeUnwrap(),
      },
    });
    this.functionUrl = this.function.addFunctionUrl({
      authType: lambda.FunctionUrlAuthType.NONE,
      invokeMode: lambda.InvokeMode.BUFFERED,
    });
    this.grant(props);
    this.acknowledge(props);
  }

  /** The /admin and /admin/* behaviours: never cached, every method, cookies and query strings to the function. */
  behaviours(scope: Construct): Record<string, cloudfront.BehaviorOptions> {
    const origin = new origins.FunctionUrlOrigin(this.functionUrl, {
      customHeaders: { [ORIGIN_SECRET_HEADER]: this.originSecret.secretValue.unsafeUnwrap() },
      readTimeout: Duration.seconds(30),
    });
    const originRequestPolicy = new cloudfront.OriginRequestPolicy(scope, 'AdminOriginRequests', {
      comment: 'Paragraf admin: the session cookies, the query (sign-in callback) and what CSRF checks read',
      cookieBehavior: cloudfront.OriginRequestCookieBehavior.all(),
      queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.all(),
      headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList(
        'Origin',
        'Sec-Fetch-Site',
        'Content-Type',
        'Accept',
        'Accept-Language',
      ),
    });
    const behaviour: cloudfront.BehaviorOptions = {
      origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy,
      compress: true,
    };
    return { '/admin': behaviour, '/admin/*': behaviour };
  }

  private grant(props: AdminSiteProps): void {
    const fn = this.function;
    grantList(fn, props.dataBucket);
    grantObjects(
      fn,
      props.dataBucket,
      ADMIN_READS.map((p) => DATA_PREFIXES[p]),
      ['s3:GetObject'],
    );
    grantObjects(
      fn,
      props.dataBucket,
      ADMIN_WRITES.map((p) => DATA_PREFIXES[p]),
      ['s3:PutObject'],
    );
    // Presigned PUT URLs are signed with the function's own credentials, so this is also all an upload URL allows.
    grantObjects(fn, props.sourceBucket, [INBOX_PREFIX], ['s3:PutObject']);
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [props.publishQueue.queueArn] }),
    );
  }

  private acknowledge(props: AdminSiteProps): void {
    const reasons: Record<string, string> = {
      [DATA_PREFIXES.records]:
        'The admin previews meeting records and changes them on a notice date or a review decision (records/).',
      [DATA_PREFIXES.review]: 'The admin lists the held § under review/ and updates an entry when the clerk decides.',
      [DATA_PREFIXES.decisions]: 'Release, reject and withdraw are kept as decisions/<meeting>/<§>.json by the admin.',
      [DATA_PREFIXES.pending]:
        'The admin lists what waits for publishing and writes the marker of each change it makes.',
      [DATA_PREFIXES.quarantine]: 'The admin shows the quarantine list (quarantine/) with why each file was refused.',
      [DATA_PREFIXES.settings]: 'The clerk reads and saves the site settings (base URL, publisher) in settings/.',
      [DATA_PREFIXES.erasures]: 'A withdrawal by the clerk files an erasure request (erasures/) for the publisher.',
    };
    acknowledgePrefixWildcards(this.function.role!, props.dataBucket, reasons);
    acknowledgePrefixWildcards(this.function.role!, props.sourceBucket, {
      [INBOX_PREFIX]:
        'Uploads from the admin (presigned PUT URLs and form posts) go into the source bucket inbox/ only.',
    });
    const ack = (scope: Construct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });
    for (const secret of [this.originSecret, this.node.findChild('SessionSecret') as secretsmanager.Secret]) {
      ack(
        secret,
        'AwsSolutions-SMG4',
        `${secret.node.id}: read by CloudFormation at deploy time into ${secret === this.originSecret ? 'the distribution and the function' : 'the function'}; ` +
          'rotating means a new value and a redeploy (docs/admin.md), which an automatic rotation Lambda cannot do.',
      );
    }
  }
}
