import { ArnFormat, CustomResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, type IDependable } from 'constructs';
import { acknowledgeCompliance, OUTSIDE_VPC, OWN_INLINE_POLICY } from './private/compliance-nag';
import { flattenForNag } from './private/responder-nag';
import { responderCode } from './private/responder-bundles';
import { grantWithinIamLimits, type PolicyOwner } from './private/responder-policies';

/** A log group that must exist before something in the stack uses it. */
export interface EnsuredLogGroup {
  readonly logGroupName: string;
  /** Retention set where the group is created here (and on every deploy where `owned`). */
  readonly retention: logs.RetentionDays;
  /**
   * Encrypts the group where it is created here (and on every deploy where `owned`). Its key
   * policy must allow `logs.<region>.amazonaws.com` to use it for this group.
   * @default - CloudWatch Logs' own encryption
   */
  readonly kmsKeyArn?: string;
  /**
   * This app's own group: retention and key are applied on every deploy, also to a group left
   * by an earlier deployment. Otherwise an existing group is left as its owner set it.
   * @default false
   */
  readonly owned?: boolean;
}

export interface EnsureLogGroupsProps {
  readonly logGroups: readonly EnsuredLogGroup[];
  /**
   * Encrypts the provider's own log group. Its key policy must allow `logs.<region>.amazonaws.com`
   * to use it for that group.
   * @default - CloudWatch Logs' own encryption
   */
  readonly encryptionKey?: kms.IKey;
}

/** The custom resource and its provider: function, role, its log group. */
const FIXED_RESOURCES = 5;
/** IAM's count of the two ARNs a group is granted on (`log-group:<name>` and `log-group:<name>:*`), generously. */
const ARNS_PER_GROUP_ESTIMATE = 2 * 160;

/**
 * Creates the log groups that are missing, before anything that depends on this construct, and
 * never deletes one (`cdk destroy` leaves the groups and their events). Idempotent: a group that
 * exists is used as it is (`ResourceAlreadyExistsException` is expected, not an error). The
 * provider function may call logs:CreateLogGroup and logs:PutRetentionPolicy on these groups only.
 */
export class EnsureLogGroups extends Construct {
  /** The resources this construct adds to a stack for `groups` distinct log groups (an upper bound). */
  static estimateResources(groups: number): number {
    // The inline policy holds about 9,000 characters, each managed policy about 5,500 (responder-policies.ts).
    const overflow = Math.max(0, groups * ARNS_PER_GROUP_ESTIMATE - 8_000);
    return FIXED_RESOURCES + Math.ceil(overflow / 5_000);
  }

  /** Depend on this to be created after the groups exist. */
  readonly ready: IDependable;

  constructor(scope: Construct, id: string, props: EnsureLogGroupsProps) {
    super(scope, id);
    const byName = new Map(props.logGroups.map((g) => [g.logGroupName, g]));
    if (byName.size === 0) throw new Error('EnsureLogGroups: no log groups given; create the construct only where a metric filter needs one.');
    const stack = Stack.of(this);
    const groups = [...byName.values()];

    const logGroup = new logs.LogGroup(this, 'ProviderLogs', { retention: groups[0].retention, encryptionKey: props.encryptionKey, removalPolicy: RemovalPolicy.DESTROY });
    const role = new iam.Role(this, 'ProviderRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'alert-responder: creates the missing log groups its metric filters read, and nothing else',
    });
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));
    // CloudWatch Logs authorizes on `log-group:<name>` for some actions and `log-group:<name>:*` for
    // others ("Overview of managing access permissions to your CloudWatch Logs resources"): both, for these groups only.
    const arns = (names: readonly string[]) =>
      names.flatMap((name) => {
        const arn = stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: name, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
        return [arn, `${arn}:*`];
      });
    const statements = [new iam.PolicyStatement({ actions: ['logs:CreateLogGroup', 'logs:PutRetentionPolicy'], resources: arns(groups.map((g) => g.logGroupName)) })];
    const rekeyed = groups.filter((g) => g.owned && g.kmsKeyArn).map((g) => g.logGroupName);
    if (rekeyed.length > 0) statements.push(new iam.PolicyStatement({ actions: ['logs:AssociateKmsKey'], resources: arns(rekeyed) }));
    const owner: PolicyOwner = {
      label: 'alert-responder: log groups to create',
      whose: `${stack.stackName}: the permissions to create its ${groups.length} log groups`,
      remedy: 'Fewer log-derived alarms per stack: lower the stack resource budget.',
    };
    grantWithinIamLimits(role, statements, owner);

    const runtime = lambda.Runtime.NODEJS_24_X;
    const provider = new lambda.Function(this, 'Provider', {
      code: responderCode(this, 'ensure-log-groups'),
      handler: 'index.handler',
      runtime,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      // CreateLogGroup allows a few calls a second per account: hundreds of groups take a while.
      timeout: Duration.minutes(10),
      // CloudFormation invokes it once per custom resource change: a runaway cannot take more.
      reservedConcurrentExecutions: 2,
      role,
      logGroup,
      description: 'alert-responder: Custom::EnsureLogGroups, creates the log groups metric filters need',
    });
    const resource = new CustomResource(this, 'Resource', {
      resourceType: 'Custom::EnsureLogGroups',
      serviceToken: provider.functionArn,
      properties: {
        LogGroups: groups.map((g) => ({
          Name: g.logGroupName,
          RetentionInDays: g.retention,
          ...(g.kmsKeyArn ? { KmsKeyArn: g.kmsKeyArn } : {}),
          Owned: g.owned ? 'true' : 'false',
        })),
      },
      // Never deletes a group, so there is nothing to retain or destroy.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // The role's policies must be in place before CloudFormation invokes the provider.
    resource.node.addDependency(role);
    this.ready = resource;
    acknowledgeWildcards(role, arns(groups.map((g) => g.logGroupName)));
    // The handler answers CloudFormation on every outcome, FAILED with its reason, which the deploy
    // shows; only a failed answer itself throws, and the stack operation then times out and rolls
    // back in view. A dead-letter queue would keep an event that nothing could replay.
    const noDlq = 'The handler answers CloudFormation on every outcome (FAILED with its reason, shown by the deploy); if the answer itself fails, the stack operation times out and rolls back: a queued event could not be replayed.';
    acknowledgeCompliance(provider, 'LambdaDLQ', noDlq);
    acknowledgeCompliance(provider, 'LambdaInsideVPC', OUTSIDE_VPC);
    acknowledgeCompliance(role, 'IAMNoInlinePolicy', OWN_INLINE_POLICY);
    Validations.of(provider).acknowledge(
      { id: 'Serverless-LambdaDLQ', reason: noDlq },
      { id: 'Serverless-LambdaTracing', reason: 'A deploy-time helper making a few CloudWatch Logs calls; its own log records the outcome of each.' },
    );
  }
}

function acknowledgeWildcards(role: iam.Role, arns: readonly string[]): void {
  const stack = Stack.of(role);
  const wildcards = new Set(arns.filter((a) => a.endsWith(':*')).map((a) => flattenForNag(stack.resolve(a))));
  for (const w of wildcards) {
    Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[Resource::${w}]`, reason: 'The `:*` form of a log group ARN covers only that named group and its streams; CloudWatch Logs authorizes some actions on it, so both forms are granted.' });
  }
}
