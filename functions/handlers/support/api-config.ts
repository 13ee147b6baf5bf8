import { type Env, envReader } from './env.ts';
import type { LogLevel } from './json-logger.ts';

/**
 * The API Lambda's settings, read once per cold start from its environment (set by the CDK stack).
 *  DATA_BUCKET (required)   the store; only its public/ is ever read
 *  PUBLIC_BASE_URL          the site's URL for links; unset = the request's own origin
 *  LOG_LEVEL                debug, info (default), warn or error
 */
export interface ApiConfig {
  dataBucket: string;
  publicBaseUrl?: string;
  logLevel?: LogLevel;
}

export class ApiConfigError extends Error {
  override name = 'ApiConfigError';
}

export function readApiConfig(env: Env): ApiConfig {
  const read = envReader(env, (message) => new ApiConfigError(message));
  const config: ApiConfig = { dataBucket: read.required('DATA_BUCKET') };
  const baseUrl = read.optional('PUBLIC_BASE_URL');
  if (baseUrl) config.publicBaseUrl = baseUrl;
  const logLevel = read.logLevel();
  if (logLevel) config.logLevel = logLevel;
  return config;
}
