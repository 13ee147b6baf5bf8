/**
 * What a function's role may do, as sorted "action resource" pairs with resources rendered readably
 * ("s3:GetObject data:/records/*"), for the least-privilege tests. Every statement must be an unconditional Allow.
 */
import { expect } from 'vitest';
import { logicalId, type BuiltStack } from './stack-fixture.ts';

type Props = Record<string, any>;

/** Construct path → readable name for the resources grants point at (e.g. 'Storage/Data' → 'data'). */
export function resourceNames(built: BuiltStack, paths: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(paths).map(([path, name]) => [logicalId(built, path), name]));
}

/** {"Fn::Join":["",[{"Fn::GetAtt":["Data…","Arn"]},"/records/*"]]} → "data:/records/*". */
function render(resource: unknown, names: Record<string, string>): string {
  const value = resource as Props;
  if (typeof value === 'string') return value;
  if (value['Fn::GetAtt']) return `${names[value['Fn::GetAtt'][0]] ?? value['Fn::GetAtt'][0]}:`;
  if (value['Fn::Join']) return (value['Fn::Join'][1] as unknown[]).map((v) => render(v, names)).join('');
  return JSON.stringify(value);
}

export function allowedPairs(built: BuiltStack, names: Record<string, string>, functionPath: string): string[] {
  const fn = built.template.toJSON().Resources[logicalId(built, functionPath)].Properties;
  const role = fn.Role['Fn::GetAtt'][0] as string;
  const statements = Object.values(built.template.findResources('AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as Props[]).some((r) => r.Ref === role))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Props[]);
  return statements
    .flatMap((s) => {
      expect(s.Effect).toBe('Allow');
      expect(s.Condition).toBeUndefined();
      const actions = [s.Action].flat() as string[];
      const resources = [s.Resource].flat().map((r) => render(r, names));
      return actions.flatMap((a) => resources.map((r) => `${a} ${r}`));
    })
    .sort();
}
