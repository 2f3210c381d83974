import { Annotations, CrossStackReferences, Fn, ReferenceStrength, Stack, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { SEVERITY_IDS, severityTopicExportName, severityTopicName, type Severity } from '../catalogue';
import { SystemResponders } from '../constructs/system-responders';
import type { DeploymentPlan, OperationsLocation, SystemPlan } from '../deployment';

export interface SystemStackProps extends StackProps {
  readonly plan: DeploymentPlan;
  readonly system: SystemPlan;
  /** The severity topics of the home region, of the system's shard. */
  readonly severityTopics: Readonly<Record<Severity, sns.ITopic>>;
  /**
   * Whether the us-east-1-only alarms notify the separate us-east-1 topics (home region elsewhere),
   * which the responders then also subscribe to.
   * @default false - the home region is us-east-1: every alarm notifies `severityTopics`
   */
  readonly separateUsEast1Topics?: boolean;
  readonly escalationTopic: sns.ITopic;
  /** The key of the home region's topics (publishing to the escalation topic needs it). */
  readonly topicKey: kms.IKey;
  readonly remediationLog: logs.ILogGroup;
  readonly stateTable: dynamodb.ITable;
  readonly verifyQueue: sqs.IQueue;
  /** The HMAC key the responders sign their records with. */
  readonly recordKey: kms.IKey;
  /**
   * Multi-account: the operations account, whose escalation topic every escalation also reaches.
   * @default - none
   */
  readonly operations?: OperationsLocation;
}

/**
 * One system's responders, and as many of its alarms as fit under CloudFormation's resource
 * limit (the app adds the alarms after counting what the responders take).
 */
export class SystemStack extends Stack {
  /** The us-east-1 severity topics, imported by ARN, when they are separate. */
  readonly usEast1Topics?: Readonly<Record<Severity, sns.ITopic>>;
  readonly responders: SystemResponders;

  constructor(scope: Construct, id: string, props: SystemStackProps) {
    super(scope, id, props);
    lockReferences(this);
    const prefix = props.plan.config.prefix;
    this.usEast1Topics = props.separateUsEast1Topics ? importSeverityTopics(this, 'UsEast1Topic', prefix, props.system.topicShard, 'us-east-1') : undefined;
    this.responders = new SystemResponders(this, 'Responders', {
      plan: props.plan,
      system: props.system,
      severityTopics: props.severityTopics,
      usEast1Topics: this.usEast1Topics,
      escalationTopic: props.escalationTopic,
      topicKey: props.topicKey,
      remediationLog: props.remediationLog,
      stateTable: props.stateTable,
      verifyQueue: props.verifyQueue,
      recordKey: props.recordKey,
      operations: props.operations,
    });
    for (const w of props.system.withheld) {
      Annotations.of(this).addWarningV2(
        'alert-responder:alarmWithheld',
        `No ${w.kind.id} alarm for ${w.target.type} "${w.target.key}" (${w.name}): AWS would not publish its metric. To get it, ${w.reason}.`,
      );
    }
  }
}

/**
 * A shard's severity topics in `region`, imported into `stack` by deterministic ARN rather than by
 * reference: CloudFormation cannot reference across regions.
 */
export function importSeverityTopics(stack: Stack, idPrefix: string, prefix: string, shard: number, region: string = stack.region): Record<Severity, sns.ITopic> {
  const entries = SEVERITY_IDS.map((severity) => {
    const arn = stack.formatArn({ service: 'sns', region, resource: severityTopicName(prefix, severity, shard) });
    return [severity, sns.Topic.fromTopicArn(stack, `${idPrefix}${severity}`, arn)] as const;
  });
  return Object.fromEntries(entries) as Record<Severity, sns.ITopic>;
}

/**
 * A shard's severity topics for alarms in `stack`, by the exports of the topics' stack in the
 * same region (severityTopicExportName): CloudFormation then keeps each topic while an alarm
 * notifies it, and an import by name costs CDK no reference lookup per alarm at synth.
 */
export function importedSeverityTopics(stack: Stack, prefix: string, shard: number): Record<Severity, sns.ITopic> {
  const entries = SEVERITY_IDS.map((severity) => {
    const arn = Fn.importValue(severityTopicExportName(prefix, severity, shard));
    return [severity, sns.Topic.fromTopicArn(stack, `AlertTopic${severity}`, arn)] as const;
  });
  return Object.fromEntries(entries) as Record<Severity, sns.ITopic>;
}

/**
 * Strong references (exports) from the core stack: CloudFormation then refuses to delete the
 * topics, key or state table while an alarm or responder of any system still uses them. Must be
 * called before the stack has children.
 */
export function lockReferences(stack: Stack): void {
  CrossStackReferences.of(stack).consume(ReferenceStrength.STRONG);
}
