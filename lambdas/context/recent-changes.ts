import { LookupEventsCommand, type Event } from '@aws-sdk/client-cloudtrail';
import type { Target } from '../../lib/catalogue';
import type { ChangedValue, RecentChange } from '../core/context';
import { cloudtrailClient } from '../runtime/clients/cloudtrail';
import type { ContextBudget } from './budget';
import { readTrailRecord } from './cloudtrail-event';

/**
 * The name CloudTrail's event history knows the target by (LookupEvents' `ResourceName`), for
 * the target types a remediation acts on; none for the others.
 */
export function trailResourceName(target: Target): string | undefined {
  switch (target.type) {
    case 'lambda':
    case 'dynamodb':
    case 'appRunner':
      return target.props.name;
    case 'ecs':
      return target.props.service;
    case 'rds':
      return target.props.instanceId;
    case 'elastiCache':
      return target.props.clusterId;
    case 'cloudFront':
      return target.props.distributionId;
    default:
      return undefined;
  }
}

/** What a lookup found: the changes, oldest first, and whether there were more than one page holds. */
export interface RecentChanges {
  readonly changes: readonly RecentChange[];
  /** Events that could not be read (their JSON did not validate): named, never guessed at. */
  readonly unreadable: readonly string[];
  readonly truncated: boolean;
}

/**
 * The management changes made to the target in the last `minutes`: one LookupEvents call by
 * ResourceName, read-only events left out. One call only: LookupEvents takes one lookup attribute
 * per request and is limited to two requests per second per account and Region, so a storm of
 * alarms would be throttled by more (API_LookupEvents: https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html).
 * At most 50 events (one page): more than that in the window is said, not read.
 */
export async function recentChanges(target: Target, budget: ContextBudget, now: Date, minutes: number): Promise<RecentChanges> {
  const name = trailResourceName(target);
  if (name === undefined) return { changes: [], unreadable: [], truncated: false };
  const start = new Date(now.getTime() - minutes * 60_000);
  const out = await budget.read({ service: 'cloudtrail', operation: 'LookupEvents', key: `cloudtrail:LookupEvents:${name}:${minutes}` }, (abortSignal) =>
    cloudtrailClient().send(
      new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: name }], StartTime: start, EndTime: now, MaxResults: 50 }),
      { abortSignal },
    ),
  );
  const changes: RecentChange[] = [];
  const unreadable: string[] = [];
  for (const event of out.Events ?? []) {
    if (event.ReadOnly === 'true') continue;
    const change = changeOf(target, name, event);
    if (typeof change === 'string') unreadable.push(change);
    else changes.push(...change);
  }
  changes.sort((a, b) => a.time.localeCompare(b.time));
  return { changes: withPreviousValues(changes), unreadable, truncated: out.NextToken !== undefined && out.NextToken !== '' };
}

/** A function named by its ARN (`...:function:NAME[:QUALIFIER]`) or by its name. */
const namesTarget = (requested: string, name: string) => requested === name || requested.split(':').includes(name) || requested.endsWith(`/${name}`);

function changeOf(target: Target, name: string, event: Event): RecentChange[] | string {
  const base = {
    resource: target.key,
    time: (event.EventTime ?? new Date(0)).toISOString(),
    event: event.EventName ?? 'unknown',
    source: event.EventSource ?? 'unknown',
    who: event.Username ?? 'unknown',
    eventId: event.EventId ?? 'unknown',
  };
  if (event.CloudTrailEvent === undefined) return [base];
  const record = readTrailRecord(event.CloudTrailEvent, event.Username);
  if (!record.ok) return `event ${base.eventId} (${base.event}): ${record.error}`;
  const sets = record.value.sets.filter((s) => namesTarget(s.name, name));
  if (sets.length === 0) return [{ ...base, who: record.value.who }];
  return sets.map((s) => ({ ...base, who: record.value.who, changed: s.change }));
}

/**
 * Fills in each change's previous value from the change before it to the same setting, where the
 * window holds one: a value CloudTrail recorded, hence verifiable. The first change of a setting
 * in the window has no known previous value here.
 */
function withPreviousValues(changes: readonly RecentChange[]): RecentChange[] {
  const last = new Map<string, RecentChange>();
  return changes.map((change) => {
    if (!change.changed) return change;
    const key = `${change.resource}\t${change.changed.setting}`;
    const earlier = last.get(key);
    last.set(key, change);
    if (!earlier?.changed) return change;
    const changed: ChangedValue = { ...change.changed, from: earlier.changed.to, fromSource: `an earlier CloudTrail event (${earlier.eventId}, ${earlier.time})` };
    return { ...change, changed };
  });
}
