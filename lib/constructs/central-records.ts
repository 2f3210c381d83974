import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { KinesisEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ResolvedEnvironment } from '../config/environments';
import { OPERATIONS_NAMES } from '../deployment/operations';
import { flattenForNag } from './private/responder-nag';
import { acknowledgeCompliance, OWN_INLINE_POLICY } from './private/compliance-nag';
import { RemediationLog } from './remediation-log';
import { ResponderFunction } from './responder-function';

export interface CentralRecordsProps {
  readonly prefix: string;
  readonly retentionDays: logs.RetentionDays;
  /** Encrypts the log group, the stream and the forwarder's failure queue. */
  readonly key: kms.IKey;
  /** The member environments whose records arrive here. */
  readonly members: readonly ResolvedEnvironment[];
}

/**
 * Every member account's records in one log group of the operations account. CloudWatch Logs
 * delivers a cross-account subscription to a Logs destination, which must put to a Kinesis stream
 * or Firehose (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CreateDestination.html);
 * neither writes to a log group, so a small function forwards each record unchanged from the stream.
 */
export class CentralRecords extends Construct {
  readonly log: RemediationLog;
  readonly stream: kinesis.Stream;
  /** The role CloudWatch Logs assumes to put records on the stream, for the destination of every region. */
  readonly destinationRole: iam.Role;
  readonly forwarder: ResponderFunction;

  constructor(scope: Construct, id: string, props: CentralRecordsProps) {
    super(scope, id);
    const { prefix } = props;
    const stack = Stack.of(this);
    this.log = new RemediationLog(this, 'Log', { prefix, retentionDays: props.retentionDays, key: props.key, logGroupName: OPERATIONS_NAMES.recordsLogGroup(prefix) });
    // One shard takes 1 MB or 1,000 records a second, far above what responders write.
    this.stream = new kinesis.Stream(this, 'Stream', {
      streamName: OPERATIONS_NAMES.recordsStream(prefix),
      shardCount: 1,
      retentionPeriod: Duration.hours(24),
      encryption: kinesis.StreamEncryption.KMS,
      encryptionKey: props.key,
    });
    // The trust policy of CreateDestination.html: CloudWatch Logs, on behalf of the sender accounts and this one.
    const sources = [...new Set([...props.members.map((m) => `${m.account}:${m.region}`), ...props.members.map((m) => `${stack.account}:${m.region}`)])]
      .sort()
      .map((s) => {
        const [account = '', region = ''] = s.split(':');
        return stack.formatArn({ service: 'logs', account, region, resource: '*' });
      });
    this.destinationRole = new iam.Role(this, 'DestinationRole', {
      roleName: OPERATIONS_NAMES.recordsRole(prefix),
      description: `alert-responder ${prefix}: CloudWatch Logs puts the member accounts' records on ${OPERATIONS_NAMES.recordsStream(prefix)}`,
      assumedBy: new iam.ServicePrincipal('logs.amazonaws.com', { conditions: { StringLike: { 'aws:SourceArn': sources } } }),
    });
    this.destinationRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['kinesis:PutRecord'], resources: [this.stream.streamArn] }));
    this.destinationRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['kms:GenerateDataKey'], resources: [props.key.keyArn] }));
    acknowledgeCompliance(this.destinationRole, 'IAMNoInlinePolicy', OWN_INLINE_POLICY);

    this.forwarder = new ResponderFunction(this, 'Forwarder', {
      family: 'forward-records',
      functionName: `${prefix}-forward-records`,
      description: `alert-responder ${prefix}: writes every member account's records unchanged to ${OPERATIONS_NAMES.recordsLogGroup(prefix)}`,
      environment: { AR_RECORDS_LOG_GROUP: OPERATIONS_NAMES.recordsLogGroup(prefix) },
      logRetention: props.retentionDays,
      encryptionKey: props.key,
      reservedConcurrentExecutions: 2,
    });
    this.forwarder.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.log.logGroup.logGroupArn] }),
    );
    const failures = new sqs.Queue(this, 'ForwardFailures', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: props.key, enforceSSL: true, retentionPeriod: Duration.days(14) });
    this.forwarder.function.addEventSource(
      new KinesisEventSource(this.stream, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(5),
        reportBatchItemFailures: true,
        retryAttempts: 10,
        onFailure: new SqsDlq(failures),
      }),
    );
    this.forwarder.node.addDependency(this.log.ready);
    const streams = flattenForNag(stack.resolve(this.log.logGroup.logGroupArn));
    Validations.of(this.forwarder.role).acknowledge(
      { id: `AwsSolutions-IAM5[Resource::${streams}]`, reason: 'Log streams of the central records log group only: one per member stream, named as records arrive.' },
      // The grant Lambda's Kinesis event source adds for the stream's key (aws-cdk-lib's Stream.grantRead).
      { id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason: "aws-cdk-lib's read grant on the encrypted stream, on the operations key only." },
      { id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason: "aws-cdk-lib's read grant on the encrypted stream, on the operations key only." },
    );
    Validations.of(this.stream).acknowledge({
      id: 'AwsSolutions-KDS3',
      reason: "Encrypted with the operations account's customer-managed key, which also encrypts the records log group, so one key policy governs the records.",
    });
    Validations.of(failures).acknowledge(
      { id: 'AwsSolutions-SQS3', reason: "This queue is itself the on-failure destination of the forwarder's Kinesis event source." },
      { id: 'Serverless-SQSRedrivePolicy', reason: 'This queue is the last stop of records that failed every retry; there is nothing further to redrive to.' },
    );
  }
}
