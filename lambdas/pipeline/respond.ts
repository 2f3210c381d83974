import { randomUUID } from 'node:crypto';
import type { Target } from '../../lib/catalogue';
import type { Alarm, Incident, ObservedAlarm } from '../core/alarm';
import type { KillSwitchReading } from '../core/mode';
import type { ResultRecord, Signed } from '../core/record';
import type { AwsCallRecord, ChangePlan, State } from '../core/remediation';
import type { ResolvedAlarm } from '../core/resolved';
import { DEFAULT_MAINTENANCE_ESCALATION, windowsFor, type Severity } from '../../lib/catalogue';
import { describeError } from '../runtime/aws-call';
import type { ResponderSettings } from '../runtime/settings';
import type { AppliedItems } from '../guardrails/applied-items';
import type { Claims } from '../guardrails/claims';
import type { Guard } from '../guardrails/guard';
import { ladderGuard } from '../guardrails/ladder-guard';
import type { Proposals } from '../guardrails/proposals';
import { publishApprovalRequest, type PublishApprovalRequest } from '../escalation/approval-request';
import { escalateAlarm, type Escalate } from '../escalation/escalate-alarm';
import { describeWindow, maintenanceHold } from '../context/maintenance-hold';
import { act, type ActRun, type RemediationSet } from './act';
import { confirmBreach } from './confirm-breach';
import { finalWrites, type LastWrites } from './final-writes';
import { alarmOf, readAlarm } from './lookup-alarm';
import { decideMode } from './mode';
import type { ParseOutcome } from './notification';
import { finish, incidentOf, newDraft, summarise, type Draft } from './record-draft';
import { NOT_SIGNED, type SignRecord } from './record-signer';
import { resolveAlarm } from './resolve';
import { proposer, type Propose } from './propose';
import type { ScopedApply } from './scoped-apply';
import { notPlanned, plannedRegion, readBackRefusal, stale, type Refusal } from './trust';
import { undoRecord } from './undo';
import { sqsVerification, type ScheduleVerification } from './verification';
import { NO_CONTEXT, contextAsState } from '../core/context';
import type { ContextOpening, ContextReader } from '../context';

export interface RespondDeps {
  readonly settings: ResponderSettings;
  readonly remediations: RemediationSet;
  readonly escalate: Escalate;
  /** The responder's own account and region: alarms of others are foreign. */
  readonly self: { readonly account: string; readonly region: string };
  /** The guards between plan and apply. @default the autonomy ladder only (configured levels, no history), no state table */
  readonly guard?: Guard;
  /** Claims of alarm transitions (idempotency). @default none: every request runs (the CLI only plans) */
  readonly claims?: Claims;
  /** Where applied actions are kept for undo and the verifier. @default none */
  readonly applied?: AppliedItems;
  readonly requestId?: string;
  readonly now?: () => Date;
  /** When the invocation ends (the Lambda context's deadline): claims and locks hold until then. @default a minute from now */
  readonly deadline?: Date;
  /** Reads the alarm back. @default DescribeAlarms in the alarm's region */
  readonly readAlarm?: typeof readAlarm;
  /** Confirms a breach from the alarm's metric data. @default GetMetricData */
  readonly confirm?: typeof confirmBreach;
  /** Schedules the re-check of an action just before it is applied. @default the settings' verification queue */
  readonly scheduleVerification?: ScheduleVerification;
  /** What the kill switch said (the local CLI: no switch, plan only); absent, the input's mode is kept. */
  readonly killSwitch?: KillSwitchReading;
  /** Signs the finished record (the handler: KMS GenerateMac with the record key). @default none: the record says it is unsigned */
  readonly sign?: SignRecord;
  /** Holds a plan at level `propose` for approval. @default built from `settings.approvals` and `proposals` (none without them: the plan is escalated) */
  readonly propose?: Propose;
  /** Where plans that wait for approval are stored; with `settings.approvals`, a guarded action is proposed. @default none: escalated only */
  readonly proposals?: Proposals;
  /** Sends an approval request to people. @default SNS Publish to the escalation topic */
  readonly publishApprovalRequest?: PublishApprovalRequest;
  /** Runs the apply of an approved plan (the approval entry, approve.ts). @default the responder's own clients */
  readonly scopedApply?: ScopedApply;
  /**
   * Reads what surrounds a target before acting (deployments, recent changes, ownership), once per
   * notification, within its time budget. @default none: no context is read, nothing is held for it
   */
  readonly context?: (open: ContextOpening) => ContextReader;
}

export const defaultGuard: Guard = ladderGuard();

const clock = (deps: Pick<RespondDeps, 'now'>) => deps.now ?? (() => new Date());

/** A manual run names only an alarm: until it is read back, this is all there is of it. */
const unread = (name: string): Alarm => ({ name, state: 'INSUFFICIENT_DATA', reason: '', stateChangeTime: new Date(0), stateChangeTimeRaw: '', metrics: [] });

/**
 * Turns one parsed input into exactly one result record, signed; never throws for bad input,
 * failed AWS calls, an unavailable state table or an unavailable KMS.
 */
export async function respond(outcome: ParseOutcome, deps: RespondDeps): Promise<Signed<ResultRecord>> {
  if (outcome.ok && outcome.value.source === 'manual' && outcome.value.action === 'undo') return undoRecord(outcome.value, deps);
  const started = Date.now();
  const calls: AwsCallRecord[] = [];
  const draft = newDraft(randomUUID());
  const last: LastWrites = { settles: [] };
  try {
    await decide(outcome, deps, calls, draft, last);
    // Whatever was asked, a dry run forced by the kill switch, or a halt, says so.
    const { dryRunReason, halt } = decideMode(draft.mode, deps.killSwitch);
    const note = draft.mode === 'dry-run' ? dryRunReason : halt?.reason;
    if (note !== undefined && draft.resolved && !draft.reason.includes(note)) draft.reason = `${draft.reason} (${note})`;
  } catch (err) {
    draft.decision = 'failed';
    draft.code = 'plan-failed';
    draft.reason = `unexpected error: ${describeError(err)}`;
  }
  const record = finish(draft, { system: deps.settings.system, family: deps.settings.family, requestId: deps.requestId }, calls, clock(deps)(), started);
  return finalWrites(record, last, deps.applied, deps.sign ?? NOT_SIGNED);
}

/** Stops the request with a refusal; people hear of it where it says so. */
async function refuse(draft: Draft, refusal: Refusal, deps: RespondDeps, calls: AwsCallRecord[], incident?: Incident): Promise<void> {
  draft.code = refusal.code;
  draft.reason = refusal.reason;
  draft.decision = !refusal.escalate ? 'skipped' : refusal.code === 'state-unavailable' || refusal.code === 'plan-failed' ? 'failed' : 'escalated';
  if (refusal.escalate && incident) await escalateTo(draft, deps, calls, incident, draft.resolved);
}

async function escalateTo(draft: Draft, deps: RespondDeps, calls: AwsCallRecord[], incident: Incident, resolved?: ResolvedAlarm): Promise<void> {
  draft.escalation = await escalateAlarm({
    mode: draft.mode,
    publish: draft.publish,
    reason: draft.reason,
    topicArn: deps.settings.escalationTopicArn,
    incident,
    resolved,
    summary: { decision: draft.decision, reason: draft.reason, actions: draft.actions as unknown as State[], ...(draft.context ? { context: contextAsState(draft.context) } : {}) },
    calls,
    escalateFn: deps.escalate,
    logLines: deps.settings.logLines,
  });
}

async function decide(outcome: ParseOutcome, deps: RespondDeps, calls: AwsCallRecord[], draft: Draft, last: LastWrites): Promise<void> {
  if (!outcome.ok) {
    draft.reason = `invalid input: ${outcome.error.message}`;
    return;
  }
  const input = outcome.value;
  if (input.source === 'manual' && input.action === 'undo') throw new Error('undo reached decide(): respond() routes it to undoRecord');
  draft.source = input.source;
  const requested = input.source === 'manual' && input.dryRun ? 'dry-run' : 'enforce';
  const decision = decideMode(requested, deps.killSwitch, input.source);
  draft.mode = decision.mode;
  draft.publish = decision.publish;
  const now = clock(deps);
  const notified = input.source === 'sns' ? input.alarm : undefined;
  if (input.source === 'sns') draft.messageId = input.messageId;
  draft.alarm = input.source === 'sns' ? input.alarm : unread(input.alarmName);

  const resolution = resolveAlarm(draft.alarm, deps.settings, deps.self);
  if (!resolution.ok) return refuse(draft, { ...resolution, escalate: false }, deps, calls);
  const resolved = resolution.value;
  draft.resolved = resolved;
  const unplanned = notPlanned(resolved, deps.settings);
  if (unplanned) return refuse(draft, unplanned, deps, calls);
  if (notified && notified.state !== 'ALARM') {
    const reason = notified.state === 'OK' ? 'alarm returned to OK: incident resolved, nothing to do' : `alarm is ${notified.state}: only ALARM acts`;
    return refuse(draft, { code: notified.state === 'OK' ? 'resolved' : 'ignored-state', reason, escalate: false }, deps, calls);
  }
  const notifiedIncident = notified && incidentOf(notified, resolved, deps.self);
  const old = notified && stale(notified, now(), deps.settings.guardrails);
  if (old) return refuse(draft, old, deps, calls, notifiedIncident);

  // Read back: the alarm as CloudWatch says it is, where the deployment created it.
  const region = plannedRegion(resolved, deps.self.region);
  if (notified && notified.region !== region) {
    return refuse(draft, { code: 'not-planned', escalate: false, reason: `the deployment plans ${notified.name} in ${region}, not in ${notified.region}` }, deps, calls);
  }
  let observed: ObservedAlarm | undefined;
  try {
    observed = await (deps.readAlarm ?? readAlarm)(draft.alarm.name, region, calls);
  } catch (err) {
    return refuse(draft, { code: 'plan-failed', escalate: true, reason: `could not read the alarm back: ${describeError(err)}; not acting` }, deps, calls, notifiedIncident);
  }
  const refusal = readBackRefusal(observed, { name: draft.alarm.name, region, notified, dryRun: requested === 'dry-run' });
  if (refusal || !observed) return refuse(draft, refusal ?? { code: 'not-planned', reason: 'no alarm', escalate: false }, deps, calls, notifiedIncident);
  // A manual dry run asks "what would you do if it fired": plan as in ALARM.
  if (!notified) draft.alarm = { ...alarmOf(observed), ...(requested === 'dry-run' ? { state: 'ALARM' as const } : {}) };
  const incident = incidentOf(draft.alarm, resolved, deps.self);
  const deadline = deps.deadline ?? new Date(now().getTime() + 60_000);

  // Claim the transition, keyed on the alarm's real state timestamp (a person's dry run acts on nothing, so claims nothing).
  if (deps.claims && requested === 'enforce') {
    let claim;
    try {
      claim = await deps.claims.claim({ alarmArn: observed.arn, stateTimestamp: observed.stateTimestamp }, { deadline, now: now() });
    } catch (err) {
      const reason = `state table unavailable: could not claim the notification (${describeError(err)}); no action taken`;
      return refuse(draft, { code: 'state-unavailable', escalate: true, reason }, deps, calls, incident);
    }
    if (claim.kind === 'duplicate') return refuse(draft, { code: 'duplicate', reason: claim.reason, escalate: false }, deps, calls);
    last.complete = claim.complete;
  }

  // Context is read where a responder may act for real: never in a dry run, never by the escalation responder.
  const reader = draft.mode === 'enforce' && resolved.candidates.length > 0 ? deps.context?.({ calls, now, where: { account: incident.account ?? deps.self.account, region: incident.region } }) : undefined;
  try {
    const run = runOf(draft, deps, observed, deadline, calls, last, reader, proposing(draft, deps, incident, resolved, calls));
    const outcomes = await act({ run, resolved, incident, mode: draft.mode, halt: decision.halt, settings: deps.settings, remediations: deps.remediations, guard: deps.guard ?? defaultGuard, calls, now });
    draft.actions = outcomes.map((o) => o.record);
    Object.assign(draft, outcomes.length === 0 ? { decision: 'escalated', code: 'escalate-only', reason: 'no safe automatic fix: escalated to people with diagnostics' } : summarise(outcomes, draft.mode));
    // An alarm with no automatic fix inside a window pages as its severity's rule says.
    const window = outcomes.length === 0 ? maintenanceHold(deps.settings.maintenance, [resolved.target.key], resolved.kind.severity, now()) : outcomes.find((o) => o.maintenance)?.maintenance;
    // Inside a window whose rule does not page this severity.
    const quiet = window !== undefined && !window.escalates;
    if (outcomes.length === 0 && window && quiet) {
      Object.assign(draft, { decision: 'skipped', code: 'maintenance', reason: `no safe automatic fix; inside ${describeWindow(window)}: ${resolved.kind.severity} does not page inside a window` });
    }
    if (outcomes.length === 0 && draft.mode === 'dry-run') {
      draft.decision = 'planned';
      draft.reason = `dry run: would ${quiet ? 'record only' : 'escalate to people with diagnostics'} (no safe automatic fix)${window ? `; inside ${describeWindow(window)}` : ''}`;
    }
    if (reader) await recordContext(draft, reader, resolved);
    // After the reads, which replace the context: the window joins whatever was read.
    if (window) draft.context = { ...(draft.context ?? NO_CONTEXT), maintenance: window };
    const mustEscalate = (outcomes.length === 0 && !quiet) || (draft.decision !== 'applied' && outcomes.some((o) => o.needsEscalation));
    if (mustEscalate) await escalateTo(draft, deps, calls, incident, resolved);
  } finally {
    reader?.close();
  }
}

/**
 * The record's context: the target's (read now if no action read it, so a no-op or a refusal lists
 * the recent changes too) and every resource acted on; a part that could not be read is said in
 * the reason, with the decision taken on the alarm alone.
 */
async function recordContext(draft: Draft, reader: ContextReader, resolved: ResolvedAlarm): Promise<void> {
  if (!reader.has(resolved.target)) await reader.of(resolved.target);
  const context = await reader.record(draft.actions);
  if (!context) return;
  draft.context = context;
  if (context.unavailable.length > 0) draft.reason = `${draft.reason} (${context.unavailable.join('; ')}; decided on the alarm alone)`;
}

/** The run's `propose` hook: only where approvers are configured and proposals can be stored. */
function proposing(draft: Draft, deps: RespondDeps, incident: Incident, resolved: ResolvedAlarm, calls: AwsCallRecord[]): Propose | undefined {
  const { settings, proposals } = deps;
  if (deps.propose) return deps.propose;
  if (!settings.approvals || !proposals) return undefined;
  return proposer({
    recordId: draft.recordId,
    system: settings.system,
    family: settings.family,
    approvals: settings.approvals,
    proposals,
    publish: deps.publishApprovalRequest ?? publishApprovalRequest,
    topicArn: settings.escalationTopicArn,
    incident,
    resolved,
    calls,
    now: clock(deps),
    confirmation: () => draft.confirmation,
  });
}

/** The run as the actions see it: lazy checks made once, before the first apply, and the releases kept for the end. */
function runOf(draft: Draft, deps: RespondDeps, observed: ObservedAlarm, deadline: Date, calls: AwsCallRecord[], last: LastWrites, reader?: ContextReader, propose?: Propose): ActRun {
  let confirming: Promise<NonNullable<Draft['confirmation']>> | undefined;
  let scheduled = false;
  const schedule = deps.scheduleVerification ?? sqsVerification(deps.settings.verifyQueueUrl);
  const request = (plan: ChangePlan, resource: Target) => ({
    recordId: draft.recordId,
    alarmName: observed.name,
    alarmArn: observed.arn,
    system: deps.settings.system,
    family: deps.settings.family,
    alertKind: draft.resolved?.kind.id,
    severity: draft.resolved?.kind.severity,
    appliedAt: (deps.now ?? (() => new Date()))().toISOString(),
    summary: plan.summary.slice(0, 2000),
    resourceKey: resource.key,
    deadline: deadline.toISOString(),
    ...maintenanceWindowsOf(deps.settings, [resource.key, draft.resolved?.target.key ?? resource.key], draft.resolved?.kind.severity),
  });
  return {
    recordId: draft.recordId,
    deadline,
    settles: last.settles,
    propose,
    ...(reader ? { context: (resource: Target) => reader.of(resource) } : {}),
    // Once per run, like the re-check of an apply: the verifier escalates if the alarm outlasts what held it.
    async scheduleRecheck(plan, resource, hold) {
      if (draft.verification) return draft.verification;
      draft.verification = await schedule({ ...request(plan, resource), hold: hold.reason.slice(0, 2000) }, hold.recheckAfterMinutes ?? deps.settings.guardrails.verifyAfterMinutes);
      return draft.verification;
    },
    confirm: () => (confirming ??= (deps.confirm ?? confirmBreach)(observed, calls).then((c) => (draft.confirmation = c))),
    async beforeApply(plan, resource) {
      last.applying = { alarm: draft.alarm, alertKind: draft.resolved?.kind.id };
      if (scheduled) return;
      scheduled = true;
      const { settings } = deps;
      draft.verification = await schedule(request(plan, resource), settings.guardrails.verifyAfterMinutes);
    },
  };
}

/**
 * The windows of the resources acted on and alarmed, for the verifier: a re-check that falls in one
 * does not escalate. None for a severity that still pages inside a window (P0 by default), so its
 * re-check escalates as it would anywhere: a window never silences a page the configuration keeps.
 */
function maintenanceWindowsOf(settings: ResponderSettings, keys: readonly string[], severity: Severity | undefined): { maintenanceWindows?: unknown } {
  const pages = settings.maintenance?.escalate ?? DEFAULT_MAINTENANCE_ESCALATION;
  if (severity === undefined || pages.includes(severity)) return {};
  const windows = windowsFor(settings.maintenance, keys);
  return windows.length > 0 ? { maintenanceWindows: windows } : {};
}
