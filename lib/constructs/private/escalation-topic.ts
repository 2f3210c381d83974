import { ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { escalationTopicName } from '../../catalogue';

export interface EscalationTopicOptions {
  readonly prefix: string;
  readonly key: kms.IKey;
  readonly emails: readonly string[];
  readonly httpsUrls: readonly string[];
  /** @default `<prefix>-escalations` */
  readonly topicName?: string;
}

/** The name of the alarm that fires when an escalation could not be delivered to someone. */
export function undeliveredEscalationAlarmName(prefix: string): string {
  return `${prefix}-escalations-undelivered`;
}

/**
 * The topic for people. An escalation that cannot be delivered (a bounced address, a pager
 * webhook down) lands in a dead-letter queue instead of vanishing, and an alarm on that queue
 * tells the remaining subscribers.
 */
export function createEscalationTopic(scope: Construct, options: EscalationTopicOptions): sns.Topic {
  const topicName = options.topicName ?? escalationTopicName(options.prefix);
  const topic = new sns.Topic(scope, 'escalations', {
    topicName,
    displayName: `${options.prefix} alert escalations`,
    masterKey: options.key,
    enforceSSL: true,
  });
  const deadLetterQueue = new sqs.Queue(scope, 'UndeliveredEscalations', {
    queueName: `${topicName}-undelivered`,
    // SQS-managed SSE: SNS writes to it without needing a grant on the customer key.
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(deadLetterQueue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: 'This queue is itself the dead-letter queue of the escalation subscriptions (an SNS redrive policy, which the rule does not recognise).',
  });
  Validations.of(deadLetterQueue).acknowledge({
    id: 'Serverless-SQSRedrivePolicy',
    reason: 'This queue is the last stop for undeliverable escalations: an alarm on its depth tells people; there is nothing further to redrive to.',
  });
  const deliveryOptions = { deadLetterQueue };
  options.emails.forEach((email) => topic.addSubscription(new subscriptions.EmailSubscription(email, deliveryOptions)));
  options.httpsUrls.forEach((url) =>
    topic.addSubscription(new subscriptions.UrlSubscription(url, { ...deliveryOptions, protocol: sns.SubscriptionProtocol.HTTPS })),
  );

  const alarmName = options.topicName ? `${topicName}-undelivered` : undeliveredEscalationAlarmName(options.prefix);
  const alarm = new cloudwatch.Alarm(scope, 'UndeliveredEscalationsAlarm', {
    alarmName,
    alarmDescription: `[P0] An escalation of ${options.prefix} could not be delivered to a subscriber: read the queue ${deadLetterQueue.queueName}.`,
    metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(5) }),
    threshold: 0,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new actions.SnsAction(topic));
  // Alarms on the alert-responder itself (this one, the responders' own errors and dead letters)
  // go to people directly: allow every alarm of this deployment, as on the severity topics.
  const stack = Stack.of(scope);
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowThisDeploymentsAlarmsToPublish',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: `${options.prefix}-*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
      },
    }),
  );
  return topic;
}
