import { ArnFormat, CfnOutput, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { SEVERITIES, SEVERITY_IDS, severityTopicExportName, severityTopicName, type Severity } from '../catalogue';
import { createAlertKey } from './private/alert-key';
import { createEscalationTopic } from './private/escalation-topic';

/** Where escalations reach people. */
export interface EscalationSubscribers {
  /** E-mail addresses subscribed to the escalation topic (each must confirm). */
  readonly emails: readonly string[];
  /** HTTPS endpoints subscribed to the escalation topic (each must confirm). */
  readonly httpsUrls: readonly string[];
}

export interface SeverityTopicsProps {
  /** The deployment prefix: topics are named `<prefix>-critical-alerts` and so on. */
  readonly prefix: string;
  /**
   * The key that encrypts the topics. CloudWatch must be allowed to use it in its key policy.
   * @default - a new customer-managed key with rotation, whose policy allows CloudWatch
   */
  readonly key?: kms.IKey;
  /**
   * Creates the `<prefix>-escalations` topic for people, with these subscribers.
   * @default - no escalation topic (the us-east-1 copy of the topics needs none)
   */
  readonly escalation?: EscalationSubscribers;
  /**
   * Shards of the severity topics: each shard is one topic per severity, for the systems the plan
   * assigns to it (SNS allows 200 filtered subscriptions per topic).
   * @default 1
   */
  readonly shards?: number;
}

/**
 * One region's alert topics: one per severity, which only this account's CloudWatch alarms of
 * this deployment may publish to, and optionally the escalation topic for people.
 */
export class SeverityTopics extends Construct {
  /** The topic of each severity, of shard 1. */
  readonly topics: Readonly<Record<Severity, sns.Topic>>;
  /** The topics of each shard, shard 1 first. */
  readonly shardTopics: ReadonlyArray<Readonly<Record<Severity, sns.Topic>>>;
  /**
   * The escalation topic, where `escalation` was given. Undeliverable escalations go to a
   * dead-letter queue, and an alarm on it notifies this topic.
   */
  readonly escalationTopic?: sns.Topic;
  /** The key that encrypts every topic here. */
  readonly key: kms.IKey;

  constructor(scope: Construct, id: string, props: SeverityTopicsProps) {
    super(scope, id);
    this.key = props.key ?? createAlertKey(this, 'Key', props.prefix);
    const shards = props.shards ?? 1;
    if (!Number.isInteger(shards) || shards < 1) throw new Error(`SeverityTopics: shards must be a positive integer (received ${shards})`);
    this.shardTopics = Array.from({ length: shards }, (_, i) => {
      const entries = SEVERITY_IDS.map((severity) => [severity, this.severityTopic(props.prefix, severity, i + 1)] as const);
      return Object.fromEntries(entries) as Record<Severity, sns.Topic>;
    });
    this.topics = this.shardTopics[0];
    if (props.escalation) this.escalationTopic = createEscalationTopic(this, { prefix: props.prefix, key: this.key, ...props.escalation });
  }

  /** The topics of shard `n` (1-based). */
  shard(n: number): Readonly<Record<Severity, sns.Topic>> {
    const topics = this.shardTopics[n - 1];
    if (!topics) throw new Error(`SeverityTopics: no shard ${n} (there are ${this.shardTopics.length})`);
    return topics;
  }

  private severityTopic(prefix: string, severity: Severity, shard: number): sns.Topic {
    // Shard 1 keeps the construct ids it always had, so a deployment that grows keeps its topics.
    const topic = new sns.Topic(this, `${SEVERITIES[severity].label}${shard === 1 ? '' : shard}`, {
      topicName: severityTopicName(prefix, severity, shard),
      displayName: `${prefix} ${severity} ${SEVERITIES[severity].label} alerts${shard === 1 ? '' : ` (shard ${shard})`}`,
      masterKey: this.key,
      enforceSSL: true,
    });
    const stack = Stack.of(this);
    const alarmArns = stack.formatArn({
      service: 'cloudwatch',
      resource: 'alarm',
      resourceName: `${prefix}-*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowThisDeploymentsAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account }, ArnLike: { 'aws:SourceArn': alarmArns } },
      }),
    );
    // Responders act on what arrives here (they may reboot a database): a message that did not
    // come from CloudWatch must never reach them. Test with `aws cloudwatch set-alarm-state`.
    topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyPublishingByPeopleAndRoles',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: { BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } },
      }),
    );
    // Alarms in other stacks of this region import the ARN by this name (severityTopicExportName).
    new CfnOutput(this, `${topic.node.id}Arn`, { value: topic.topicArn, exportName: severityTopicExportName(prefix, severity, shard) });
    return topic;
  }
}
