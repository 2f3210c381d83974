import type { Alarm, Incident } from '../core/alarm';
import type { ContextRecord } from '../core/context';
import type { ActionRecord, BreachConfirmation, Decision, EscalationRecord, Mode, ReasonCode, ResultRecord, VerificationScheduled } from '../core/record';
import type { AwsCallRecord, State } from '../core/remediation';
import type { ResolvedAlarm } from '../core/resolved';
import type { ActionOutcome } from './act';

const MAX_REASON_CHARS = 2000;

/** What a notification's record says so far; `finish` turns it into the record. */
export interface Draft {
  readonly recordId: string;
  source: ResultRecord['source'];
  messageId?: string;
  alarm?: Alarm;
  resolved?: ResolvedAlarm;
  mode: Mode;
  /** Whether escalations are published (see ModeDecision). */
  publish: boolean;
  decision: Decision;
  code: ReasonCode;
  reason: string;
  actions: ActionRecord[];
  escalation?: EscalationRecord;
  verification?: VerificationScheduled;
  confirmation?: BreachConfirmation;
  context?: ContextRecord;
}

export function newDraft(recordId: string): Draft {
  return { recordId, source: 'invalid', mode: 'enforce', publish: true, decision: 'skipped', code: 'invalid-input', reason: '', actions: [] };
}

/** Context holds: the action waits for what surrounds the target, planned rather than skipped. */
const HOLD_CODES: ReadonlySet<ReasonCode> = new Set<ReasonCode>(['maintenance', 'deploying']);

/** What a record says overall: its decision, the reason code and the reason. */
export interface Summary {
  readonly decision: Decision;
  readonly code: ReasonCode;
  readonly reason: string;
}

/**
 * The overall decision: a failure outranks an application, which outranks a refusal. A plan the
 * metric data did not confirm, or held for a maintenance window, stays a plan, and a state table that could not be reached is a
 * failure (people are told of both); other refusals that need people are escalations.
 */
export function summarise(outcomes: readonly ActionOutcome[], mode: Mode): Summary {
  const pick = (d: ActionRecord['decision']) => outcomes.filter((o) => o.record.decision === d);
  const text = (os: readonly ActionOutcome[]) => os.map((o) => `${o.record.resource}: ${o.record.reason}`).join('; ');
  const failed = pick('failed');
  if (failed.length > 0) return { decision: 'failed', code: failed[0].code, reason: text(failed) };
  const applied = pick('applied');
  if (applied.length > 0) return { decision: 'applied', code: 'applied', reason: text(applied) };
  const refused = outcomes.filter((o) => o.needsEscalation);
  if (mode === 'enforce' && refused.length > 0) {
    const code = refused[0].code;
    return { decision: code === 'unconfirmed' || code === 'maintenance' ? 'planned' : code === 'state-unavailable' ? 'failed' : 'escalated', code, reason: text(refused) };
  }
  const planned = pick('planned');
  // A plan held for a person's approval is a plan, not a skip.
  const proposed = planned.filter((o) => o.record.proposal?.request?.published);
  if (proposed.length > 0) return { decision: 'planned', code: proposed[0].code, reason: text(proposed) };
  // A plan held for a maintenance window or a deployment stays a plan.
  const held = planned.filter((o) => HOLD_CODES.has(o.code));
  if (held.length > 0) return { decision: 'planned', code: held[0].code, reason: text(held) };
  // Enforcing, a plan held back by a guard that needs no people (cooldown, lock) is a skip.
  if (planned.length > 0) return { decision: mode === 'enforce' ? 'skipped' : 'planned', code: planned[0].code, reason: text(planned) };
  return { decision: 'skipped', code: outcomes[0]?.code ?? 'no-op', reason: text(outcomes) || 'nothing to do' };
}

/** What remediations and escalations know of the incident. */
export function incidentOf(alarm: Alarm, resolved: ResolvedAlarm, self: { readonly account: string; readonly region: string }): Incident {
  const signal = resolved.kind.signals[resolved.target.type];
  const period = alarm.periodSeconds ?? signal?.periodSeconds ?? 300;
  const periods = alarm.evaluationPeriods ?? signal?.evaluationPeriods ?? 1;
  return {
    alarm,
    kind: resolved.kind.id,
    // Resources live in the responder's region, even for alarms on us-east-1-only metrics.
    region: self.region,
    account: alarm.account ?? self.account,
    windowSeconds: period * periods,
  };
}

/** The record of a draft. */
export function finish(draft: Draft, responder: ResultRecord['responder'], calls: readonly AwsCallRecord[], now: Date, started: number): ResultRecord {
  const a = draft.alarm;
  const before: Record<string, State> = {};
  const after: Record<string, State> = {};
  for (const action of draft.actions) {
    before[action.resource] = action.before;
    if (action.after) after[action.resource] = action.after;
  }
  return {
    recordVersion: 1,
    recordType: 'notification',
    recordId: draft.recordId,
    time: now.toISOString(),
    responder,
    source: draft.source,
    messageId: draft.messageId,
    alarm: a && {
      name: a.name,
      arn: a.arn,
      state: a.state,
      previousState: a.previousState,
      // The reason comes from the notification: keep the record far below CloudWatch Logs' 256 KB.
      reason: a.reason.length > MAX_REASON_CHARS ? `${a.reason.slice(0, MAX_REASON_CHARS)}...` : a.reason,
      time: a.stateChangeTimeRaw,
      region: a.region,
      account: a.account,
      shape: a.shape,
    },
    alertKind: draft.resolved?.kind.id,
    severity: draft.resolved?.kind.severity,
    system: draft.resolved?.target.system,
    target: draft.resolved && { type: draft.resolved.target.type, key: draft.resolved.target.key },
    mode: draft.mode,
    decision: draft.decision,
    reasonCode: draft.code,
    reason: draft.reason,
    actions: draft.actions,
    before,
    after,
    calls: [...calls],
    escalation: draft.escalation,
    verification: draft.verification,
    confirmation: draft.confirmation,
    ...(draft.context ? { context: draft.context } : {}),
    durationMs: Math.max(0, Date.now() - started),
  };
}
