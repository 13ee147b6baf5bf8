import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_CONCURRENT_PARTS } from '../../infra/publish-fan-out.ts';
import { FAN_OUT_STEP_TIMEOUT, PUBLISH_TIMEOUT } from '../../infra/publish-pipeline.ts';
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
  it('plans, publishes each municipality in a bounded Map, then finishes once, all with the fan-out function', () => {
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
    const fn = `<${logicalId(built, 'Publish/FanOutFunction')}.Arn>`;
    for (const task of [Plan, part, Finish]) expect(task.Resource).toBe(fn);
    expect(Plan.Parameters).toEqual({ step: 'plan', 'execution.$': '$$.Execution.Name', full: true });
    expect(part.Parameters).toEqual({ step: 'part', 'run.$': '$.run', 'municipality.$': '$.municipality' });
    expect(Finish.Parameters).toEqual({ step: 'finish', 'run.$': '$.run' });
  });

  it('runs its steps with the longest Lambda timeout; publishes from the queue keep theirs (and their retry delay) short', () => {
    const props = (path: string) => built.template.toJSON().Resources[logicalId(built, path)].Properties;
    expect(props('Publish/FanOutFunction').Timeout).toBe(FAN_OUT_STEP_TIMEOUT.toSeconds());
    expect(FAN_OUT_STEP_TIMEOUT.toSeconds()).toBe(900);
    expect(props('Publish/Function').Timeout).toBe(PUBLISH_TIMEOUT.toSeconds());
    expect(props('Publish/Requests').VisibilityTimeout).toBe(6 * PUBLISH_TIMEOUT.toSeconds());
    expect(props('Publish/FanOutFunction').Handler).toBe(props('Publish/Function').Handler);
    // Only the queue's function consumes the queue.
    const mappings = Object.values(built.template.findResources('AWS::Lambda::EventSourceMapping')).map(
      (m) => (m as Resource).Properties.FunctionName,
    );
    expect(mappings).toContainEqual({ Ref: logicalId(built, 'Publish/Function') });
    expect(mappings).not.toContainEqual({ Ref: logicalId(built, 'Publish/FanOutFunction') });
  });

  it('is traced, logs every execution, and stops after a bounded time', () => {
    expect(machine.Properties.TracingConfiguration).toEqual({ Enabled: true });
    expect(machine.Properties.LoggingConfiguration.Level).toBe('ALL');
    expect(definition).toHaveProperty('TimeoutSeconds');
  });
});
