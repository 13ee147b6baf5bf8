import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_MAX_UPLOAD_BYTES, readConfig } from '../../infra/config.ts';

const VALID = { municipality: 'Göteborgs Stad', organisationNumber: '212000-1355' };
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0f2b7d4e-3c1a-4b8e-9d6f-5a4c3b2a1f0e';

const read = (context: Record<string, unknown>) => readConfig(new App({ context }).node);
const problems = (context: Record<string, unknown>): string => {
  try {
    read(context);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('readConfig', () => {
  it('reads the minimal configuration with the contract defaults', () => {
    expect(read(VALID)).toEqual({
      municipality: 'Göteborgs Stad',
      slug: 'goteborgs-stad',
      organisationNumber: '212000-1355',
      domainName: undefined,
      certificateArn: undefined,
      publicBaseUrl: undefined,
      webAclArn: undefined,
      alarmEmail: undefined,
      logLevel: 'info',
      reviewFirstBodies: ['default'],
      maxUploadBytes: 52_428_800,
      authDomainPrefix: 'paragraf-goteborgs-stad',
    });
    expect(DEFAULT_MAX_UPLOAD_BYTES).toBe(50 * 1024 * 1024);
  });

  it('takes the admin sign-in domain prefix from the context, and refuses one Cognito would refuse', () => {
    expect(read({ ...VALID, authDomainPrefix: 'Goteborg-Protokoll' }).authDomainPrefix).toBe('goteborg-protokoll');
    for (const bad of ['-leading', 'has_underscore', 'my-cognito-login', 'x'.repeat(64)])
      expect(() => read({ ...VALID, authDomainPrefix: bad }), bad).toThrow(/authDomainPrefix/u);
  });

  it('derives the public base URL from the custom domain', () => {
    const config = read({ ...VALID, domainName: 'Protokoll.Goteborg.se', certificateArn: CERT });
    expect(config.domainName).toBe('protokoll.goteborg.se');
    expect(config.publicBaseUrl).toBe('https://protokoll.goteborg.se');
  });

  it('accepts an explicit base URL (second deploy without a domain) and drops a trailing slash', () => {
    expect(read({ ...VALID, publicBaseUrl: 'https://d111111abcdef8.cloudfront.net/' }).publicBaseUrl).toBe(
      'https://d111111abcdef8.cloudfront.net',
    );
  });

  it('reads the review-first bodies as a comma-separated list', () => {
    expect(read({ ...VALID, reviewFirstBodies: 'Socialnämnden , Barn- och ungdomsnämnden' }).reviewFirstBodies).toEqual(
      ['Socialnämnden', 'Barn- och ungdomsnämnden'],
    );
  });

  it('requires the municipality and a valid organisationsnummer', () => {
    const message = problems({});
    expect(message).toContain('"municipality" is required');
    expect(message).toContain('"organisationNumber" must be a valid organisationsnummer');
    // Wrong check digit (Luhn), and a personnummer-like number (third digit < 2).
    expect(problems({ ...VALID, organisationNumber: '212000-1356' })).toContain('organisationNumber');
    expect(problems({ ...VALID, organisationNumber: '811218-9876' })).toContain('organisationNumber');
    expect(problems({ ...VALID, organisationNumber: '2120001355' })).toContain('organisationNumber');
  });

  it('requires domain and certificate together, the certificate from us-east-1', () => {
    expect(problems({ ...VALID, domainName: 'protokoll.goteborg.se' })).toContain('must be given together');
    expect(problems({ ...VALID, certificateArn: CERT })).toContain('must be given together');
    expect(
      problems({
        ...VALID,
        domainName: 'protokoll.goteborg.se',
        certificateArn: CERT.replace('us-east-1', 'eu-north-1'),
      }),
    ).toContain('us-east-1');
    expect(problems({ ...VALID, domainName: 'not a host', certificateArn: CERT })).toContain('not a host name');
  });

  it('rejects malformed optional settings, listing every problem at once', () => {
    const message = problems({
      ...VALID,
      publicBaseUrl: 'http://example.se/path',
      alarmEmail: 'drift',
      logLevel: 'verbose',
      maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES + 1,
      webAclArn: 'arn:aws:wafv2:eu-north-1:123456789012:regional/webacl/x/0f2b7d4e-3c1a-4b8e-9d6f-5a4c3b2a1f0e',
    });
    for (const key of ['publicBaseUrl', 'alarmEmail', 'logLevel', 'maxUploadBytes', 'webAclArn']) {
      expect(message).toContain(`"${key}"`);
    }
  });

  it('rejects a base URL together with a custom domain', () => {
    expect(
      problems({ ...VALID, domainName: 'protokoll.goteborg.se', certificateArn: CERT, publicBaseUrl: 'https://x.se' }),
    ).toContain('not both');
  });
});
