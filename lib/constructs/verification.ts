import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { UNSIGNED_RECORDS_METRIC, recordKeyAlias, verifyQueueName, type LogLinesSettings } from '../catalogue';
import { escalationAlarm } from './private/escalation-alarm';
import { flattenForNag } from './private/responder-nag';
import { grantWithinIamLimits } from './private/responder-policies';
import { responderRolePath, rolesUnder, verifierRolePath } from './private/role-paths';
import { ResponderFunction } from './responder-function';

export interface VerificationProps {
  readonly prefix: string;
  /** Encrypts the queues (the responders already hold grants on it for the topics). */
  readonly key: kms.IKey;
  readonly remediationLog: logs.ILogGroup;
  /** People hear here when an action did not help, and when the verifier itself fails. */
  readonly escalationTopic: sns.ITopic;
  readonly logRetention: logs.RetentionDays;
  /** What its escalations carry of log lines (`escalation.logLines`). */
  readonly logLines: LogLinesSettings;
  /** The verifier re-checks only runs this table knows (what they applied, the intent they left): it reads, never writes. */
  readonly stateTable: dynamodb.ITable;
  /**
   * The alarms the verifier may be asked to re-check: the planned alarms, by a name prefix per
   * system, in their regions. It reads no other alarm.
   */
  readonly alarmArns: readonly string[];
  /** The HMAC key the verifier signs its records with (RecordKey), as the responders sign theirs. */
  readonly recordKey: kms.IKey;
}

/** The verifier's Powertools service: the dimension of its metrics. */
const VERIFIER_SERVICE = 'alert-responder-verifier';

/**
 * Verify, then escalate: responders post a delayed message after each applied action; the
 * verifier reads the alarm when it arrives, records a recovery or escalates a failure to help.
 */
export class Verification extends Construct {
  readonly queue: sqs.Queue;
  readonly verifier: ResponderFunction;

  constructor(scope: Construct, id: string, props: VerificationProps) {
    super(scope, id);
    const deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      queueName: `${props.prefix}-verify-dlq`,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      queueName: verifyQueueName(props.prefix),
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      enforceSSL: true,
      // Six times the verifier's timeout, as Lambda's SQS integration advises.
      visibilityTimeout: Duration.minutes(6),
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: 3 },
    });
    // Only the responders schedule re-checks: any other principal of the account (or of another) is
    // refused SendMessage, whatever its IAM policy allows. The verifier only receives, through its
    // event source mapping, which polls with the verifier's role (ReceiveMessage, DeleteMessage,
    // GetQueueAttributes), untouched by this statement; enforceSSL above refuses plain HTTP.
    this.queue.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OnlyTheRespondersSend',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['sqs:SendMessage'],
        resources: [this.queue.queueArn],
        conditions: { ArnNotLike: { 'aws:PrincipalArn': rolesUnder(Stack.of(this), responderRolePath(props.prefix)) } },
      }),
    );
    this.verifier = new ResponderFunction(this, 'Verifier', {
      family: 'verifier',
      functionName: `${props.prefix}-verifier`,
      description: 'alert-responder: re-checks alarms after applied actions and escalates when they still fire',
      environment: {
        AR_REMEDIATION_LOG_GROUP: props.remediationLog.logGroupName,
        AR_ESCALATION_TOPIC_ARN: props.escalationTopic.topicArn,
        AR_LOG_LINES: JSON.stringify(props.logLines),
        AR_STATE_TABLE: props.stateTable.tableName,
        AR_RECORD_KEY: recordKeyAlias(props.prefix),
        POWERTOOLS_SERVICE_NAME: VERIFIER_SERVICE,
        POWERTOOLS_METRICS_NAMESPACE: 'AlertResponder',
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
      logRetention: props.logRetention,
      // Its log group and dead-letter queue, like every log group of the deployment.
      encryptionKey: props.key,
      rolePath: verifierRolePath(props.prefix),
    });
    const role = this.verifier.role;
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['kms:GenerateMac'], resources: [props.recordKey.keyArn] }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [props.escalationTopic.topicArn] }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [props.key.keyArn] }));
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [props.remediationLog.logGroupArn] }),
    );
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [props.stateTable.tableArn] }));
    // It counts each verdict into the fix score: it writes history items only (`history#...`), by their partition key
    // (dynamodb:LeadingKeys, https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html).
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:UpdateItem'],
        resources: [props.stateTable.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['history#*'] } },
      }),
    );
    // GetMetricData has no resource type (list_amazoncloudwatch); DescribeAlarms takes `alarm`.
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['cloudwatch:GetMetricData'], resources: ['*'] }));
    if (props.alarmArns.length > 0) {
      grantWithinIamLimits(role, [new iam.PolicyStatement({ actions: ['cloudwatch:DescribeAlarms'], resources: [...props.alarmArns] })], {
        label: 'Alert responder verifier: the alarms it re-checks',
        whose: `The verifier's DescribeAlarms on ${props.alarmArns.length} alarm name patterns`,
        remedy: 'Fewer systems or alert kinds per deployment: split the configuration into deployments with their own prefixes.',
      });
    }
    const recordStreams = flattenForNag(Stack.of(this).resolve(props.remediationLog.logGroupArn));
    if (recordStreams.endsWith(':*')) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${recordStreams}]`,
        reason: 'Log streams of the remediation log only: the verifier writes its records to a stream whose name it cannot know in advance.',
      });
    }
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'cloudwatch:GetMetricData (a read) and the X-Ray tracing actions have no resource type in the Service Authorization Reference.',
    });
    for (const pattern of new Set(props.alarmArns.map((a) => flattenForNag(Stack.of(this).resolve(a))).filter((a) => a.includes('*')))) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${pattern}]`,
        reason: 'The planned alarms of one system, by their name prefix: the verifier re-checks (reads) only alarms a responder acted on, all of them named so.',
      });
    }
    this.verifier.function.addEventSource(new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true }));
    Validations.of(this.verifier.function).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason: 'An SQS event source cannot have an on-failure destination: messages that fail 3 receives go to the queue’s dead-letter queue, which an alarm watches.',
    });
    Validations.of(deadLetterQueue).acknowledge(
      { id: 'AwsSolutions-SQS3', reason: 'This queue is itself the dead-letter queue of the verification queue.' },
      { id: 'Serverless-SQSRedrivePolicy', reason: 'This queue is itself the final dead-letter queue; it has nowhere further to redrive to.' },
    );

    const period = Duration.minutes(5);
    const watched: Array<[string, cloudwatch.IMetric, string]> = [
      ['errors', this.verifier.function.metricErrors({ period, statistic: 'Sum' }), 'failed invocations: applied actions may go unverified'],
      ['dlq', deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }), 'verifications that failed every retry: check those alarms by hand'],
      [
        'unsigned-records',
        new cloudwatch.Metric({ namespace: 'AlertResponder', metricName: UNSIGNED_RECORDS_METRIC, dimensionsMap: { service: VERIFIER_SERVICE }, period, statistic: 'Sum' }),
        'written records unsigned (KMS GenerateMac failed): verify-records cannot tell them from forged ones',
      ],
    ];
    for (const [what, metric, why] of watched) {
      escalationAlarm(this, `${what}Alarm`, {
        alarmName: `${props.prefix}-verifier-${what}`,
        description: `The alert-responder verifier has ${why}.`,
        metric,
        escalationTopic: props.escalationTopic,
      });
    }
  }
}
