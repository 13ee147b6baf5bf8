/**
 * Builds the Paragraf app for the infra tests exactly as `cdk synth` does (same factory, same cdk.json context),
 * but with bundling skipped and stand-in handler entries (test/infra/fixtures/handlers), so the template tests do
 * not depend on the real handlers or spend time in esbuild. test/infra/bundle.test.ts bundles for real.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { expect } from 'vitest';
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

type Props = Record<string, any>;

/** Logical id → readable name, for rendering resources as "data:/records/*". */
function resourceNames(built: BuiltStack): Record<string, string> {
  return {
    [logicalId(built, 'Storage/Source')]: 'source',
    [logicalId(built, 'Storage/Data')]: 'data',
    [logicalId(built, 'Publish/Requests')]: 'publish-queue',
    [logicalId(built, 'Ingest/Uploads')]: 'uploads-queue',
    [logicalId(built, 'Ingest/FunctionLogs')]: 'ingest-logs',
    [logicalId(built, 'Publish/FunctionLogs')]: 'publish-logs',
    [logicalId(built, 'Site/ApiFunctionLogs')]: 'api-logs',
  };
}

/** {"Fn::Join":["",[{"Fn::GetAtt":["Data…","Arn"]},"/records/*"]]} → "data:/records/*". */
function render(resource: unknown, names: Record<string, string>): string {
  const value = resource as Props;
  if (typeof value === 'string') return value;
  if (value['Fn::GetAtt']) return `${names[value['Fn::GetAtt'][0]] ?? value['Fn::GetAtt'][0]}:`;
  if (value['Fn::Join']) return (value['Fn::Join'][1] as unknown[]).map((part) => render(part, names)).join('');
  return JSON.stringify(value);
}

/** Every (action, resource) pair a function's role is allowed, as "action data:/prefix/*", sorted. */
export function grantsOf(built: BuiltStack, functionPath: string): string[] {
  const names = resourceNames(built);
  const fn = built.template.toJSON().Resources[logicalId(built, functionPath)].Properties;
  const role = fn.Role['Fn::GetAtt'][0] as string;
  const statements = Object.values(built.template.findResources('AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as Props[]).some((r) => r.Ref === role))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Props[]);
  const pairs = statements.flatMap((s) => {
    expect(s.Effect).toBe('Allow');
    expect(s.Condition).toBeUndefined();
    const actions = [s.Action].flat() as string[];
    const resources = [s.Resource].flat().map((r) => render(r, names));
    return actions.flatMap((a) => resources.map((r) => `${a} ${r}`));
  });
  return pairs.sort();
}
