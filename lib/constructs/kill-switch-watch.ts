import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { escalationAlarm } from './private/escalation-alarm';

export interface KillSwitchWatchProps {
  readonly prefix: string;
  /** The kill switch, `/<prefix>/mode`. */
  readonly parameterName: string;
  /** People's topic, encrypted with `key`. */
  readonly escalationTopic: sns.ITopic;
  /** The key of the topic and of the audit log group; its policy is extended here. */
  readonly key: kms.IKey;
  readonly logRetention: logs.RetentionDays;
}

/**
 * A rule target given by ARN, with its dead-letter queue: the targets of aws-events-targets
 * grant EventBridge on the topic without a source condition.
 */
const target = (arn: string, deadLetterQueue: sqs.IQueue, input?: events.RuleTargetInput): events.IRuleTarget => ({
  bind: () => ({ arn, input, deadLetterConfig: { arn: deadLetterQueue.queueArn } }),
});

/**
 * A change of the kill switch by anyone is recorded and notified. Systems Manager sends every
 * Create, Update and Delete of a parameter to EventBridge as `Parameter Store Change` (source
 * `aws.ssm`; detail `operation`, `name`, `type`), which carries no principal: a second rule on
 * CloudTrail's `AWS API Call via CloudTrail` records who called (userIdentity, source IP) in the
 * same audit log, where a trail logs management events (EventBridge receives those only then).
 * People get one readable message per change on the escalation topic.
 */
export class KillSwitchWatch extends Construct {
  readonly changeRule: events.Rule;
  readonly callerRule: events.Rule;
  readonly auditLog: logs.LogGroup;

  constructor(scope: Construct, id: string, props: KillSwitchWatchProps) {
    super(scope, id);
    this.auditLog = new logs.LogGroup(this, 'AuditLog', {
      retention: props.logRetention,
      encryptionKey: props.key,
      // An audit trail: deleting the stack must not delete it. Retained, it keeps its generated
      // name, so the next deployment creates a new group beside it instead of failing on a taken one.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // What EventBridge could not deliver after its retries lands here, and an alarm tells people.
    const undelivered = new sqs.Queue(this, 'Undelivered', {
      queueName: `${props.prefix}-kill-switch-undelivered`,
      // SQS-managed SSE: EventBridge can write to it without a grant on a customer key.
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(undelivered).acknowledge(
      { id: 'AwsSolutions-SQS3', reason: 'This queue is itself the dead-letter queue of the kill-switch rules’ targets.' },
      { id: 'Serverless-SQSRedrivePolicy', reason: 'This queue is the last stop for undelivered kill-switch events: an alarm on its depth tells people.' },
    );
    escalationAlarm(this, 'UndeliveredAlarm', {
      alarmName: `${props.prefix}-kill-switch-undelivered`,
      description: `A change of the kill switch ${props.parameterName} could not be delivered to people or to the audit log: read the queue ${props.prefix}-kill-switch-undelivered.`,
      metric: undelivered.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(5) }),
      escalationTopic: props.escalationTopic,
    });
    this.changeRule = new events.Rule(this, 'Change', {
      description: `alert-responder ${props.prefix}: a change of the kill switch ${props.parameterName}, to people and the audit log`,
      eventPattern: {
        source: ['aws.ssm'],
        detailType: ['Parameter Store Change'],
        detail: { name: [props.parameterName], operation: ['Create', 'Update', 'Delete'] },
      },
    });
    const f = (path: string) => events.EventField.fromPath(path);
    const message = events.RuleTargetInput.fromText(
      `[${props.prefix}] The alert-responder kill switch ${f('$.detail.name')} was changed: ${f('$.detail.operation')} at ${f('$.time')} ` +
        `(account ${f('$.account')}, ${f('$.region')}). Responders read it on every notification: enforce, dry-run or off; anything else counts as off. ` +
        `Who changed it: CloudTrail (PutParameter or DeleteParameter on ${props.parameterName}) and the log group ${this.auditLog.logGroupName}.`,
    );
    this.changeRule.addTarget(target(props.escalationTopic.topicArn, undelivered, message));
    this.changeRule.addTarget(target(this.auditLogArn(), undelivered));

    this.callerRule = new events.Rule(this, 'Caller', {
      description: `alert-responder ${props.prefix}: who called Systems Manager to change the kill switch ${props.parameterName}, to the audit log`,
      eventPattern: {
        source: ['aws.ssm'],
        detailType: ['AWS API Call via CloudTrail'],
        detail: {
          eventSource: ['ssm.amazonaws.com'],
          eventName: ['PutParameter', 'DeleteParameter', 'DeleteParameters', 'LabelParameterVersion'],
          // DeleteParameters names its parameters in a list: a list matches when any element does.
          $or: [{ requestParameters: { name: [props.parameterName] } }, { requestParameters: { names: [props.parameterName] } }],
        },
      },
    });
    this.callerRule.addTarget(target(this.auditLogArn(), undelivered));
    this.grant(props);
    undelivered.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [undelivered.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': [this.changeRule.ruleArn, this.callerRule.ruleArn] } },
      }),
    );
  }

  /** The log group's ARN as EventBridge targets name it: without the `:*` of its streams. */
  private auditLogArn(): string {
    return Stack.of(this).formatArn({ service: 'logs', resource: 'log-group', resourceName: this.auditLog.logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  }

  private grant(props: KillSwitchWatchProps): void {
    const events_ = new iam.ServicePrincipal('events.amazonaws.com');
    // The topic's policy names the one rule that may publish (EventBridge passes aws:SourceArn to SNS).
    props.escalationTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowTheKillSwitchRuleToPublish',
        principals: [events_],
        actions: ['sns:Publish'],
        resources: [props.escalationTopic.topicArn],
        conditions: { ArnEquals: { 'aws:SourceArn': this.changeRule.ruleArn } },
      }),
    );
    // The topic is encrypted: EventBridge needs data keys of its key. The SNS Developer Guide
    // ("Enable compatibility between event sources from AWS services and encrypted topics"):
    // "Adding the aws:SourceAccount and aws:SourceArn to a AWS KMS policy is not supported for
    // EventBridge-to-encrypted topics", so no condition here; the topic policy above limits who publishes.
    const granted = props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowEventBridgeToPublishToEncryptedTopics',
        principals: [events_],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    if (!granted.statementAdded) {
      throw new Error(`KillSwitchWatch: the key's policy cannot be changed from here (${props.key.node.path}); pass a kms.Key defined in this app.`);
    }
    // EventBridge writes to CloudWatch Logs under the group's resource policy (EventBridge User
    // Guide, "CloudWatch Logs permissions"): this group's streams only.
    new logs.ResourcePolicy(this, 'AuditLogPolicy', {
      resourcePolicyName: `${props.prefix}-kill-switch-audit`,
      policyStatements: [
        new iam.PolicyStatement({
          principals: [events_, new iam.ServicePrincipal('delivery.logs.amazonaws.com')],
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [this.auditLog.logGroupArn],
        }),
      ],
    });
  }
}
