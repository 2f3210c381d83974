import { CfnResource, type Stack } from 'aws-cdk-lib';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { AlertAlarms } from '../constructs/alert-alarms';
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
  readonly topics: Readonly<Record<Severity, sns.ITopic>>;
  /** @default STACK_RESOURCE_BUDGET */
  readonly budget?: number;
}

/**
 * Fills stacks with alarms in plan order, opening a new stack when the next alarm would exceed
 * the budget. Returns the stacks that received alarms; creates none when there are no alarms.
 */
export function placeAlarms(options: PlaceAlarmsOptions): Stack[] {
  const budget = options.budget ?? STACK_RESOURCE_BUDGET;
  const filled: Stack[] = [];
  let opened = 0;
  let stack: Stack | undefined;
  let used = 0;
  let batch: PlannedAlarm[] = [];
  const open = (): Stack => {
    opened += 1;
    const next = opened === 1 ? options.first() : options.next(opened);
    used = countResources(next);
    return next;
  };
  const flush = (into: Stack) => {
    if (batch.length === 0) return;
    new AlertAlarms(into, 'Alarms', { prefix: options.prefix, alarms: batch, topics: options.topics });
    filled.push(into);
    batch = [];
  };
  for (const alarm of options.alarms) {
    const cost = AlertAlarms.estimateResources(alarm);
    stack ??= open();
    if (used + cost > budget && used > 0) {
      flush(stack);
      stack = open();
    }
    batch.push(alarm);
    used += cost;
  }
  if (stack) flush(stack);
  return filled;
}
