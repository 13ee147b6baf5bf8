/**
 * Defaults shared by every Paragraf Lambda function: Node.js 24 on arm64, an ESM bundle made by local esbuild
 * (infra/bundling.ts), a log group with a retention period, and a role that may write to that log group and
 * nothing else until the stack grants more.
 */
import { type Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { type ICommandHooks, NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { cdkBundling, RUNTIME_NODE_OPTIONS } from './bundling.ts';

/**
 * Logs may quote paragraph text, which can hold personal data until the privacy gate has run, so they are kept
 * only as long as it takes to investigate an incident (data minimisation, GDPR art. 5.1 c).
 */
export const LOG_RETENTION = logs.RetentionDays.ONE_MONTH;
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;

export interface ParagrafFunctionProps {
  /** Absolute path of the handler's TypeScript entry file. */
  readonly entry: string;
  /** Absolute path of the repository root (package-lock.json lives there). */
  readonly projectRoot: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly environment: Record<string, string>;
  /** Commands run around local bundling, e.g. to add files next to index.mjs (infra/ocr-asset.ts). */
  readonly commandHooks?: ICommandHooks;
}

export class ParagrafFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: ParagrafFunctionProps) {
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: LOG_RETENTION,
      // Operational logs only; nothing in them is a record of the municipality.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An own role instead of AWSLambdaBasicExecutionRole: that managed policy may create log groups anywhere.
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${Stack.of(scope).stackName} ${id}`,
    });
    super(scope, id, {
      entry: props.entry,
      projectRoot: props.projectRoot,
      depsLockFilePath: `${props.projectRoot}/package-lock.json`,
      handler: 'handler',
      description: props.description,
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      environment: { ...props.environment, NODE_OPTIONS: RUNTIME_NODE_OPTIONS },
      logGroup,
      role,
      bundling: { ...cdkBundling(), ...(props.commandHooks ? { commandHooks: props.commandHooks } : {}) },
    });
    logGroup.grantWrite(role);
  }
}
