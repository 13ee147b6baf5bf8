/**
 * Builds the CDK app: reads the configuration from context, creates one ParagrafStack and registers the cdk-nag
 * AwsSolutions checks, so that `cdk synth` fails on any finding that is not acknowledged with a reason.
 * infra/app.ts (the cdk.json entry) and the tests use the same function.
 */
import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from './config.ts';
import { ParagrafStack, type HandlerEntries } from './paragraf-stack.ts';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the handler authors put the entry files (the contract). */
export function handlerEntries(handlersDir = join(PROJECT_ROOT, 'functions', 'handlers')): HandlerEntries {
  return {
    ingest: join(handlersDir, 'ingest.ts'),
    publish: join(handlersDir, 'publish.ts'),
    api: join(handlersDir, 'api.ts'),
    harvest: join(handlersDir, 'harvest.ts'),
    admin: join(handlersDir, 'admin.ts'),
  };
}

export interface BuildAppOptions extends AppProps {
  readonly entries?: HandlerEntries;
}

/**
 * The context of cdk.json (feature flags and defaults). The CLI passes it to the app itself; reading it here too
 * makes an app built in a test behave exactly like `cdk synth` (same feature flags, same template).
 */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

export interface ParagrafApp {
  readonly app: App;
  readonly stack: ParagrafStack;
}

export function buildParagrafApp(options: BuildAppOptions = {}): ParagrafApp {
  const { entries = handlerEntries(), ...appProps } = options;
  const app = new App({
    // The built-in CloudFormation schema validation takes ~10 s for this stack; synth stays fast without it, and
    // test/infra/nag.test.ts runs it on every test run.
    builtinCloudFormationValidation: false,
    ...appProps,
    context: { ...cdkJsonContext(), ...appProps.context },
  });
  const config = readConfig(app.node);
  const stack = new ParagrafStack(app, `Paragraf-${config.slug}`, {
    description: `Paragraf: council protocols of ${config.municipality} as open data`,
    config,
    entries,
    projectRoot: PROJECT_ROOT,
    // Region and account come from the CLI's credentials at deploy time (env-agnostic synth works offline).
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    tags: { Application: 'paragraf', Municipality: config.slug },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
