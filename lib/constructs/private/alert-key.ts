import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

/**
 * The customer-managed key of one region's alert topics. CloudWatch alarms publish to topics
 * encrypted with it, so CloudWatch needs to generate data keys with it (CloudWatch's "Using
 * Amazon SNS to notify users" gives this statement, without conditions).
 */
export function createAlertKey(scope: Construct, id: string, prefix: string): kms.Key {
  const key = new kms.Key(scope, id, {
    description: `alert-responder ${prefix}: encrypts the alert topics and the remediation log`,
    alias: `alias/${prefix}-alert-responder`,
    enableKeyRotation: true,
    // The key protects an audit trail: deleting it by accident must take a deliberate step.
    removalPolicy: RemovalPolicy.RETAIN,
    pendingWindow: Duration.days(30),
  });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchAlarmsToPublishToEncryptedTopics',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
    }),
  );
  // For SNS acting on this account's behalf (a subscriber or dead-letter queue encrypted with
  // this key); the condition keeps other accounts' topics from using it.
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowSnsToUseTheKeyForThisAccount',
      principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
    }),
  );
  return key;
}
