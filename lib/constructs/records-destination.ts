import { Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { OPERATIONS_NAMES } from '../deployment/operations';

export interface RecordsDestinationProps {
  readonly prefix: string;
  /** The member accounts of this region: the only ones allowed to subscribe. */
  readonly memberAccounts: readonly string[];
  /** The stream the records go to (it may be in another region). */
  readonly streamArn: string;
  /** The role CloudWatch Logs assumes to put them there. */
  readonly roleArn: string;
}

/**
 * The Logs destination `<prefix>-records` of one region in the operations account: member log
 * groups of that region subscribe to it (a destination must be in the log group's region; it may
 * point at a stream elsewhere: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CreateSubscriptionFilterFirehose-Account.html).
 */
export class RecordsDestination extends Construct {
  readonly destination: logs.CfnDestination;
  /** The access policy, as CloudWatch Logs receives it. */
  readonly policy: { readonly Version: string; readonly Statement: ReadonlyArray<Record<string, unknown>> };

  constructor(scope: Construct, id: string, props: RecordsDestinationProps) {
    super(scope, id);
    const accounts = [...new Set(props.memberAccounts)].sort();
    if (accounts.length === 0) throw new Error(`RecordsDestination: no member account in ${Stack.of(this).region}`);
    // Account ids as principals, as in CreateDestination.html; "*" is this destination, the only resource the policy is attached to.
    this.policy = {
      Version: '2012-10-17',
      Statement: [{ Sid: 'AllowMemberAccountsToSubscribe', Effect: 'Allow', Principal: { AWS: accounts }, Action: 'logs:PutSubscriptionFilter', Resource: '*' }],
    };
    this.destination = new logs.CfnDestination(this, 'Destination', {
      destinationName: OPERATIONS_NAMES.recordsDestination(props.prefix),
      targetArn: props.streamArn,
      roleArn: props.roleArn,
      destinationPolicy: JSON.stringify(this.policy),
    });
  }
}
