import { randomUUID } from 'node:crypto';
import type { Alarm, Incident } from '../core/alarm';
import type { KillSwitchReading } from '../core/mode';
import type { ActionRecord, Decision, EscalationRecord, Mode, ReasonCode, ResultRecord } from '../core/record';
import type { AwsCallRecord, State } from '../core/remediation';
import type { ResolvedAlarm } from '../core/resolved';
import { describeError } from '../runtime/aws-call';
import type { ResponderSettings } from '../runtime/settings';
import { allGuards, autonomyGuard, guardedActionGuard, type Guard } from '../guardrails/guard';
import { escalateAlarm, type Escalate } from '../escalation/escalate-alarm';
import { act, type ActionOutcome, type RemediationSet } from './act';
import { lookupAlarm } from './lookup-alarm';
import { decideMode } from './mode';
import type { ParseOutcome } from './notification';
import { resolveAlarm } from './resolve';
import { undoRecord, type UndoDeps } from './undo';

export interface RespondDeps {
  readonly settings: ResponderSettings;
  readonly remediations: RemediationSet;
  readonly escalate: Escalate;
  /** The responder's own account and region: alarms of others are foreign. */
  readonly self: { readonly account: string; readonly region: string };
  readonly guard?: Guard;
  readonly requestId?: string;
  readonly now?: () => Date;
  readonly lookup?: typeof lookupAlarm;
  /** What the kill switch said (the local CLI: no switch, plan only); absent, the input's mode is kept. */
  readonly killSwitch?: KillSwitchReading;
  /** Finds a record to undo; by default in the remediation log group. */
  readonly findRecord?: UndoDeps['findRecord'];
}

const MAX_REASON_CHARS = 2000;

export const defaultGuard: Guard = allGuards([guardedActionGuard, autonomyGuard]);

interface Draft {
  source: ResultRecord['source'];
  messageId?: string;
  alarm?: Alarm;
  resolved?: ResolvedAlarm;
  mode: Mode;
  decision: Decision;
  code: ReasonCode;
  reason: string;
  actions: ActionRecord[];
  escalation?: EscalationRecord;
}

function finish(draft: Draft, deps: RespondDeps, calls: AwsCallRecord[], started: number): ResultRecord {
  const now = (deps.now ?? (() => new Date()))();
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
    recordId: randomUUID(),
    time: now.toISOString(),
    responder: { system: deps.settings.system, family: deps.settings.family, requestId: deps.requestId },
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
    calls,
    escalation: draft.escalation,
    durationMs: Math.max(0, Date.now() - started),
  };
}

/** The overall decision: a failure outranks an application, which outranks a refusal. */
/** What a record says overall: its decision, the reason code and the reason. */
interface Summary {
  readonly decision: Decision;
  readonly code: ReasonCode;
  readonly reason: string;
}

function summarise(outcomes: readonly ActionOutcome[], mode: Mode): Summary {
  const pick = (d: Decision) => outcomes.filter((o) => o.record.decision === d);
  const text = (os: readonly ActionOutcome[]) => os.map((o) => `${o.record.resource}: ${o.record.reason}`).join('; ');
  const failed = pick('failed');
  if (failed.length > 0) return { decision: 'failed', code: failed[0].code, reason: text(failed) };
  const applied = pick('applied');
  if (applied.length > 0) return { decision: 'applied', code: 'applied', reason: text(applied) };
  const refused = outcomes.filter((o) => o.needsEscalation);
  if (mode === 'enforce' && refused.length > 0) return { decision: 'escalated', code: refused[0].code, reason: text(refused) };
  const planned = pick('planned');
  // Enforcing, a plan held back by a guard that needs no people (cooldown, lock) is a skip.
  if (planned.length > 0) return { decision: mode === 'enforce' ? 'skipped' : 'planned', code: planned[0].code, reason: text(planned) };
  return { decision: 'skipped', code: outcomes[0]?.code ?? 'no-op', reason: text(outcomes) || 'nothing to do' };
}

function incidentOf(alarm: Alarm, resolved: ResolvedAlarm, self: RespondDeps['self']): Incident {
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

/** Turns one parsed input into exactly one result record; never throws for bad input or failed AWS calls. */
export async function respond(outcome: ParseOutcome, deps: RespondDeps): Promise<ResultRecord> {
  if (outcome.ok && outcome.value.source === 'manual' && outcome.value.action === 'undo') return undoRecord(outcome.value, deps);
  const started = Date.now();
  const calls: AwsCallRecord[] = [];
  const draft: Draft = { source: 'invalid', mode: 'enforce', decision: 'skipped', code: 'invalid-input', reason: '', actions: [] };
  try {
    await decide(outcome, deps, calls, draft);
    // Whatever was asked, a dry run forced by the kill switch says so.
    const { dryRunReason } = decideMode(draft.mode, deps.killSwitch);
    if (dryRunReason !== undefined && draft.mode === 'dry-run') draft.reason = `${draft.reason} (${dryRunReason})`;
  } catch (err) {
    draft.decision = 'failed';
    draft.code = 'plan-failed';
    draft.reason = `unexpected error: ${describeError(err)}`;
  }
  return finish(draft, deps, calls, started);
}

async function decide(outcome: ParseOutcome, deps: RespondDeps, calls: AwsCallRecord[], draft: Draft): Promise<void> {
  if (!outcome.ok) {
    draft.reason = `invalid input: ${outcome.error.message}`;
    return;
  }
  const input = outcome.value;
  if (input.source === 'manual' && input.action === 'undo') throw new Error('undo reached decide(): respond() routes it to undoRecord');
  draft.source = input.source;
  let alarm: Alarm | undefined;
  if (input.source === 'sns') {
    draft.messageId = input.messageId;
    alarm = input.alarm;
  } else {
    draft.mode = input.dryRun ? 'dry-run' : 'enforce';
    alarm = await (deps.lookup ?? lookupAlarm)(input.alarmName, calls);
    if (!alarm) {
      draft.code = 'unknown-alarm';
      draft.reason = `no alarm named "${input.alarmName}" in this account and region`;
      draft.alarm = { name: input.alarmName, state: 'INSUFFICIENT_DATA', reason: '', stateChangeTime: new Date(0), stateChangeTimeRaw: '', metrics: [] };
      return;
    }
    // A manual dry run asks "what would you do if it fired": plan as in ALARM.
    if (input.dryRun) alarm = { ...alarm, state: 'ALARM' };
  }
  draft.alarm = alarm;
  const { mode, halt } = decideMode(draft.mode, deps.killSwitch);
  draft.mode = mode;
  const resolution = resolveAlarm(alarm, deps.settings, deps.self);
  if (!resolution.ok) {
    draft.code = resolution.code;
    draft.reason = resolution.reason;
    return;
  }
  const resolved = resolution.value;
  draft.resolved = resolved;
  if (alarm.state !== 'ALARM') {
    draft.code = alarm.state === 'OK' ? 'resolved' : 'ignored-state';
    draft.reason = alarm.state === 'OK' ? 'alarm returned to OK: incident resolved, nothing to do' : `alarm is ${alarm.state}: only ALARM acts`;
    return;
  }
  const incident = incidentOf(alarm, resolved, deps.self);
  const outcomes = await act({
    resolved,
    incident,
    mode: draft.mode,
    halt,
    settings: deps.settings,
    remediations: deps.remediations,
    guard: deps.guard ?? defaultGuard,
    calls,
    now: deps.now ?? (() => new Date()),
  });
  draft.actions = outcomes.map((o) => o.record);
  const escalateOnly: Summary = { decision: 'escalated', code: 'escalate-only', reason: 'no safe automatic fix: escalated to people with diagnostics' };
  const summary = outcomes.length === 0 ? escalateOnly : summarise(outcomes, draft.mode);
  Object.assign(draft, summary);
  if (outcomes.length === 0 && draft.mode === 'dry-run') {
    draft.decision = 'planned';
    draft.reason = 'dry run: would escalate to people with diagnostics (no safe automatic fix)';
  }
  const mustEscalate = outcomes.length === 0 || (draft.decision !== 'applied' && outcomes.some((o) => o.needsEscalation));
  if (mustEscalate) {
    draft.escalation = await escalateAlarm({
      mode: draft.mode,
      reason: draft.reason,
      topicArn: deps.settings.escalationTopicArn,
      incident,
      resolved,
      summary: { decision: draft.decision, reason: draft.reason, actions: draft.actions as unknown as State[] },
      calls,
      escalateFn: deps.escalate,
      logLines: deps.settings.logLines,
    });
  }
}
