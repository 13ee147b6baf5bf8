import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_CONCURRENT_PARTS } from '../../infra/publish-fan-out.ts';
import { buildTestStack, logicalId, type BuiltStack } from './stack-fixture.ts';

type Resource = { Type: string; Properties: Record<string, any> };

let built: BuiltStack;
let machine: Resource;
let definition: { StartAt: string; States: Record<string, any> };

/** The definition string with the function's ARN reference in place. */
function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as { 'Fn::Join'?: [string, unknown[]]; 'Fn::GetAtt'?: [string, string] };
  if (v['Fn::GetAtt']) return `<${v['Fn::GetAtt'][0]}.${v['Fn::GetAtt'][1]}>`;
  if (v['Fn::Join']) return v['Fn::Join'][1].map(render).join(v['Fn::Join'][0]);
  return JSON.stringify(value);
}

beforeAll(() => {
  built = buildTestStack();
  const machines = Object.values(built.template.findResources('AWS::StepFunctions::StateMachine')) as Resource[];
  expect(machines).toHaveLength(1);
  machine = machines[0]!;
  definition = JSON.parse(render(machine.Properties.DefinitionString));
});

describe('full republish fanned out per municipality', () => {
  it('plans, publishes each municipality in a bounded Map, then finishes once, all with the publish function', () => {
    expect(definition.StartAt).toBe('Plan');
    const { Plan, Municipalities, Finish } = definition.States;
    expect(Plan.Next).toBe('Municipalities');
    expect(Municipalities).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.municipalities',
      MaxConcurrency: MAX_CONCURRENT_PARTS,
      ResultPath: null,
      Next: 'Finish',
    });
    expect(Finish.End).toBe(true);
    const part = Municipalities.ItemProcessor.States.Part;
    expect(part.Retry).toEqual(
      expect.arrayContaining([expect.objectContaining({ ErrorEquals: ['States.ALL'], MaxAttempts: 3 })]),
    );
    const fn = `<${logicalId(built, 'Publish/Function')}.Arn>`;
    for (const task of [Plan, part, Finish]) expect(task.Resource).toBe(fn);
    expect(Plan.Parameters).toEqual({ step: 'plan', 'execution.$': '$$.Execution.Name', full: true });
    expect(part.Parameters).toEqual({ step: 'part', 'run.$': '$.run', 'municipality.$': '$.municipality' });
    expect(Finish.Parameters).toEqual({ step: 'finish', 'run.$': '$.run' });
  });

  it('is traced, logs every execution, and stops after a bounded time', () => {
    expect(machine.Properties.TracingConfiguration).toEqual({ Enabled: true });
    expect(machine.Properties.LoggingConfiguration.Level).toBe('ALL');
    expect(definition).toHaveProperty('TimeoutSeconds');
  });
});
