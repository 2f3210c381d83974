import { Annotations, Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { REMEDIATIONS, encodeTargets, type ResponderFamily, type Severity } from '../catalogue';
import { plannedKinds, systemApprovals, systemAutonomy, systemCaps, systemMaintenance, type DeploymentPlan, type OperationsLocation, type PlannedResponder, type SystemPlan } from '../deployment';
import { ActionRole } from './private/action-role';
import { centralEscalationTopicArn, grantCentralEscalation } from './private/operations-link';
import { ResponderAlarms } from './private/responder-alarms';
import { responderRolePath } from './private/role-paths';
import { MAX_ENVIRONMENT_BYTES, assertEnvironmentFits, environmentSize, responderEnvironment } from './private/responder-env';
import { TARGETS_FILE, targetsLayer } from './private/targets-layer';
import { alarmNameFilterPolicy } from './private/responder-filter';
import { responderPolicy } from './private/responder-iam';
import { grantWithinIamLimits, responderPolicyOwner } from './private/responder-policies';
import { responderFunctionName } from './private/responder-names';
import { acknowledgeWildcardResources } from './private/responder-nag';
import { approvalUrl } from './approval-url';
import { ResponderFunction, deadLetterQueue } from './responder-function';

export interface SystemRespondersProps {
  /** The whole deployment plan: its configuration supplies the prefix, region, guardrails and retention. */
  readonly plan: DeploymentPlan;
  /** The system whose responders to create: one function per planned responder (family). */
  readonly system: SystemPlan;
  /** The topics the system's alarms notify, by severity; the responders subscribe to them. */
  readonly severityTopics: Readonly<Record<Severity, sns.ITopic>>;
  /**
   * The us-east-1 topics that alarms on us-east-1-only metrics notify.
   * @default - `severityTopics`, allowed only when the deployment's region is us-east-1
   */
  readonly usEast1Topics?: Readonly<Record<Severity, sns.ITopic>>;
  /** People's topic: responders escalate to it, and their own alarms notify it. */
  readonly escalationTopic: sns.ITopic;
  /** The key the topics are encrypted with: publishing to the escalation topic needs it. */
  readonly topicKey: kms.IKey;
  /** Where each responder writes one record per notification. */
  readonly remediationLog: logs.ILogGroup;
  /** Idempotency keys, cooldowns, locks and the circuit breaker. */
  readonly stateTable: dynamodb.ITable;
  /** Delayed re-checks of applied actions: its policy lets only roles under the responders' path send. */
  readonly verifyQueue: sqs.IQueue;
  /** The HMAC key that signs every record: its policy lets only roles under the responders' path sign. */
  readonly recordKey: kms.IKey;
  /**
   * Encrypts the responders' log groups and asynchronous dead-letter queues. Its key policy must
   * allow CloudWatch Logs (`logs.<region>.amazonaws.com`) to use it.
   * @default - `topicKey`: every log group of the deployment is KMS-encrypted
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * Reserved concurrency of each responder.
   * @default 5
   */
  readonly reservedConcurrentExecutions?: number;
  /**
   * Multi-account: the operations account, whose escalation topic every escalation also reaches.
   * @default - none: escalations reach this account's topic only
   */
  readonly operations?: OperationsLocation;
}

const hasRemediations = (family: ResponderFamily): boolean => Object.values(REMEDIATIONS).some((r) => r.family === family);

/**
 * The responders of one system: per planned responder a function with least-privilege IAM
 * derived from the catalogue, subscriptions filtered to its alarms by name, dead-letter queues,
 * and alarms on its own health that go to people.
 */
export class SystemResponders extends Construct {
  readonly functions: ReadonlyMap<ResponderFamily, lambda.IFunction>;

  constructor(scope: Construct, id: string, props: SystemRespondersProps) {
    super(scope, id);
    // One pair of dead-letter queues per system: its responders share them, and one alarm watches each.
    const queues = {
      deadLetterQueue: deadLetterQueue(this, 'DeadLetterQueue', props.encryptionKey ?? props.topicKey),
      // SQS-managed SSE: SNS can write to it without a grant on a customer key.
      deliveryDeadLetterQueue: new sqs.Queue(this, 'DeliveryDeadLetterQueue', {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      }),
    };
    Validations.of(queues.deliveryDeadLetterQueue).acknowledge(
      { id: 'AwsSolutions-SQS3', reason: "This queue is itself a dead-letter queue: the redrive target of the responders' SNS subscriptions." },
      { id: 'Serverless-SQSRedrivePolicy', reason: 'This queue is itself the final dead-letter queue; it has nowhere further to redrive to.' },
    );
    const responders = props.system.responders.map((r) => ({ family: r.family, fn: this.addResponder(r, props, queues) }));
    this.functions = new Map(responders.map((r) => [r.family, r.fn.function]));
    if (responders.length > 0) {
      new ResponderAlarms(this, 'Alarms', {
        prefix: props.plan.config.prefix,
        system: props.system.id,
        responders,
        ...queues,
        escalationTopic: props.escalationTopic,
      });
    }
  }

  private addResponder(responder: PlannedResponder, props: SystemRespondersProps, queues: { deadLetterQueue: sqs.IQueue; deliveryDeadLetterQueue: sqs.IQueue }): ResponderFunction {
    const { config } = props.plan;
    const scope = new Construct(this, responder.family);
    const usEast1 = responder.alarms.some((a) => a.usEast1);
    const centralTopicArn = props.operations ? centralEscalationTopicArn(Stack.of(this), config.prefix, props.operations) : undefined;
    // Only a responder with remediations has anything to propose (the escalation family has none).
    const approvals = hasRemediations(responder.family) ? systemApprovals(config, props.system.config) : undefined;
    // Approved applies assume it with a session limited to their plan: none where nothing is approved, or nothing can be applied.
    const actionRole = approvals ? ActionRole.forResponder(scope, 'ActionRole', { prefix: config.prefix, responder, region: config.region }) : undefined;
    const input = {
      prefix: config.prefix,
      system: responder.system,
      family: responder.family,
      baseCaps: systemCaps(config, props.system.config),
      targets: responder.targets,
      plannedKinds: plannedKinds(responder.alarms),
      guardrails: config.guardrails,
      context: config.context,
      remediationLogGroupName: props.remediationLog.logGroupName,
      escalationTopicArn: props.escalationTopic.topicArn,
      allowedRegions: usEast1 ? [config.region, 'us-east-1'] : [config.region],
      stateTableName: props.stateTable.tableName,
      verifyQueueUrl: props.verifyQueue.queueUrl,
      logLines: config.escalation.logLines,
      autonomy: { ...config.autonomy, system: systemAutonomy(config, props.system.config, responder.family) },
      centralEscalationTopicArn: centralTopicArn,
      approvals,
      actionRoleArn: actionRole?.role.roleArn,
      maintenance: systemMaintenance(config, props.system.config),
    };
    let environment = responderEnvironment(input);
    const layers: lambda.ILayerVersion[] = [];
    if (environmentSize(environment) > MAX_ENVIRONMENT_BYTES) {
      // Too many targets for the environment: ship them in a layer instead.
      const targets = encodeTargets(responder.targets, input.baseCaps, input.plannedKinds, input.maintenance?.resources);
      layers.push(targetsLayer(scope, 'Targets', targets, `alert-responder targets of ${responder.system} ${responder.family}`));
      environment = responderEnvironment({ ...input, targetsFile: TARGETS_FILE });
    }
    assertEnvironmentFits(environment, responder.system, responder.family);

    const fn = new ResponderFunction(scope, 'Responder', {
      family: responder.family,
      functionName: responderFunctionName(config.prefix, responder.system, responder.family),
      description: `Alert responder of ${responder.system} for ${responder.family} remediations (${responder.alarms.length} alarms)`,
      environment,
      // The configuration allows exactly the values of RetentionDays.
      logRetention: config.logRetentionDays as RetentionDays,
      encryptionKey: props.encryptionKey ?? props.topicKey,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      layers,
      deadLetterQueue: queues.deadLetterQueue,
      rolePath: responderRolePath(config.prefix),
    });

    const policy = responderPolicy({
      responder,
      stack: Stack.of(this),
      region: config.region,
      prefix: config.prefix,
      escalationTopicArn: props.escalationTopic.topicArn,
      topicKeyArn: props.topicKey.keyArn,
      remediationLogGroupArn: props.remediationLog.logGroupArn,
      stateTableArn: props.stateTable.tableArn,
      verifyQueueArn: props.verifyQueue.queueArn,
    });
    // Every record is signed (one GenerateMac each); the key policy admits only the responders' path.
    const sign = new iam.PolicyStatement({ actions: ['kms:GenerateMac'], resources: [props.recordKey.keyArn] });
    // Inline while the statements fit; a system with many targets spills into managed policies.
    grantWithinIamLimits(fn.role, [...policy.statements, sign], responderPolicyOwner(responder.system, responder.family, responder.targets.length));
    acknowledgeWildcardResources(fn.role, policy.statements.flatMap((s) => s.resources), policy.unscopedActions);
    if (props.operations && centralTopicArn) grantCentralEscalation(fn.role, centralTopicArn, props.operations);
    actionRole?.trust(fn.role);

    if (input.approvals) approvalUrl(fn.function, input.approvals.approvers);
    this.subscribe(scope, responder, fn.function, queues.deliveryDeadLetterQueue, props);
    return fn;
  }

  /** One filtered subscription per topic that carries this responder's alarms. */
  private subscribe(scope: Construct, responder: PlannedResponder, fn: lambda.IFunction, dlq: sqs.IQueue, props: SystemRespondersProps): void {
    const filterPolicyWithMessageBody = alarmNameFilterPolicy(responder.filter);
    const region = Stack.of(this).region;
    const wanted = new Map<string, sns.ITopic>();
    for (const alarm of responder.alarms) {
      const topic = alarm.usEast1 ? this.usEast1Topics(props, responder)[alarm.severity] : props.severityTopics[alarm.severity];
      wanted.set(`${alarm.severity}${alarm.usEast1 && topic !== props.severityTopics[alarm.severity] ? 'UsEast1' : ''}`, topic);
    }
    for (const [id, topic] of wanted) {
      // SNS requires a subscription's dead-letter queue in the subscription's (the topic's) region.
      const crossRegion = !Token.isUnresolved(topic.env.region) && !Token.isUnresolved(region) && topic.env.region !== region;
      const deadLetterQueue = crossRegion ? undefined : dlq;
      // Bound by hand rather than topic.addSubscription: that names the subscription after the
      // topic's construct id, which the same severity's topic in us-east-1 may share.
      const config = new subscriptions.LambdaSubscription(fn, { filterPolicyWithMessageBody, deadLetterQueue }).bind(topic);
      const subscription = new sns.Subscription(scope, `${id}Subscription`, { topic, ...config });
      if (config.subscriptionDependency) subscription.node.addDependency(config.subscriptionDependency);
      if (crossRegion) {
        Annotations.of(subscription).addWarningV2(
          'alert-responder:crossRegionSubscriptionWithoutDlq',
          `Subscription of ${fn.node.path} to a topic in ${topic.env.region} has no dead-letter queue: SNS needs one in the topic's region.`,
        );
        Validations.of(subscription).acknowledge({
          id: 'Serverless-SNSRedrivePolicy',
          reason: "Cross-region subscription: SNS accepts only a dead-letter queue in the topic's region, which this stack cannot create.",
        });
      }
    }
  }

  private usEast1Topics(props: SystemRespondersProps, responder: PlannedResponder): Readonly<Record<Severity, sns.ITopic>> {
    if (props.usEast1Topics) return props.usEast1Topics;
    if (props.plan.config.region === 'us-east-1') return props.severityTopics;
    throw new Error(
      `System "${responder.system}": the ${responder.family} responder handles alarms on us-east-1-only metrics, ` +
        `but no usEast1Topics were given and the deployment's region is ${props.plan.config.region}. Pass the us-east-1 severity topics.`,
    );
  }
}
