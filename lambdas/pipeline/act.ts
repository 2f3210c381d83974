import { REMEDIATIONS, actsOnTargets, type RemediationId, type Target } from '../../lib/catalogue';
import type { Incident } from '../core/alarm';
import type { ModeDecision } from '../core/mode';
import type { ActionRecord, BreachConfirmation, Mode, ReasonCode, VerificationScheduled } from '../core/record';
import type { AnyRemediation, AwsCallRecord, ChangePlan, Plan } from '../core/remediation';
import type { ResolvedAlarm } from '../core/resolved';
import { applyChange } from '../core/run';
import { describeError } from '../runtime/aws-call';
import type { ResponderSettings } from '../runtime/settings';
import type { ActingOn, Guard, RunLadder } from '../guardrails/guard';
import { decideLevel, type LevelDecision } from '../guardrails/ladder';
import type { Propose } from './propose';
import type { TargetContext } from '../context';
import { firstHold, type Hold } from '../context/holds';
import { describeWindow, maintenanceHold } from '../context/maintenance-hold';
import { preferRevert } from '../context/revert';
import { NO_CONTEXT, type MaintenanceFound } from '../core/context';

export type RemediationSet = Readonly<Partial<Record<RemediationId, AnyRemediation>>>;

/** An action, plus whether people must hear of it. */
export interface ActionOutcome {
  readonly record: ActionRecord;
  readonly code: ReasonCode;
  readonly needsEscalation: boolean;
  /** The maintenance window the resource was in (the record's context names it). */
  readonly maintenance?: MaintenanceFound;
}

/** What the run brings to each action: its record and deadline, the lazy checks before the first apply, and its releases. */
export interface ActRun {
  readonly recordId: string;
  readonly deadline: Date;
  /** Confirms the breach from metric data: asked once, before the first change is admitted. */
  readonly confirm: () => Promise<BreachConfirmation>;
  /** Called just before each apply (the first schedules the re-check). */
  readonly beforeApply: (plan: ChangePlan, resource: Target) => Promise<void>;
  /** Each admission's release, made once the record is final, with the other last writes. */
  readonly settles: Array<() => Promise<void>>;
  /**
   * Holds a plan for a person's approval (stores it, sends the approval request): called where
   * the decision is `propose`. Absent where no approver is configured: the plan is escalated.
   */
  readonly propose?: Propose;
  /** What surrounds a resource (lambdas/context), read once per resource within the context budget. @default none read: no hold */
  readonly context?: (resource: Target) => Promise<TargetContext>;
  /** Schedules the re-check of an action held for what surrounds it; says whether it was scheduled. */
  readonly scheduleRecheck?: (plan: ChangePlan, resource: Target, hold: Hold) => Promise<VerificationScheduled>;
}

export interface ActArgs {
  readonly run: ActRun;
  readonly resolved: ResolvedAlarm;
  readonly incident: Incident;
  readonly mode: Mode;
  /** The kill switch stops every mutation: each plan is refused before the guards, and people told. */
  readonly halt?: ModeDecision['halt'];
  readonly settings: ResponderSettings;
  readonly remediations: RemediationSet;
  readonly guard: Guard;
  readonly calls: AwsCallRecord[];
  readonly now: () => Date;
}

/** What the record shows of a level decision: the level and why, the fix score, the brake's history. */
function levelFields(d: LevelDecision): Partial<ActionRecord> {
  return { level: { level: d.level, why: d.why }, ...(d.fixScore ? { fixScore: d.fixScore } : {}), ...(d.recurrence ? { recurrence: d.recurrence } : {}) };
}

function record(plan: Plan, targetKey: string, decision: ActionRecord['decision'], reason: string, extra: Partial<ActionRecord> = {}): ActionRecord {
  return {
    remediation: plan.remediation,
    targetKey,
    resource: plan.resource,
    decision,
    reason,
    guarded: REMEDIATIONS[plan.remediation].guarded,
    before: plan.before,
    ...(plan.kind === 'change' ? { plan: { summary: plan.summary, after: plan.after, params: plan.params } } : {}),
    ...extra,
  };
}

/** Plans the candidates in order on one resource: the first that fits decides. */
async function planOn(resource: Target, acting: RemediationId, args: ActArgs): Promise<Plan | { failed: RemediationId; error: string }> {
  let last: Plan | undefined;
  for (const id of args.resolved.candidates) {
    if (!actsOnTargets(id, args.resolved.target).some((t) => t.key === resource.key)) continue;
    const remediation = args.remediations[id];
    if (!remediation) return { failed: id, error: `remediation ${id} is not part of this responder` };
    try {
      last = await remediation.plan({ ...args.incident, target: resource, now: args.now, calls: args.calls });
    } catch (err) {
      return { failed: id, error: describeError(err) };
    }
    if (last.kind === 'change' || !last.notApplicable) return last;
  }
  return last ?? { failed: acting, error: 'no remediation applies' };
}

/** A held action: planned, and re-checked later where the hold says when; if the re-check cannot be scheduled, people are told now. */
async function held(plan: ChangePlan, resource: Target, hold: Hold, args: ActArgs): Promise<ActionOutcome> {
  const scheduled = hold.recheckAfterMinutes === undefined ? undefined : await args.run.scheduleRecheck?.(plan, resource, hold);
  const unscheduled = scheduled !== undefined && !scheduled.scheduled;
  const reason = unscheduled ? `${hold.reason} (the re-check could not be scheduled: ${scheduled.error ?? 'unknown error'}; people told now)` : hold.reason;
  return { record: record(plan, resource.key, 'planned', reason), code: hold.code, needsEscalation: hold.escalate || unscheduled, ...(hold.maintenance ? { maintenance: hold.maintenance } : {}) };
}

/**
 * Below `auto`: `observe` plans and records, and people are told as for any unhandled alarm;
 * `propose` holds the plan for a person's approval where approvers are configured (escalated as
 * before only where it could not be stored or the request not sent), else escalates it.
 */
async function heldBack(plan: ChangePlan, resource: Target, decision: LevelDecision, args: ActArgs, note: string): Promise<ActionOutcome> {
  const fields = levelFields(decision);
  const planned = (reason: string, needsEscalation: boolean, extra: Partial<ActionRecord> = {}): ActionOutcome => ({
    record: record(plan, resource.key, 'planned', reason + note, { ...fields, ...extra }),
    code: decision.unavailable ? 'state-unavailable' : decision.level === 'observe' ? 'observe' : 'propose',
    needsEscalation,
  });
  if (decision.unavailable) return planned(decision.why, true);
  const why = `${decision.level}: ${decision.why}: ${plan.summary}`;
  if (decision.level === 'observe' || !args.run.propose) return planned(why, true);
  try {
    const proposal = await args.run.propose(plan, resource, { level: decision.level, why: decision.why });
    const sent = proposal.stored && proposal.request?.published === true;
    const reason = sent ? `${why}: proposed for approval as ${proposal.id}, until ${proposal.expiresAt}` : `${why}; not proposed: ${proposal.error ?? 'unknown error'}`;
    return planned(reason, !sent, { proposal });
  } catch (err) {
    return planned(`${why}; not proposed: the proposal could not be stored (${describeError(err)}): escalated with the plan`, true);
  }
}

/** The window open now on the resource acted on, the alarmed one, their system or the deployment. */
const windowOn = (resource: Target, args: ActArgs): MaintenanceFound | undefined =>
  maintenanceHold(args.settings.maintenance, [resource.key, args.resolved.target.key], args.resolved.kind.severity, args.now());

async function applyPlan(offered: ChangePlan, resource: Target, args: ActArgs, ladder: RunLadder): Promise<ActionOutcome> {
  let plan = offered;
  let note = '';
  const planned = (reason: string, code: ReasonCode, needsEscalation: boolean, extra: Partial<ActionRecord> = {}): ActionOutcome => ({ record: record(plan, resource.key, 'planned', reason + note, extra), code, needsEscalation });
  if (args.mode === 'dry-run') {
    const window = windowOn(resource, args);
    return window ? { ...planned(`dry run: ${plan.summary}; would not apply: inside ${describeWindow(window)}`, 'dry-run', false), maintenance: window } : planned(`dry run: ${plan.summary}`, 'dry-run', false);
  }
  if (args.halt) return planned(args.halt.reason, 'kill-switch', true);
  // Context, then the level, then guards, then apply.
  // Not read (no reader: the CLI, tests of other concerns): holds that need no reads still apply.
  const context = args.run.context ? (await args.run.context(resource)).record : NO_CONTEXT;
  // The holds in order (lambdas/context/holds.ts): a maintenance window, then a deployment in progress.
  const hold = firstHold({ context, resource, settings: args.settings, now: args.now(), severity: args.resolved.kind.severity, alarmed: args.resolved.target.key });
  if (hold) return held(plan, resource, hold, args);
  const choice = preferRevert(plan, resource, context, args.settings.context.allowRevert);
  plan = choice.plan;
  if (choice.note) note = ` (${choice.note})`;
  // The ladder: the lowest of the configured level, the severity's cap, the plan's atMost, the brake and the score.
  const level = await ladder.level({ plan, resource, settings: args.settings, now: args.now(), severity: args.resolved.kind.severity });
  if (level.level !== 'auto') return heldBack(plan, resource, level, args, note);
  const fields = levelFields(level);
  const confirmation = await args.run.confirm();
  if (confirmation.confirmed === false) return planned(`unconfirmed: ${confirmation.reason}`, 'unconfirmed', true, fields);
  const admission = await args.guard.admit({
    plan,
    resource,
    settings: args.settings,
    now: args.now(),
    run: { recordId: args.run.recordId, deadline: args.run.deadline },
    severity: args.resolved.kind.severity,
    cooldownKey: plan.remediation,
    level,
  });
  if (!admission.ok) {
    if (admission.release) args.run.settles.push(admission.release);
    return planned(admission.reason, admission.code, admission.escalate, fields);
  }
  const remediation = args.remediations[plan.remediation];
  const mark = args.calls.length;
  try {
    if (!remediation) throw new Error(`remediation ${plan.remediation} is not part of this responder`);
    await args.run.beforeApply(plan, resource);
    const result = await applyChange(remediation, plan, { ...args.incident, target: resource, now: args.now, calls: args.calls });
    args.run.settles.push(() => admission.done(true));
    return { record: record(plan, resource.key, 'applied', result.summary + note, { after: result.after, ...fields }), code: 'applied', needsEscalation: false };
  } catch (err) {
    // A mutating call that succeeded before the failure changed the resource: its cooldown stays.
    const changed = args.calls.slice(mark).some((c) => c.mutating && c.ok);
    args.run.settles.push(() => admission.done(changed));
    return { record: record(plan, resource.key, 'failed', `apply failed: ${describeError(err)}`, fields), code: 'apply-failed', needsEscalation: true };
  }
}

/** The ladder without history: configured levels, severity caps and the plan's own bound (a guard without a ladder). */
const configuredLadder: RunLadder = { level: async (input) => decideLevel(input) };

/** Each candidate remediation with each resource it would change. */
function actingOn(resolved: ResolvedAlarm): ActingOn[] {
  return resolved.candidates.flatMap((remediation) => actsOnTargets(remediation, resolved.target).map((resource) => ({ remediation, resource })));
}

/** Plans, guards and (when enforcing) applies the alarm's remediation on every resource it acts on. */
export async function act(args: ActArgs): Promise<ActionOutcome[]> {
  const [acting] = args.resolved.candidates;
  if (!acting) return [];
  // Guards that read state (the circuit breaker's window) read it now, while the plans are made.
  const enforcing = args.mode === 'enforce' && !args.halt;
  if (enforcing) args.guard.prepare?.(args.now());
  const resources = actsOnTargets(acting, args.resolved.target);
  // The ladder reads the history of every candidate on every resource it may change, while the plans are made.
  const ladder = enforcing && args.guard.ladder ? args.guard.ladder(actingOn(args.resolved)) : configuredLadder;
  const outcomes: ActionOutcome[] = [];
  for (const resource of resources) {
    const plan = await planOn(resource, acting, args);
    if ('failed' in plan) {
      const failed: ActionRecord = { remediation: plan.failed, targetKey: resource.key, resource: resource.key, decision: 'failed', reason: `plan failed: ${plan.error}`, guarded: false, before: {} };
      outcomes.push({ record: failed, code: 'plan-failed', needsEscalation: true });
    } else if (plan.kind === 'no-op') {
      // Nothing safe to do while the alarm fires: people must know (in enforce mode), inside a window only as its severity's rule says.
      const window = windowOn(resource, args);
      const reason = window ? `${plan.reason}; inside ${describeWindow(window)}` : plan.reason;
      outcomes.push({ record: record(plan, resource.key, 'skipped', reason), code: 'no-op', needsEscalation: window?.escalates ?? true, ...(window ? { maintenance: window } : {}) });
    } else {
      outcomes.push(await applyPlan(plan, resource, args, ladder));
    }
  }
  return outcomes;
}
