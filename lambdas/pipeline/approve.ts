import { randomUUID } from 'node:crypto';
import { isAlertKindId, type Target } from '../../lib/catalogue';
import type { Incident } from '../core/alarm';
import type { KillSwitchReading } from '../core/mode';
import { proposalOwner } from '../core/proposal-id';
import type { ActionRecord, ApprovalRecord, AwsCallRecord, Decision, ReasonCode, ResultRecord, Signed, VerificationScheduled } from '../core/record';
import type { ChangePlan } from '../core/remediation';
import { applyChange } from '../core/run';
import { describeError } from '../runtime/aws-call';
import type { ResponderSettings } from '../runtime/settings';
import type { AppliedItems } from '../guardrails/applied-items';
import type { Guard } from '../guardrails/guard';
import { PROPOSAL_KEPT_DAYS, type Proposals, type StoredProposal } from '../guardrails/proposals';
import type { RemediationSet } from './act';
import { isApprover, type ApprovalRequest, type Caller } from './approval-event';
import { finalWrites, type LastWrites } from './final-writes';
import { decideMode } from './mode';
import { planHashes } from './plan-hash';
import { NOT_SIGNED, type SignRecord } from './record-signer';
import { responderClientsApply, type ScopedApply } from './scoped-apply';
import { sqsVerification, type ScheduleVerification } from './verification';
import { replayRevert } from '../context/revert';

export interface ApproveDeps {
  readonly settings: ResponderSettings;
  readonly remediations: RemediationSet;
  readonly self: { readonly account: string; readonly region: string };
  readonly proposals?: Proposals;
  /** The guards of an approved plan: lock, cooldown, breaker, loop protection (guardrails' approvedGuards). */
  readonly guard: Guard;
  readonly applied?: AppliedItems;
  readonly killSwitch?: KillSwitchReading;
  readonly requestId?: string;
  readonly now?: () => Date;
  readonly deadline?: Date;
  readonly sign?: SignRecord;
  readonly scheduleVerification?: ScheduleVerification;
  /** Runs the apply. @default the responder's own clients (responderClientsApply) */
  readonly scopedApply?: ScopedApply;
}

/** A refusal or an outcome before any action: decision, code, reason, and the action planned where there is one. */
interface Outcome {
  readonly decision: Decision;
  readonly code: ReasonCode;
  readonly reason: string;
  readonly action?: ActionRecord;
  readonly proposal?: StoredProposal;
  readonly verification?: VerificationScheduled;
}

const out = (decision: Decision, code: ReasonCode, reason: string, extra: Partial<Outcome> = {}): Outcome => ({ decision, code, reason, ...extra });
const json = (v: unknown) => JSON.stringify(v);

/** What a used, expired or unknown proposal is, in words a person acts on. */
function unusable(p: StoredProposal | undefined, id: string, now: Date): Outcome | undefined {
  if (!p) return out('skipped', 'approval-unknown', `no proposal ${id} in the state table (never made, or gone ${PROPOSAL_KEPT_DAYS} days after it expired)`);
  if (p.status !== 'pending') return out('skipped', 'approval-used', `proposal ${id} was already ${p.status} by ${p.decidedBy ?? 'unknown'} at ${p.decidedAt ?? 'unknown'}: an approval is single use`, { proposal: p });
  if (p.expiresAt.getTime() <= now.getTime()) return out('skipped', 'approval-expired', `proposal ${id} expired at ${p.expiresAt.toISOString()}: nothing applied; the next alarm proposes again`, { proposal: p });
  return undefined;
}

function incidentOf(p: StoredProposal, deps: ApproveDeps): Incident {
  const time = new Date(p.alarm.stateChangeTime);
  return {
    alarm: { name: p.alarm.name, arn: p.alarm.arn, region: p.alarm.region, account: p.alarm.account, state: 'ALARM', reason: '', stateChangeTime: time, stateChangeTimeRaw: p.alarm.stateChangeTime, metrics: [] },
    kind: isAlertKindId(p.alertKind) ? p.alertKind : 'high-error-rate',
    region: deps.self.region,
    account: p.alarm.account ?? deps.self.account,
    windowSeconds: p.windowSeconds,
  };
}

/**
 * A person's approval or rejection of a proposal, as one signed record naming them. Approval:
 * the proposal must be this responder's, pending and unexpired; the plan is made again and
 * refused (`approval-stale`) if it or the state it was computed from differ; the kill switch and
 * the guards of any apply (loop protection, lock, cooldown, breaker) decide; only then is the
 * proposal used (one conditional write, so it applies once) and the plan applied. Never throws.
 */
export async function approvalRecord(request: ApprovalRequest, caller: Caller, deps: ApproveDeps): Promise<Signed<ResultRecord>> {
  const started = Date.now();
  const recordId = randomUUID();
  const now = deps.now ?? (() => new Date());
  const calls: AwsCallRecord[] = [];
  const last: LastWrites = { settles: [] };
  let outcome: Outcome;
  try {
    outcome = await decide(request, caller, deps, recordId, calls, last, now);
  } catch (err) {
    outcome = out('failed', 'plan-failed', `unexpected error: ${describeError(err)}`);
  }
  const p = outcome.proposal;
  const approval: ApprovalRecord = { proposalId: request.proposalId, proposedIn: p?.recordId, verdict: request.verdict, approver: caller, ...(request.note ? { note: request.note } : {}) };
  const actions = outcome.action ? [outcome.action] : [];
  const record: ResultRecord = {
    recordVersion: 1,
    recordType: 'approval',
    recordId,
    time: now().toISOString(),
    responder: { system: deps.settings.system, family: deps.settings.family, requestId: deps.requestId },
    source: 'manual',
    // The alarm as the proposal knew it (it is not read back at approval).
    alarm: p && { name: p.alarm.name, arn: p.alarm.arn, region: p.alarm.region, account: p.alarm.account, time: p.alarm.stateChangeTime },
    alertKind: p && isAlertKindId(p.alertKind) ? p.alertKind : undefined,
    system: p?.system,
    target: p && outcome.action ? { type: deps.settings.targets.get(p.targetKey)?.type ?? 'unknown', key: p.targetKey } : undefined,
    mode: 'enforce',
    decision: outcome.decision,
    reasonCode: outcome.code,
    reason: `${request.verdict === 'approve' ? 'approval' : 'rejection'} of ${request.proposalId} by ${caller.arn}: ${outcome.reason}`,
    actions,
    before: Object.fromEntries(actions.map((a) => [a.resource, a.before])),
    after: Object.fromEntries(actions.flatMap((a) => (a.after ? [[a.resource, a.after]] : []))),
    calls,
    verification: outcome.verification,
    approval,
    durationMs: Date.now() - started,
  };
  return finalWrites(record, last, deps.applied, deps.sign ?? NOT_SIGNED);
}

async function decide(request: ApprovalRequest, caller: Caller, deps: ApproveDeps, recordId: string, calls: AwsCallRecord[], last: LastWrites, now: () => Date): Promise<Outcome> {
  const { settings } = deps;
  const id = request.proposalId;
  // The resource policy admits only the approvers; an identity policy of the account could admit others.
  if (!settings.approvals || !isApprover(caller, settings.approvals.approvers)) {
    return out('skipped', 'approval-denied', `${caller.arn} is not one of the approvers of the ${settings.system} ${settings.family} responder (${settings.approvals?.approvers.join(', ') || 'none configured'})`);
  }
  const owner = proposalOwner(id);
  if (!owner) return out('skipped', 'approval-unknown', `"${id.slice(0, 80)}" is not a proposal id (<system>.<family>.<uuid>)`);
  if (owner.system !== settings.system || owner.family !== settings.family) return out('skipped', 'approval-unknown', `proposal ${id} belongs to the ${owner.system} ${owner.family} responder, not this one; send it there`);
  if (!deps.proposals) return out('failed', 'state-unavailable', 'no state table to read proposals from');
  let p: StoredProposal | undefined;
  try {
    p = await deps.proposals.read(id);
  } catch (err) {
    return out('failed', 'state-unavailable', `could not read proposal ${id} from the state table: ${describeError(err)}`);
  }
  const refused = unusable(p, id, now());
  if (refused || !p) return refused ?? out('skipped', 'approval-unknown', `no proposal ${id}`);
  if (request.verdict === 'reject') return decideOnce(deps.proposals, p, 'rejected', caller, now, () => out('skipped', 'rejected', `rejected${request.note ? ` (${request.note})` : ''}: nothing applied`, { proposal: p }));
  return approve(p, caller, deps, recordId, calls, last, now);
}

/** Uses the proposal (one conditional write); if another decision won the race, says which. */
async function decideOnce(proposals: Proposals, p: StoredProposal, status: 'approved' | 'rejected', caller: Caller, now: () => Date, then: () => Outcome | Promise<Outcome>, release?: () => Promise<void>): Promise<Outcome> {
  const decided = await proposals.decide(p.id, { status, by: caller.arn, now: now() });
  if (decided.ok) return then();
  await release?.();
  return unusable(decided.found, p.id, now()) ?? out('skipped', 'approval-used', `proposal ${p.id} could not be used`, { proposal: p });
}

async function approve(p: StoredProposal, caller: Caller, deps: ApproveDeps, recordId: string, calls: AwsCallRecord[], last: LastWrites, now: () => Date): Promise<Outcome> {
  const proposals = deps.proposals;
  if (!proposals) return out('failed', 'state-unavailable', 'no state table');
  const target = deps.settings.targets.get(p.targetKey);
  const remediation = deps.remediations[p.plan.remediation];
  if (!target || !remediation) return out('skipped', 'approval-stale', `${p.plan.remediation} on "${p.targetKey}" is no longer part of this responder's configuration`, { proposal: p });
  const incident = incidentOf(p, deps);
  const ctx = { ...incident, target, now, calls };
  const planned = (fresh: { before: ActionRecord['before']; plan?: ActionRecord['plan'] }): ActionRecord => ({ remediation: p.plan.remediation, targetKey: p.targetKey, resource: p.plan.resource, decision: 'planned', reason: '', guarded: true, ...fresh });
  let fresh;
  try {
    fresh = await remediation.plan(ctx);
    // A proposed revert is planned again as that revert: the approval is for the value it sets back.
    if (fresh.kind === 'change') fresh = replayRevert(fresh, p.plan);
  } catch (err) {
    return out('failed', 'plan-failed', `planning again failed: ${describeError(err)}; nothing applied`, { proposal: p });
  }
  if (fresh.kind !== 'change') return out('skipped', 'approval-stale', `planned again, ${p.plan.remediation} now changes nothing (${fresh.reason}); nothing applied`, { proposal: p, action: planned({ before: fresh.before }) });
  const action = planned({ before: fresh.before, plan: { summary: fresh.summary, after: fresh.after, params: fresh.params } });
  const hashes = planHashes(fresh);
  if (hashes.stateHash !== p.stateHash) {
    return out('skipped', 'approval-stale', `the state changed since the proposal: it was ${json(p.plan.before)}, it is ${json(fresh.before)}; nothing applied`, { proposal: p, action });
  }
  if (hashes.planHash !== p.planHash) {
    return out('skipped', 'approval-stale', `the plan changed since the proposal: it set ${json(p.plan.after)}, it would now set ${json(fresh.after)}; nothing applied`, { proposal: p, action });
  }
  const mode = decideMode('enforce', deps.killSwitch, 'manual');
  const stop = mode.mode === 'dry-run' ? mode.dryRunReason : mode.halt?.reason;
  if (stop !== undefined) return out('planned', 'kill-switch', `${stop}; the proposal stays open until ${p.expiresAt.toISOString()}`, { proposal: p, action: { ...action, reason: stop } });
  const deadline = deps.deadline ?? new Date(now().getTime() + 60_000);
  deps.guard.prepare?.(now());
  // The person's approval is the level: the ladder keeps the apply in the history as approved (promotion counts it).
  const level = { level: 'auto' as const, why: `approved by ${caller.arn}`, approvedBy: caller.arn };
  const admission = await deps.guard.admit({ plan: fresh, resource: target, settings: deps.settings, now: now(), run: { recordId, deadline }, cooldownKey: fresh.remediation, level });
  if (!admission.ok) {
    if (admission.release) last.settles.push(admission.release);
    const reason = `${admission.reason}; the proposal stays open until ${p.expiresAt.toISOString()}`;
    return out('planned', admission.code, reason, { proposal: p, action: { ...action, reason: admission.reason } });
  }
  return decideOnce(proposals, p, 'approved', caller, now, () => applyApproved(p, fresh, target, caller, deps, recordId, calls, last, action, admission.done, ctx), () => admission.done(false));
}

async function applyApproved(
  p: StoredProposal,
  fresh: ChangePlan,
  target: Target,
  caller: Caller,
  deps: ApproveDeps,
  recordId: string,
  calls: AwsCallRecord[],
  last: LastWrites,
  action: ActionRecord,
  done: (changed: boolean) => Promise<void>,
  ctx: Parameters<typeof applyChange>[2],
): Promise<Outcome> {
  const remediation = deps.remediations[p.plan.remediation];
  const mark = calls.length;
  last.applying = { alarm: ctx.alarm, alertKind: p.alertKind };
  const schedule = deps.scheduleVerification ?? sqsVerification(deps.settings.verifyQueueUrl);
  const { settings } = deps;
  const verification = await schedule(
    {
      recordId,
      alarmName: p.alarm.name,
      alarmArn: p.alarm.arn,
      system: settings.system,
      family: settings.family,
      alertKind: p.alertKind,
      appliedAt: ctx.now().toISOString(),
      summary: fresh.summary.slice(0, 2000),
      resourceKey: target.key,
      deadline: (deps.deadline ?? new Date(ctx.now().getTime() + 60_000)).toISOString(),
    },
    settings.guardrails.verifyAfterMinutes,
  );
  const checked = verification.scheduled ? `re-check in ${verification.afterSeconds} s` : `re-check not scheduled: ${verification.error ?? 'unknown'}`;
  try {
    if (!remediation) throw new Error(`remediation ${p.plan.remediation} is not part of this responder`);
    const result = await (deps.scopedApply ?? responderClientsApply)({ plan: fresh, resource: target, recordId, approver: caller.arn, calls }, () => applyChange(remediation, fresh, ctx));
    last.settles.push(() => done(true));
    return out('applied', 'approved', `approved: ${result.summary} (${checked})`, { proposal: p, verification, action: { ...action, decision: 'applied', reason: result.summary, after: result.after } });
  } catch (err) {
    last.settles.push(() => done(calls.slice(mark).some((c) => c.mutating && c.ok)));
    return out('failed', 'apply-failed', `approved, but the apply failed: ${describeError(err)}`, { proposal: p, verification, action: { ...action, decision: 'failed', reason: `apply failed: ${describeError(err)}` } });
  }
}
