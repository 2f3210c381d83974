import { REMEDIATIONS, actsOnTargets, type RemediationId, type Target } from '../../lib/catalogue';
import type { Incident } from '../core/alarm';
import type { ModeDecision } from '../core/mode';
import type { ActionRecord, Mode, ReasonCode } from '../core/record';
import type { AnyRemediation, AwsCallRecord, ChangePlan, Plan } from '../core/remediation';
import type { ResolvedAlarm } from '../core/resolved';
import { applyChange } from '../core/run';
import { describeError } from '../runtime/aws-call';
import type { ResponderSettings } from '../runtime/settings';
import type { Guard } from '../guardrails/guard';

export type RemediationSet = Readonly<Partial<Record<RemediationId, AnyRemediation>>>;

/** An action, plus whether people must hear of it. */
export interface ActionOutcome {
  readonly record: ActionRecord;
  readonly code: ReasonCode;
  readonly needsEscalation: boolean;
}

interface ActArgs {
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

async function applyPlan(plan: ChangePlan, resource: Target, args: ActArgs): Promise<ActionOutcome> {
  if (args.mode === 'dry-run') return { record: record(plan, resource.key, 'planned', `dry run: ${plan.summary}`), code: 'dry-run', needsEscalation: false };
  if (args.halt) return { record: record(plan, resource.key, 'planned', args.halt.reason), code: 'kill-switch', needsEscalation: true };
  const admission = await args.guard.admit({ plan, resolved: args.resolved, resource, alarm: args.incident.alarm, settings: args.settings, now: args.now() });
  if (!admission.ok) return { record: record(plan, resource.key, 'planned', admission.reason), code: admission.code, needsEscalation: admission.escalate };
  const remediation = args.remediations[plan.remediation];
  try {
    if (!remediation) throw new Error(`remediation ${plan.remediation} is not part of this responder`);
    const result = await applyChange(remediation, plan, { ...args.incident, target: resource, now: args.now, calls: args.calls });
    await admission.done(true);
    return { record: record(plan, resource.key, 'applied', result.summary, { after: result.after }), code: 'applied', needsEscalation: false };
  } catch (err) {
    await admission.done(false);
    return { record: record(plan, resource.key, 'failed', `apply failed: ${describeError(err)}`), code: 'apply-failed', needsEscalation: true };
  }
}

/** Plans, guards and (when enforcing) applies the alarm's remediation on every resource it acts on. */
export async function act(args: ActArgs): Promise<ActionOutcome[]> {
  const [acting] = args.resolved.candidates;
  if (!acting) return [];
  const resources = actsOnTargets(acting, args.resolved.target);
  const outcomes: ActionOutcome[] = [];
  for (const resource of resources) {
    const plan = await planOn(resource, acting, args);
    if ('failed' in plan) {
      const failed: ActionRecord = { remediation: plan.failed, targetKey: resource.key, resource: resource.key, decision: 'failed', reason: `plan failed: ${plan.error}`, guarded: false, before: {} };
      outcomes.push({ record: failed, code: 'plan-failed', needsEscalation: true });
    } else if (plan.kind === 'no-op') {
      // Nothing safe to do while the alarm fires: people must know (in enforce mode).
      outcomes.push({ record: record(plan, resource.key, 'skipped', plan.reason), code: 'no-op', needsEscalation: true });
    } else {
      outcomes.push(await applyPlan(plan, resource, args));
    }
  }
  return outcomes;
}
