import { CfnResource, type Stack } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { AlertAlarms } from '../constructs/alert-alarms';
import { AlertDashboard, type LinkedDashboard } from '../constructs/alert-dashboard';
import { EnsureLogGroups } from '../constructs/ensure-log-groups';
import { logGroupNamesOf } from '../constructs/private/signal-metric';
import type { Severity } from '../catalogue';
import type { PlannedAlarm } from '../deployment';

/** CloudFormation's hard limit on resources in one stack. */
export const CLOUDFORMATION_MAX_RESOURCES = 500;

/**
 * What a stack of alarms may fill. The margin covers what CDK adds at synthesis (CDKMetadata)
 * and anything a construct adds lazily after the alarms are placed.
 */
export const STACK_RESOURCE_BUDGET = 450;

/** The CloudFormation resources defined in a stack so far. */
export function countResources(stack: Stack): number {
  return stack.node.findAll().filter((c) => CfnResource.isCfnResource(c)).length;
}

export interface PlaceAlarmsOptions {
  readonly prefix: string;
  readonly alarms: readonly PlannedAlarm[];
  /** The first stack; it may already hold other resources (the responders), which are counted. */
  readonly first: () => Stack;
  /** Creates the n-th stack (n ≥ 2) when the previous one is full. */
  readonly next: (n: number) => Stack;
  /** The topic of each severity for alarms in a stack (each stack imports its own). */
  readonly topicsIn: (stack: Stack) => Readonly<Record<Severity, sns.ITopic>>;
  /** The key of the stack's region that encrypts its log groups (a provider's, where one is needed). */
  readonly keyIn?: (stack: Stack) => kms.IKey;
  /** Retention of the log groups metric filters need, where the app creates them. */
  readonly logRetention: logs.RetentionDays;
  /** @default - CloudWatch Logs' own encryption for the log groups the app creates */
  readonly logGroupKmsKeyArn?: string;
  /** @default STACK_RESOURCE_BUDGET */
  readonly budget?: number;
  /**
   * Give each stack a dashboard of its alarms, `<stack name>-alerts` (a deployment too large for
   * one dashboard of every alarm).
   * @default false
   */
  readonly dashboards?: boolean;
}

/** Where a system's alarms went. */
export interface PlacedAlarms {
  /** The stacks that received alarms, in order. */
  readonly stacks: Stack[];
  /** The dashboard of each of those stacks, where `dashboards` was asked for. */
  readonly dashboards: LinkedDashboard[];
}

/**
 * Fills stacks with alarms in plan order, opening a new stack when the next alarm would exceed
 * the budget. Returns the stacks that received alarms (and their dashboards); creates none when
 * there are no alarms.
 */
export function placeAlarms(options: PlaceAlarmsOptions): PlacedAlarms {
  const budget = (options.budget ?? STACK_RESOURCE_BUDGET) - (options.dashboards ? 1 : 0);
  const filled: Stack[] = [];
  const dashboards: LinkedDashboard[] = [];
  let opened = 0;
  let stack: Stack | undefined;
  let base = 0;
  let batch: PlannedAlarm[] = [];
  let alarmsCost = 0;
  let groups = new Set<string>();
  const cost = (alarmResources: number, groupCount: number) => alarmResources + (groupCount > 0 ? EnsureLogGroups.estimateResources(groupCount) : 0);
  const open = (): Stack => {
    opened += 1;
    const next = opened === 1 ? options.first() : options.next(opened);
    base = countResources(next);
    return next;
  };
  const flush = (into: Stack) => {
    if (batch.length === 0) return;
    new AlertAlarms(into, 'Alarms', {
      prefix: options.prefix,
      alarms: batch,
      topics: options.topicsIn(into),
      logRetention: options.logRetention,
      logGroupKmsKeyArn: options.logGroupKmsKeyArn,
      providerLogKey: options.keyIn?.(into),
    });
    if (options.dashboards) {
      const dashboardName = `${into.stackName}-alerts`;
      new AlertDashboard(into, 'Dashboard', {
        dashboardName,
        alarms: batch.map((a) => ({ name: a.name, severity: a.severity, region: into.region })),
      });
      dashboards.push({ dashboardName, title: into.stackName, alarms: batch.length });
    }
    filled.push(into);
    batch = [];
    alarmsCost = 0;
    groups = new Set();
  };
  for (const alarm of options.alarms) {
    stack ??= open();
    const own = AlertAlarms.estimateResources(alarm);
    const withIt = new Set([...groups, ...logGroupNamesOf(alarm)]);
    if (base + cost(alarmsCost + own, withIt.size) > budget && base + cost(alarmsCost, groups.size) > 0) {
      flush(stack);
      stack = open();
      withIt.clear();
      logGroupNamesOf(alarm).forEach((g) => withIt.add(g));
    }
    batch.push(alarm);
    alarmsCost += own;
    groups = withIt;
  }
  if (stack) flush(stack);
  return { stacks: filled, dashboards };
}
