/**
 * Deployment configuration, read from CDK context (`cdk synth -c municipality="Alingsås kommun" …` or cdk.json).
 * Everything is validated here, once, so that a typo fails the synth with a clear message instead of deploying a
 * stack that publishes wrong metadata (the organisation number ends up in every DCAT catalogue).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Node } from 'constructs';
import { slugify } from '../functions/core/records/ids.ts';
import { readHarvestSettings, type HarvestSettings } from './harvest-config.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface ParagrafConfig {
  /** The municipality's name as it should appear in published metadata, e.g. "Alingsås kommun". */
  readonly municipality: string;
  /** [a-z0-9-] form of the name; used in the stack name so one account can hold one stack per municipality. */
  readonly slug: string;
  /** NNNNNN-NNNN; the DCAT publisher IRI is derived from it (dataportal.se). */
  readonly organisationNumber: string;
  /** Custom domain for CloudFront, e.g. "protokoll.alingsas.se". Needs `certificateArn`. */
  readonly domainName?: string;
  /** ACM certificate for `domainName`; CloudFront only accepts certificates from us-east-1. */
  readonly certificateArn?: string;
  /** Base URL the API uses in links when there is no custom domain (see docs/deploy.md, "two-step deploy"). */
  readonly publicBaseUrl?: string;
  /** An existing WAFv2 web ACL (scope CLOUDFRONT, in us-east-1) to attach to the distribution. */
  readonly webAclArn?: string;
  /** Alarm notifications are sent here when given. */
  readonly alarmEmail?: string;
  readonly logLevel: LogLevel;
  /** Bodies whose paragraphs are held for review before publication (individual cases, SKR guidance). */
  readonly reviewFirstBodies: readonly string[];
  readonly maxUploadBytes: number;
  /**
   * The prefix of the admin's Cognito sign-in domain (https://PREFIX.auth.REGION.amazoncognito.com), unique in the
   * region; default "paragraf-<slug>". The admin itself is deployed once the site's URL is known (`publicBaseUrl`).
   */
  readonly authDomainPrefix: string;
  /** Portals to harvest on a schedule (infra/harvest-config.ts); absent = no harvest function. */
  readonly harvest?: HarvestSettings;
}

const PROJECT_ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');

/**
 * "default" stands for the privacy gate's own patterns (functions/core/privacy/review-first-bodies.ts: social, omsorg,
 * funktionsstöd, individ, arbetsmarknad, välfärd, överförmyndar …). The three names this list used to hold let
 * Vård- och omsorgsnämnden, Arbetsmarknadsnämnden and Sociala nämnden publish individual cases (issue 12). A
 * deployment adds bodies with "default,Myndighetsnämnden" or replaces the list by leaving "default" out.
 */
export const DEFAULT_REVIEW_FIRST_BODIES = ['default'] as const;
/** 50 MiB: the largest protocol the ingest function is sized for (memory and timeout in ingest-pipeline.ts). */
export const DEFAULT_MAX_UPLOAD_BYTES = 52_428_800;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
const DOMAIN_RE = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/u;
const CERT_ARN_RE = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/u;
const WEB_ACL_RE = /^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]+\/[0-9a-f-]{36}$/u;
const EMAIL_RE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/u;
const ORG_NUMBER_RE = /^\d{2}[2-9]\d{3}-\d{4}$/u;

/** Reads and validates the context of `node` (usually the App's). Throws ConfigError listing every problem. */
export function readConfig(node: Node): ParagrafConfig {
  const problems: string[] = [];
  const text = (key: string): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') {
      problems.push(`context "${key}" must be a string`);
      return undefined;
    }
    return value.trim();
  };

  const municipality = text('municipality') ?? '';
  const slug = slugify(municipality);
  if (!slug) problems.push('context "municipality" is required, e.g. -c municipality="Alingsås kommun"');

  const organisationNumber = text('organisationNumber') ?? '';
  // Municipalities' numbers start 212000-; any legal person has third digit >= 2 and a Luhn check digit.
  if (!ORG_NUMBER_RE.test(organisationNumber) || !luhnValid(organisationNumber.replace('-', ''))) {
    problems.push(
      `context "organisationNumber" must be a valid organisationsnummer NNNNNN-NNNN (got "${organisationNumber}")`,
    );
  }

  const domainName = text('domainName')?.toLowerCase();
  const certificateArn = text('certificateArn');
  if (domainName && !DOMAIN_RE.test(domainName))
    problems.push(`context "domainName" is not a host name: ${domainName}`);
  if (Boolean(domainName) !== Boolean(certificateArn)) {
    problems.push('contexts "domainName" and "certificateArn" must be given together');
  }
  if (certificateArn && !CERT_ARN_RE.test(certificateArn)) {
    problems.push('context "certificateArn" must be an ACM certificate ARN in us-east-1 (required by CloudFront)');
  }

  const publicBaseUrl = text('publicBaseUrl')?.replace(/\/+$/u, '');
  if (publicBaseUrl && !/^https:\/\/[^/\s]+$/u.test(publicBaseUrl)) {
    problems.push(
      'context "publicBaseUrl" must be an https origin without a path, e.g. https://d111111abcdef8.cloudfront.net',
    );
  }

  if (publicBaseUrl && domainName) problems.push('give either "domainName" or "publicBaseUrl", not both');

  const webAclArn = text('webAclArn');
  if (webAclArn && !WEB_ACL_RE.test(webAclArn))
    problems.push('context "webAclArn" must be a CLOUDFRONT-scope WAFv2 web ACL ARN');

  const alarmEmail = text('alarmEmail');
  if (alarmEmail && !EMAIL_RE.test(alarmEmail))
    problems.push(`context "alarmEmail" is not an e-mail address: ${alarmEmail}`);

  const logLevel = (text('logLevel') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`context "logLevel" must be one of ${LOG_LEVELS.join(', ')}`);

  const reviewFirstBodies = readList(text('reviewFirstBodies')) ?? [...DEFAULT_REVIEW_FIRST_BODIES];

  const maxUploadBytes = Number(node.tryGetContext('maxUploadBytes') ?? DEFAULT_MAX_UPLOAD_BYTES);
  if (!Number.isInteger(maxUploadBytes) || maxUploadBytes < 1 || maxUploadBytes > DEFAULT_MAX_UPLOAD_BYTES) {
    problems.push(
      `context "maxUploadBytes" must be an integer in 1..${DEFAULT_MAX_UPLOAD_BYTES} (the size ingest is sized for)`,
    );
  }

  const authDomainPrefix =
    text('authDomainPrefix')?.toLowerCase() ?? `paragraf-${slug}`.slice(0, 63).replace(/-+$/u, '');
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/u.test(authDomainPrefix) || /aws|amazon|cognito/u.test(authDomainPrefix))
    problems.push(
      `context "authDomainPrefix" must be 1–63 of a-z, 0-9 and "-", without "aws", "amazon" or "cognito" (got "${authDomainPrefix}")`,
    );

  const harvest = readHarvestSettings(node, PROJECT_ROOT, problems);

  if (problems.length > 0) throw new ConfigError(`Invalid Paragraf configuration:\n- ${problems.join('\n- ')}`);
  return {
    municipality,
    slug,
    organisationNumber,
    domainName,
    certificateArn,
    publicBaseUrl: domainName ? `https://${domainName}` : publicBaseUrl,
    webAclArn,
    alarmEmail,
    logLevel,
    reviewFirstBodies,
    maxUploadBytes,
    authDomainPrefix,
    ...(harvest ? { harvest } : {}),
  };
}

/** "A, B ,C" → ["A","B","C"]; undefined when absent so the default applies. Commas cannot occur in body names. */
function readList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  return items;
}

/** Luhn (mod 10) over all ten digits: the last digit of an organisationsnummer is its check digit. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    const doubled = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += doubled > 9 ? doubled - 9 : doubled;
  }
  return sum % 10 === 0;
}
