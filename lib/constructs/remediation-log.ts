import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, type IDependable } from 'constructs';
import { remediationLogGroupName } from '../catalogue';
import { EnsureLogGroups } from './ensure-log-groups';

// The naming rule lives in the catalogue: `verify-records` reads the prefix back out of the name.
export { remediationLogGroupName } from '../catalogue';

export interface RemediationLogProps {
  /** The deployment prefix: the log group is `/alert-responder/<prefix>/remediations`. */
  readonly prefix: string;
  /** How long records are kept, in days (one of CloudWatch Logs' retention values). */
  readonly retentionDays: logs.RetentionDays;
  /**
   * The key that encrypts the records. Its key policy is extended to let CloudWatch Logs of this
   * region use it for this log group only.
   */
  readonly key: kms.IKey;
  /**
   * The log group's name.
   * @default `/alert-responder/<prefix>/remediations`
   */
  readonly logGroupName?: string;
}

/**
 * The log group every responder posts exactly one structured record per notification to. It is
 * the audit trail of every automatic change, so it outlives the stack: a custom resource creates
 * it when missing and otherwise adopts it (applying the retention and key again), and never
 * deletes it. `cdk destroy` then `cdk deploy` therefore keeps one continuous log under one name,
 * where a CloudFormation-managed group of that name would block the second deploy.
 */
export class RemediationLog extends Construct {
  readonly logGroup: logs.ILogGroup;
  /** Depend on this to use the group only once it exists. */
  readonly ready: IDependable;

  constructor(scope: Construct, id: string, props: RemediationLogProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const logGroupName = props.logGroupName ?? remediationLogGroupName(props.prefix);
    // CloudWatch Logs checks the key policy when it creates the group; the log group refers to
    // the key, so CloudFormation creates the key (with this statement) first.
    const granted = props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsToEncryptTheRemediationLog',
        principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
              service: 'logs',
              resource: 'log-group',
              resourceName: logGroupName,
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    if (!granted.statementAdded) {
      throw new Error(
        `RemediationLog: the key's policy cannot be changed from here (received an imported key, ${props.key.node.path}); ` +
          'pass a kms.Key defined in this app so CloudWatch Logs can be allowed to use it.',
      );
    }
    const ensured = new EnsureLogGroups(this, 'Ensure', {
      logGroups: [{ logGroupName, retention: props.retentionDays, kmsKeyArn: props.key.keyArn, owned: true }],
      encryptionKey: props.key,
    });
    this.ready = ensured.ready;
    this.logGroup = logs.LogGroup.fromLogGroupName(this, 'LogGroup', logGroupName);
  }
}
