/**
 * A full republish fanned out per municipality (functions/pipeline/publish-fan-out.ts; docs/publishing.md, "At
 * national scale"): a Step Functions state machine invokes the publisher's fan-out function (the publish code with
 * Lambda's longest timeout, FAN_OUT_STEP_TIMEOUT) three ways — plan (the work list,
 * by municipality), one part per municipality (up to MAX_CONCURRENT_PARTS at once, each retried), and finish (the
 * change feed, dump, index file and the one manifest switch). Start an execution with any input; its name becomes
 * the run id. Incremental publishes stay on the FIFO queue; a queue publish that switches the manifest while a
 * fan-out runs makes the fan-out's finish refuse (its plan is tied to the version it was made against).
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { LOG_RETENTION, type ParagrafFunction } from './paragraf-function.ts';

/** Parts at once: S3 takes far more; this keeps one account's Lambda concurrency free for ingest and the API. */
export const MAX_CONCURRENT_PARTS = 16;
/** A national republish is about 3,000 municipality-years of work in 290 parts; two hours is ample. */
export const FAN_OUT_TIMEOUT = Duration.hours(2);

export interface PublishFanOutProps {
  readonly function: ParagrafFunction;
}

export class PublishFanOut extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: PublishFanOutProps) {
    super(scope, id);
    const invoke = (name: string, payload: Record<string, unknown>) =>
      new tasks.LambdaInvoke(this, name, {
        lambdaFunction: props.function,
        payload: sfn.TaskInput.fromObject(payload),
        payloadResponseOnly: true,
      });
    const plan = invoke('Plan', { step: 'plan', execution: sfn.JsonPath.stringAt('$$.Execution.Name'), full: true });
    const part = invoke('Part', {
      step: 'part',
      run: sfn.JsonPath.stringAt('$.run'),
      municipality: sfn.JsonPath.stringAt('$.municipality'),
    });
    // Parts only write content-addressed files and their own result: running one again is harmless.
    part.addRetry({ errors: ['States.ALL'], maxAttempts: 3, interval: Duration.seconds(10), backoffRate: 2 });
    const parts = new sfn.Map(this, 'Municipalities', {
      itemsPath: '$.municipalities',
      maxConcurrency: MAX_CONCURRENT_PARTS,
      itemSelector: { run: sfn.JsonPath.stringAt('$.run'), municipality: sfn.JsonPath.stringAt('$$.Map.Item.Value') },
      resultPath: sfn.JsonPath.DISCARD,
    });
    parts.itemProcessor(part);
    const finish = invoke('Finish', { step: 'finish', run: sfn.JsonPath.stringAt('$.run') });

    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: LOG_RETENTION,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      definitionBody: sfn.DefinitionBody.fromChainable(plan.next(parts).next(finish)),
      timeout: FAN_OUT_TIMEOUT,
      tracingEnabled: true,
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
    const fn = Stack.of(this).resolve((props.function.node.defaultChild as lambda.CfnFunction).logicalId) as string;
    Validations.of(this.stateMachine.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${fn}.Arn>:*]`,
      reason:
        'Step Functions may invoke the fan-out function by any version or alias (the grant CDK makes ends in :*); it is still that one function.',
    });
    Validations.of(this.stateMachine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray trace segments and CloudWatch Logs log delivery (the state machine logs and tracing cdk-nag asks for) have no resource-level permissions: AWS requires Resource "*".',
    });
  }
}
