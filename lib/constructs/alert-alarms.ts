import { Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as route53 from 'aws-cdk-lib/aws-route53';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { Severity } from '../catalogue';
import type { PlannedAlarm } from '../deployment';
import { createUrlHealthCheck } from './private/health-check';
import { EnsureLogGroups } from './ensure-log-groups';
import { logGroupNamesOf, logMetricCount, propsOf, signalMetricProps } from './private/signal-metric';

/**
 * The tags of every stack, which CloudFormation puts on each resource it creates: which
 * deployment and which system an alarm (or anything else) belongs to. An alarm's kind and
 * resource are in its name (parseAlarmName), its severity in its topic, its response in its
 * description. (Tags of its own on each alarm cost about 40 % of CDK's validation of an alarm,
 * which dominates the synth of a large deployment.)
 */
export const STACK_TAG_KEYS = {
  deployment: 'alert-responder:deployment',
  system: 'alert-responder:system',
} as const;

export interface AlertAlarmsProps {
  /** The deployment prefix: log-derived metrics go to the namespace `AlertResponder/<prefix>`. */
  readonly prefix: string;
  /** The alarms to create. All must belong in this stack's region (us-east-1 for `usEast1` alarms). */
  readonly alarms: readonly PlannedAlarm[];
  /** The topic of each severity in this stack's region: alarm and OK transitions go there. */
  readonly topics: Readonly<Record<Severity, sns.ITopic>>;
  /** Retention of the log groups metric filters need, where this app creates them. */
  readonly logRetention: logs.RetentionDays;
  /**
   * Encrypts the log groups metric filters need, where this app creates them.
   * @default - CloudWatch Logs' own encryption
   */
  readonly logGroupKmsKeyArn?: string;
  /**
   * Encrypts the log group of the provider that creates missing log groups (where one is needed).
   * @default - CloudWatch Logs' own encryption
   */
  readonly providerLogKey?: kms.IKey;
}

/**
 * The alarms of a plan: one loop over the planned alarms, each with the metric its signal
 * describes (creating metric filters and health checks where the signal needs them), routed by
 * severity for both its ALARM and OK transitions. Written as CloudFormation resources directly:
 * the properties are data from the plan, and a deployment may hold tens of thousands of alarms.
 */
export class AlertAlarms extends Construct {
  /** The resources one planned alarm adds to a stack: the alarm, its metric filters, its health check. */
  static estimateResources(alarm: PlannedAlarm): number {
    const healthChecks = Object.values(alarm.signal.metrics).filter((m) => m.source === 'healthCheck').length;
    return 1 + logMetricCount(alarm) + healthChecks;
  }

  /** The resources a set of alarms adds to a stack: theirs, and what makes their log groups exist. */
  static estimateBatchResources(alarms: readonly PlannedAlarm[]): number {
    const groups = new Set(alarms.flatMap(logGroupNamesOf)).size;
    return alarms.reduce((n, a) => n + AlertAlarms.estimateResources(a), 0) + (groups > 0 ? EnsureLogGroups.estimateResources(groups) : 0);
  }

  /** The alarms created, by alarm name. */
  readonly alarms: ReadonlyMap<string, cloudwatch.CfnAlarm>;
  /** The Route 53 health checks created, by target key. */
  readonly healthChecks: ReadonlyMap<string, route53.IHealthCheck>;

  constructor(scope: Construct, id: string, props: AlertAlarmsProps) {
    super(scope, id);
    checkRegion(this, props.alarms);
    const healthChecks = new Map<string, route53.IHealthCheck>();
    const logGroupNames = [...new Set(props.alarms.flatMap(logGroupNamesOf))];
    const ensured =
      logGroupNames.length > 0
        ? new EnsureLogGroups(this, 'LogGroups', {
            logGroups: logGroupNames.map((logGroupName) => ({ logGroupName, retention: props.logRetention, kmsKeyArn: props.logGroupKmsKeyArn })),
            encryptionKey: props.providerLogKey,
          })
        : undefined;
    const ctx = {
      logGroupsReady: ensured?.ready,
      logMetricNamespace: `AlertResponder/${props.prefix}`,
      healthCheckId: (alarm: PlannedAlarm): string => {
        const existing = healthChecks.get(alarm.target.key);
        if (existing) return existing.healthCheckId;
        const check = createUrlHealthCheck(this, `HealthCheck-${alarm.target.key}`, propsOf(alarm, 'healthCheck').url, `${props.prefix}-${alarm.system}-${alarm.target.key}`);
        healthChecks.set(alarm.target.key, check);
        return check.healthCheckId;
      },
    };
    const topicArns = Object.fromEntries(Object.entries(props.topics).map(([severity, topic]) => [severity, [topic.topicArn]])) as Record<Severity, string[]>;
    const alarms = new Map<string, cloudwatch.CfnAlarm>();
    for (const planned of props.alarms) {
      const group = new Construct(this, planned.name);
      // Under the ids the L2 Alarm gave it (`<name>/Alarm/Resource`), so logical ids stay as they were.
      const alarm = new cloudwatch.CfnAlarm(new Construct(group, 'Alarm'), 'Resource', {
        alarmName: planned.name,
        alarmDescription: planned.description,
        ...signalMetricProps(group, planned, ctx),
        threshold: planned.threshold,
        comparisonOperator: planned.comparison,
        evaluationPeriods: planned.evaluationPeriods,
        datapointsToAlarm: planned.datapointsToAlarm,
        treatMissingData: planned.treatMissingData,
        alarmActions: topicArns[planned.severity],
        okActions: topicArns[planned.severity],
      });
      alarms.set(planned.name, alarm);
    }
    this.alarms = alarms;
    this.healthChecks = healthChecks;
  }
}

/** us-east-1-only metrics (Route 53, billing, CloudFront) have no data anywhere else. */
function checkRegion(scope: Construct, alarms: readonly PlannedAlarm[]): void {
  const region = Stack.of(scope).region;
  if (Token.isUnresolved(region) || region === 'us-east-1') return;
  const misplaced = alarms.filter((a) => a.usEast1).map((a) => a.name);
  if (misplaced.length > 0) {
    throw new Error(
      `AlertAlarms: ${misplaced.length} alarm(s) watch metrics that exist only in us-east-1 but were given to a stack in ${region}: ` +
        `${misplaced.join(', ')}. Create them in a us-east-1 stack.`,
    );
  }
}
