import { SEVERITY_IDS, type Severity } from '../catalogue';
import type { DeploymentConfig } from '../config/schema';
import type { PlannedAlarm, PlannedResponder } from './types';

/**
 * SNS allows 200 subscription filter policies per topic, and 10,000 per account
 * (https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html).
 */
export const SNS_FILTER_POLICIES_PER_TOPIC = 200;
export const SNS_FILTER_POLICIES_PER_ACCOUNT = 10_000;

/** What the responders may take of a topic's 200, leaving room for subscriptions people add. */
export const TOPIC_SUBSCRIPTION_BUDGET = 180;

/** One topic of a shard: a severity, in the home region or (when separate) in us-east-1. */
export type TopicSlot = `${Severity}` | `${Severity}@us-east-1`;

export const TOPIC_SLOTS: readonly TopicSlot[] = SEVERITY_IDS.flatMap((s) => [s, `${s}@us-east-1`] as const);

/** Whether alarms on us-east-1-only metrics need topics of their own: the home region is elsewhere and some exist. */
export function separateUsEast1Topics(config: DeploymentConfig, alarms: readonly PlannedAlarm[]): boolean {
  return config.region !== 'us-east-1' && alarms.some((a) => a.usEast1);
}

/** The topic an alarm notifies, within its system's shard. */
export function topicSlotOf(alarm: PlannedAlarm, separateEast: boolean): TopicSlot {
  return alarm.usEast1 && separateEast ? `${alarm.severity}@us-east-1` : alarm.severity;
}

/** The filtered subscriptions a system's responders make, per topic: one per responder and topic it needs. */
export function subscriptionsPerTopic(responders: readonly PlannedResponder[], separateEast: boolean): Map<TopicSlot, number> {
  const counts = new Map<TopicSlot, number>();
  for (const r of responders) {
    for (const slot of new Set(r.alarms.map((a) => topicSlotOf(a, separateEast)))) counts.set(slot, (counts.get(slot) ?? 0) + 1);
  }
  return counts;
}

/**
 * Assigns each system (in configuration order) to a shard of severity topics, opening a new shard
 * when the next system's subscriptions would take a topic past the budget. Adding a system at the
 * end moves no other system.
 */
export function assignTopicShards(systems: ReadonlyArray<ReadonlyMap<TopicSlot, number>>, budget = TOPIC_SUBSCRIPTION_BUDGET): number[] {
  const shards: number[] = [];
  let shard = 1;
  let used = new Map<TopicSlot, number>();
  for (const [i, counts] of systems.entries()) {
    const over = [...counts].some(([slot, n]) => (used.get(slot) ?? 0) + n > budget);
    if (over && used.size > 0) {
      shard += 1;
      used = new Map();
    }
    for (const [slot, n] of counts) {
      if (n > budget) throw new Error(`System ${i + 1} alone needs ${n} subscriptions on one topic, over the budget of ${budget}.`);
      used.set(slot, (used.get(slot) ?? 0) + n);
    }
    shards.push(shard);
  }
  return shards;
}
