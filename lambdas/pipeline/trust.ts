/**
 * The trust boundary: what a notification or a manual run must show before anything acts. A
 * payload says what it likes (anyone allowed lambda:InvokeFunction can shape one like SNS), so
 * the responder acts only on an alarm this deployment planned, read back from CloudWatch in
 * ALARM now, at the transition the notification names, recently.
 */
import type { Signal, Target } from '../../lib/catalogue';
import type { NotifiedAlarm, ObservedAlarm } from '../core/alarm';
import type { ReasonCode } from '../core/record';
import type { ResolvedAlarm } from '../core/resolved';
import type { ResponderSettings } from '../runtime/settings';

/** Why the request stops here; `escalate`: whether people must hear of it. */
export interface Refusal {
  readonly code: ReasonCode;
  readonly reason: string;
  readonly escalate: boolean;
}

/** A notification and the alarm read back name the same transition when their times differ by no more. */
export const SAME_TRANSITION_MS = 1000;

/** The kind must be one the deployment planned on the target: the SNS filter's job, checked again for direct invocations. */
export function notPlanned(resolved: ResolvedAlarm, settings: Pick<ResponderSettings, 'plannedKinds'>): Refusal | undefined {
  if (settings.plannedKinds.get(resolved.target.key)?.has(resolved.kind.id)) return undefined;
  return {
    code: 'not-planned',
    escalate: false,
    reason: `not an alarm this deployment planned: no ${resolved.kind.id} alarm on ${resolved.target.type} "${resolved.target.key}" (disabled or not configured)`,
  };
}

/** Where the deployment creates the alarm: in us-east-1 for metrics that exist only there, else in the responder's region. */
export function plannedRegion(resolved: ResolvedAlarm, selfRegion: string): string {
  const signal = resolved.kind.signals[resolved.target.type] as Signal<Target['props']> | undefined;
  return signal?.usEast1Only ? 'us-east-1' : selfRegion;
}

/**
 * A notification older than `maxNotificationAgeMinutes` or more than `maxClockSkewSeconds` in the
 * future is refused before anything is read: an old one is history, a future one is invented.
 */
export function stale(alarm: NotifiedAlarm, now: Date, limits: ResponderSettings['guardrails']): Refusal | undefined {
  const age = now.getTime() - alarm.stateChangeTime.getTime();
  if (age > limits.maxNotificationAgeMinutes * 60_000) {
    return { code: 'stale', escalate: true, reason: `stale: the notification's transition (${alarm.stateChangeTimeRaw}) is ${Math.round(age / 60_000)} minutes old, over maxNotificationAgeMinutes ${limits.maxNotificationAgeMinutes}; not acting on it` };
  }
  if (-age > limits.maxClockSkewSeconds * 1000) {
    return { code: 'stale', escalate: true, reason: `stale: the notification's transition (${alarm.stateChangeTimeRaw}) is ${Math.round(-age / 1000)} s in the future, over maxClockSkewSeconds ${limits.maxClockSkewSeconds}; not acting on it` };
  }
  return undefined;
}

/** What the request claims of the alarm: a notification names its ARN and transition; a manual run only its name. */
export interface Claimed {
  readonly name: string;
  readonly region: string;
  readonly notified?: NotifiedAlarm;
  /** A person's dry run asks "what would you do if it fired": planned whatever the alarm's state. */
  readonly dryRun: boolean;
}

/** What the alarm read back says of the request: nothing to object to, or why not. */
export function readBackRefusal(observed: ObservedAlarm | undefined, claimed: Claimed): Refusal | undefined {
  const { name, region, notified } = claimed;
  if (!observed) return { code: 'not-planned', escalate: false, reason: `no alarm named "${name}" in ${region}: not an alarm this deployment planned` };
  if (notified && observed.arn !== notified.arn) {
    return { code: 'not-planned', escalate: false, reason: `the notification names ${notified.arn}, but the alarm "${name}" is ${observed.arn}` };
  }
  if (observed.state !== 'ALARM' && !claimed.dryRun) {
    return { code: 'not-in-alarm', escalate: false, reason: `the alarm is ${observed.state} now, not ALARM: nothing to do` };
  }
  if (notified && Math.abs(observed.stateTimestamp.getTime() - notified.stateChangeTime.getTime()) > SAME_TRANSITION_MS) {
    return {
      code: 'stale',
      escalate: true,
      reason: `stale: the notification is about a transition at ${notified.stateChangeTimeRaw}, but the alarm moved on: it last changed state at ${observed.stateTimestamp.toISOString()}; not acting on it`,
    };
  }
  return undefined;
}
