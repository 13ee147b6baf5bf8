import { type Env, envReader } from './env.ts';
import type { LogLevel } from './json-logger.ts';

/**
 * The admin Lambda's settings, read once per cold start from its environment (set by the CDK stack, infra/admin-site.ts).
 *  DATA_BUCKET (required)          the store: records, review, decisions, pending markers, quarantine, settings
 *  SOURCE_BUCKET (required)        uploads go to its inbox/ (presigned PUTs, or the form's files put by the function)
 *  PUBLISH_QUEUE_URL (required)    "Publicera" sends a request here; the publish function does the work
 *  PUBLIC_BASE_URL (required)      the site's https origin: callback URLs, the Origin a form must come from
 *  USER_POOL_ID (required)         the Cognito user pool whose tokens are accepted
 *  USER_POOL_CLIENT_ID (required)  its app client (authorization code grant with PKCE, no secret)
 *  AUTH_DOMAIN_URL (required)      the pool's hosted sign-in, https://PREFIX.auth.REGION.amazoncognito.com
 *  ORIGIN_SECRET (required)        the value CloudFront sends in X-Paragraf-Origin-Verify; other requests get 403
 *  SESSION_SECRET (required)       signs session cookies and CSRF tokens (at least 32 characters)
 *  AWS_REGION                      set by Lambda; the bucket's regional endpoint for the CSP (default eu-north-1)
 *  MAX_UPLOAD_BYTES                largest presigned upload (default 50 MiB)
 *  LOG_LEVEL                       debug, info (default), warn or error
 */
export interface AdminConfig {
  dataBucket: string;
  sourceBucket: string;
  publishQueueUrl: string;
  publicBaseUrl: string;
  userPoolId: string;
  clientId: string;
  authDomainUrl: string;
  originSecret: string;
  sessionSecret: string;
  region: string;
  maxUploadBytes?: number;
  logLevel?: LogLevel;
}

export class AdminConfigError extends Error {
  override name = 'AdminConfigError';
}

const HTTPS_ORIGIN = /^https:\/\/[a-z0-9.-]+(?::\d+)?$/u;

export function readAdminConfig(env: Env): AdminConfig {
  const read = envReader(env, (message) => new AdminConfigError(message));
  const origin = (name: string) => {
    const value = read.required(name).replace(/\/+$/u, '');
    if (!HTTPS_ORIGIN.test(value))
      throw new AdminConfigError(`${name} must be an https origin without a path, got ${JSON.stringify(value)}`);
    return value;
  };
  const secret = (name: string) => {
    const value = read.required(name);
    if (value.length < 32) throw new AdminConfigError(`${name} must be at least 32 characters`);
    return value;
  };
  const config: AdminConfig = {
    dataBucket: read.required('DATA_BUCKET'),
    sourceBucket: read.required('SOURCE_BUCKET'),
    publishQueueUrl: read.required('PUBLISH_QUEUE_URL'),
    publicBaseUrl: origin('PUBLIC_BASE_URL'),
    userPoolId: read.required('USER_POOL_ID'),
    clientId: read.required('USER_POOL_CLIENT_ID'),
    authDomainUrl: origin('AUTH_DOMAIN_URL'),
    originSecret: secret('ORIGIN_SECRET'),
    sessionSecret: secret('SESSION_SECRET'),
    region: read.optional('AWS_REGION') ?? 'eu-north-1',
  };
  if (!/^[a-z]{2}(?:-[a-z]+)+-\d+_[A-Za-z0-9]+$/u.test(config.userPoolId))
    throw new AdminConfigError(`USER_POOL_ID is not a user pool id: ${JSON.stringify(config.userPoolId)}`);
  const maxUploadBytes = read.positiveInteger('MAX_UPLOAD_BYTES');
  if (maxUploadBytes) config.maxUploadBytes = maxUploadBytes;
  const logLevel = read.logLevel();
  if (logLevel) config.logLevel = logLevel;
  return config;
}
