/**
 * A member account's links to the operations account, by ARNs built from fixed names: a
 * CloudFormation export cannot be imported from another account.
 */
import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct, IDependable } from 'constructs';
import { OPERATIONS_NAMES, type OperationsLocation } from '../../deployment/operations';
import { flattenForNag } from './responder-nag';

export type { OperationsLocation } from '../../deployment/operations';

/** The central escalation topic's ARN, as a member stack names it. */
export function centralEscalationTopicArn(stack: Stack, prefix: string, ops: OperationsLocation): string {
  return stack.formatArn({ service: 'sns', account: ops.account, region: ops.region, resource: OPERATIONS_NAMES.escalationTopic(prefix) });
}

/**
 * Lets a responder or the verifier publish to the central escalation topic: sns:Publish on that
 * one ARN, and the KMS data key SNS asks for on the publisher's behalf. The central key's id is
 * unknown until the operations stack exists, so the grant covers the operations account's keys
 * only when SNS uses them for that topic: SNS passes the topic ARN as encryption context
 * `aws:sns:topicArn` (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html).
 */
export function grantCentralEscalation(role: iam.IRole, topicArn: string, ops: OperationsLocation): void {
  const stack = Stack.of(role);
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [topicArn] }));
  const keys = stack.formatArn({ service: 'kms', account: ops.account, region: ops.region, resource: 'key', resourceName: '*' });
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [keys],
      conditions: { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': topicArn } },
    }),
  );
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${flattenForNag(stack.resolve(keys))}]`,
    reason: "The operations account's key id is not known to a member stack: the grant holds only when SNS encrypts for the central escalation topic (encryption context aws:sns:topicArn).",
  });
}

/**
 * Sends every record of the member's remediation log to the operations account's Logs
 * destination of the member's region: "the sending account's log groups and the destination must be
 * in the same AWS Region. However, the destination can point to an AWS resource ... located in a
 * different Region" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CreateSubscriptionFilterFirehose-Account.html).
 * Its name carries the region, which the forwarder puts in the central stream names.
 */
export function subscribeRecordsToOperations(scope: Construct, options: { prefix: string; logGroupName: string; ops: OperationsLocation; ready: IDependable }): logs.CfnSubscriptionFilter {
  const stack = Stack.of(scope);
  const destinationArn = stack.formatArn({
    service: 'logs',
    account: options.ops.account,
    resource: 'destination',
    resourceName: OPERATIONS_NAMES.recordsDestination(options.prefix),
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
  const filter = new logs.CfnSubscriptionFilter(scope, 'RecordsToOperations', {
    logGroupName: options.logGroupName,
    filterName: OPERATIONS_NAMES.recordsFilter(options.prefix, stack.region),
    // Every record: the empty pattern matches all events.
    filterPattern: '',
    destinationArn,
  });
  filter.node.addDependency(options.ready);
  return filter;
}
