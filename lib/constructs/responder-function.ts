import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { BundledFunction } from './private/bundling-options';
import { acknowledgeCompliance, OUTSIDE_VPC, OWN_INLINE_POLICY } from './private/compliance-nag';
import { responderCode } from './private/responder-bundles';

export type { FunctionRole } from './private/bundling-options';

export interface ResponderFunctionProps {
  /** The responder family (selects its handler, `lambdas/responders/<family>.ts`), the verifier, or a helper function. */
  readonly family: BundledFunction;
  /**
   * The function name (at most 64 characters).
   * @default - a name CloudFormation generates
   */
  readonly functionName?: string;
  /**
   * @default - no description
   */
  readonly description?: string;
  /**
   * Environment variables (Lambda allows 4 KB in all; callers check).
   * @default - none
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Retention of the function's log group.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Encrypts the log group and the dead-letter queue. Its key policy must allow CloudWatch Logs
   * (`logs.<region>.amazonaws.com`) to use it.
   * @default - CloudWatch Logs' own encryption and SQS-managed SSE
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * Reserved concurrency: an alarm storm cannot take the account's whole concurrency, and a
   * runaway responder cannot act on many resources at once.
   * @default 5
   */
  readonly reservedConcurrentExecutions?: number;
  /**
   * A handler source file to bundle with esbuild at synth instead (for tests and tools; esbuild
   * must then be installed).
   * @default - the family's handler: pre-bundled in the published package, bundled from
   * `lambdas/` when running from this repository's sources
   */
  readonly entry?: string;
  /**
   * Layers, e.g. the targets file of a responder whose targets do not fit the environment.
   * @default - none
   */
  readonly layers?: lambda.ILayerVersion[];
  /**
   * Where failed asynchronous invocations go: a queue shared with other functions.
   * @default - a queue of its own, encrypted with `encryptionKey` (or SQS-managed SSE)
   */
  readonly deadLetterQueue?: sqs.IQueue;
  /**
   * The IAM path of the function's role. The core stack's key and queue policies recognise the
   * responders and the verifier by it (private/role-paths.ts): a responder without it cannot sign
   * records or schedule re-checks.
   * @default "/"
   */
  readonly rolePath?: string;
}

/**
 * A responder Lambda function with the project's defaults in one place: Node.js 24 on arm64,
 * active tracing, 256 MB, 60 s, reserved concurrency, its own log group, an explicit role with no
 * AWS managed policy (its statements are inline, or in customer managed policies of its own when
 * they outgrow the inline limit: private/responder-policies.ts), an encrypted dead-letter queue for failed
 * asynchronous invocations, and its handler bundled with the SDK by esbuild with module-first main
 * fields (pre-bundled in the published package; from the sources, every handler in one esbuild
 * run per synth: private/responder-bundles.ts).
 */
export class ResponderFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  /** Where asynchronous invocations (SNS deliveries) go after their retries fail. */
  readonly deadLetterQueue: sqs.IQueue;

  constructor(scope: Construct, id: string, props: ResponderFunctionProps) {
    super(scope, id);
    const key = props.encryptionKey;

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.deadLetterQueue = props.deadLetterQueue ?? deadLetterQueue(this, 'DeadLetterQueue', key);

    // An explicit role: the default one would carry the AWS managed AWSLambdaBasicExecutionRole.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      path: props.rolePath,
      description: `Alert responder (${props.family}): least-privilege role derived from the remediation catalogue`,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.logGroup.logGroupArn] }),
    );
    if (key) {
      // Lambda sends to an encrypted dead-letter queue with the function's role.
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.keyArn] }));
    }

    const runtime = lambda.Runtime.NODEJS_24_X;
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      code: responderCode(this, props.family, props.entry),
      handler: 'index.handler',
      functionName: props.functionName,
      description: props.description,
      runtime,
      architecture: lambda.Architecture.ARM_64,
      tracing: lambda.Tracing.ACTIVE,
      memorySize: 256,
      timeout: Duration.seconds(60),
      reservedConcurrentExecutions: props.reservedConcurrentExecutions ?? 5,
      role: this.role,
      logGroup: this.logGroup,
      environment: props.environment ? { ...props.environment } : undefined,
      layers: props.layers,
      deadLetterQueueEnabled: true,
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: 2,
    });

    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) have no resource type in the Service Authorization Reference; nothing else that changes anything is granted on "*".',
    });
    acknowledgeCompliance(this.function, 'LambdaInsideVPC', OUTSIDE_VPC);
    acknowledgeCompliance(this.role, 'IAMNoInlinePolicy', OWN_INLINE_POLICY);
    Validations.of(this.function).acknowledge({
      id: 'Serverless-LambdaAsyncFailureDestination',
      reason:
        "Failed asynchronous invocations go to the dead-letter queue (DeadLetterConfig) after 2 retries, which the system's responder-dlq alarm watches; " +
        'the verifier is invoked synchronously by its SQS event source, whose failures go to the watched dead-letter queue of the verification queue.',
    });
  }
}

/**
 * A queue for a function's failed asynchronous invocations: encrypted with `key` (or SQS-managed
 * SSE), TLS only, kept 14 days. It is itself the last stop: an alarm watches its depth.
 */
export function deadLetterQueue(scope: Construct, id: string, key?: kms.IKey): sqs.Queue {
  const queue = new sqs.Queue(scope, id, {
    encryption: key ? sqs.QueueEncryption.KMS : sqs.QueueEncryption.SQS_MANAGED,
    encryptionMasterKey: key,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(queue).acknowledge({
    id: 'Serverless-SQSRedrivePolicy',
    reason: 'This queue is itself the final dead-letter queue; it has nowhere further to redrive to.',
  });
  return queue;
}
