/**
 * cdk-nag (AwsSolutions) over the whole app: no finding may remain unacknowledged, every acknowledgement must
 * carry its own reason, and no acknowledgement may be stale (each one must silence a finding that really occurs).
 */
import { Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildParagrafApp } from '../../infra/paragraf-app.ts';
import { HARVEST_CONTEXT } from './harvest-context.ts';
import { buildTestStack, FIXTURE_ENTRIES, TEST_CONTEXT } from './stack-fixture.ts';

const CUSTOM_DOMAIN = {
  domainName: 'protokoll.goteborg.se',
  certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f2b7d4e-3c1a-4b8e-9d6f-5a4c3b2a1f0e',
  webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/paragraf/0f2b7d4e-3c1a-4b8e-9d6f-5a4c3b2a1f0e',
};

interface Acknowledgement {
  path: string;
  id: string;
  reason: string;
}

function acknowledgements(root: IConstruct): Acknowledgement[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/iu, ''),
          reason,
        })),
      ),
  );
}

/** Findings as cdk-nag would report them if nothing were acknowledged. */
function rawFindings(root: IConstruct): { rule: string; path: string }[] {
  const pack = new AwsSolutionsChecks();
  (pack as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
  return pack.validateScope(root).violations.flatMap((v) =>
    v.violatingResources.map((r) => ({
      rule: v.ruleName,
      path: r.constructPath ?? '',
    })),
  );
}

describe.each([
  ['default configuration', {}],
  ['custom domain and web ACL', CUSTOM_DOMAIN],
  ['scheduled harvest', HARVEST_CONTEXT],
  ['admin on the CloudFront domain', { publicBaseUrl: 'https://d111111abcdef8.cloudfront.net' }],
])('cdk-nag AwsSolutions, %s', (_name, context) => {
  const { app } = buildTestStack(context);

  it('reports no finding that is not acknowledged', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(
      report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(', ')}`),
    ).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('acknowledges only findings that occur, on the construct that has them', () => {
    const findings = rawFindings(app);
    for (const ack of acknowledgements(app)) {
      const silenced = findings.filter(
        (f) => f.rule === ack.id && (f.path === ack.path || f.path.startsWith(`${ack.path}/`)),
      );
      expect(silenced, `stale acknowledgement ${ack.id} at ${ack.path}`).not.toEqual([]);
    }
  });

  it('gives every acknowledgement its own, substantive reason', () => {
    const acks = acknowledgements(app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) expect(ack.reason.length, `${ack.id}: "${ack.reason}"`).toBeGreaterThanOrEqual(60);
    expect(new Set(acks.map((a) => a.reason)).size).toBe(acks.length);
  });
});

describe('cdk-nag acknowledgements depend on the configuration', () => {
  it('does not excuse WAF and the TLS policy when a web ACL and a custom domain are configured', () => {
    const ids = acknowledgements(buildTestStack(CUSTOM_DOMAIN).app).map((a) => a.id);
    expect(ids).not.toContain('AwsSolutions-CFR2');
    expect(ids).not.toContain('AwsSolutions-CFR4');
    expect(acknowledgements(buildTestStack().app).map((a) => a.id)).toEqual(
      expect.arrayContaining(['AwsSolutions-CFR2', 'AwsSolutions-CFR4']),
    );
  });
});

describe('synth gate', () => {
  it('synthesizes with the cdk-nag plugin and the built-in CloudFormation schema validation, reporting success', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'paragraf-synth-'));
    try {
      const { app } = buildParagrafApp({
        outdir,
        entries: FIXTURE_ENTRIES,
        builtinCloudFormationValidation: true,
        context: { 'aws:cdk:bundling-stacks': [], ...TEST_CONTEXT },
      });
      app.synth();
      const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
        pluginReports: { pluginName: string; conclusion: string; violations: unknown[] }[];
      };
      for (const plugin of report.pluginReports) {
        expect(plugin, plugin.pluginName).toMatchObject({ conclusion: 'success', violations: [] });
      }
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }); // the schema validation alone takes 10–25 s on a busy 2-core machine (the global timeout only catches a hang)

  it('fails the synth when a finding is not acknowledged', () => {
    const { app, stack } = buildParagrafApp({
      entries: FIXTURE_ENTRIES,
      context: { 'aws:cdk:bundling-stacks': [], ...TEST_CONTEXT },
    });
    // A bucket without TLS enforcement, logging or public access block: AwsSolutions-S1, S2, S10.
    new s3.Bucket(stack, 'Careless');
    expect(() => app.synth()).toThrow(/The S3 Bucket has server access logs disabled/u);
  });
});
