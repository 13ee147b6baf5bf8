/**
 * Builds the Paragraf app for the infra tests exactly as `cdk synth` does (same factory, same cdk.json context),
 * but with bundling skipped and stand-in handler entries (test/infra/fixtures/handlers), so the template tests do
 * not depend on the real handlers or spend time in esbuild. test/infra/bundle.test.ts bundles for real.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildParagrafApp, handlerEntries, type ParagrafApp } from '../../infra/paragraf-app.ts';

export const FIXTURE_ENTRIES = handlerEntries(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'handlers'));

/** A real municipality and its organisationsnummer (DOMAIN-FACTS.md example, passes the Luhn check). */
export const TEST_CONTEXT = { municipality: 'Göteborgs Stad', organisationNumber: '212000-1355' };

export interface BuiltStack extends ParagrafApp {
  readonly template: Template;
}

export function buildTestStack(context: Record<string, unknown> = {}): BuiltStack {
  const built = buildParagrafApp({
    entries: FIXTURE_ENTRIES,
    context: { 'aws:cdk:bundling-stacks': [], ...TEST_CONTEXT, ...context },
  });
  return { ...built, template: Template.fromStack(built.stack) };
}

/** The logical id CloudFormation will see for a construct's default resource. */
export function logicalId(built: BuiltStack, path: string): string {
  const construct = built.stack.node.findAll().find((c) => c.node.path === `${built.stack.node.path}/${path}`);
  if (!construct?.node.defaultChild) throw new Error(`no construct with a resource at ${path}`);
  return built.stack.resolve((construct.node.defaultChild as unknown as { logicalId: string }).logicalId) as string;
}
