import * as sns from 'aws-cdk-lib/aws-sns';
import type { AlarmNameFilter } from '../../deployment';

/**
 * The message-body filter policy of a responder's subscriptions: CloudWatch puts `AlarmName` at the
 * top of the notification's JSON, so exact names and name prefixes route each alarm to the one
 * responder the plan chose (ALERTS.md: route by alarm-name prefix, not by listing every alarm).
 */
export function alarmNameFilterPolicy(filter: readonly AlarmNameFilter[]): { [attribute: string]: sns.FilterOrPolicy } {
  const exact = filter.filter((f): f is string => typeof f === 'string');
  const prefixes = filter.flatMap((f) => (typeof f === 'string' ? [] : [f.prefix]));
  if (exact.length + prefixes.length === 0) {
    // An empty policy would deliver every alarm of the topic to this responder.
    throw new Error('A responder needs at least one alarm name or prefix to filter on; the plan gave none.');
  }
  return {
    AlarmName: sns.FilterOrPolicy.filter(
      sns.SubscriptionFilter.stringFilter({
        allowlist: exact.length > 0 ? exact : undefined,
        matchPrefixes: prefixes.length > 0 ? prefixes : undefined,
      }),
    ),
  };
}
