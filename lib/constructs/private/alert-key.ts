import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

/**
 * The customer-managed key of one region's alert topics and log groups. CloudWatch alarms publish
 * to topics encrypted with it, so CloudWatch needs to generate data keys with it; CloudWatch Logs
 * encrypts this deployment's log groups with it.
 */
export function createAlertKey(scope: Construct, id: string, prefix: string): kms.Key {
  const stack = Stack.of(scope);
  const key = new kms.Key(scope, id, {
    description: `alert-responder ${prefix}: encrypts the alert topics, the remediation log and the deployment's log groups`,
    alias: `alias/${prefix}-alert-responder`,
    enableKeyRotation: true,
    // The key protects an audit trail: deleting it by accident must take a deliberate step.
    removalPolicy: RemovalPolicy.RETAIN,
    pendingWindow: Duration.days(30),
  });
  allowAlarmsToUseKey(key, prefix);
  // For SNS acting on this account's behalf (a subscriber or dead-letter queue encrypted with
  // this key); the condition keeps other accounts' topics from using it.
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowSnsToUseTheKeyForThisAccount',
      principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }),
  );
  allowLogsToEncryptLogGroups(key);
  return key;
}

/**
 * Every log group of the deployment is encrypted with its region's key: its responders', its
 * providers', the verifier's, the audit log (and the operations account's). The statement and its
 * condition are the CloudWatch Logs User Guide's ("Encrypt log data in CloudWatch Logs using AWS
 * KMS"): CloudWatch Logs of this region may use the key only for log groups of this account and
 * region, as the encryption context it passes names.
 */
export function allowLogsToEncryptLogGroups(key: kms.Key): void {
  const stack = Stack.of(key);
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchLogsToEncryptTheDeploymentsLogGroups',
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnLike: { 'kms:EncryptionContext:aws:logs:arn': stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
      },
    }),
  );
}

/**
 * The SNS Developer Guide ("Enable compatibility between event sources from AWS services and
 * encrypted topics") gives this statement and recommends aws:SourceArn and aws:SourceAccount
 * against the confused deputy: only this account's alarms named with the deployment's prefix, in
 * the key's region (an alarm notifies topics of its own region only), may use the key.
 */
export function allowAlarmsToUseKey(key: kms.Key, prefix: string): void {
  const stack = Stack.of(key);
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchAlarmsToPublishToEncryptedTopics',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: `${prefix}-*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
      },
    }),
  );
}
